"""A worker's day: the queue, an item, notes, themes, bulk actions, publishing, CSV; all escaped."""

from __future__ import annotations

import csv
import io

from content.feedback.records import Record, RecordStore
from tests.web.staff.conftest import soup_of, token
from web.content_access import content

XSS = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def add(app, **kw) -> int:
    with app.app_context():
        return RecordStore(content().sessions).add(Record(**{"area": "nottingham", "channel": "site", **kw}))


def publish_confirmed(client, data: dict):
    """Preview, check what it says, then "Publish now", as a worker does."""
    preview = client.post("/staff/publish", data={**data, "preview": "1"})
    assert preview.status_code == 200, soup_of(preview).select(".error-message")
    seen = soup_of(preview).select_one("#preview input[name=previewed]")["value"]
    return client.post("/staff/publish", data={**data, "confirm": "1", "previewed": seen})


def test_safeguarding_comes_first_and_is_handled_with_a_note(staff_app, worker):
    sg = add(staff_app, kind="safeguarding", risk_kind="nowhere-to-sleep", channel="telegram")
    add(staff_app, kind="feedback", text="the app is great")
    soup = soup_of(worker.get("/staff/"))
    sections = soup.select("main > section, main > h2")
    assert sections[0]["class"] == ["safeguarding"]
    assert "not watched around the clock" in sections[0].get_text()
    assert "Nowhere to sleep" in sections[0].get_text()
    t = token(worker, f"/staff/items/{sg}")
    worker.post(f"/staff/items/{sg}/handled", data={"csrf_token": t, "note": ""})
    assert "Say what was done" in soup_of(worker.get(f"/staff/items/{sg}")).get_text()
    worker.post(f"/staff/items/{sg}/handled", data={"csrf_token": t, "note": "Shared with the duty team"})
    assert "None open." in soup_of(worker.get("/staff/")).get_text()


def test_filters(staff_app, worker):
    add(staff_app, kind="feedback", text="more money for bus fares please")
    add(staff_app, kind="feedback", text="my pa never calls back", area="nottinghamshire")
    add(staff_app, kind="unanswered", text="who won the match", channel="telegram")
    rows = lambda q: soup_of(worker.get("/staff/?" + q)).select("table.queue tbody tr")  # noqa: E731
    assert len(rows("")) == 3
    assert len(rows("area=nottinghamshire")) == 1
    assert len(rows("theme=money")) == 1
    assert len(rows("kind=unanswered")) == 1
    assert len(rows("channel=telegram")) == 1
    assert len(rows("status=new")) == 3
    assert len(rows("from=2000-01-01&to=2000-01-02")) == 0
    assert len(rows("theme=<script>&area=' OR 1=1 --&page=-5&from=notadate")) == 3  # bad filters are ignored


def test_one_form_sets_status_theme_note_and_wants_contact_then_goes_to_the_next_item(staff_app, worker, admin):
    older = add(staff_app, kind="feedback", text="older message about the bus")
    item = add(staff_app, kind="feedback", text="the gym offer is brilliant")
    t = token(worker, f"/staff/items/{item}")
    saved = worker.post(f"/staff/items/{item}", data={"csrf_token": t, "status": "in-review", "theme": "health",
                                                      "note": "Ask leisure team for numbers", "wants_contact": "y",
                                                      "next": "1"})
    assert saved.headers["Location"].endswith(f"/staff/items/{older}?from={item}")  # the next new one, older
    soup = soup_of(worker.get(f"/staff/items/{item}"))
    text = soup.get_text()
    assert "In review" in text and "Health and wellbeing" in text and "Ask leisure team for numbers" in text
    assert soup.select_one("#wants_contact").has_attr("checked")
    row = next(r for r in soup_of(worker.get("/staff/")).select("table.queue tbody tr") if "gym offer" in r.get_text())
    assert row.select_one(".tag-contact").get_text() == "Wants contact"
    bad = worker.post(f"/staff/items/{item}", data={"csrf_token": t, "status": "bogus", "theme": "health",
                                                    "note": "kept words"})
    assert bad.status_code == 400
    page = soup_of(bad)
    assert page.select_one("#status-error") and page.select_one("#note").text.strip() == "kept words"
    assert "kept words" not in soup_of(worker.get(f"/staff/items/{item}")).select_one("main").get_text().split(
        "Notes")[-1]  # nothing saved
    audit = soup_of(admin.get("/staff/audit")).get_text()
    for action in ("item.status", "item.theme", "item.note", "item.wants-contact"):
        assert action in audit
    assert "worker@notts.test" in audit


def test_rows_show_names_not_ids_and_link_with_what_was_said(staff_app, worker):
    add(staff_app, kind="feedback", text="the council tax thing helped me loads thank you", area="nottinghamshire",
        topic="housing")
    add(staff_app, kind="safeguarding", risk_kind="suicide", area="nottinghamshire")
    soup = soup_of(worker.get("/staff/"))
    row = soup.select_one("table.queue tbody tr")
    cells = [c.get_text(" ", strip=True) for c in row.select("td")]
    assert row.select_one("td.said a").get_text() == "the council tax thing helped me loads thank you"
    assert "Nottinghamshire" in cells and "Feedback" in cells
    assert "They chose: Housing" in " ".join(cells)
    risk = soup.select_one("section.safeguarding tbody tr").get_text(" ", strip=True)
    assert "Thoughts of suicide" in risk and "Nottinghamshire" in risk
    assert "nottinghamshire" not in soup.select_one("main").get_text().replace("Nottinghamshire", "")


def test_bulk_actions(staff_app, worker):
    ids = [add(staff_app, kind="feedback", text=f"idea {n}") for n in range(3)]
    t = token(worker, "/staff/")
    worker.post("/staff/items/bulk", data={"csrf_token": t, "ids": ids[:2], "action": "dismissed"})
    assert len(soup_of(worker.get("/staff/?status=dismissed")).select("table.queue tbody tr")) == 2


def test_publish_you_said_we_did_to_the_site_and_the_bot(staff_app, worker):
    ids = [add(staff_app, kind="feedback", text="bus fares to college are too much"),
           add(staff_app, kind="feedback", text="travel costs are a problem")]
    t = token(worker, "/staff/")
    response = worker.post("/staff/items/bulk", data={"csrf_token": t, "ids": ids, "action": "publish"})
    form_page = worker.get(response.headers["Location"])
    assert "It answers these 2 item(s)" in form_page.get_data(as_text=True)
    bad = worker.post("/staff/publish", data={"csrf_token": t, "area": "nottingham", "theme": "money",
                                              "you_said": "", "we_did": "We did a thing", "ids": ids})
    assert bad.status_code == 400
    assert soup_of(bad).select_one("#we_did").text == "We did a thing"  # what was typed is kept
    data = {"csrf_token": t, "area": "nottingham", "theme": "money",
            "you_said": "Travel to college costs too much.", "we_did": "Bus passes now come with your college place.",
            "you_said_ar": "أجرة الحافلة إلى الكلية غالية.", "we_did_ar": "أصبحت بطاقة الحافلة مع مكانك في الكلية.",
            "ids": ids}
    preview = soup_of(worker.post("/staff/publish", data={**data, "preview": "1"})).select_one("#preview")
    said = " ".join(preview.get_text(" ").split())
    assert "goes public on Nottingham's “You said, we did” page and closes 2 items ." in said
    assert "Bus passes now come with your college place." not in soup_of(
        worker.get("/nottingham/you-said-we-did")).get_text()  # a preview publishes nothing
    seen = preview.select_one("input[name=previewed]")["value"]
    changed = worker.post("/staff/publish", data={**data, "we_did": "Changed after the preview.", "confirm": "1",
                                                  "previewed": seen})
    assert "You changed something since the last preview" in soup_of(changed).get_text()
    good = worker.post("/staff/publish", data={**data, "confirm": "1", "previewed": seen})
    assert good.status_code == 302 and good.headers["Location"].endswith("/staff/")  # back to the dashboard
    assert "2 item(s) closed" in soup_of(worker.get("/staff/")).select_one(".flash").get_text()
    arabic = soup_of(worker.get("/nottingham/you-said-we-did?lang=ar"))
    assert "أصبحت بطاقة الحافلة مع مكانك في الكلية." in arabic.get_text()
    farsi = soup_of(worker.get("/nottingham/you-said-we-did?lang=fa"))
    assert farsi.select_one(".ysd p[lang=en]").text == "Travel to college costs too much."
    worker.get("/nottingham/you-said-we-did?lang=en")
    public = soup_of(worker.get("/nottingham/you-said-we-did"))
    assert public.select_one("section.ysd-theme h2").text == "Money"
    assert "Bus passes now come with your college place." in public.get_text()
    assert len(soup_of(worker.get("/staff/?status=published")).select("table.queue tbody tr")) == 2
    letter = soup_of(worker.get("/nottingham/you-said-we-did/print"))
    assert letter.h1.text == "You said, we did" and not letter.select("nav, header, script")
    assert "Bus passes now come with your college place." in letter.get_text()
    # The bot answers "what have you changed?" with it.
    from bot.conversation import Conversation
    from web.content_access import chat_engine

    with staff_app.app_context():
        reply = chat_engine().respond(Conversation(area="nottingham"), "what have you changed?")
    assert "Bus passes now come with your college place." in reply.text


def test_hostile_feedback_is_escaped_everywhere(staff_app, worker):
    item = add(staff_app, kind="feedback", text=XSS + " =HYPERLINK(\"http://evil\")")
    for path in ("/staff/", f"/staff/items/{item}"):
        html = worker.get(path).get_data(as_text=True)
        assert "<script>alert" not in html and "<img src=x" not in html
    rows = list(csv.reader(io.StringIO(worker.get("/staff/export.csv").get_data(as_text=True))))
    assert rows[0][0] == "id"
    formula = add(staff_app, kind="feedback", text='=cmd|"/c calc"!A1')
    rows = list(csv.reader(io.StringIO(worker.get("/staff/export.csv").get_data(as_text=True))))
    texts = {r[0]: r[-1] for r in rows[1:]}
    assert texts[str(formula)].startswith("'=")
    t = token(worker, "/staff/")
    publish_confirmed(worker, {"csrf_token": t, "area": "nottingham", "theme": "other",
                                        "you_said": XSS, "we_did": XSS})
    html = worker.get("/nottingham/you-said-we-did").get_data(as_text=True)
    assert "<script>alert" not in html and "&lt;script&gt;" in html


def test_unanswered_are_grouped_and_teaching_works_at_once(staff_app, worker):
    from bot.conversation import Conversation
    from web.content_access import chat_engine

    question = "can i get help paying for a driving test"
    with staff_app.app_context():
        before = chat_engine().classify("nottingham", question)
    assert before.slug is None
    ids = [add(staff_app, kind="unanswered", text=t, channel="telegram") for t in
           ("can i get help paying for driving lessons", "help paying for my driving lessons?",
            "who won the football")]
    soup = soup_of(worker.get("/staff/unanswered"))
    headings = [h.get_text(" ", strip=True) for h in soup.select("section.qgroup h2")]
    assert headings[0].startswith("2 ×")
    t = token(worker, "/staff/unanswered")
    worker.post("/staff/unanswered/teach", data={"csrf_token": t, "ids": ids[:2], "offer": "interview-travel-costs",
                                                 "text": question})
    with staff_app.app_context():
        after = chat_engine().respond(Conversation(area="nottingham"), question)
    assert after.offers == ["interview-travel-costs"]  # learned without a content load
    worker.post("/staff/unanswered/gap", data={"csrf_token": t, "ids": ids[2:]})
    assert "No unanswered questions waiting." in soup_of(worker.get("/staff/unanswered")).get_text()
    assert len(soup_of(worker.get("/staff/?status=content-gap")).select("table.queue tbody tr")) == 1


def test_insights_draw_charts_without_scripts(staff_app, worker):
    add(staff_app, kind="feedback", text="more money for bus fares " + XSS)
    add(staff_app, kind="helpful", offer_slug="staying-put", helpful=True)
    add(staff_app, kind="helpful", offer_slug="staying-put", helpful=False)
    add(staff_app, kind="unanswered", text=XSS)
    response = worker.get("/staff/insights")
    soup = soup_of(response)
    charts = soup.select("svg.chart")
    assert len(charts) == 2
    assert "Money" in charts[0].get_text()
    assert "50% of 2" in charts[1].get_text()
    assert not soup.select("script")
    assert "<script>alert" not in response.get_data(as_text=True)


def test_saved_answers_make_publishing_quicker(staff_app, worker):
    first = add(staff_app, kind="feedback", text="bus fares")
    t = token(worker, "/staff/")
    publish_confirmed(worker, {"csrf_token": t, "area": "nottingham", "theme": "money",
                               "you_said": "Bus fares cost too much.", "we_did": "We added bus passes.",
                               "ids": [first], "template_name": "Bus passes"})
    page = soup_of(worker.get("/staff/publish"))
    link = page.select_one("details.templates a")
    assert link.text == "Bus passes"
    prefilled = soup_of(worker.get(link["href"]))
    assert prefilled.select_one("#we_did").text == "We added bus passes."
    again = worker.post("/staff/publish", data={"csrf_token": t, "area": "nottingham", "theme": "money",
                                                "you_said": "x", "we_did": "y", "template_name": "Bus passes"})
    assert again.status_code == 400
    assert "already a saved answer" in soup_of(again).select_one("#template_name-error").text


def test_publishing_refuses_a_safeguarding_event(staff_app, worker):
    sg = add(staff_app, kind="safeguarding", risk_kind="suicide", channel="telegram")
    fb = add(staff_app, kind="feedback", text="more help at night please")
    t = token(worker, "/staff/")
    form = {"csrf_token": t, "area": "nottingham", "theme": "money", "you_said": "More help at night.",
            "we_did": "Done.", "ids": [sg, fb]}
    refused = worker.post("/staff/publish", data=form)
    assert refused.status_code == 400
    assert "Safeguarding events cannot be published" in soup_of(refused).get_text()
    with staff_app.app_context(), content().sessions() as session:
        from content.feedback.tables import FeedbackItemRow

        assert session.get(FeedbackItemRow, sg).status == "new"  # still open for the safeguarding procedure
        assert session.get(FeedbackItemRow, fb).status != "published"


def test_a_message_left_in_the_chat_with_a_way_to_reach_them_shows_wants_contact(staff_app, worker):
    with_contact = add(staff_app, kind="talk-to-person", text="please call me about my flat", chat_ref="c1")
    add(staff_app, kind="talk-to-person", text="just letting you know", chat_ref="c2")
    with staff_app.app_context():
        assert RecordStore(content().sessions).add_contact(with_contact, "c1", "07700 900123")
    rows = soup_of(worker.get("/staff/")).select("table.queue tbody tr")
    tagged = [r for r in rows if r.select_one("strong.tag-contact")]
    assert len(rows) == 2 and len(tagged) == 1
    assert tagged[0].select_one("strong.tag-contact").get_text() == "Wants contact"
    assert "please call me" in tagged[0].get_text()
    assert "07700900123" in soup_of(worker.get(f"/staff/items/{with_contact}")).get_text()


def test_needs_checking_lists_offers_that_may_have_ended(worker):
    soup = soup_of(worker.get("/staff/needs-checking"))
    rows = {tr.select_one("th a").get_text(strip=True): tr.get_text(" ", strip=True)
            for tr in soup.select("#stale tbody tr")}
    care_2_work = next(text for title, text in rows.items() if title.startswith("Care 2 Work"))
    assert "may have ended: its source says it ran until 2023" in care_2_work
    assert "Partnership Strategy report to committee" in care_2_work


def test_insights_filter_by_area_with_titles_and_month_names(staff_app, worker):
    add(staff_app, kind="helpful", offer_slug="staying-put", helpful=True)
    add(staff_app, kind="feedback", text="county bus fares", area="nottinghamshire")
    soup = soup_of(worker.get("/staff/insights?area=nottingham"))
    assert soup.h1.get_text() == "Insights: Nottingham"
    assert "Staying Put with your foster carer after 18" in soup.select("svg.chart")[-1].get_text()
    assert "staying-put" not in soup.select_one("main").get_text()
    months = [th.get_text() for th in soup.select("table thead th")[1:]]
    assert months == [] or all(len(m.split()) == 2 and m.split()[0].isalpha() for m in months)
    assert not soup.select("svg.chart") or "Money" not in soup.select("svg.chart")[0].get_text()
    everywhere = soup_of(worker.get("/staff/insights"))
    assert [th.get_text() for th in everywhere.select("table thead th")[1:]][-1].split()[0].isalpha()  # "Nov 2026"


def test_teach_the_bot_suggests_likely_offers_first_with_nothing_chosen_and_counts_none_of_these(staff_app, worker):
    ids = [add(staff_app, kind="unanswered", text="can i stay living with my foster family after i turn 18")]
    soup = soup_of(worker.get("/staff/unanswered"))
    select = soup.select_one("section.qgroup select[name=offer]")
    first = select.select_one("option")
    assert first["value"] == "" and first.has_attr("selected")
    likeliest = [o.get_text() for o in select.select("optgroup[label=Likeliest] option")]
    assert likeliest[0] == "Staying Put with your foster carer after 18"
    t = token(worker, "/staff/unanswered")
    worker.post("/staff/unanswered/teach", data={"csrf_token": t, "ids": ids, "offer": "none-of-these",
                                                 "text": "can i stay living with my foster family"})
    assert "No unanswered questions waiting." in soup_of(worker.get("/staff/unanswered")).get_text()
    assert soup_of(worker.get("/staff/insights")).select_one("#none-fit strong").get_text() == "1"

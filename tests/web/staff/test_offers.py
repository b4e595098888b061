"""Workers change offers in the dashboard: a draft from a content gap, a colleague's review and publish,
history and restore, translations checked, errors next to the fields, and per-area access."""

from __future__ import annotations

import re

import pytest

from content.accounts.staff import create_staff
from tests.web.staff.conftest import sign_in, soup_of, token
from tests.web.staff.test_review import add
from web.content_access import content

REVIEWER = ("ray@notts.test", "a long reviewer password")
CITY = ("cal@notts.test", "a long city worker password")
OFFER = "/staff/offers/nottingham/staying-put"
NEW_SUMMARY = "Staying Put lets you live with your foster carer after 18, usually until you are 21."


@pytest.fixture
def reviewer(staff_app):
    with staff_app.app_context(), content().sessions() as s:
        create_staff(s, REVIEWER[0], "Ray Reviewer", REVIEWER[1], "worker", areas=["nottingham"])
        create_staff(s, CITY[0], "Cal County", CITY[1], "worker", areas=["nottinghamshire"])
        s.commit()
    client = staff_app.test_client()
    sign_in(client, REVIEWER)
    return client


def start(client, path=OFFER, action="edit", **extra) -> str:
    """Start a draft from the offer's page; returns the draft's edit URL."""
    response = client.post(path + "/draft", data={"csrf_token": token(client, path), "action": action, **extra})
    assert response.status_code == 302, response.get_data(as_text=True)[:300]
    return response.headers["Location"]


def form_values(client, url) -> dict:
    """What the edit form holds now, as a browser would send it back."""
    soup = soup_of(client.get(url))
    form = soup.select_one("form.offer-form")
    data: dict = {}
    for field in form.select("input, textarea, select"):
        name = field.get("name")
        if not name:
            continue
        if field.name == "textarea":
            data[name] = field.text
        elif field.name == "select":
            chosen = field.select_one("option[selected]") or field.select_one("option")
            data[name] = chosen["value"]
        elif field.get("type") == "checkbox":
            if field.has_attr("checked"):
                data.setdefault(name, []).append(field["value"])
        else:
            data[name] = field.get("value", "")
    return data


def test_a_content_gap_becomes_a_change_that_a_colleague_publishes(staff_app, worker, reviewer):
    gap = add(staff_app, kind="unanswered", text="can i stay with my foster carer when im 18")
    offers_page = soup_of(worker.get(f"/staff/offers?gap={gap}"))
    assert "Drafting a change for 1 unanswered question" in offers_page.select_one("#gap-banner").text
    edit_url = start(worker, gap=str(gap))
    data = {**form_values(worker, edit_url), "summary": NEW_SUMMARY, "reason": "Clearer summary", "submit": "1"}
    sent = worker.post(edit_url, data=data)
    assert sent.status_code == 302
    review_url = sent.headers["Location"]
    own = soup_of(worker.get(review_url))
    assert not own.select("form[action$='/publish']")  # the author cannot approve their own change
    assert worker.post(review_url.replace("/review", "/publish"),
                       data={"csrf_token": token(worker, review_url)}).status_code == 302
    assert NEW_SUMMARY not in soup_of(worker.get("/nottingham/offers/staying-put")).get_text()

    page = soup_of(reviewer.get(review_url))
    assert page.title.get_text().startswith("Review: Staying Put with your foster carer after 18 – Staff")
    added = [t.get_text() for t in page.select("#diff ins")]
    removed = [t.get_text() for t in page.select("#diff del")]
    assert any(NEW_SUMMARY in text for text in added)
    assert any("For most young people it ends on or before their 21st birthday." in text for text in removed)
    assert "Clearer summary" in page.get_text()
    published = reviewer.post(review_url.replace("/review", "/publish"),
                              data={"csrf_token": token(reviewer, review_url)}, follow_redirects=True)
    done = soup_of(published)
    assert "Version 2 published" in done.get_text()
    link = done.select_one("#you-said a")["href"]
    assert f"ids={gap}" in link  # offered a "You said, we did" for the question that started it
    we_did = soup_of(reviewer.get(link)).select_one("#we_did").get_text()
    assert we_did.startswith("We changed “Staying Put with your foster carer after 18” on the site: Clearer summary")
    assert we_did.endswith("/nottingham/offers/staying-put")

    site = soup_of(worker.get("/nottingham/offers/staying-put"))
    assert site.select_one("p.lead").get_text(strip=True) == NEW_SUMMARY
    api = worker.get("/api/v1/areas/nottingham/offers/staying-put").get_json()
    assert api["summary"] == NEW_SUMMARY
    history = soup_of(worker.get(OFFER)).select("#history tbody tr")
    assert [re.sub(r"\s+", " ", r.th.get_text(strip=True)) for r in history] == ["2 (now)", "1"]
    assert "Wendy Worker" in history[0].get_text() and "Ray Reviewer" in history[0].get_text()


def test_a_bad_field_is_shown_next_to_it_with_what_was_typed_and_nothing_is_saved(staff_app, worker):
    edit_url = start(worker)
    good = form_values(worker, edit_url)
    response = worker.post(edit_url, data={**good, "min_age": "eighteen", "summary": "Changed.", "reason": "typo"})
    assert response.status_code == 400
    soup = soup_of(response)
    assert "integer" in soup.select_one("#min_age-error").text
    assert soup.select_one("#min_age")["value"] == "eighteen"
    assert soup.select_one("#summary")["value"] == "Changed."
    assert soup.select_one("#error-summary a[href='#min_age']")
    # The same words as `flask content check` for the same mistake.
    wrong_id = soup_of(worker.post(edit_url, data={**good, "who": ["care-leaver", "alien"], "reason": "typo"}))
    assert wrong_id.select_one("#who-error").text.startswith("unknown status 'alien' (one of: ")
    again = soup_of(worker.get(edit_url))
    assert again.select_one("#min_age")["value"] == "18"  # the draft kept its last good text
    assert not again.select(".error-message")


def test_restoring_an_earlier_version_goes_through_review(staff_app, worker, reviewer):
    edit_url = start(worker)
    worker.post(edit_url, data={**form_values(worker, edit_url), "summary": "A summary that was wrong.",
                                "reason": "mistake", "submit": "1"})
    review_url = edit_url + "/review"
    reviewer.post(review_url.replace("/review", "/publish"), data={"csrf_token": token(reviewer, review_url)})
    restore_url = start(worker, action="restore", number="1")
    sent = worker.post(restore_url, data={**form_values(worker, restore_url), "reason": "Back to the checked text",
                                          "submit": "1"})
    assert sent.status_code == 302
    reviewer.post(restore_url + "/publish", data={"csrf_token": token(reviewer, restore_url + "/review")})
    lead = soup_of(worker.get("/nottingham/offers/staying-put")).select_one("p.lead").get_text(strip=True)
    assert lead.startswith("Staying Put means you can keep living with your foster carer after you turn 18.")
    assert len(soup_of(worker.get(OFFER)).select("#history tbody tr")) == 3


def test_a_fluent_worker_marks_a_translation_checked(staff_app, worker):
    page = soup_of(worker.get(OFFER))
    arabic = next(r for r in page.select("#translations tbody tr") if r.th.get_text().startswith("Arabic"))
    assert "not yet checked" in arabic.get_text()
    action = arabic.select_one("form")["action"]
    worker.post(action, data={"csrf_token": token(worker, OFFER)})
    arabic = next(r for r in soup_of(worker.get(OFFER)).select("#translations tbody tr")
                  if r.th.get_text().startswith("Arabic"))
    assert "Checked by Wendy Worker" in arabic.get_text()
    assert "Translated by computer" not in soup_of(worker.get("/nottingham/offers/staying-put?lang=ar")).get_text()


def test_a_worker_of_another_area_cannot_see_or_change_the_offer_or_its_drafts(staff_app, worker, reviewer):
    edit_url = start(worker)
    county = staff_app.test_client()
    sign_in(county, CITY)
    assert county.get(OFFER).status_code == 404
    assert county.get(edit_url).status_code == 404
    assert county.get(edit_url + "/review").status_code == 404
    t = token(county, "/staff/offers")
    assert county.post(OFFER + "/draft", data={"csrf_token": t, "action": "edit"}).status_code == 404
    assert county.post(edit_url + "/publish", data={"csrf_token": t}).status_code == 404
    listed = soup_of(county.get("/staff/offers"))
    assert [h.get_text() for h in listed.select("section.area-offers h2")] == ["Nottinghamshire"]


def test_a_new_offer_is_drafted_and_published_and_an_old_one_retired(staff_app, worker, reviewer):
    t = token(worker, "/staff/offers")
    made = worker.post("/staff/offers/nottingham/new", data={"csrf_token": t, "title": "Bike repair vouchers",
                                                              "slug": "bike-repair-vouchers"})
    edit_url = made.headers["Location"]
    empty = worker.post(edit_url, data={**form_values(worker, edit_url), "reason": "asked for", "submit": "1"})
    assert empty.status_code == 400  # the same checks as a file: summary, body, steps ... are missing
    assert soup_of(empty).select_one("#summary-error")
    template = form_values(worker, start(worker))  # another offer's words, as a start for this test
    filled = {**template, "title": "Bike repair vouchers", "reason": "Young people asked for it", "submit": "1"}
    filled.pop("also_in", None)
    assert worker.post(edit_url, data=filled).status_code == 302
    reviewer.post(edit_url + "/publish", data={"csrf_token": token(reviewer, edit_url + "/review")})
    assert worker.get("/nottingham/offers/bike-repair-vouchers").status_code == 200

    retire_url = start(worker, path="/staff/offers/nottingham/bike-repair-vouchers", action="retire")
    worker.post(retire_url, data={"csrf_token": token(worker, retire_url), "reason": "Ended", "submit": "1"})
    reviewer.post(retire_url + "/publish", data={"csrf_token": token(reviewer, retire_url + "/review")})
    assert worker.get("/nottingham/offers/bike-repair-vouchers").status_code == 404
    history = soup_of(worker.get("/staff/offers/nottingham/bike-repair-vouchers")).select("#history tbody tr")
    assert "retired" in history[0].th.get_text()

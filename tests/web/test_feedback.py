"""Young people's feedback on the site: helpful yes/no, "Tell us what you think", limits and bots."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from content.feedback.records import RecordStore
from tests.conftest import loaded_sqlite
from web import create_app
from web.content_access import content


@pytest.fixture
def site(tmp_path, shipped_bundle):
    return create_app("test", {"DATABASE_URL": loaded_sqlite(tmp_path / "fb.db", shipped_bundle),
                               "WTF_CSRF_ENABLED": True})


def csrf(client, path):
    soup = BeautifulSoup(client.get(path).get_data(as_text=True), "html.parser")
    return soup.select_one("input[name=csrf_token]")["value"]


def items(app, kind):
    with app.app_context():
        return RecordStore(content().sessions).of_kind(kind)


def test_offer_page_asks_was_this_helpful(site):
    client = site.test_client()
    path = "/nottingham/offers/staying-put"
    t = csrf(client, path)
    response = client.post(path + "/helpful", data={"csrf_token": t, "helpful": "no", "comment": "call 07700 900123"})
    assert response.status_code == 303
    assert response.headers["Location"].endswith("#helpful")  # the page opens at the question ...
    page = BeautifulSoup(client.get(response.headers["Location"]).get_data(as_text=True), "html.parser")
    thanks = page.select(".flash")
    assert len(thanks) == 1 and thanks[0].text.startswith("Thank you")
    assert thanks[0].find_parent(id="helpful") is not None  # ... and the thanks is there, where the eye is
    assert page.select_one("#helpful form") is None  # in place of the buttons just pressed
    [row] = items(site, "helpful")
    assert row.helpful is False and row.offer_slug == "staying-put" and row.text == "call [phone]"
    assert row.theme == "housing"


def test_tell_us_stores_redacted_text_and_keeps_contact_apart(site):
    client = site.test_client()
    t = csrf(client, "/nottingham/feedback")
    response = client.post("/nottingham/feedback", data={
        "csrf_token": t, "message": "My name is Sam Jones, more help with driving lessons please. Email sam@x.com",
        "topic": "money", "age_band": "18-20", "consent": "y", "contact": "07700 900123"})
    assert response.status_code == 200 and "Thank you" in response.get_data(as_text=True)
    [row] = items(site, "feedback")
    assert row.text == "My name is [name], more help with driving lessons please. Email [email]"
    assert row.topic == "money" and row.age_band == "18-20"
    with site.app_context(), content().sessions() as s:
        from content.feedback.tables import ContactRow

        [contact] = s.query(ContactRow).all()
    assert contact.contact == "07700900123" and contact.item_id == row.id


def test_no_contact_kept_without_consent(site):
    client = site.test_client()
    t = csrf(client, "/nottingham/feedback")
    client.post("/nottingham/feedback", data={"csrf_token": t, "message": "hello", "contact": "07700 900123"})
    assert len(items(site, "feedback")) == 1
    with site.app_context(), content().sessions() as s:
        from content.feedback.tables import ContactRow

        assert s.query(ContactRow).count() == 0


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"message": ""}, "message", "Write your message."),
        ({"message": "x" * 2500}, "message", "Please keep it under 2,000 characters. You typed 2500."),
        ({"message": "hi", "consent": "y", "contact": ""}, "contact", "Tell us how to contact you"),
    ],
)
def test_errors_are_next_to_the_field_and_keep_the_text(site, data, field, message):
    client = site.test_client()
    t = csrf(client, "/nottingham/feedback")
    response = client.post("/nottingham/feedback", data={"csrf_token": t, **data})
    assert response.status_code == 400
    soup = BeautifulSoup(response.get_data(as_text=True), "html.parser")
    assert soup.select_one(f"#{field}-error").text.startswith(message)
    assert soup.select_one("#message").text == data["message"]
    assert items(site, "feedback") == []


def test_100kb_and_sql_looking_input(site):
    client = site.test_client()
    t = csrf(client, "/nottingham/feedback")
    big = client.post("/nottingham/feedback", data={"csrf_token": t, "message": "x" * 100_000})
    assert big.status_code == 400
    sql = client.post("/nottingham/feedback", data={"csrf_token": t, "message": "'); DROP TABLE feedback_items; --"})
    assert sql.status_code == 200
    [row] = items(site, "feedback")
    assert row.text == "'); DROP TABLE feedback_items; --"


def test_honeypot_drops_bots_quietly(site):
    client = site.test_client()
    t = csrf(client, "/nottingham/feedback")
    response = client.post("/nottingham/feedback", data={"csrf_token": t, "message": "buy pills", "website": "x.com"})
    assert response.status_code == 200
    assert items(site, "feedback") == []


def test_without_csrf_nothing_is_stored(site):
    response = site.test_client().post("/nottingham/feedback", data={"message": "hello"})
    assert response.status_code == 400
    assert items(site, "feedback") == []


def test_feedback_posts_are_rate_limited_with_a_friendly_page(tmp_path, shipped_bundle, limits_on):
    app = create_app("test", {"DATABASE_URL": loaded_sqlite(tmp_path / "rl.db", shipped_bundle),
                              "RATELIMIT_ENABLED": True, "WTF_CSRF_ENABLED": False})
    client = app.test_client()
    codes = [client.post("/nottingham/feedback", data={"message": f"idea {n}"}).status_code for n in range(11)]
    assert codes[:10] == [200] * 10 and codes[10] == 429
    soup = BeautifulSoup(client.post("/nottingham/feedback", data={"message": "x"}).get_data(as_text=True),
                         "html.parser")
    assert soup.h1.text == "Too many tries"
    assert len(items(app, "feedback")) == 10


def test_you_said_we_did_page_when_empty(get_page):
    soup = get_page("/nottingham/you-said-we-did")
    assert "Nothing has been published yet." in soup.get_text()


def test_cached_offer_pages_give_each_visitor_their_own_token(site):
    path = "/nottingham/offers/growing-lives"
    a, b = site.test_client(), site.test_client()
    token_a, token_b = csrf(a, path), csrf(b, path)
    assert token_a != token_b and "\x00" not in token_a
    assert a.post(path + "/helpful", data={"csrf_token": token_a, "helpful": "yes"}).status_code == 303
    assert b.post(path + "/helpful", data={"csrf_token": token_a, "helpful": "yes"}).status_code == 400
    assert len(items(site, "helpful")) == 1

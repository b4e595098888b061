"""Web chat without JavaScript (form posts) and with it (JSON), on the same engine."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup


def csrf(client, area="nottingham") -> str:
    soup = BeautifulSoup(client.get(f"/{area}/chat").get_data(as_text=True), "html.parser")
    return soup.select_one("input[name=csrf_token]")["value"]


@pytest.fixture
def chat_app(tmp_path, shipped_bundle):
    """An app with its own database, so recorded questions can be checked."""
    from tests.conftest import loaded_sqlite
    from web import create_app

    url = loaded_sqlite(tmp_path / "chat.db", shipped_bundle)
    app = create_app("test", {"DATABASE_URL": url, "WTF_CSRF_ENABLED": True, "SITE_URL": "https://site.test"})
    return app


def test_chat_page(get_page):
    soup = get_page("/nottingham/chat")
    form = soup.select_one("form[data-chat]")
    assert form["method"] == "post" and form["action"] == "/nottingham/chat"
    assert soup.select_one("label[for=message]")


def test_post_without_csrf_is_refused(chat_app):
    response = chat_app.test_client().post("/nottingham/chat", data={"message": "hi"})
    assert response.status_code == 400


def test_no_javascript_conversation(chat_app):
    client = chat_app.test_client()
    token = csrf(client)
    response = client.post("/nottingham/chat", data={"csrf_token": token, "message": "bus fare to my interview"})
    assert response.status_code == 303
    soup = BeautifulSoup(client.get(response.headers["Location"]).get_data(as_text=True), "html.parser")
    assert soup.select_one(".msg-you").get_text(strip=True).endswith("bus fare to my interview")
    assert "Help with travel to interviews" in soup.select_one("#reply").get_text()
    actions = [b["value"] for b in soup.select("button[name=action]")]
    assert "helpful:yes:interview-travel-costs" in actions
    # Pressing a button is a form post too.
    response = client.post("/nottingham/chat", data={"csrf_token": token, "action": "do:talk_to_person"})
    soup = BeautifulSoup(client.get(response.headers["Location"]).get_data(as_text=True), "html.parser")
    assert "Leaving Care Service" in soup.select_one("#reply").get_text()


def test_json_conversation_and_safeguarding_first(chat_app):
    client = chat_app.test_client()
    token = csrf(client)
    response = client.post(
        "/nottingham/chat",
        data={"csrf_token": token, "message": "i want to end it all"},
        headers={"Accept": "application/json"},
    )
    data = response.get_json()
    assert "safeguarding" in data["flags"]
    assert "116 123" in data["parts"][0]


def test_unanswered_question_is_recorded_redacted(chat_app):
    client = chat_app.test_client()
    token = csrf(client)
    client.post("/nottingham/chat", data={"csrf_token": token, "message": "who won the match? my email is a@b.com"},
                headers={"Accept": "application/json"})
    from content.feedback.records import RecordStore
    from web.content_access import content

    with chat_app.app_context():
        [row] = RecordStore(content().sessions).of_kind("unanswered")
    assert row.text == "who won the match? my email is [email]" and row.channel == "web"


def test_chat_escapes_what_was_typed(chat_app):
    client = chat_app.test_client()
    token = csrf(client)
    client.post("/nottingham/chat", data={"csrf_token": token, "message": "<script>alert(1)</script>"})
    html = client.get("/nottingham/chat").get_data(as_text=True)
    assert "<script>alert(1)</script>" not in html
    assert re.search(r"&lt;script&gt;alert\(1\)&lt;/script&gt;", html)


def test_huge_message_is_handled(chat_app):
    client = chat_app.test_client()
    token = csrf(client)
    response = client.post("/nottingham/chat", data={"csrf_token": token, "message": "x" * 100_000},
                           headers={"Accept": "application/json"})
    assert response.status_code == 200  # under the form size limit: read, cut to size and answered
    assert response.get_json()["parts"]
    too_big = client.post("/nottingham/chat", data={"csrf_token": token, "message": "x" * 300_000},
                          headers={"Accept": "application/json"})
    assert too_big.status_code == 413  # over it: refused before it is read


def test_chat_html_links_phones_and_escapes():
    from web.chat.rendering import chat_html

    html = str(chat_html("• Childline: call 0800 1111. Samaritans: call 116 123. 999 <b>x</b> text SHOUT to 85258"))
    assert '<a dir="ltr" href="tel:08001111">0800 1111</a>' in html
    assert '<a dir="ltr" href="tel:116123">116 123</a>' in html
    assert '<a dir="ltr" href="tel:999">999</a>' in html
    assert '<a dir="ltr" href="sms:85258">85258</a>' in html
    assert "&lt;b&gt;x&lt;/b&gt;" in html


def test_crisis_reply_has_tap_to_call_links(chat_app):
    client = chat_app.test_client()
    token = csrf(client)
    client.post("/nottingham/chat", data={"csrf_token": token, "message": "nowhere to sleep tonight"})
    soup = BeautifulSoup(client.get("/nottingham/chat").get_data(as_text=True), "html.parser")
    tel = {a["href"] for a in soup.select("#reply a[href^='tel:']")}
    assert {"tel:08001111", "tel:116123", "tel:999"} <= tel


def test_phone_numbers_keep_their_order_in_right_to_left_text():
    from bs4 import BeautifulSoup

    from web.chat.rendering import chat_html

    link = BeautifulSoup(str(chat_html("Childline: اتصل بالرقم 0800 1111")), "html.parser").a
    assert link["href"] == "tel:08001111" and link.get_text() == "0800 1111"
    assert link["dir"] == "ltr"  # without it, Arabic text shows the number as "1111 0800"


def test_page_views_do_not_resend_the_chat_cookie(chat_app):
    """A page fetched alongside a chat message (the offline cache does this) must not carry an older
    copy of the session back: it would undo the chat's newer state, such as crisis mode."""
    client = chat_app.test_client()
    token = csrf(client)
    client.post("/nottingham/chat", data={"csrf_token": token, "message": "i took a load of tablets"})
    for path in ("/nottingham/offers/staying-put", "/nottingham/chat", "/nottingham"):
        cookies = client.get(path).headers.getlist("Set-Cookie")
        assert not any(c.startswith("session=") for c in cookies), path
    reply = client.post("/nottingham/chat", data={"csrf_token": token, "message": "what do i do"},
                        headers={"Accept": "application/json"}).get_json()
    assert "Call 999 now for an ambulance" in reply["parts"][0]


def test_the_chat_cookie_keeps_no_contact_details(chat_app):
    client = chat_app.test_client()
    token = csrf(client)
    client.post("/nottingham/chat", data={"csrf_token": token, "message": "bus fare help, call me on 07700 900123"})
    with client.session_transaction() as session:
        assert "07700" not in session["chat_last"]["asked"] and "[phone]" in session["chat_last"]["asked"]



def test_forget_in_the_web_chat_deletes_what_this_chat_left(chat_app):
    from content.feedback.tables import FeedbackItemRow
    from web.content_access import content

    client, other = chat_app.test_client(), chat_app.test_client()
    for c in (client, other):
        token = csrf(c)
        c.post("/nottingham/chat", data={"csrf_token": token, "message": "/feedback"})
        c.post("/nottingham/chat", data={"csrf_token": token, "message": "the chat should work at night"})
    token = csrf(client)
    response = client.post("/nottingham/chat", data={"csrf_token": token, "message": "/forget"},
                           headers={"Accept": "application/json"})
    assert "(1 saved items)" in response.get_json()["parts"][-1]
    assert response.headers["Clear-Site-Data"] == '"cache", "storage"'
    with chat_app.app_context(), content().sessions() as session:
        kept = session.query(FeedbackItemRow).filter_by(kind="feedback").all()
        assert len(kept) == 1  # only the other browser's feedback is left


def test_an_answer_card_starts_its_bubble_with_no_empty_line(chat_app):
    # The bubble keeps line breaks (white-space: pre-line): a newline before the card showed as an empty line.
    client = chat_app.test_client()
    token = csrf(client)
    data = client.post("/nottingham/chat", data={"csrf_token": token, "message": "bus fare to my interview"},
                       headers={"Accept": "application/json"}).get_json()
    card = next(h for h in data["html"] if "chat-card" in h)
    assert card.startswith('<div class="chat-card"')
    response = client.post("/nottingham/chat", data={"csrf_token": token, "message": "bus fare to my interview"})
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    reply = BeautifulSoup(page, "html.parser").select_one("#reply")
    first = reply.contents[0]
    assert getattr(first, "name", None) == "div" and "chat-card" in first["class"], repr(first)

"""Web chat in real Chromium, with and without JavaScript."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser


def test_chat_with_javascript_keeps_the_conversation(page: Page, live_server: str):
    page.goto(live_server + "/nottinghamshire/chat")
    page.get_by_label("Your message").fill("councel tax")
    page.get_by_role("button", name="Send").click()
    expect(page.locator(".msg-bot").last).to_contain_text("No Council Tax until you are 25")
    assert page.url.endswith("/nottinghamshire/chat")  # no reload: the script posted it
    page.get_by_role("button", name="This helped").click()
    expect(page.locator(".msg-bot").last).to_contain_text("Thank you")
    expect(page.locator(".msg-you")).to_have_count(2)


def test_chat_without_javascript(browser, live_server: str):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 375, "height": 667})
    page = context.new_page()
    page.goto(live_server + "/nottingham/chat")
    page.get_by_label("Your message").fill("clothes for my interview")
    page.get_by_role("button", name="Send").click()
    expect(page.locator("#reply")).to_contain_text("interview clothes")
    page.get_by_role("button", name="Talk to a person").click()
    expect(page.locator("#reply")).to_contain_text("Leaving Care Service")
    context.close()


@pytest.mark.parametrize(("path", "message", "follow_up", "expected"), [
    ("/nottingham/chat", "i took a load of tablets and feel dizzy", "what do i do", "Call 999 now for an ambulance"),
    ("/nottingham/chat?lang=ar", "بدي موت، ما عاد فيني كمل", "شو اعمل", "أنت مهم"),
])
def test_a_crisis_conversation_in_the_web_chat(browser, live_server: str, path, message, follow_up, expected):
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    page.goto(live_server + path)
    page.get_by_role("textbox").fill(message)
    page.get_by_role("textbox").press("Enter")
    reply = page.locator(".msg-bot").last
    expect(reply).to_contain_text("999")
    expect(reply).to_contain_text(expected)
    page.get_by_role("textbox").fill(follow_up)
    page.get_by_role("textbox").press("Enter")
    expect(page.locator(".msg-you")).to_have_count(2)
    expect(page.locator(".msg-bot").last).to_contain_text(expected)  # still crisis help, not the menu
    expect(page.locator(".msg-bot").last).not_to_contain_text("What can I get?")
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    page.screenshot(path=f"/tmp/crisis-{len(message)}.png", full_page=True)
    context.close()


def _send(page: Page, text: str) -> None:
    # After an area switch the script opens the new area's page: wait until its deferred chat script has
    # run, or Enter posts the form without it (a full page showing only the latest exchange).
    page.wait_for_load_state("domcontentloaded")
    page.get_by_role("textbox").fill(text)
    page.get_by_role("textbox").press("Enter")


@pytest.fixture
def narrow_page(browser) -> Iterator[Page]:
    """A page 320 px wide, the narrowest phone the site is built for; closed after the test."""
    context = browser.new_context(viewport={"width": 320, "height": 640})
    yield context.new_page()
    context.close()


def test_a_follow_up_is_answered_about_the_offer_in_context(narrow_page: Page, live_server: str):
    page = narrow_page
    page.goto(live_server + "/nottingham/chat")
    _send(page, "is there money for uni")
    card = page.locator(".msg-bot .chat-card").last
    expect(card.get_by_role("heading", level=2)).to_contain_text("Higher Education bursary")
    expect(card.get_by_role("link", name="Read more: Higher Education bursary for university")).to_be_visible()
    expect(page.locator(".msg-bot").last).not_to_contain_text("/offers/")  # no raw paths
    _send(page, "how much is it")
    expect(page.locator(".msg-you")).to_have_count(2)
    expect(page.locator(".msg-bot").last).to_contain_text("£2,000")
    assert page.evaluate("document.documentElement.scrollWidth") <= 320


def test_naming_a_town_moves_the_chat_to_its_council(narrow_page: Page, live_server: str):
    page = narrow_page
    page.goto(live_server + "/nottingham/chat")
    _send(page, "is there money for uni")
    expect(page.locator(".msg-bot .chat-card")).to_have_count(1)
    _send(page, "i live in mansfield now")
    expect(page).to_have_url(live_server + "/nottinghamshire/chat#reply")  # the County's page, links and help
    reply = page.locator(".msg-bot").last
    expect(reply).to_contain_text("now for Nottinghamshire")
    expect(reply.locator(".chat-card")).to_contain_text("Nottingham Trent University")
    expect(page.get_by_role("link", name="Get help now").first).to_have_attribute("href", "/nottinghamshire/help")
    _send(page, "how much is it")
    expect(page.locator(".msg-you")).to_have_count(2)  # the County page shows the switch, then this
    expect(page.locator(".msg-bot").last).to_contain_text("Nottingham Trent University bursary - £1,000 a year: £1,000")
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    page.screenshot(path="/tmp/chat-switch.png", full_page=True)


def test_an_arabic_question_is_answered_in_arabic(narrow_page: Page, live_server: str):
    page = narrow_page
    page.goto(live_server + "/nottinghamshire/chat?lang=ar")
    _send(page, "هل لازم ادفع ضريبة المجلس؟ طلعت من الرعاية")
    card = page.locator(".msg-bot .chat-card").last
    expect(card.get_by_role("heading", level=2)).to_contain_text("ضريبة المجلس")
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    page.screenshot(path="/tmp/chat-arabic.png", full_page=True)


def test_talk_to_a_person_never_widens_the_page(narrow_page: Page, live_server: str):
    page = narrow_page
    page.goto(live_server + "/nottinghamshire/chat")
    _send(page, "can i talk to a real person")
    expect(page.locator(".msg-bot").last).to_contain_text("Leaving Care Service")
    assert page.evaluate("document.documentElement.scrollWidth") <= 320


def test_a_question_asked_at_the_age_step_of_what_can_i_get_is_answered(narrow_page: Page, live_server: str):
    # As a 17-year-old would: "What can I get?", then a question instead of an age, then a goodbye.
    page = narrow_page
    page.goto(live_server + "/nottinghamshire/chat")
    _send(page, "wat can i get")
    expect(page.locator(".msg-bot").last).to_contain_text("How old are you?")
    _send(page, "im 17 n still wiv my foster carers, can i stay after 18")
    expect(page.locator(".msg-you")).to_have_count(2)
    expect(page.locator(".msg-bot").last).to_contain_text("Staying Put")
    expect(page.locator(".msg-bot").last).not_to_contain_text("type your age")
    _send(page, "ok bye")
    expect(page.locator(".msg-you")).to_have_count(3)
    expect(page.locator(".msg-bot").last).to_contain_text("Bye")
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    page.screenshot(path="/tmp/chat-what-can-i-get-question.png", full_page=True)

"""Web chat in real Chromium, with and without JavaScript."""

from __future__ import annotations

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

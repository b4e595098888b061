"""What a shared phone or laptop keeps: the service worker keeps public pages only.

After a staff sign-out, or /forget in the chat, going offline must not show what a young person wrote.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Error, Page, expect

pytestmark = pytest.mark.browser

CONTACT = "07700 900123"
STORED = "07700900123"  # contacts are kept in one form
DISCLOSURE = "my carer hits me when im late home"

KEPT_URLS = """async () => {
  const urls = [];
  for (const name of await caches.keys()) {
    const cache = await caches.open(name);
    for (const req of await cache.keys()) { urls.push(new URL(req.url).pathname + new URL(req.url).search); }
  }
  return urls;
}"""


def _worker_ready(page: Page) -> None:
    page.wait_for_function("navigator.serviceWorker.ready.then(() => !!navigator.serviceWorker.controller)")


def _kept(page: Page) -> list[str]:
    return page.evaluate(KEPT_URLS)


def _assert_nothing_readable_offline(page: Page, url: str) -> None:
    """Clear-Site-Data has removed the worker and everything kept, so offline the browser has no copy."""
    page.wait_for_function("navigator.serviceWorker.getRegistrations().then(r => r.length === 0)")
    assert _kept(page) == []
    page.context.set_offline(True)
    try:
        # The browser's own "no internet" error: no worker or cache answered, in this tab or a new one.
        for tab in (page, page.context.new_page()):
            with pytest.raises(Error, match="ERR_INTERNET_DISCONNECTED"):
                tab.goto(url)
    finally:
        page.context.set_offline(False)


def test_after_staff_sign_out_no_staff_page_opens_offline(page: Page, own_server: str):
    # A young person asks to be contacted.
    page.goto(own_server + "/nottingham/feedback")
    page.get_by_label("What do you want to tell us?").fill("Please ring me about my flat")
    page.locator("#consent").check()
    page.locator("#contact").fill(CONTACT)
    page.get_by_role("button", name="Send").click()
    expect(page.locator("h1")).to_have_text("Thank you")

    # A worker on a shared laptop opens the item, with the service worker running.
    page.goto(own_server + "/staff/")
    _worker_ready(page)
    page.get_by_label("Email").fill("wendy@notts.test")
    page.get_by_label("Password").fill("a long worker password")
    page.get_by_role("button", name="Sign in").click()
    page.locator("table.queue a").first.click()
    expect(page.locator("main")).to_contain_text(STORED)
    item_url = page.url
    page.reload()
    assert not [u for u in _kept(page) if u.startswith("/staff")]

    page.get_by_role("button", name="Sign out").click()
    expect(page).to_have_url(re.compile("/staff/login"))
    _assert_nothing_readable_offline(page, item_url)


def test_after_forget_no_chat_text_opens_offline(page: Page, live_server: str):
    page.goto(live_server + "/nottingham/")
    _worker_ready(page)
    page.goto(live_server + "/nottingham/chat")
    page.get_by_label("Your message").fill(DISCLOSURE)
    page.get_by_role("button", name="Send").click()
    expect(page.locator(".msg-you").last).to_have_text(DISCLOSURE)
    page.reload()
    expect(page.locator("main")).to_contain_text(DISCLOSURE)  # the chat page shows the last message
    assert not [u for u in _kept(page) if u.startswith("/nottingham/chat")]

    page.get_by_label("Your message").fill("/forget")
    page.get_by_role("button", name="Send").click()
    expect(page.locator(".msg-bot").last).to_contain_text("deleted")
    _assert_nothing_readable_offline(page, live_server + "/nottingham/chat")


def test_search_and_answers_are_never_kept(page: Page, live_server: str):
    page.goto(live_server + "/nottingham/")
    _worker_ready(page)
    page.wait_for_function(
        """() => caches.open('pages-v2').then(c => c.match('/nottingham/offers/growing-lives')).then(r => !!r)""",
        timeout=15_000,
    )
    page.goto(live_server + "/nottingham/search?q=money+for+uni")
    page.goto(live_server + "/nottingham/what-can-i-get?age=19&status=care-leaver")
    kept = _kept(page)  # (the worker may be re-keeping the area's pages meanwhile: look for what must not be)
    assert not [u for u in kept if "search" in u or "what-can-i-get" in u or "privacy" in u]

    page.context.set_offline(True)
    try:
        # Offline, a page that is never kept shows /offline, not the browser's own error page.
        page.goto(live_server + "/nottingham/search?q=money+for+uni")
        expect(page.locator("h1")).to_have_text("You are offline")
        expect(page.locator("main a[href='tel:999'], main")).to_contain_text("999")
    finally:
        page.context.set_offline(False)


def test_feedback_sent_offline_is_kept_to_send_later(page: Page, live_server: str):
    page.goto(live_server + "/nottingham/")
    _worker_ready(page)
    page.goto(live_server + "/nottingham/feedback")
    words = "The drop-in should open on Saturdays"
    page.get_by_label("What do you want to tell us?").fill(words)
    page.context.set_offline(True)
    try:
        page.get_by_role("button", name="Send").click()
        expect(page.locator("h1")).to_have_text("You are offline")
        expect(page.locator("#kept-draft")).to_be_visible()
        expect(page.locator("#kept-draft blockquote")).to_have_text(words)
    finally:
        page.context.set_offline(False)
    page.locator("#kept-draft a").click()
    expect(page.get_by_label("What do you want to tell us?")).to_have_value(words)
    expect(page.locator("[data-draft-note]")).to_be_visible()
    page.get_by_role("button", name="Send").click()
    expect(page.locator("h1")).to_have_text("Thank you")
    assert page.evaluate("sessionStorage.getItem('feedback-draft')") is None


def test_chat_with_no_signal_keeps_the_message(page: Page, live_server: str):
    page.goto(live_server + "/nottingham/chat")
    page.context.set_offline(True)
    try:
        page.get_by_label("Your message").fill("can i get help with rent")
        page.get_by_role("button", name="Send").click()
        expect(page.locator("[data-chat-offline]")).to_be_visible()
        expect(page.get_by_label("Your message")).to_have_value("can i get help with rent")
    finally:
        page.context.set_offline(False)
    page.get_by_role("button", name="Send").click()
    expect(page.locator("[data-chat-offline]")).to_be_hidden()
    expect(page.locator(".msg-you").last).to_have_text("can i get help with rent")

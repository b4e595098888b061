"""The whole loop in real Chromium: a young person's feedback -> a worker tags, notes and publishes ->
it is on the public page and the chat bot tells it."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser


def test_feedback_to_you_said_we_did(page: Page, own_server: str, browser, tmp_path):
    shots = Path(os.environ.get("SCREENSHOTS", tmp_path))
    # A young person, on their phone.
    page.goto(own_server + "/nottingham/feedback")
    page.get_by_label("What do you want to tell us?").fill("Bus fares to college are too much for me")
    page.get_by_role("button", name="Send").click()
    expect(page.locator("h1")).to_have_text("Thank you")

    # A participation worker, on a laptop.
    staff = browser.new_context(viewport={"width": 1280, "height": 800})
    desk = staff.new_page()
    desk.goto(own_server + "/staff/")
    desk.get_by_label("Email").fill("wendy@notts.test")
    desk.get_by_label("Password").fill("a long worker password")
    desk.get_by_role("button", name="Sign in").click()
    expect(desk.locator("h1")).to_have_text("Feedback queue")
    desk.locator("table.queue a").first.click()
    desk.get_by_label("Theme").select_option("money")
    desk.get_by_label("Add a note").fill("Raised with the transport team")
    desk.get_by_role("button", name="Save", exact=True).click()
    expect(desk.locator(".flash")).to_have_text("Saved: theme, note.")
    expect(desk.locator(".note")).to_contain_text("Raised with the transport team")
    desk.get_by_role("link", name=re.compile("Publish a")).click()
    desk.get_by_label("You said (your summary, not their words)").fill("Bus fares to college cost too much.")
    desk.get_by_label("We did", exact=True).fill("Care leavers at college now get a free bus pass.")
    desk.get_by_role("button", name="Preview").click()
    expect(desk.locator("#preview")).to_contain_text("closes 1 item")
    expect(desk.locator("#preview")).to_contain_text("Care leavers at college now get a free bus pass.")
    desk.screenshot(path=str(shots / "publish-preview.png"), full_page=True)
    desk.get_by_role("button", name="Publish now").click()
    expect(desk.locator("h1")).to_have_text("Feedback queue")  # back to work, staff navigation and all
    expect(desk.locator(".flash")).to_contain_text("1 item(s) closed")
    staff.close()

    # Back on the phone: the public page, and the chat bot.
    page.goto(own_server + "/nottingham/you-said-we-did")
    expect(page.locator(".ysd").first).to_contain_text("Care leavers at college now get a free bus pass.")
    page.goto(own_server + "/nottingham/chat")
    page.get_by_label("Your message").fill("what have you changed?")
    page.get_by_role("button", name="Send").click()
    expect(page.locator(".msg-bot").last).to_contain_text("free bus pass")

"""A participation worker changes an offer on a laptop (1280 x 800), in real Chromium:

an unanswered question -> "Draft a change" -> a colleague reviews the side-by-side diff and publishes ->
a second server process (gunicorn, sharing the database) shows the change on the site and in the chat
with no restart -> the earlier version is restored through review -> a worker of the other area cannot
see any of it. Screenshots go to $SCREENSHOTS (default: the test's tmp dir) for people to look at.
"""

from __future__ import annotations

import os
import re
import time
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from content.accounts.staff import create_staff
from content.feedback.records import Record, RecordStore
from tests.conftest import loaded_sqlite
from tests.serving import start_gunicorn
from tests.web.browser.conftest import serving
from web import create_app
from web.content_access import content

pytestmark = pytest.mark.browser

NEW_SUMMARY = "Staying Put means you can live with your foster carer after 18, usually until you are 21."
OLD_SUMMARY = "Staying Put means you can keep living with your foster carer after you turn 18."
PEOPLE = {"wendy": ("wendy@notts.test", "a long worker password", ["nottingham", "nottinghamshire"]),
          "ray": ("ray@notts.test", "a long reviewer password", ["nottingham"]),
          "cal": ("cal@notts.test", "a long county password", ["nottinghamshire"])}


@pytest.fixture
def two_servers(tmp_path: Path, shipped_bundle):
    """The app in this process (where staff work) and in a gunicorn process (what young people reach)."""
    url = loaded_sqlite(tmp_path / "shared.db", shipped_bundle)
    app = create_app("test", {"DATABASE_URL": url, "WTF_CSRF_ENABLED": True})
    with app.app_context(), content().sessions() as s:
        for name, (email, password, areas) in PEOPLE.items():
            create_staff(s, email, name.title() + " Worker", password, "worker", areas=areas)
        s.commit()
        gap = RecordStore(content().sessions).add(Record(area="nottingham", channel="web", kind="unanswered",
                                                         text="can i stay at my foster placement when im 18"))
    env = {**os.environ, "DATABASE_URL": url, "APP_ENV": "development", "RATELIMIT_ENABLED": "0"}
    env.pop("CONTENT_CHECK_SECONDS", None)  # the default every process runs with
    log_path = tmp_path / "second.log"
    with open(log_path, "w") as log, serving(app) as staff_url:
        proc, port = start_gunicorn(["-w", "1", "web:create_app()"], env, log, log_path)
        try:
            yield staff_url, f"http://127.0.0.1:{port}", gap
        finally:
            proc.terminate()
            proc.wait(10)


def desk(browser, base: str, who: str) -> Page:
    page = browser.new_context(viewport={"width": 1280, "height": 800}).new_page()
    page.goto(base + "/staff/login")
    page.get_by_label("Email").fill(PEOPLE[who][0])
    page.get_by_label("Password").fill(PEOPLE[who][1])
    page.get_by_role("button", name="Sign in").click()
    expect(page.locator("h1")).to_have_text("Feedback queue")
    return page


def until_shown(page: Page, url: str, locator: str, text: str, seconds: float = 20) -> None:
    """Reload `url` until `locator` holds `text`: the second process notices new content by itself."""
    deadline = time.monotonic() + seconds
    while True:
        page.goto(url)
        if text in page.locator(locator).first.inner_text():
            return
        if time.monotonic() > deadline:
            raise AssertionError(f"{url} never showed {text!r}")
        time.sleep(0.5)


def ask_the_chat(page: Page, public: str, question: str) -> str:
    page.goto(public + "/nottingham/chat")
    page.get_by_label("Your message").fill(question)
    page.get_by_label("Your message").press("Enter")
    page.wait_for_selector(".chat-card")
    return page.locator(".chat-card").first.inner_text()


def approve(reviewer: Page, staff: str) -> None:
    reviewer.goto(staff + "/staff/offers")
    reviewer.locator("#to-review a").first.click()
    reviewer.get_by_role("button", name="Approve and publish").click()
    expect(reviewer.locator(".flash")).to_contain_text("published")


def test_a_worker_changes_an_offer_a_colleague_publishes_it_and_it_can_be_restored(browser, two_servers, tmp_path):
    staff, public, gap = two_servers
    shots = Path(os.environ.get("SCREENSHOTS", tmp_path))
    young = browser.new_context(viewport={"width": 375, "height": 667}).new_page()
    until_shown(young, public + "/nottingham/offers/staying-put", "p.lead", OLD_SUMMARY)

    wendy = desk(browser, staff, "wendy")
    wendy.get_by_role("link", name="Unanswered").click()
    wendy.get_by_role("link", name=re.compile("Draft a change to the offer")).click()
    expect(wendy.locator("#gap-banner")).to_contain_text("1 unanswered question")
    wendy.get_by_role("button", name="Change Staying Put with your foster carer after 18").click()
    wendy.get_by_label("Summary (one sentence)", exact=True).fill(NEW_SUMMARY)
    wendy.get_by_label("Why this change").fill("Young people asked this in the chat; a plainer summary")
    wendy.screenshot(path=str(shots / "offer-edit.png"), full_page=False)
    wendy.get_by_role("button", name="Save and send for review").click()
    expect(wendy.locator("#draft-state")).to_have_text("Waiting for review")
    expect(wendy.get_by_role("button", name="Approve and publish")).to_have_count(0)

    ray = desk(browser, staff, "ray")
    ray.goto(staff + "/staff/offers")
    ray.locator("#to-review a").first.click()
    expect(ray.locator("#diff ins").first).to_contain_text(NEW_SUMMARY)
    expect(ray.locator("#diff del").first).to_contain_text(OLD_SUMMARY)
    expect(ray.locator("#preview .lead")).to_have_text(NEW_SUMMARY)
    ray.screenshot(path=str(shots / "offer-review.png"), full_page=True)
    ray.get_by_role("button", name="Approve and publish").click()
    expect(ray.locator(".flash")).to_contain_text("Version 2 published")
    expect(ray.locator("#you-said a")).to_have_attribute("href", re.compile(f"ids={gap}"))

    # Young people, on the other server process: the page and the chat, with no restart.
    until_shown(young, public + "/nottingham/offers/staying-put", "p.lead", NEW_SUMMARY)
    assert NEW_SUMMARY in ask_the_chat(young, public, "can i stay with my foster carer after 18")

    # Restore the first version, through review again.
    wendy.goto(staff + "/staff/offers/nottingham/staying-put")
    expect(wendy.locator("#history tbody tr")).to_have_count(2)
    wendy.get_by_role("button", name="Restore version 1").click()
    wendy.get_by_label("Why this change").fill("Back to the text checked against the source")
    wendy.get_by_role("button", name="Save and send for review").click()
    approve(ray, staff)
    until_shown(young, public + "/nottingham/offers/staying-put", "p.lead", OLD_SUMMARY)
    assert OLD_SUMMARY in ask_the_chat(young, public, "can i stay with my foster carer after 18")
    wendy.goto(staff + "/staff/offers/nottingham/staying-put")
    expect(wendy.locator("#history tbody tr")).to_have_count(3)
    wendy.screenshot(path=str(shots / "offer-history.png"), full_page=True)

    # A worker of the other area sees none of it.
    cal = desk(browser, staff, "cal")
    cal.get_by_role("link", name="Offers").click()
    expect(cal.locator("section.area-offers h2")).to_have_text(["Nottinghamshire"])
    assert cal.goto(staff + "/staff/offers/nottingham/staying-put").status == 404
    assert cal.goto(staff + f"/staff/items/{gap}").status == 404
    cal.goto(staff + "/staff/unanswered")
    expect(cal.locator("main")).not_to_contain_text("foster placement")

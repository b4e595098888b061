"""What a young person does on a 375 px phone, in real Chromium."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser


def test_choose_area_then_category_then_offer(page: Page, live_server: str):
    page.goto(live_server + "/")
    page.get_by_role("link", name=re.compile("^Nottinghamshire")).click()
    expect(page.locator("h1")).to_have_text("Nottinghamshire local offer")
    page.get_by_role("link", name=re.compile("^Money")).click()
    expect(page.locator("h1")).to_have_text("Money")
    page.get_by_role("link", name=re.compile("Council Tax")).first.click()
    expect(page).to_have_url(re.compile("/nottinghamshire/offers/council-tax-exemption$"))
    expect(page.locator(".steps li").first).to_be_visible()
    # The area is remembered: the home address now goes straight to it.
    page.goto(live_server + "/")
    expect(page).to_have_url(live_server + "/nottinghamshire/")


def test_typo_search_finds_the_offer(page: Page, live_server: str):
    page.goto(live_server + "/nottinghamshire/")
    page.get_by_label(re.compile("Search")).fill("councel tax")
    page.get_by_role("button", name="Search").click()
    first = page.locator("main .cards a").first
    expect(first).to_have_attribute("href", "/nottinghamshire/offers/council-tax-exemption")


def test_what_can_i_get(page: Page, live_server: str):
    page.goto(live_server + "/nottingham/what-can-i-get")
    page.get_by_label("How old are you?").fill("19")
    page.get_by_label("I have left care").check()
    page.get_by_label(re.compile("at university")).check()
    page.get_by_role("button", name="Show what I can get").click()
    links = page.locator(".results .cards a")
    hrefs = [links.nth(i).get_attribute("href") for i in range(links.count())]
    assert "/nottingham/offers/higher-education-bursary" in hrefs
    assert "/nottingham/offers/staying-put" not in hrefs
    expect(page.locator(".money-total")).to_contain_text("£2,500")


def test_what_can_i_get_error_keeps_what_was_typed(page: Page, live_server: str):
    page.goto(live_server + "/nottingham/what-can-i-get")
    page.get_by_label("How old are you?").fill("abc")
    page.get_by_role("button", name="Show what I can get").click()
    expect(page.locator("#age-error")).to_be_visible()
    expect(page.locator("#age")).to_have_value("abc")


def test_arabic_is_right_to_left(page: Page, live_server: str):
    page.goto(live_server + "/nottingham/")
    page.locator("nav.langs a[hreflang=ar]").click()
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
    # The header's first item (the site name) starts at the right-hand edge in RTL.
    brand = page.locator("header .brand").bounding_box()
    assert brand["x"] + brand["width"] > 375 - 24


def test_offline_after_first_visit(page: Page, live_server: str):
    page.goto(live_server + "/nottingham/")
    page.wait_for_function("navigator.serviceWorker.controller !== null || navigator.serviceWorker.ready")
    # The service worker keeps every page of the area; wait until an offer we never opened is kept.
    page.wait_for_function(
        """() => caches.open('pages-v2').then(c => c.match('/nottingham/offers/growing-lives')).then(r => !!r)""",
        timeout=15_000,
    )
    page.goto(live_server + "/nottingham/offers/staying-put")  # a visited page
    page.context.set_offline(True)
    try:
        page.goto(live_server + "/nottingham/offers/staying-put")
        expect(page.locator("h1")).to_contain_text("foster")
        page.goto(live_server + "/nottingham/offers/growing-lives")  # never opened, kept by the worker
        expect(page.locator("h1")).to_contain_text("Growing Lives")
        page.goto(live_server + "/nottingham/help")
        expect(page.locator("a[href='tel:999']").first).to_be_visible()
    finally:
        page.context.set_offline(False)


def test_listen_button_appears_with_speech(page: Page, live_server: str):
    page.goto(live_server + "/nottinghamshire/offers/free-leisure-access")
    has_speech = page.evaluate("'speechSynthesis' in window")
    expect(page.locator("button.listen")).to_be_visible() if has_speech else expect(
        page.locator("button.listen")
    ).to_be_hidden()


def test_works_without_javascript(browser, live_server: str):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 375, "height": 667})
    page = context.new_page()
    page.goto(live_server + "/nottingham/search?q=bus+fare+interview")
    expect(page.locator("main .cards a").first).to_have_attribute("href", "/nottingham/offers/interview-travel-costs")
    expect(page.locator("button.listen")).to_have_count(0)
    context.close()

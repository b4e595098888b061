"""Issue 10: an Arabic reader goes from the area page to an offer, to "What can I get?" and its results
on a 320 px phone, meeting no English word other than names, and never scrolling sideways."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from content.catalogue.loader import read_content
from web.languages import LANGUAGES

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[3]
LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z'’]+")


def names() -> set[str]:
    """Words of names shown as they are: areas, districts ("Newark and Sherwood"), languages, source documents."""
    bundle = read_content(ROOT / "content")
    texts = [language.native_name for language in LANGUAGES] + [s.title for s in bundle.sources]
    for area in bundle.areas:
        texts += [area.name, area.council, *(d.name for d in area.districts)]
    return {w.lower() for text in texts for w in LATIN_WORD.findall(text)}


def english_words(page: Page, allowed: set[str]) -> list[str]:
    """Small Latin-letter words ("your", "the", "worker") outside brackets: English prose left over. Names
    and care terms kept in English are capitalised ("Leaving Care Service") or in brackets ("(PA)")."""
    text = re.sub(r"\([^)]*\)", " ", page.locator("body").inner_text())
    return sorted({w for w in re.findall(r"\b[a-z][a-z']{2,}\b", text) if w not in allowed})


def no_sideways_scroll(page: Page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_an_arabic_reader_meets_no_english_and_no_sideways_scroll(page: Page, live_server: str):
    allowed = names()
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(live_server + "/nottinghamshire/?lang=ar")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    seen = {}
    seen["area"] = (english_words(page, allowed), no_sideways_scroll(page))
    page.locator("main a[href*='/categories/money']").first.click()
    page.locator("main .cards a").first.click()
    expect(page).to_have_url(re.compile("/nottinghamshire/offers/"))
    seen["offer"] = (english_words(page, allowed), no_sideways_scroll(page))
    page.goto(live_server + "/nottinghamshire/what-can-i-get")
    seen["form"] = (english_words(page, allowed), no_sideways_scroll(page))
    page.locator("#age").fill("19")
    page.locator("input[name=status][value=care-leaver]").check()
    page.locator("form.form button[type=submit]").click()
    expect(page.locator(".results")).to_be_visible()
    seen["results"] = (english_words(page, allowed), no_sideways_scroll(page))
    assert seen == {step: ([], True) for step in ("area", "offer", "form", "results")}

"""Amounts of money in words: whole pounds without pence, the locale's own pattern, the right qualifier."""

from __future__ import annotations

from decimal import Decimal

import pytest
from babel import Locale

from content.catalogue.money import amount_text, money, period_text
from content.catalogue.schema import Amount, Period, Qualifier

# A translation catalogue, as the site's and the bot's gettext would give it.
ARABIC = {
    "one payment": "دفعة واحدة",
    "a year": "في السنة",
    "a week": "في الأسبوع",
    "Up to %(money)s, %(period)s": "حتى %(money)s، %(period)s",
    "At least %(money)s, %(period)s": "على الأقل %(money)s، %(period)s",
    "%(money)s, %(period)s": "%(money)s، %(period)s",
}


def english(message: str) -> str:
    return message


def arabic(message: str) -> str:
    return ARABIC[message]


@pytest.mark.parametrize(
    ("pounds", "text"),
    [("500", "£500"), ("1500", "£1,500"), ("500.00", "£500"), ("12.50", "£12.50"), ("0.05", "£0.05"),
     ("2000.5", "£2,000.50")],
)
def test_pounds_in_english(pounds, text):
    assert money(Decimal(pounds)) == text


def test_each_locale_writes_pounds_its_own_way():
    assert money(Decimal("500"), "ar") == "\u200f500\xa0£"  # not £: see money()
    assert money(Decimal("12.50"), "ps") == "£\xa012,50"  # Pashto: a decimal comma
    assert money(Decimal("1500"), "ps") == "£\xa01.500"
    assert money(Decimal("1500"), Locale.parse("ps")) == money(Decimal("1500"), "ps")


@pytest.mark.parametrize(
    ("period", "words"), [(Period.ONE_OFF, "one payment"), (Period.PER_YEAR, "a year"), (Period.PER_WEEK, "a week")]
)
def test_each_period_has_its_words(period, words):
    assert period_text(period, english) == words
    assert period_text(period, arabic) == ARABIC[words]


@pytest.mark.parametrize(
    ("amount", "text"),
    [
        (Amount(pounds=Decimal("500"), period=Period.ONE_OFF, qualifier=Qualifier.UP_TO), "Up to £500, one payment"),
        (Amount(pounds=Decimal("2000"), period=Period.PER_YEAR, qualifier=Qualifier.AT_LEAST),
         "At least £2,000, a year"),
        (Amount(pounds=Decimal("57.50"), period=Period.PER_WEEK), "£57.50, a week"),
        # The source gives no period: say no more than it does.
        (Amount(pounds=Decimal("500"), period=Period.NOT_STATED, qualifier=Qualifier.UP_TO), "Up to £500"),
        (Amount(pounds=Decimal("2000"), period=Period.NOT_STATED, qualifier=Qualifier.AT_LEAST), "At least £2,000"),
        (Amount(pounds=Decimal("1000"), period=Period.NOT_STATED), "£1,000"),
    ],
)
def test_amounts_in_english(amount, text):
    assert amount_text(amount, english) == text


def test_amounts_in_arabic_use_the_catalogue_and_the_locale():
    amount = Amount(pounds=Decimal("500"), period=Period.ONE_OFF, qualifier=Qualifier.UP_TO)
    assert amount_text(amount, arabic, "ar") == "حتى \u200f500\xa0£، دفعة واحدة"


@pytest.mark.parametrize("locale", ["ar", "fa", "ps", "en_GB"])
def test_the_pound_sign_is_plain_in_every_language(locale):
    text = money(Decimal(1000), locale)
    assert "£" in text and "UK" not in text

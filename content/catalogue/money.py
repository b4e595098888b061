"""Amounts of money as words, in any language: "Up to £500, one payment".

Channel-free: the caller passes its own `gettext` (Flask-Babel's on the site, the chat's
catalog in the bot), so the words come from the same Babel catalogs everywhere.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from babel import Locale
from babel.numbers import format_currency

from content.catalogue.schema import Amount, Period, Qualifier

Gettext = Callable[..., str]


def money(pounds: Decimal, locale: Locale | str = "en_GB") -> str:
    """£500 for whole pounds, £12.50 otherwise, in the locale's pattern."""
    loc = Locale.parse(locale) if isinstance(locale, str) else locale
    if pounds == pounds.to_integral_value():
        pattern = loc.currency_formats["standard"].pattern.split(";")[0].replace(".00", "")
        text = format_currency(pounds, "GBP", format=pattern, locale=loc, currency_digits=False)
    else:
        text = format_currency(pounds, "GBP", locale=loc)
    # Arabic's own symbol for the pound is "UK£"; the young people here see £ on every letter and bill.
    return text.replace("UK£", "£")


def period_text(period: Period, gettext: Gettext) -> str:
    """How often the money comes, in words; empty when the source does not say."""
    return {
        Period.ONE_OFF: gettext("one payment"),
        Period.PER_YEAR: gettext("a year"),
        Period.PER_WEEK: gettext("a week"),
        Period.NOT_STATED: "",
    }[period]


def amount_text(amount: Amount, gettext: Gettext, locale: Locale | str = "en_GB") -> str:
    value = money(amount.pounds, locale)
    period = period_text(amount.period, gettext)
    if not period:
        if amount.qualifier is Qualifier.UP_TO:
            return gettext("Up to %(money)s") % {"money": value}
        if amount.qualifier is Qualifier.AT_LEAST:
            return gettext("At least %(money)s") % {"money": value}
        return value
    if amount.qualifier is Qualifier.UP_TO:
        return gettext("Up to %(money)s, %(period)s") % {"money": value, "period": period}
    if amount.qualifier is Qualifier.AT_LEAST:
        return gettext("At least %(money)s, %(period)s") % {"money": value, "period": period}
    return gettext("%(money)s, %(period)s") % {"money": value, "period": period}

"""Turning content values into text for pages: money, dates, Markdown."""

from __future__ import annotations

from decimal import Decimal
from functools import lru_cache

from babel import Locale
from babel.numbers import format_currency
from flask import Flask
from flask_babel import format_date, get_locale, gettext
from markdown_it import MarkdownIt
from markupsafe import Markup

from content.schema import Amount, Period, Qualifier

# Raw HTML in content is switched off: Markdown only, so content can never inject markup.
_markdown = MarkdownIt("commonmark", {"html": False, "linkify": False}).enable("table")


@lru_cache(maxsize=1024)
def render_markdown(text: str) -> Markup:
    """Markdown to HTML; cached, as offer bodies only change with a content load."""
    return Markup(_markdown.render(text))  # noqa: S704 - html disabled above, output is escaped


def money(pounds: Decimal) -> str:
    """£500 for whole pounds, £12.50 otherwise, in the current locale's pattern."""
    locale = get_locale() or Locale.parse("en_GB")
    if pounds == pounds.to_integral_value():
        pattern = locale.currency_formats["standard"].pattern.split(";")[0].replace(".00", "")
        return format_currency(pounds, "GBP", format=pattern, locale=locale, currency_digits=False)
    return format_currency(pounds, "GBP", locale=locale)


def period_text(period: Period) -> str:
    return {
        Period.ONE_OFF: gettext("one payment"),
        Period.PER_YEAR: gettext("a year"),
        Period.PER_WEEK: gettext("a week"),
    }[period]


def amount_text(amount: Amount) -> str:
    """"Up to £500, one payment", "£1,000 a year", "At least £2,000, one payment"."""
    value = money(amount.pounds)
    period = period_text(amount.period)
    if amount.qualifier is Qualifier.UP_TO:
        return gettext("Up to %(money)s, %(period)s", money=value, period=period)
    if amount.qualifier is Qualifier.AT_LEAST:
        return gettext("At least %(money)s, %(period)s", money=value, period=period)
    return gettext("%(money)s, %(period)s", money=value, period=period)


def long_date(value: object) -> str:
    return format_date(value, format="long")  # type: ignore[arg-type]


def init_app(app: Flask) -> None:
    """Make the formatters available in every template."""
    app.jinja_env.globals.update(
        amount_text=amount_text,
        money=money,
        period_text=period_text,
        render_markdown=render_markdown,
        long_date=long_date,
    )

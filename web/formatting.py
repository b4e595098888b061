"""Turning content values into text for pages: money, dates, Markdown."""

from __future__ import annotations

from decimal import Decimal
from functools import lru_cache

from babel import Locale
from flask import Flask
from flask_babel import format_date, get_locale, gettext
from markdown_it import MarkdownIt
from markupsafe import Markup

from content.catalogue.money import amount_text as amount_in
from content.catalogue.money import money as money_in
from content.catalogue.money import period_text as period_in
from content.catalogue.schema import Amount, Period

# Raw HTML in content is switched off: Markdown only, so content can never inject markup.
_markdown = MarkdownIt("commonmark", {"html": False, "linkify": False}).enable("table")


@lru_cache(maxsize=1024)
def render_markdown(text: str) -> Markup:
    """Markdown to HTML; cached, as offer bodies only change with a content load."""
    return Markup(_markdown.render(text))  # noqa: S704 - html disabled above, output is escaped


def _locale() -> Locale:
    return get_locale() or Locale.parse("en_GB")


def money(pounds: Decimal) -> str:
    return money_in(pounds, _locale())


def period_text(period: Period) -> str:
    return period_in(period, gettext)


def amount_text(amount: Amount) -> str:
    """"Up to £500, one payment", "£1,000 a year", "At least £2,000, one payment"."""
    return amount_in(amount, gettext, _locale())


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

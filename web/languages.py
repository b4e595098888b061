"""The languages the site speaks, and how a request's language is chosen."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from babel import Locale
from flask import Flask, g, request


@dataclass(frozen=True)
class Language:
    code: str
    native_name: str
    rtl: bool


def _language(code: str) -> Language:
    locale = Locale.parse(code)
    name = locale.display_name or code
    return Language(code, name[:1].upper() + name[1:], locale.text_direction == "rtl")


# English first; the others are spoken by many unaccompanied asylum-seeking young people.
LANGUAGES: tuple[Language, ...] = tuple(_language(c) for c in ("en", "ar", "fa", "ps"))
CODES = frozenset(lang.code for lang in LANGUAGES)
LANG_COOKIE = "lang"


def select_locale() -> str:
    """?lang= wins (and is remembered by a cookie set after the request), then the cookie, then English.

    The browser's Accept-Language is not used: a phone set up by someone else is common in care,
    and a page in an unexpected language is worse than one click to change it.
    """
    if "locale" in g:
        return g.locale
    asked = request.args.get("lang", "")
    if asked in CODES:
        g.locale, g.remember_locale = asked, True
    else:
        cookie = request.cookies.get(LANG_COOKIE, "")
        g.locale = cookie if cookie in CODES else "en"
    return g.locale


def current_language() -> Language:
    code = select_locale()
    return next(lang for lang in LANGUAGES if lang.code == code)


def url_with_lang(code: str) -> str:
    """The current page's address in another language (a plain link: no script needed)."""
    args = request.args.to_dict(flat=False)
    args["lang"] = [code]
    return request.path + "?" + urlencode(args, doseq=True)


def init_app(app: Flask) -> None:
    app.jinja_env.globals["url_with_lang"] = url_with_lang


def babel_locale() -> str:
    """The locale for Babel's formatting: British English dates and money for English."""
    code = select_locale()
    return "en_GB" if code == "en" else code

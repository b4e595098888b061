"""Names for people instead of ids on staff pages: areas, offers, risks, themes, kinds, statuses, months.

Registered as template globals of the staff blueprint, so every staff template says "Nottinghamshire"
and "Thoughts of suicide", never "nottinghamshire" and "suicide".
"""

from __future__ import annotations

import datetime as dt

from content.feedback.themes import ThemeTagger
from content.understanding.safeguarding import family_labels
from web.content_access import catalogue
from web.staff import bp

KIND_LABELS = {"feedback": "Feedback", "helpful": "Was it helpful?", "unanswered": "Unanswered question",
               "talk-to-person": "Asked to talk to a person", "safeguarding": "Safeguarding"}
STATUS_LABELS = {"new": "New", "in-review": "In review", "actioned": "Actioned", "published": "Published",
                 "dismissed": "Dismissed", "content-gap": "Content gap", "handled": "Handled"}
CHANNEL_LABELS = {"site": "Website", "web": "Web chat", "telegram": "Telegram", "console": "Console"}
SNIPPET = 70  # characters of what they said, as a row's link text


def _readable(some_id: str) -> str:
    # An id no list knows (say, a risk kind from an older version): still words, not a slug.
    return some_id.replace("-", " ").capitalize()


def area_name(area_id: str | None) -> str:
    if not area_id:
        return "No area given"
    cat = catalogue()
    return cat.area(area_id).name if cat.has_area(area_id) else _readable(area_id)


def offer_title(area_id: str | None, slug: str | None) -> str:
    if not slug:
        return ""
    offer = catalogue().offer(area_id or "", slug)
    return offer.title if offer else _readable(slug)


def risk_label(kind: str | None) -> str:
    return family_labels().get(kind or "", _readable(kind or "unknown"))


def theme_label(theme_id: str | None) -> str:
    return ThemeTagger.shared().name(theme_id) if theme_id else "—"


def month_name(month: str) -> str:
    """"2026-11" -> "Nov 2026"."""
    return dt.date.fromisoformat(month + "-01").strftime("%b %Y")


def snippet(text: str | None, fallback: str) -> str:
    """The start of what they said, cut at a word: a row's link says what the item is."""
    words = " ".join((text or "").split())
    if not words:
        return fallback
    if len(words) <= SNIPPET:
        return words
    return words[:SNIPPET].rsplit(" ", 1)[0] + "…"


bp.add_app_template_global(area_name)
bp.add_app_template_global(offer_title)
bp.add_app_template_global(risk_label)
bp.add_app_template_global(theme_label)
bp.add_app_template_global(month_name)
bp.add_app_template_global(snippet)
bp.add_app_template_global(KIND_LABELS, "kind_labels")
bp.add_app_template_global(STATUS_LABELS, "status_labels")
bp.add_app_template_global(CHANNEL_LABELS, "channel_labels")

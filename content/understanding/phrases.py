"""Finding listed phrases in a message, word for word, after the matcher's normalising and text speak.

Used for the small lists content editors keep in content/language/ (follow-up questions, situations,
places): "wot if im at uni" holds "what if" and "at uni".
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from content.understanding.matcher import Language, normalise


def prepared(text: str, language: Language) -> str:
    """`text` normalised, with text speak expanded, padded with spaces for whole-word finding."""
    speak = language.text_speak
    return " " + " ".join(speak.get(w, w) for w in normalise(text).split()) + " "


def phrase_key(phrase: str) -> str:
    """A listed phrase in the same form as `prepared` text (no padding)."""
    return " ".join(normalise(phrase).split())


def find_phrase(text: str, phrases: Iterable[str]) -> str | None:
    """The longest of `phrases` found word for word in prepared `text`, or None."""
    found = [p for p in phrases if p and f" {p} " in text]
    return max(found, key=len) if found else None


def without(text: str, phrase: str) -> str:
    """Prepared `text` with `phrase` taken out (once), still padded."""
    return re.sub(f" {re.escape(phrase)} ", " ", text, count=1)

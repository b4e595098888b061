"""Which of the site's languages a message is written in, from its letters (good enough to answer in it)."""

from __future__ import annotations

PASHTO_LETTERS = frozenset("ټډړږښګڼېۍځڅ")
PERSIAN_LETTERS = frozenset("پچژگکی")


def guess_language(text: str) -> str:
    """"ps", "fa" or "ar" for Arabic script (by letters only those languages use), otherwise "en"."""
    letters = {ch for ch in text if "\u0600" <= ch <= "\u06ff"}
    if not letters:
        return "en"
    if letters & PASHTO_LETTERS:
        return "ps"
    if letters & PERSIAN_LETTERS:
        return "fa"
    return "ar"

"""Text as it arrives from a young person, made safe to read and store: no NUL or other control
characters (PostgreSQL refuses NUL; others hide text from staff), no direction overrides (they can
make stored text display as something else). Line breaks and tabs stay; the zero-width joiners that
Persian and emoji need stay too."""

from __future__ import annotations

import re
import unicodedata

_DIRECTION_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")
_KEEP = frozenset("\n\t")


def plain_text(text: str) -> str:
    """`text` without control characters or direction overrides; "\\r\\n" and "\\r" become "\\n"."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _DIRECTION_CONTROLS.sub("", text)
    return "".join(ch for ch in text if ch in _KEEP or unicodedata.category(ch) != "Cc")

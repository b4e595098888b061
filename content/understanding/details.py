"""Details a young person gives about themselves in passing ("im 17"), kept only for the conversation."""

from __future__ import annotations

import re

_AGE = re.compile(
    r"\b(?:i\s*am|i'?m|iam|am|aged|age)\s+(\d{2})\b(?!\s*(?:pounds|quid|£|%|weeks|days|hours|minutes|times))"
    r"|\b(\d{2})\s*(?:yo|y/o|yrs?\s*old|years?\s*old)\b",
    re.IGNORECASE,
)
MIN_AGE, MAX_AGE = 10, 30


def stated_age(text: str) -> int | None:
    """An age stated in `text` ("I'm 17", "im 19", "aged 16", "22yo"), or None."""
    for match in _AGE.finditer(text):
        age = int(match.group(1) or match.group(2))
        if MIN_AGE <= age <= MAX_AGE:
            return age
    return None

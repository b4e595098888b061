"""Details a young person gives about themselves in passing ("im 17", "im at uni"), kept only for the
conversation. The situation phrases are data: content/language/details.yaml."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from content.understanding.matcher import LANGUAGE_DIR, Language
from content.understanding.phrases import find_phrase, phrase_key, prepared
from content.yaml_files import read_yaml

# An age to come ("im 18 in march", "im 21 next month") is not the age now: the young person is younger.
_LATER = (r"in\s+(?:jan\w*|feb\w*|march|mar|apr\w*|may|june?|july?|aug\w*|sept?\w*|oct\w*|nov\w*|dec\w*|a\s+few|"
          r"a\s+couple|a\s+month|a\s+week|\d+|two|three|the\s+summer|summer|spring|autumn|winter)|"
          r"next\s+(?:week|month|year)|soon|tomorrow|tmrw|on\s+my\s+birthday")
_AGE = re.compile(
    r"\b(?:i\s*am|i'?m|iam|am|aged|age)\s+(\d{2})\b"
    rf"(?!\s*(?:pounds|quid|£|%|weeks|days|hours|minutes|times|{_LATER}))"
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


@lru_cache(maxsize=1)
def _situation_phrases(path: Path = LANGUAGE_DIR / "details.yaml") -> dict[str, tuple[str, ...]]:
    data = read_yaml(path.read_text(encoding="utf-8"))["situations"]
    return {str(sid): tuple(phrase_key(str(p)) for p in phrases) for sid, phrases in data.items()}


def stated_situations(text: str, language: Language | None = None) -> set[str]:
    """Situation ids `text` says apply ("im at uni" -> {"at-university"}). Empty when none."""
    words = prepared(text, language or Language.load())
    return {sid for sid, phrases in _situation_phrases().items() if find_phrase(words, phrases)}


def without_details(text: str, language: Language | None = None) -> str:
    """`text` without the ages and situation phrases it states: what is left is what it asks."""
    words = _AGE.sub(" ", prepared(text, language or Language.load()))
    for phrases in _situation_phrases().values():
        for phrase in phrases:
            words = words.replace(f" {phrase} ", " ")
    return " ".join(words.split())

"""What a question with no offer is about: something from a care leaver's life that the leaving care
team can help with, or clearly off-topic (content/language/topics.yaml)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from content.understanding.matcher import LANGUAGE_DIR, Language
from content.understanding.phrases import find_phrase, phrase_key, prepared
from content.yaml_files import read_yaml

TOPICS_FILE = LANGUAGE_DIR / "topics.yaml"


@lru_cache(maxsize=1)
def _topics(path: Path = TOPICS_FILE) -> dict[str, tuple[str, ...]]:
    data = read_yaml(path.read_text(encoding="utf-8"))
    return {kind: tuple(phrase_key(str(p)) for p in data.get(kind) or ()) for kind in ("care_life", "off_topic")}


def topic_kind(text: str, language: Language) -> str | None:
    """"care_life" or "off_topic" when `text` names such a topic, else None."""
    words = prepared(text, language)
    for kind, phrases in _topics().items():
        if find_phrase(words, phrases):
            return kind
    return None

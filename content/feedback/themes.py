"""Tagging feedback with a theme (money, housing, ...), from content/themes.yaml."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from content.understanding.matcher import Language, normalise
from content.yaml_files import read_yaml

THEMES_FILE = Path(__file__).resolve().parent.parent / "themes.yaml"
FALLBACK = "other"


@dataclass(frozen=True)
class Theme:
    id: str
    name: str
    categories: tuple[str, ...]
    pattern: re.Pattern[str] | None


class ThemeTagger:
    def __init__(self, path: Path = THEMES_FILE, language: Language | None = None):
        self.language = language or Language.load()
        data = read_yaml(path.read_text(encoding="utf-8"))["themes"]
        self.themes: tuple[Theme, ...] = tuple(
            Theme(t["id"], t["name"], tuple(t.get("categories") or ()), self._pattern(t.get("words") or []))
            for t in data
        )

    def _expand(self, text: str) -> str:
        speak = self.language.text_speak
        return " ".join(speak.get(w, w) for w in normalise(text).split())

    def _pattern(self, words: list[str]) -> re.Pattern[str] | None:
        prepared = sorted({self._expand(str(w)) for w in words} - {""}, key=len, reverse=True)
        if not prepared:
            return None
        return re.compile(r"\b(?:" + "|".join(re.escape(w) for w in prepared) + r")\b")

    @classmethod
    def shared(cls) -> ThemeTagger:
        """One tagger per process: building it reads and compiles the theme lists."""
        return _shared_tagger()

    def ids(self) -> list[str]:
        return [t.id for t in self.themes]

    def name(self, theme_id: str | None) -> str:
        return next((t.name for t in self.themes if t.id == theme_id), theme_id or "")

    def tag(self, text: str | None, offer_category: str | None = None) -> str:
        """The theme an item is about: from the offer's category, else the words used most."""
        if offer_category:
            for theme in self.themes:
                if offer_category in theme.categories:
                    return theme.id
        if not text:
            return FALLBACK
        expanded = self._expand(text)
        counts = [(len(t.pattern.findall(expanded)), -i, t.id) for i, t in enumerate(self.themes) if t.pattern]
        best = max(counts, default=(0, 0, FALLBACK))
        return best[2] if best[0] > 0 else FALLBACK


@lru_cache(maxsize=1)
def _shared_tagger() -> ThemeTagger:
    return ThemeTagger()

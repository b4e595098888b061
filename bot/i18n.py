"""Bot strings in the chat's language, from the same Babel catalogs as the site."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from babel.support import NullTranslations, Translations

TRANSLATIONS_DIR = Path(__file__).resolve().parent.parent / "web" / "translations"
LANGUAGES = ("en", "ar", "fa", "ps")


@lru_cache(maxsize=16)
def translations(lang: str) -> NullTranslations:
    if lang == "en" or lang not in LANGUAGES:
        return NullTranslations()
    return Translations.load(str(TRANSLATIONS_DIR), [lang])

"""How common a word is in English (pyspellchecker's word list, counted from film subtitles).

Used wherever a real word must not be taken for something else: a typo to correct, a risk word, or
a name. Loading takes a few hundred milliseconds, once per process.
"""

from __future__ import annotations

from functools import lru_cache

from spellchecker import SpellChecker, WordFrequency

KNOWN_WORD_COUNT = 50  # seen this often: a real word, not a typo


@lru_cache(maxsize=1)
def english_words() -> WordFrequency:
    return SpellChecker(language="en", distance=1).word_frequency


def word_count(word: str) -> int:
    """How many times `word` (lower case) was seen in the list; 0 for a typo or a made-up word."""
    return english_words()[word]


def is_english_word(word: str) -> bool:
    return word_count(word) >= KNOWN_WORD_COUNT


def word_share(word: str) -> float:
    """`word`'s share of all words seen (about 1e-5 and above: an everyday word)."""
    return word_count(word) / english_words().total_words

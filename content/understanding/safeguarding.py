"""Spotting messages that show risk, from phrase lists in content/safeguarding.yaml.

The check runs on every message before anything else. It errs towards safety: a false alarm
shows crisis contacts to someone who did not need them; a miss could leave someone alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml
from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from content.understanding.matcher import Language, normalise

SAFEGUARDING_FILE = Path(__file__).resolve().parent.parent / "safeguarding.yaml"
MAX_CHARS = 5000  # longer messages are checked on their first 5,000 characters


@dataclass(frozen=True)
class RiskKind:
    id: str
    label: str


class RiskDetector:
    def __init__(self, path: Path = SAFEGUARDING_FILE, language: Language | None = None):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        self.language = language or Language.load()
        # Per kind: one pattern for its phrases, and for each `together` rule one pattern per group.
        self._rules: list[tuple[RiskKind, list[list[re.Pattern[str]]]]] = []
        vocab: set[str] = set()
        for kind in data["kinds"]:
            risk = RiskKind(kind["id"], kind["label"])
            rules = [[self._pattern(kind["phrases"], vocab)]]
            rules += [[self._pattern(group, vocab) for group in combo] for combo in kind.get("together") or []]
            self._rules.append((risk, rules))
        self._vocab_set = frozenset(vocab)
        # Correction candidates by first letter (typos rarely change it), and corrections made so far.
        self._by_letter: dict[str, tuple[str, ...]] = {}
        for word in sorted(w for w in vocab if len(w) >= 5):
            self._by_letter.setdefault(word[0], ())
            self._by_letter[word[0]] += (word,)
        self._corrections: dict[str, str] = {}

    def _expand(self, text: str) -> str:
        speak = self.language.text_speak
        return " ".join(speak.get(w, w) for w in normalise(text).split())

    def _pattern(self, phrases: list[str], vocab: set[str]) -> re.Pattern[str]:
        """One regex matching any of `phrases` as whole words (after the same normalising as messages)."""
        prepared = sorted({self._expand(str(p)) for p in phrases} - {""}, key=len, reverse=True)
        for phrase in prepared:
            vocab.update(phrase.split())
        return re.compile(r"\b(?:" + "|".join(re.escape(p) for p in prepared) + r")\b")

    def _correct(self, word: str) -> str:
        """A misspelt risk word ("eatin", "sucidal") to the word in the lists; other words unchanged.

        Typos rarely change the first letter, and requiring it keeps "lights" from becoming "nights".
        """
        if len(word) < 5 or word in self._vocab_set:
            return word
        found = self._corrections.get(word)
        if found is None:
            candidates = self._by_letter.get(word[0], ())
            best = process.extractOne(word, candidates, scorer=Levenshtein.normalized_similarity, score_cutoff=0.8)
            found = best[0] if best else word
            if len(self._corrections) > 50_000:  # bounded: made-up words must not grow memory forever
                self._corrections.clear()
            self._corrections[word] = found
        return found

    def detect(self, text: str) -> RiskKind | None:
        """The first kind of risk `text` shows, or None."""
        expanded = self._expand(text[:MAX_CHARS])
        corrected = " ".join(self._correct(w) for w in expanded.split())
        for risk, rules in self._rules:
            for groups in rules:
                if all(g.search(expanded) or g.search(corrected) for g in groups):
                    return risk
        return None

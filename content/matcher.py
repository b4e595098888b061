"""Match free text ("councel tax?", "money 4 uni") to offers, tolerating typos.

One pipeline, shared by the site search and the chat bot:
1. normalise: lower case, strip punctuation and emoji, squeeze repeated letters;
2. expand text speak and slang from content/language/ data files;
3. correct spelling word by word against the vocabulary of the content itself;
4. score each offer of the area against its title, keywords and example questions (rapidfuzz).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml
from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein

from content.schema import Offer

LANGUAGE_DIR = Path(__file__).resolve().parent / "language"

_NON_WORD = re.compile(r"[^\w£]+")
_REPEATS = re.compile(r"(\w)\1{2,}")


@dataclass(frozen=True)
class Match:
    offer: Offer
    score: float


@dataclass(frozen=True)
class Language:
    """Words the matcher needs to know about, loaded from content/language/*.yaml."""

    stopwords: frozenset[str]
    text_speak: dict[str, str]

    @classmethod
    def load(cls, directory: Path = LANGUAGE_DIR) -> Language:
        stop = yaml.safe_load((directory / "stopwords.yaml").read_text(encoding="utf-8"))["words"]
        speak_path = directory / "text_speak.yaml"
        speak = yaml.safe_load(speak_path.read_text(encoding="utf-8"))["words"] if speak_path.exists() else {}
        return cls(frozenset(str(w) for w in stop), {str(k): str(v) for k, v in speak.items()})


def normalise(text: str) -> str:
    """Lower case, no accents or emoji or punctuation, letters repeated 3+ times squeezed to one."""
    text = unicodedata.normalize("NFKC", text).casefold()
    text = "".join(ch for ch in text if unicodedata.category(ch)[0] in "LNZ" or ch in "£'-")
    text = text.replace("'", "")
    text = _REPEATS.sub(r"\1", text)
    return " ".join(_NON_WORD.sub(" ", text).split())


class OfferMatcher:
    """Scores an area's offers against a question. Build once per content snapshot."""

    def __init__(self, offers: Iterable[Offer], language: Language | None = None):
        self.language = language or Language.load()
        self._offers = tuple(offers)
        self._docs: dict[tuple[str, str], tuple[str, ...]] = {}
        vocab: set[str] = set()
        for offer in self._offers:
            docs = [offer.title, *offer.keywords, *offer.example_questions]
            norm = tuple(self._expand(normalise(d)) for d in docs)
            self._docs[offer.area, offer.slug] = norm
            for doc in norm:
                vocab.update(doc.split())
        self._vocab = tuple(sorted(vocab))
        self._vocab_set = frozenset(vocab)
        self._corrections: dict[str, str] = {}

    def _expand(self, text: str) -> str:
        speak = self.language.text_speak
        return " ".join(speak.get(word, word) for word in text.split())

    def _content_words(self, text: str) -> list[str]:
        return [w for w in text.split() if w not in self.language.stopwords]

    def correct(self, word: str) -> str:
        """The closest content word to `word` when `word` is unknown and close enough; else itself."""
        if word in self._vocab_set or len(word) < 4 or word.isdigit():
            return word
        if word not in self._corrections:
            best = process.extractOne(word, self._vocab, scorer=Levenshtein.normalized_similarity, score_cutoff=0.75)
            # Bounded: a flood of made-up words must not grow memory without limit.
            if len(self._corrections) < 10_000:
                self._corrections[word] = best[0] if best else word
            return best[0] if best else word
        return self._corrections[word]

    def prepare(self, text: str) -> str:
        """Normalised, expanded and spell-corrected content words of `text`."""
        expanded = self._expand(normalise(text))
        return " ".join(self.correct(w) for w in self._content_words(expanded))

    def match(self, area: str, text: str, limit: int = 3) -> list[Match]:
        """The best-scoring offers of `area` for `text`, best first, scores 0-100."""
        query = self.prepare(text)
        if not query:
            return []
        results = []
        for offer in self._offers:
            if offer.area != area:
                continue
            docs = self._docs[area, offer.slug]
            score = max(_score(query, doc, self._content_words(doc)) for doc in docs)
            results.append(Match(offer, round(score, 1)))
        results.sort(key=lambda m: (-m.score, m.offer.title))
        return results[:limit]


def _score(query: str, doc: str, doc_words: Sequence[str]) -> float:
    # token_set_ratio rewards a query whose words all appear in the document ("council tax"
    # in "do care leavers pay council tax"); WRatio catches near-whole-phrase matches.
    content_doc = " ".join(doc_words)
    if not content_doc:
        return 0.0
    return max(fuzz.token_set_ratio(query, content_doc), fuzz.WRatio(query, content_doc) * 0.95)

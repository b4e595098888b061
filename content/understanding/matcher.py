"""Match free text ("councel tax?", "wot money can i get 4 uni") to offers, tolerating typos.

One pipeline, shared by the site search and the chat bot:
1. normalise: lower case, strip punctuation and emoji, squeeze letters repeated 3+ times;
2. expand text speak and slang from content/language/text_speak.yaml;
3. correct spelling word by word against the vocabulary of the content itself;
4. score each offer of the area on two things:
   - coverage: how much of the question's meaning (its words, weighted by how rare they are
     across offers) the offer's title, keywords and example questions contain. Words the content
     never uses count against a match, which is what keeps "who won the match" unanswered;
   - similarity: the best rapidfuzz match between the question and one of the offer's example
     questions or keywords, which rewards phrasing close to a known question.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein

from content.catalogue.schema import Offer
from content.understanding.english_words import is_english_word
from content.yaml_files import read_yaml

LANGUAGE_DIR = Path(__file__).resolve().parent.parent / "language"

_NON_WORD = re.compile(r"[^\w£]+")
_REPEATS = re.compile(r"([^\W\d_])\1{2,}")  # letters only: "999" and "£2000" stay

# Field weights: a word in the title or keywords says more about an offer than one in an example.
TITLE_WEIGHT = 1.0
KEYWORD_WEIGHT = 1.0
EXAMPLE_WEIGHT = 0.7
SUMMARY_WEIGHT = 0.5
COVERAGE_SHARE = 0.65  # of the final score; the rest is phrase similarity
SHORTLIST = 20  # only the offers sharing the most meaning are compared phrase by phrase
# An offer shown in an area but written for another (NTU's bursary in the City) gives way to the area's
# own offers on general questions ("money for uni"); asked for by name ("ntu bursary") it still comes first.
SHARED_OFFER_WEIGHT = 0.85


@dataclass(frozen=True)
class Match:
    offer: Offer
    score: float  # 0-100, for ranking: coverage and phrase similarity together
    evidence: float = 0.0  # how much meaning the question and the offer share (sum of matched word weights)
    coverage: float = 0.0  # the share of the question's meaning found in the offer (0-1)
    meaning: float = 0.0  # closeness in meaning from sentence embeddings (cosine; 0 when not measured)


@dataclass(frozen=True)
class Language:
    """Words the matcher needs to know about, loaded from content/language/*.yaml."""

    stopwords: frozenset[str]
    text_speak: dict[str, str]
    loanwords: dict[str, str] = field(default_factory=dict)  # "کانسل" -> "council": the offer matcher only

    @classmethod
    def load(cls, directory: Path = LANGUAGE_DIR) -> Language:
        """The word lists, read once per process (they change with a deployment, like code)."""
        return _load_language(directory)

    @classmethod
    def read(cls, directory: Path) -> Language:
        stop = read_yaml((directory / "stopwords.yaml").read_text(encoding="utf-8"))["words"]
        speak_path = directory / "text_speak.yaml"
        speak = read_yaml(speak_path.read_text(encoding="utf-8"))["words"] if speak_path.exists() else {}
        loan_path = directory / "loanwords.yaml"
        loan = read_yaml(loan_path.read_text(encoding="utf-8"))["words"] if loan_path.exists() else {}
        return cls(frozenset(str(w) for w in stop), {str(k): str(v) for k, v in (speak or {}).items()},
                   {normalise(str(k)): str(v) for k, v in (loan or {}).items()})


def normalise(text: str) -> str:
    """Lower case, no accents or emoji or punctuation, letters repeated 3+ times squeezed to one."""
    text = unicodedata.normalize("NFKC", text).casefold()
    text = "".join(ch for ch in text if unicodedata.category(ch)[0] in "LNZ" or ch in "£'-")
    text = text.replace("'", "")
    text = _REPEATS.sub(r"\1", text)
    return " ".join(_NON_WORD.sub(" ", text).split())


def stem(word: str) -> str:
    """A light English stemmer, enough to make "bills"/"bill" and "bursaries"/"bursary" meet."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 5 and word.endswith("ing"):
        return word[:-3]
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


class OfferMatcher:
    """Scores an area's offers against a question. Build once per content snapshot."""

    def __init__(self, offers: Iterable[Offer], language: Language | None = None):
        self.language = language or Language.load()
        self._offers = tuple(offers)
        self._weights: dict[tuple[str, str], dict[str, float]] = {}
        self._phrases: dict[tuple[str, str], tuple[str, ...]] = {}
        # (area, stem) -> [(offer index, weight)]: only offers sharing a word are ever scored.
        self._postings: dict[tuple[str, str], list[tuple[int, float]]] = {}
        df: Counter[str] = Counter()
        vocab: set[str] = set()
        word_offers: Counter[str] = Counter()  # how many offers use each word: ties in a typo go to the commoner
        for index, offer in enumerate(self._offers):
            weights: dict[str, float] = {}
            fields = [
                ([offer.title], TITLE_WEIGHT, False),
                (offer.keywords, KEYWORD_WEIGHT, False),
                (offer.example_questions, EXAMPLE_WEIGHT, False),
                ([offer.summary], SUMMARY_WEIGHT, False),
            ]
            for translation in offer.translations.values():
                fields += [([translation.title], TITLE_WEIGHT, True), ([translation.summary], SUMMARY_WEIGHT, True),
                           (translation.example_questions or [], EXAMPLE_WEIGHT, True)]
            offer_words: set[str] = set()
            for texts, weight, translated in fields:
                for text in texts:
                    words = self._words(text)
                    if translated:
                        # Only words in the language's own script: Latin-script Arabic, Farsi or Pashto
                        # ("pool" is money in Finglish) would be taken for English words and typos.
                        words = [w for w in words if not w.isascii()]
                    vocab.update(words)
                    offer_words.update(words)
                    for word in words:
                        key = stem(word)
                        weights[key] = max(weights.get(key, 0.0), weight)
            word_offers.update(offer_words)
            key = (offer.area, offer.slug)
            self._weights[key] = weights
            for word_stem, weight in weights.items():
                self._postings.setdefault((offer.area, word_stem), []).append((index, weight))
            translated = [q for tr in offer.translations.values() for q in [tr.title, *(tr.example_questions or [])]
                          if not q.isascii()]
            self._phrases[key] = tuple(
                " ".join(self._words(t)) for t in [offer.title, *offer.keywords, *offer.example_questions, *translated]
            )
            if offer.shared_from is None:  # a word's rarity is counted once per offer as written
                df.update(weights.keys())
        n = max(sum(o.shared_from is None for o in self._offers), 1)
        self._idf = {word: math.log(1 + n / count) for word, count in df.items()}
        self._unknown_idf = math.log(1 + n)
        self._vocab = tuple(sorted(vocab))
        self._vocab_set = frozenset(vocab)
        self._word_offers = word_offers
        self._corrections: dict[str, str] = {}

    def _expand(self, text: str) -> str:
        speak, loan = self.language.text_speak, self.language.loanwords
        return " ".join(speak.get(word) or loan.get(word, word) for word in text.split())

    def with_english_loans(self, text: str) -> str:
        """`text` normalised, with English words written in Arabic, Farsi or Pashto letters in English
        ("کانسل تکس" -> "council tax"), for what reads meaning from the offers' words."""
        loan = self.language.loanwords
        return " ".join(loan.get(word, word) for word in normalise(text).split())

    def _words(self, text: str) -> list[str]:
        """Content words of `text`: normalised, text speak expanded, stop words dropped."""
        return [w for w in self._expand(normalise(text)).split() if w not in self.language.stopwords]

    def correct(self, word: str) -> str:
        """The closest content word to `word` when `word` is unknown and close enough; else itself."""
        if word in self._vocab_set or len(word) < 4 or word.isdigit() or is_english_word(word):
            return word  # a real word we do not use ("sister", "gym") is not a typo of one we do
        if word not in self._corrections:
            # Short words may be one edit off ("mony"); longer ones one in four ("apprentiship").
            # Counted in edits: a similarity cutoff of 0.8 missed an exact 0.8 in rapidfuzz's rounding.
            edits = 1 if len(word) < 7 else len(word) // 4
            close = process.extract(word, self._vocab, scorer=Levenshtein.distance, score_cutoff=edits, limit=None)
            # The nearest; between equally near words ("mony": money or many), the one more offers use.
            found = min(close, key=lambda c: (c[1], -self._word_offers[c[0]], c[0]))[0] if close else word
            if len(self._corrections) > 50_000:  # bounded: made-up words must not grow memory forever
                self._corrections.clear()
            self._corrections[word] = found
        return self._corrections[word]

    def prepare(self, text: str) -> list[str]:
        """Normalised, expanded, spell-corrected content words of `text`."""
        return [self.correct(w) for w in self._words(text)]

    def offer_stems(self, area: str, slug: str) -> frozenset[str]:
        """The word stems an offer's title, keywords, examples and summary use."""
        return frozenset(self._weights.get((area, slug), {}))

    def match(self, area: str, text: str, limit: int = 3) -> list[Match]:
        """The best-scoring offers of `area` for `text`, best first, scores 0-100."""
        return self.match_words(area, self.prepare(text), limit)

    def match_words(self, area: str, words: list[str], limit: int = 3) -> list[Match]:
        """As `match`, for words already through `prepare`."""
        if not words:
            return []
        stems = [stem(w) for w in words]
        idf = [self._idf.get(s, self._unknown_idf) for s in stems]
        total = sum(idf)
        query = " ".join(words)
        evidence: dict[int, float] = {}
        for word_stem, weight in zip(stems, idf, strict=True):
            for index, field_weight in self._postings.get((area, word_stem), ()):
                evidence[index] = evidence.get(index, 0.0) + weight * field_weight
        shortlist = sorted(evidence.items(), key=lambda kv: -kv[1])[:SHORTLIST]
        results = []
        for index, found in shortlist:
            offer = self._offers[index]
            coverage = found / total
            phrases = self._phrases[offer.area, offer.slug]
            similarity = max(fuzz.token_sort_ratio(query, phrase) for phrase in phrases) / 100
            score = 100 * (COVERAGE_SHARE * coverage + (1 - COVERAGE_SHARE) * similarity)
            if offer.shared_from is not None:
                score *= SHARED_OFFER_WEIGHT
            results.append(Match(offer, round(score, 1), round(found, 2), round(coverage, 3)))
        results.sort(key=lambda m: (-m.score, m.offer.title))
        return results[:limit]


@lru_cache(maxsize=8)
def _load_language(directory: Path) -> Language:
    return Language.read(directory)

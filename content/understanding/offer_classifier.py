"""Meaning learnt from the offers' own words: a classifier per area over letter and word n-grams,
trained on each offer's title, summary, keywords and example questions in every language.

The alternative to sentence embeddings (semantic.py) when latency matters: it trains in about a
second when a process starts, answers in about a millisecond, and needs nothing beyond scikit-learn.
Letter n-grams keep typos, text speak and Arabic, Farsi and Pashto spellings close; the translated
example questions teach it those languages.
"""

from __future__ import annotations

import os
import threading
from collections import OrderedDict
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from typing import ClassVar

from scipy.sparse import hstack
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

from content.catalogue.schema import Offer
from content.understanding.matcher import normalise

REGULARISATION_C = 10.0
MAX_ITERATIONS = 1000


def training_texts(offer: Offer) -> list[str]:
    texts = [offer.title, offer.summary, *offer.keywords, *offer.example_questions]
    for translation in offer.translations.values():
        texts += [translation.title, translation.summary, *(translation.example_questions or [])]
    return [normalise(t) for t in texts if t]


class _AreaModel:
    def __init__(self, offers: list[Offer]):
        texts, labels = [], []
        for offer in offers:
            for text in training_texts(offer):
                texts.append(text)
                labels.append(offer.slug)
        self.letters = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, min_df=1)
        self.words = TfidfVectorizer(analyzer="word", ngram_range=(1, 2), sublinear_tf=True, min_df=1,
                                     token_pattern=r"(?u)\b\w+\b")  # noqa: S106 - a regex, not a password
        features = hstack([self.letters.fit_transform(texts), self.words.fit_transform(texts)]).tocsr()
        # saga: a few times faster to train than the default solver here, with the same answers on the
        # tuning sets (a process trains once, at start). A fixed seed: saga shuffles, and answers must not
        # change between processes.
        self.model = LogisticRegression(C=REGULARISATION_C, solver="saga", max_iter=MAX_ITERATIONS, random_state=0)
        self.model.fit(features, labels)

    def scores(self, text: str) -> dict[str, float]:
        clean = normalise(text)
        features = hstack([self.letters.transform([clean]), self.words.transform([clean])]).tocsr()
        return {str(slug): float(p) for slug, p in zip(self.model.classes_, self.model.predict_proba(features)[0],
                                                       strict=True)}


class OfferClassifier:
    """Per-area offer classifiers. Build once per content snapshot (`OfferClassifier.shared`)."""

    _shared: ClassVar[OrderedDict[str, OfferClassifier]] = OrderedDict()
    _lock = threading.Lock()

    @classmethod
    def shared(cls, fingerprint: str, offers: Iterable[Offer]) -> OfferClassifier:
        """One classifier per content snapshot per process: training takes seconds, so every engine of a
        process (and every test) shares it."""
        with cls._lock:
            if fingerprint not in cls._shared:
                cls._shared[fingerprint] = cls(offers)
                while len(cls._shared) > 4:
                    cls._shared.popitem(last=False)
            return cls._shared[fingerprint]

    def __init__(self, offers: Iterable[Offer]):
        by_area: dict[str, list[Offer]] = {}
        for offer in offers:
            by_area.setdefault(offer.area, []).append(offer)
        areas = [area for area, group in by_area.items() if len(group) > 1]
        # The areas train side by side: the solver runs outside the GIL, so a start takes about two thirds of the
        # time on two cores (6.6 -> 4.5 s), with the same models.
        with ThreadPoolExecutor(max_workers=min(len(areas), os.cpu_count() or 1) or 1) as pool:
            models = list(pool.map(lambda area: _AreaModel(by_area[area]), areas))
        self._models = dict(zip(areas, models, strict=True))
        self._recent: dict[tuple[str, str], dict[str, float]] = {}

    def scores(self, area: str, text: str) -> dict[str, float]:
        """Each offer of `area` and the probability that `text` asks for it."""
        model = self._models.get(area)
        if model is None:
            return {}
        key = (area, text)
        with self._lock:
            if key in self._recent:
                return self._recent[key]
        found = model.scores(text)
        with self._lock:  # a message is classified more than once per reply: keep the last few
            self._recent[key] = found
            while len(self._recent) > 64:
                self._recent.pop(next(iter(self._recent)))
        return found

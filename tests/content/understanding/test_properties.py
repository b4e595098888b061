"""Property-based tests: any unicode at all goes through the matcher and the safeguarding check without a crash."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from content.understanding.matcher import OfferMatcher, normalise
from content.understanding.safeguarding import RiskDetector
from tests.content.strategies import ANY_TEXT, SETTINGS

_matcher = None
_detector = RiskDetector.load()


def matcher(bundle) -> OfferMatcher:
    global _matcher
    if _matcher is None:
        _matcher = OfferMatcher(bundle.offers)
    return _matcher


@SETTINGS
@given(text=ANY_TEXT, area=st.sampled_from(["nottingham", "nottinghamshire", "nowhere", ""]))
def test_matcher_takes_any_text(shipped_bundle, text, area):
    results = matcher(shipped_bundle).match(area, text)
    assert len(results) <= 3
    assert all(0 <= m.score <= 100 and m.offer.area == area for m in results)


@SETTINGS
@given(text=ANY_TEXT)
def test_normalise_is_idempotent(text):
    once = normalise(text)
    assert normalise(once) == once


@SETTINGS
@given(text=ANY_TEXT)
def test_safeguarding_check_takes_any_text(text):
    risk = _detector.assess(text)
    assert risk is None or (risk.level in ("clear", "possible") and risk.id in _detector.families)
    assert _detector.assess("i want to kill myself " + text[:50]) is not None  # risk is found whatever follows

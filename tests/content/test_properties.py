"""Property-based tests: any unicode at all goes through the matcher, the safeguarding check,
redaction and the loader without a crash."""

from __future__ import annotations

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from content.loader import ContentError, read_content
from content.matcher import OfferMatcher, normalise
from content.redaction import redact
from content.safeguarding import RiskDetector
from tests.conftest import content_copy

ANY_TEXT = st.text(alphabet=st.characters(codec=None), max_size=400)
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

_matcher = None
_detector = RiskDetector()


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
    _detector.detect(text)


@SETTINGS
@given(text=ANY_TEXT)
def test_redaction_takes_any_text_and_is_stable(text):
    once = redact(text)
    assert redact(once) == once


@SETTINGS
@given(digits=st.from_regex(r"07[0-9]{3} ?[0-9]{6}", fullmatch=True), before=st.sampled_from(["call ", "on ", ""]))
def test_any_uk_mobile_is_redacted(digits, before):
    assert "[phone]" in redact(before + digits) and digits not in redact(before + digits)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(value=st.one_of(ANY_TEXT, st.integers(), st.floats(allow_nan=True), st.lists(ANY_TEXT, max_size=3),
                       st.dictionaries(ANY_TEXT, ANY_TEXT, max_size=3), st.none()),
       field=st.sampled_from(["title", "summary", "amount", "eligibility", "last_reviewed", "keywords", "contact",
                              "translations", "category", "source"]))
def test_loader_refuses_any_bad_value_with_a_message(tmp_path_factory, value, field):
    root = content_copy(tmp_path_factory.mktemp("prop"))
    path = root / "offers/nottingham/complaints.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data[field] = value
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    try:
        read_content(root)
    except ContentError as exc:
        assert exc.problems and all(p.file and p.field and p.reason for p in exc.problems)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(raw=st.binary(max_size=300))
def test_loader_refuses_any_bytes_as_a_file(tmp_path_factory, raw):
    root = content_copy(tmp_path_factory.mktemp("bytes"))
    (root / "offers/nottingham/complaints.yaml").write_bytes(raw)
    try:
        read_content(root)
    except ContentError as exc:
        assert exc.problems

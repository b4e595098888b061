"""Property-based tests: the loader refuses any bad value or bytes with a message, never a crash."""

from __future__ import annotations

import yaml
from hypothesis import given
from hypothesis import strategies as st

from content.catalogue.loader import ContentError, read_content
from content.catalogue.schema import Offer
from tests.conftest import content_copy
from tests.content.strategies import ANY_TEXT, SLOW_SETTINGS


@SLOW_SETTINGS
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
    else:
        # Accepted: then it must be a value the offer schema itself takes (a loader that let bad
        # values through without a word would fail here).
        Offer.model_validate({**data, "area": "nottingham", "slug": "complaints"})


@SLOW_SETTINGS
@given(raw=st.binary(max_size=300))
def test_loader_refuses_any_bytes_as_a_file(tmp_path_factory, raw):
    root = content_copy(tmp_path_factory.mktemp("bytes"))
    (root / "offers/nottingham/complaints.yaml").write_bytes(raw)
    try:
        read_content(root)
    except ContentError as exc:
        assert exc.problems and all(p.file and p.field and p.reason for p in exc.problems)
    else:
        data = yaml.safe_load(raw.decode("utf-8"))  # accepted: it must be a whole, valid offer
        Offer.model_validate({**data, "area": "nottingham", "slug": "complaints"})

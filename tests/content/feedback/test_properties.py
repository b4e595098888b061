"""Property-based tests: any unicode at all goes through redaction without a crash."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from content.feedback.redaction import redact
from tests.content.strategies import ANY_TEXT, SETTINGS


@SETTINGS
@given(text=ANY_TEXT)
def test_redaction_takes_any_text_and_is_stable(text):
    once = redact(text)
    assert redact(once) == once


@SETTINGS
@given(digits=st.from_regex(r"07[0-9]{3} ?[0-9]{6}", fullmatch=True), before=st.sampled_from(["call ", "on ", ""]))
def test_any_uk_mobile_is_redacted(digits, before):
    assert "[phone]" in redact(before + digits) and digits not in redact(before + digits)

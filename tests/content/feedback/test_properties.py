"""Property-based tests: any unicode at all goes through redaction without a crash."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from content.feedback.redaction import redact

ANY_TEXT = st.text(alphabet=st.characters(codec=None), max_size=400)
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@SETTINGS
@given(text=ANY_TEXT)
def test_redaction_takes_any_text_and_is_stable(text):
    once = redact(text)
    assert redact(once) == once


@SETTINGS
@given(digits=st.from_regex(r"07[0-9]{3} ?[0-9]{6}", fullmatch=True), before=st.sampled_from(["call ", "on ", ""]))
def test_any_uk_mobile_is_redacted(digits, before):
    assert "[phone]" in redact(before + digits) and digits not in redact(before + digits)

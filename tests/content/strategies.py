"""What the property-based tests of every part of the domain share: any unicode text, and how hard to try."""

from __future__ import annotations

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

ANY_TEXT = st.text(alphabet=st.characters(codec=None), max_size=400)
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
SLOW_SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

"""In CI (REQUIRE_SERVICES=1) a test whose service is missing fails; elsewhere it is skipped."""

from __future__ import annotations

import pytest

from tests.conftest import missing


def test_missing_service_fails_when_required(monkeypatch):
    monkeypatch.setenv("REQUIRE_SERVICES", "1")
    with pytest.raises(pytest.fail.Exception, match="REQUIRE_SERVICES=1 but no Redis"):
        missing("no Redis on 127.0.0.1:6379")


def test_missing_service_is_skipped_on_a_laptop(monkeypatch):
    monkeypatch.delenv("REQUIRE_SERVICES", raising=False)
    with pytest.raises(pytest.skip.Exception):
        missing("no Redis on 127.0.0.1:6379")

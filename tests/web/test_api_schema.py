"""Schemathesis: the API keeps to its own OpenAPI document for generated requests (status codes,
content types, response schemas, no server errors)."""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings

from tests.conftest import loaded_sqlite
from web import create_app


@pytest.fixture(scope="module")
def api_schema(tmp_path_factory, shipped_bundle):
    app = create_app("test", {"DATABASE_URL": loaded_sqlite(tmp_path_factory.mktemp("api") / "api.db",
                                                            shipped_bundle)})
    return schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)


OPERATIONS = ["listAreas", "listOffers", "getOffer", "openReferralServices"]


@pytest.mark.parametrize("operation_id", OPERATIONS)
def test_api_keeps_to_its_schema(api_schema, operation_id):
    operation = api_schema.find_operation_by_id(operation_id)

    @given(case=operation.as_strategy())
    @settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
    def check(case):
        case.call_and_validate()

    check()

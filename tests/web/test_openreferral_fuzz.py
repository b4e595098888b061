"""Schemathesis over the Open Referral UK paths: for generated queries (any page, per_page, date-time, age,
search or id the document allows) every answer keeps to our OpenAPI document, valid input is never
refused, and nothing is a server error. The area and ids are chosen from real ones, so the generated
queries reach the services instead of stopping at "no such area"."""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

OPERATIONS = {  # operationId -> what its {id} is drawn from ("" for none)
    "openReferralMeta": "",
    "openReferralServices": "",
    "openReferralService": "services",
    "openReferralTaxonomies": "",
    "openReferralTaxonomy": "taxonomies",
    "openReferralTaxonomyTerms": "",
    "openReferralTaxonomyTerm": "taxonomy_terms",
}
AREAS = ["nottingham", "nottinghamshire", "derby"]


@pytest.fixture(scope="module")
def api_schema(app):
    return schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)


def real_ids(client, listing: str) -> list[str]:
    data = client.get(f"/api/v1/areas/nottinghamshire/openreferral/{listing}?per_page=100").get_json()
    return [item["id"] for item in data["contents"]]


@pytest.mark.parametrize("operation_id", OPERATIONS)
def test_openreferral_paths_keep_to_the_document(api_schema, client, operation_id):
    operation = api_schema.find_operation_by_id(operation_id)
    listing = OPERATIONS[operation_id]
    ids = st.sampled_from(real_ids(client, listing)) if listing else st.none()

    @given(case=operation.as_strategy(), area=st.sampled_from(AREAS), real_id=ids | st.none())
    @settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
    def check(case, area, real_id):
        case.path_parameters["area"] = area
        if real_id is not None:
            case.path_parameters["id"] = real_id
        case.call_and_validate()

    check()

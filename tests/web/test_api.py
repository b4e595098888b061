"""The JSON API, checked against its own OpenAPI document."""

from __future__ import annotations

import jsonschema
import pytest


@pytest.fixture(scope="module")
def spec(app):
    return app.test_client().get("/api/v1/openapi.json").get_json()


def response_schema(spec, path, status="200"):
    schema = spec["paths"][path]["get"]["responses"][status]["content"]["application/json"]["schema"]
    return {**schema, "components": spec["components"]}


def validate(spec, path, data, status="200"):
    # Rewrite "#/components/..." refs to resolve inside the wrapper document.
    jsonschema.validate(data, response_schema(spec, path, status), cls=jsonschema.Draft202012Validator)


def test_openapi_document(spec):
    assert spec["openapi"].startswith("3.1")
    oruk = "/areas/{area}/openreferral"
    assert set(spec["paths"]) == {
        "/areas", "/areas/{area}/offers", "/areas/{area}/offers/{slug}", f"{oruk}/", f"{oruk}/services",
        f"{oruk}/services/{{id}}", f"{oruk}/taxonomies", f"{oruk}/taxonomies/{{id}}", f"{oruk}/taxonomy_terms",
        f"{oruk}/taxonomy_terms/{{id}}",
    }
    jsonschema.Draft202012Validator.check_schema(spec["components"]["schemas"]["Offer"])


def test_areas(client, spec):
    data = client.get("/api/v1/areas").get_json()
    validate(spec, "/areas", data)
    assert [a["id"] for a in data["areas"]] == ["nottingham", "nottinghamshire"]


@pytest.mark.parametrize("area", ["nottingham", "nottinghamshire"])
def test_offers_of_an_area(client, spec, area, shipped_bundle):
    data = client.get(f"/api/v1/areas/{area}/offers").get_json()
    validate(spec, "/areas/{area}/offers", data)
    assert {o["slug"] for o in data["offers"]} == {o.slug for o in shipped_bundle.offers if o.area == area}


def test_one_offer(client, spec):
    response = client.get("/api/v1/areas/nottinghamshire/offers/you-know-your-mind")
    assert response.status_code == 200
    data = response.get_json()
    validate(spec, "/areas/{area}/offers/{slug}", data)
    assert data["amount"] == {"pounds": "500", "period": "not-stated", "qualifier": "up-to"}
    assert data["page_url"].endswith("/nottinghamshire/offers/you-know-your-mind")


@pytest.mark.parametrize("path", ["/api/v1/areas/derby/offers", "/api/v1/areas/nottingham/offers/nope"])
def test_not_found_is_json(client, spec, path):
    response = client.get(path)
    assert response.status_code == 404
    assert response.get_json() == {"error": "Not Found", "status": 404}


def test_open_referral_paths_keep_to_our_document(client, spec):
    """Our own document describes the ORUK API as served (the profile's schemas are checked in
    test_openreferral_api.py); one response of each path, and its errors."""
    base = "/api/v1/areas/nottinghamshire/openreferral"
    services = client.get(f"{base}/services").get_json()
    validate(spec, "/areas/{area}/openreferral/services", services)
    taxonomies = client.get(f"{base}/taxonomies").get_json()
    terms = client.get(f"{base}/taxonomy_terms").get_json()
    examples = {
        "/": "/", "/services/{id}": f"/services/{services['contents'][0]['id']}", "/taxonomies": "/taxonomies",
        "/taxonomies/{id}": f"/taxonomies/{taxonomies['contents'][0]['id']}", "/taxonomy_terms": "/taxonomy_terms",
        "/taxonomy_terms/{id}": f"/taxonomy_terms/{terms['contents'][0]['id']}",
    }
    for documented, path in examples.items():
        response = client.get(base + path)
        assert response.status_code == 200, path
        validate(spec, "/areas/{area}/openreferral" + documented, response.get_json())
    bad = client.get(f"{base}/services?page=0")
    assert bad.status_code == 400
    validate(spec, "/areas/{area}/openreferral/services", bad.get_json(), "400")
    missing = client.get(f"{base}/services/{taxonomies['contents'][0]['id']}")
    assert missing.status_code == 404
    validate(spec, "/areas/{area}/openreferral/services/{id}", missing.get_json(), "404")

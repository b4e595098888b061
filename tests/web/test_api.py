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
    assert set(spec["paths"]) == {"/areas", "/areas/{area}/offers", "/areas/{area}/offers/{slug}",
                                  "/areas/{area}/openreferral/services"}
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
    assert data["amount"] == {"pounds": "500", "period": "one-off", "qualifier": "up-to"}
    assert data["page_url"].endswith("/nottinghamshire/offers/you-know-your-mind")


@pytest.mark.parametrize("path", ["/api/v1/areas/derby/offers", "/api/v1/areas/nottingham/offers/nope"])
def test_not_found_is_json(client, spec, path):
    response = client.get(path)
    assert response.status_code == 404
    assert response.get_json() == {"error": "Not Found", "status": 404}


def test_open_referral_export(client, spec, shipped_bundle):
    data = client.get("/api/v1/areas/nottinghamshire/openreferral/services").get_json()
    validate(spec, "/areas/{area}/openreferral/services", data)
    county = [o for o in shipped_bundle.offers if o.area == "nottinghamshire"]
    assert data["total_items"] == len(county) == len(data["contents"])
    ykym = next(s for s in data["contents"] if s["name"].startswith("You Know Your Mind"))
    assert ykym["organization"]["name"] == "Nottinghamshire County Council"
    assert ykym["cost_options"][0]["amount"] == 500.0
    assert ykym["eligibilitys"][0]["maximum_age"] == 24
    assert ykym["url"].endswith("/nottinghamshire/offers/you-know-your-mind")
    again = client.get("/api/v1/areas/nottinghamshire/openreferral/services").get_json()
    assert [s["id"] for s in again["contents"]] == [s["id"] for s in data["contents"]]  # stable ids
    assert client.get("/api/v1/areas/derby/openreferral/services").status_code == 404

"""The OpenAPI 3.1 document for /api/v1. Schemas come from the pydantic content models,
so the document cannot drift from what the API returns. The Open Referral UK paths and their
shapes are in openreferral_openapi.py (the tests hold them to the responses)."""

from __future__ import annotations

from typing import Any

from pydantic.json_schema import models_json_schema

from content.catalogue.schema import Area, Offer
from web.api import openreferral_openapi


def _schemas() -> dict[str, Any]:
    _, defs = models_json_schema(
        [(Area, "serialization"), (Offer, "serialization")], ref_template="#/components/schemas/{model}"
    )
    schemas: dict[str, Any] = defs["$defs"]
    schemas["Area"]["properties"]["offers_url"] = {"type": "string", "format": "uri"}
    offer = schemas["Offer"]
    offer["properties"].pop("example_questions", None)
    offer["properties"]["url"] = {"type": "string", "format": "uri"}
    offer["properties"]["page_url"] = {"type": "string", "format": "uri"}
    offer["required"] = [r for r in offer.get("required", []) if r != "example_questions"]
    summary_fields = ["area", "slug", "title", "summary", "category", "amount", "eligibility", "url", "page_url"]
    schemas["OfferSummary"] = {
        "type": "object",
        "properties": {k: offer["properties"][k] for k in summary_fields},
        "required": summary_fields,
    }
    schemas.update(openreferral_openapi.schemas())
    schemas["Error"] = {
        "type": "object",
        "properties": {"error": {"type": "string"}, "status": {"type": "integer"}},
        "required": ["error", "status"],
    }
    return schemas


def _json(schema: dict[str, Any], description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def _list_of(schema: str) -> dict[str, Any]:
    return {"type": "array", "items": {"$ref": f"#/components/schemas/{schema}"}}


NOT_FOUND = _json({"$ref": "#/components/schemas/Error"}, "No such area or offer")
SLUG = {"type": "string", "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$"}


def openapi_document() -> dict[str, Any]:
    area_param = {"name": "area", "in": "path", "required": True, "schema": SLUG}
    slug_param = {"name": "slug", "in": "path", "required": True, "schema": SLUG}
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Care leavers' local offer API",
            "version": "1.0.0",
            "description": "The local offer for care leavers of each area: what young people can get. Each area "
                           "is also an Open Referral UK 3.0 API, based at /areas/{area}/openreferral/.",
        },
        "servers": [{"url": "/api/v1"}],
        "paths": {
            "/areas": {
                "get": {
                    "operationId": "listAreas",
                    "summary": "All areas",
                    "responses": {
                        "200": _json(
                            {
                                "type": "object",
                                "properties": {"areas": _list_of("Area")},
                                "required": ["areas"],
                            },
                            "The areas",
                        )
                    },
                }
            },
            "/areas/{area}/offers": {
                "get": {
                    "operationId": "listOffers",
                    "summary": "An area's offers",
                    "parameters": [area_param],
                    "responses": {
                        "200": _json(
                            {
                                "type": "object",
                                "properties": {
                                    "area": {"type": "string"},
                                    "offers": _list_of("OfferSummary"),
                                },
                                "required": ["area", "offers"],
                            },
                            "The area's offers",
                        ),
                        "404": NOT_FOUND,
                    },
                }
            },
            "/areas/{area}/offers/{slug}": {
                "get": {
                    "operationId": "getOffer",
                    "summary": "One offer in full",
                    "parameters": [area_param, slug_param],
                    "responses": {"200": _json({"$ref": "#/components/schemas/Offer"}, "The offer"), "404": NOT_FOUND},
                }
            },
            **openreferral_openapi.paths(area_param, _json),
        },
        "components": {"schemas": _schemas()},
    }

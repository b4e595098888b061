"""The OpenAPI 3.1 document for /api/v1. Schemas come from the pydantic content models,
so the document cannot drift from what the API returns."""

from __future__ import annotations

from typing import Any

from pydantic.json_schema import models_json_schema

from content.catalogue.schema import Area, Offer


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
    schemas["OpenReferralPage"] = {
        "type": "object",
        "properties": {
            "total_items": {"type": "integer"},
            "total_pages": {"type": "integer"},
            "page_number": {"type": "integer"},
            "size": {"type": "integer"},
            "first_page": {"type": "boolean"},
            "last_page": {"type": "boolean"},
            "empty": {"type": "boolean"},
            "contents": {"type": "array", "items": {"type": "object", "required": ["id", "name", "status"],
                                                    "properties": {"id": {"type": "string", "format": "uuid"},
                                                                   "name": {"type": "string"},
                                                                   "status": {"type": "string"}}}},
        },
        "required": ["total_items", "total_pages", "page_number", "contents"],
    }
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
            "description": "The local offer for care leavers of each area: what young people can get.",
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
            "/areas/{area}/openreferral/services": {
                "get": {
                    "operationId": "openReferralServices",
                    "summary": "The area's offers as Open Referral UK services",
                    "parameters": [area_param, {"name": "page", "in": "query", "required": False,
                                                "schema": {"type": "integer", "minimum": 1}}],
                    "responses": {
                        "200": _json({"$ref": "#/components/schemas/OpenReferralPage"}, "One page of services"),
                        "404": NOT_FOUND,
                    },
                }
            },
        },
        "components": {"schemas": _schemas()},
    }

"""The Open Referral UK paths in this project's own OpenAPI document (web/api/openapi.py).

The profile's OpenAPI document (schema/openapi.json of OpenReferralUK/uk-profile) is the standard these
paths follow, and the tests validate every response against its schemas. This is a shorter statement of
the same shapes, so our document covers every path we serve and Schemathesis can check them: the
types of the fields we send, the fields we always send, and the errors.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from content.catalogue.openreferral_api import MAX_PAGE, MAX_PER_PAGE

PROFILE_DOCS = {"description": "Open Referral UK 3.0 profile", "url": "https://github.com/OpenReferralUK/uk-profile"}

_UUID = {"type": "string", "format": "uuid"}
_URI = {"type": "string", "format": "uri"}
_TEXT = {"type": "string"}


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _object(required: list[str], **properties: Any) -> dict[str, Any]:
    return {"type": "object", "properties": properties, "required": required}


def _page(item: str) -> dict[str, Any]:
    envelope = {"total_items": {"type": "integer", "minimum": 0}, "total_pages": {"type": "integer", "minimum": 0},
                "page_number": {"type": "integer", "minimum": 1}, "size": {"type": "integer", "minimum": 0},
                "first_page": {"type": "boolean"}, "last_page": {"type": "boolean"}, "empty": {"type": "boolean"}}
    return _object([*envelope, "contents"], **envelope, contents={"type": "array", "items": _ref(item)})


def schemas() -> dict[str, Any]:
    """The ORUK component schemas, to merge into the document's components."""
    term = _object(["id", "name", "description"], id=_UUID, name=_TEXT, description=_TEXT, taxonomy=_TEXT,
                   taxonomy_id=_UUID, term=_TEXT)
    summary = _object(
        ["id", "organization_id", "name", "description", "url", "status", "fees", "minimum_age", "maximum_age",
         "assured_date", "last_modified", "organization"],
        id=_UUID, organization_id=_UUID, name=_TEXT, description=_TEXT, url=_URI,
        email={"type": "string", "format": "email"},
        status={"type": "string", "enum": ["active", "inactive", "defunct", "temporarily closed"]},
        fees=_TEXT, minimum_age={"type": "number"}, maximum_age={"type": "number"},
        assured_date={"type": "string", "format": "date"}, last_modified={"type": "string", "format": "date-time"},
        application_process=_TEXT,
        organization=_object(["id", "name", "description"], id=_UUID, name=_TEXT, description=_TEXT, website=_URI),
    )
    row = {"id": _UUID, "service_id": _UUID}
    service = {"allOf": [_ref("OpenReferralServiceSummary"), _object(
        ["service_areas", "languages", "cost_options", "contacts", "attributes"],
        service_areas={"type": "array", "items": _object(["id", "name"], **row, name=_TEXT, service_area=_TEXT)},
        languages={"type": "array", "items": _object(["id", "code"], **row, code=_TEXT, name=_TEXT)},
        cost_options={"type": "array", "items": _object(
            ["id", "amount"], **row, option=_TEXT, amount={"type": "number"}, currency=_TEXT,
            amount_description=_TEXT)},
        contacts={"type": "array", "items": _object(
            ["id", "name"], **row, name=_TEXT, email={"type": "string", "format": "email"},
            phones={"type": "array", "items": _object(["id", "number"], id=_UUID, number=_TEXT)})},
        attributes={"type": "array", "items": _object(
            ["id", "link_id", "link_type", "taxonomy_term_id", "taxonomy_term"], id=_UUID, link_id=_UUID,
            link_type={"type": "string", "enum": ["category", "eligibility"]}, link_entity=_TEXT,
            taxonomy_term_id=_UUID, taxonomy_term=_ref("OpenReferralTaxonomyTerm"))},
    )]}
    taxonomy = _object(["id", "name", "description"], id=_UUID, name=_TEXT, description=_TEXT,
                       taxonomy_terms={"type": "array", "items": _ref("OpenReferralTaxonomyTerm")})
    return {
        "OpenReferralMeta": _object(["version", "profile", "openapi_url"], version=_TEXT, profile=_URI,
                                    openapi_url=_URI),
        "OpenReferralServiceSummary": summary,
        "OpenReferralService": service,
        "OpenReferralTaxonomy": taxonomy,
        "OpenReferralTaxonomyTerm": term,
        "OpenReferralPage": _page("OpenReferralServiceSummary"),
        "OpenReferralTaxonomyPage": _page("OpenReferralTaxonomy"),
        "OpenReferralTaxonomyTermPage": _page("OpenReferralTaxonomyTerm"),
    }


def _query(name: str, schema: dict[str, Any], description: str) -> dict[str, Any]:
    return {"name": name, "in": "query", "required": False, "schema": schema, "description": description}


PAGING = [
    _query("page", {"type": "integer", "minimum": 1, "maximum": MAX_PAGE}, "Page number (from 1)."),
    _query("per_page", {"type": "integer", "minimum": 1, "maximum": MAX_PER_PAGE}, "Results in a page (50)."),
]
SERVICE_FILTERS = [
    _query("modified_after", {"type": "string", "format": "date-time"},
           "Services last modified (last reviewed) on or after this date-time; a date is also accepted."),
    _query("taxonomy_term_id", _TEXT, "Services with this taxonomy term (a category, or who it is for)."),
    _query("taxonomy_id", _TEXT, "Services with any term of this taxonomy."),
    _query("minimum_age", {"type": "number"}, "Services whose minimum age is at least this."),
    _query("maximum_age", {"type": "number"}, "Services whose maximum age is at most this."),
    _query("search", _TEXT, "Services whose words include every word given."),
]


def paths(area_param: dict[str, Any], json: Callable[[dict[str, Any], str], dict[str, Any]]) -> dict[str, Any]:
    """The ORUK paths under /areas/{area}/openreferral. `json(schema, description)` makes a response."""
    error = _ref("Error")
    not_found = {"404": json(error, "No such area, or nothing with that id")}
    bad_query = {"400": json(error, "A query parameter the API cannot use; `error` says which and why")}

    def get(operation_id: str, summary: str, schema: str, extra: list[dict[str, Any]] | None = None,
            id_of: str | None = None) -> dict[str, Any]:
        parameters = [area_param, *(extra or [])]
        if id_of:
            parameters.append({"name": "id", "in": "path", "required": True, "schema": _TEXT,
                               "description": f"The {id_of}'s id (a UUID)."})
        responses = {"200": json(_ref(schema), summary), **(bad_query if extra else {}), **not_found}
        return {"get": {"operationId": operation_id, "summary": summary, "externalDocs": PROFILE_DOCS,
                        "parameters": parameters, "responses": responses}}

    base = "/areas/{area}/openreferral"
    return {
        f"{base}/": get("openReferralMeta", "The area's Open Referral UK API: its version and profile",
                        "OpenReferralMeta"),
        f"{base}/services": get("openReferralServices", "The area's offers as Open Referral UK services (a page)",
                                "OpenReferralPage", PAGING + SERVICE_FILTERS),
        f"{base}/services/{{id}}": get("openReferralService", "One service, fully nested", "OpenReferralService",
                                       id_of="service"),
        f"{base}/taxonomies": get("openReferralTaxonomies", "The taxonomies services are tagged with (a page)",
                                  "OpenReferralTaxonomyPage", PAGING),
        f"{base}/taxonomies/{{id}}": get("openReferralTaxonomy", "One taxonomy, with its terms",
                                         "OpenReferralTaxonomy", id_of="taxonomy"),
        f"{base}/taxonomy_terms": get("openReferralTaxonomyTerms", "Every taxonomy term (a page)",
                                      "OpenReferralTaxonomyTermPage", PAGING),
        f"{base}/taxonomy_terms/{{id}}": get("openReferralTaxonomyTerm", "One taxonomy term",
                                             "OpenReferralTaxonomyTerm", id_of="taxonomy term"),
    }

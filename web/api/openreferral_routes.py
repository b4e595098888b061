"""Each area as an Open Referral UK 3.0 API, at /api/v1/areas/<area>/openreferral/ (its base URL).

Thin: the records, paging and filters are in content/catalogue/openreferral*.py. Responses carry
`Access-Control-Allow-Origin: *`, as the UK compliance rules ask, so a directory's web page can read
the feed; the data is public and no cookie or credential is ever read on these paths.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import Blueprint, Response, abort, jsonify, request
from flask.typing import ResponseReturnValue

from content.catalogue import openreferral_api as oruk
from content.catalogue.openreferral import api_meta
from content.catalogue.schema import Offer
from content.catalogue.snapshot import Catalogue
from web.absolute_urls import absolute_url
from web.content_access import catalogue

BASE = "/areas/<area_id>/openreferral"


def _page_url(offer: Offer) -> str:
    return absolute_url("site.offer", area_id=offer.area, slug=offer.slug)


def _area_catalogue(area_id: str) -> Catalogue:
    cat = catalogue()
    if not cat.has_area(area_id):
        abort(404)
    return cat


def _found(record: dict[str, Any] | None) -> ResponseReturnValue:
    if record is None:
        abort(404)
    return jsonify(record)


def root(area_id: str) -> ResponseReturnValue:
    _area_catalogue(area_id)
    return jsonify(api_meta())


def services(area_id: str) -> ResponseReturnValue:
    return jsonify(oruk.services_page(_area_catalogue(area_id), area_id, _page_url, request.args))


def service(area_id: str, service_id: str) -> ResponseReturnValue:
    return _found(oruk.service(_area_catalogue(area_id), area_id, service_id, _page_url))


def taxonomies(area_id: str) -> ResponseReturnValue:
    return jsonify(oruk.taxonomies_page(_area_catalogue(area_id), request.args))


def taxonomy(area_id: str, taxonomy_id: str) -> ResponseReturnValue:
    return _found(oruk.taxonomy(_area_catalogue(area_id), taxonomy_id))


def taxonomy_terms(area_id: str) -> ResponseReturnValue:
    return jsonify(oruk.taxonomy_terms_page(_area_catalogue(area_id), request.args))


def taxonomy_term(area_id: str, term_id: str) -> ResponseReturnValue:
    return _found(oruk.taxonomy_term(_area_catalogue(area_id), term_id))


def bad_query(exc: oruk.BadQuery) -> ResponseReturnValue:
    # The API's error shape ({"error", "status"}), with the reason in words instead of "Bad Request".
    return jsonify(error=str(exc), status=400), 400


ROUTES: list[tuple[str, Callable[..., ResponseReturnValue]]] = [
    ("/", root),
    ("/services", services),
    ("/services/<service_id>", service),
    ("/taxonomies", taxonomies),
    ("/taxonomies/<taxonomy_id>", taxonomy),
    ("/taxonomy_terms", taxonomy_terms),
    ("/taxonomy_terms/<term_id>", taxonomy_term),
]
ENDPOINTS = {f"openreferral_{view.__name__}" for _, view in ROUTES}


def _open_to_other_sites(response: Response) -> Response:
    if request.endpoint and request.endpoint.split(".")[-1] in ENDPOINTS:
        response.headers["Access-Control-Allow-Origin"] = "*"
    return response


def register(bp: Blueprint) -> None:
    """Add the ORUK routes to the API blueprint. The base answers with or without its last slash,
    since directories are given it both ways."""
    for rule, view in ROUTES:
        bp.add_url_rule(BASE + rule, f"openreferral_{view.__name__}", view, methods=["GET"],
                        strict_slashes=rule != "/")
    bp.register_error_handler(oruk.BadQuery, bad_query)
    bp.after_request(_open_to_other_sites)

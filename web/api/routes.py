"""JSON API for other apps (council directories, the Notts Next Steps app, ...). Read-only."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, jsonify
from flask.typing import ResponseReturnValue

from content.catalogue.schema import Area, Offer
from web.absolute_urls import absolute_url
from web.api import openreferral_routes
from web.api.openapi import openapi_document
from web.content_access import catalogue

bp = Blueprint("api", __name__)
openreferral_routes.register(bp)  # each area as an Open Referral UK API, under /areas/<area>/openreferral/


def area_json(area: Area) -> dict[str, Any]:
    data = area.model_dump(mode="json")
    data["offers_url"] = absolute_url("api.area_offers", area_id=area.id)
    return data


def offer_json(offer: Offer, full: bool) -> dict[str, Any]:
    data = offer.model_dump(mode="json", exclude={"example_questions"} if full else None)
    if not full:
        data = {k: data[k] for k in ("area", "slug", "title", "summary", "category", "amount", "eligibility")}
    data["url"] = absolute_url("api.area_offer", area_id=offer.area, slug=offer.slug)
    data["page_url"] = absolute_url("site.offer", area_id=offer.area, slug=offer.slug)
    return data


@bp.get("/areas")
def areas() -> ResponseReturnValue:
    return jsonify(areas=[area_json(a) for a in catalogue().areas])


@bp.get("/areas/<area_id>/offers")
def area_offers(area_id: str) -> ResponseReturnValue:
    cat = catalogue()
    if not cat.has_area(area_id):
        abort(404)
    return jsonify(area=area_id, offers=[offer_json(o, full=False) for o in cat.offers_in(area_id)])


@bp.get("/areas/<area_id>/offers/<slug>")
def area_offer(area_id: str, slug: str) -> ResponseReturnValue:
    found = catalogue().offer(area_id, slug)
    if found is None:
        abort(404)
    return jsonify(offer_json(found, full=True))


@bp.get("/openapi.json")
def openapi() -> ResponseReturnValue:
    return jsonify(openapi_document())

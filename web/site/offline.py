"""Offline support: the service worker, the web app manifest, and the list of an area's pages.

After a first visit the page script asks the service worker to fetch every page of the chosen
area, so the local offer opens with no signal (as the councils' Notts Next Steps app does).
"""

from __future__ import annotations

from flask import Blueprint, abort, current_app, jsonify, render_template, send_from_directory, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext

from web.content_access import catalogue

bp = Blueprint("offline", __name__)


@bp.get("/sw.js")
def service_worker() -> ResponseReturnValue:
    # Served from the root so its scope is the whole site.
    response = send_from_directory(current_app.static_folder or "static", "js/sw.js", max_age=0)
    response.headers["Cache-Control"] = "no-cache"
    return response


@bp.get("/manifest.webmanifest")
def manifest() -> ResponseReturnValue:
    data = {
        "name": gettext("Care leavers' local offer"),
        "short_name": gettext("Local offer"),
        "start_url": url_for("site.choose_area"),
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": "#1d4f91",
        "icons": [
            {"src": url_for("static", filename="icons/icon.svg"), "sizes": "any", "type": "image/svg+xml"},
        ],
    }
    response = jsonify(data)
    response.mimetype = "application/manifest+json"
    return response


@bp.get("/<area_id>/offline.json")
def area_pages(area_id: str) -> ResponseReturnValue:
    """Every public page of one area, for the service worker to keep (never a page with answers)."""
    cat = catalogue()
    if not cat.has_area(area_id):
        abort(404)
    urls = [
        url_for("site.area_home", area_id=area_id),
        url_for("site.area_help", area_id=area_id),
        url_for("offline.offline_page"),
    ]
    urls += [url_for("site.category", area_id=area_id, category_id=c.id) for c, _ in cat.categories_in(area_id)]
    urls += [url_for("site.offer", area_id=area_id, slug=o.slug) for o in cat.offers_in(area_id)]
    return jsonify(version=cat.fingerprint[:12], urls=urls)


@bp.get("/offline")
def offline_page() -> ResponseReturnValue:
    return render_template("site/offline.html", area=None)

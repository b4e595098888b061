"""Public pages of the mobile site: choose your area, browse, search, "What can I get?", help."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from werkzeug.wrappers import Response

from bot.engine import Thresholds
from bot.places import places_in
from content.catalogue.eligibility import YoungPerson, money_totals, offers_for
from content.catalogue.schema import Area, Offer
from web.content_access import catalogue, content
from web.languages import select_locale
from web.private_pages import no_store
from web.site.forms import WhatCanIGetForm
from web.site.page_cache import PageCache

bp = Blueprint("site", __name__)

AREA_COOKIE = "area"
MAX_QUERY = 200
SEARCH_MIN_EVIDENCE = 1.0  # the question and the offer must share at least one meaningful word
# An offer fits when this share of the search's meaning is about it: the share at which the chat
# answers outright (bot.engine.Thresholds.coverage).
SEARCH_FIT_COVERAGE = Thresholds.coverage


def _area_or_404(area_id: str) -> Area:
    cat = catalogue()
    if not cat.has_area(area_id):
        abort(404)
    return cat.area(area_id)


def _remember_area(response: Response, area_id: str) -> Response:
    if request.cookies.get(AREA_COOKIE) != area_id:
        response.set_cookie(
            AREA_COOKIE,
            area_id,
            max_age=current_app.config["PREFERENCE_COOKIE_MAX_AGE"],
            samesite="Lax",
            secure=current_app.config["SESSION_COOKIE_SECURE"],
            httponly=True,
        )
    return response


def _page(template: str, area: Area | None = None, **context: object) -> Response:
    response = current_app.make_response(render_template(template, area=area, **context))
    return _remember_area(response, area.id) if area else response


@bp.get("/")
def choose_area() -> ResponseReturnValue:
    """Choose your area; a remembered area goes straight to its home page."""
    remembered = request.cookies.get(AREA_COOKIE, "")
    if "choose" not in request.args and catalogue().has_area(remembered):
        return redirect(url_for("site.area_home", area_id=remembered))
    areas = catalogue().areas
    return render_template("site/choose_area.html", areas=areas, places={a.id: places_in(a.id) for a in areas})


@bp.get("/<area_id>/")
def area_home(area_id: str) -> ResponseReturnValue:
    area = _area_or_404(area_id)
    return _page("site/area_home.html", area, categories=catalogue().categories_in(area.id))


@bp.get("/<area_id>/categories/<category_id>")
def category(area_id: str, category_id: str) -> ResponseReturnValue:
    area = _area_or_404(area_id)
    cat = catalogue()
    found = cat.category(category_id)
    offers = cat.offers_in(area.id, category_id)
    if found is None or not offers:
        abort(404)
    return _page("site/category.html", area, category=found, offers=offers)


@bp.get("/<area_id>/offers/<slug>")
def offer(area_id: str, slug: str) -> ResponseReturnValue:
    area = _area_or_404(area_id)
    cat = catalogue()
    found = cat.offer(area.id, slug)
    if found is None:
        abort(404)
    # Keyed on the chosen locale, never the raw ?lang= value: any string there would be a new page.
    key = (request.path, select_locale(), cat.fingerprint)
    html = _page_cache.page(key, lambda token: _render_offer(area, found, token))
    return _remember_area(current_app.make_response(html), area.id)


_page_cache = PageCache()


def _render_offer(area: Area, found: Offer, csrf_value: str) -> str:
    cat = catalogue()
    return render_template(
        "site/offer.html",
        area=area,
        csrf_value=csrf_value,
        offer=found,
        t=found.localised(select_locale()),
        en=select_locale() != "en" and select_locale() not in found.translations,
        category=cat.category(found.category),
        source=cat.sources.get(found.source),
        districts={d.id: d.name for d in area.districts},
        situations={s.id: s.label for s in cat.situations},
    )


@bp.get("/<area_id>/search")
@no_store
def search(area_id: str) -> ResponseReturnValue:
    area = _area_or_404(area_id)
    query = request.args.get("q", "").strip()[:MAX_QUERY]
    results = []
    if query:
        results = [m for m in content().matcher().match(area.id, query, limit=8) if m.evidence >= SEARCH_MIN_EVIDENCE]
    # Offers the search is mostly about fit; the rest only share a word, and are shown as that.
    fits = [m.offer for m in results if m.coverage >= SEARCH_FIT_COVERAGE]
    related = [m.offer for m in results if m.coverage < SEARCH_FIT_COVERAGE]
    return _page("site/search.html", area, query=query, fits=fits, related=related)


@bp.get("/<area_id>/what-can-i-get")
@no_store
def what_can_i_get(area_id: str) -> ResponseReturnValue:
    area = _area_or_404(area_id)
    cat = catalogue()
    submitted = "age" in request.args
    form = WhatCanIGetForm(formdata=request.args if submitted else None)
    form.set_choices(cat, area)
    offers = totals = None
    if submitted and form.validate():
        district = form.district.data if getattr(form, "district", None) else None
        person = YoungPerson(
            age=form.age_years,
            status=form.status.data,
            situations=frozenset(form.situations.data or ()),
            district=district or None,
        )
        offers = offers_for(cat.offers_in(area.id), person)
        totals = money_totals(offers)
    return _page("site/what_can_i_get.html", area, form=form, offers=offers, totals=totals)


@bp.get("/<area_id>/help")
def area_help(area_id: str) -> ResponseReturnValue:
    area = _area_or_404(area_id)
    return _page("site/help.html", area, lines=catalogue().crisis_lines)


@bp.get("/help")
def help_now() -> ResponseReturnValue:
    """Crisis help for someone who has not chosen an area yet."""
    remembered = request.cookies.get(AREA_COOKIE, "")
    if catalogue().has_area(remembered):
        return redirect(url_for("site.area_help", area_id=remembered))
    return render_template("site/help.html", area=None, lines=catalogue().crisis_lines, areas=catalogue().areas)


@bp.get("/privacy")
def privacy() -> ResponseReturnValue:
    return render_template("site/privacy.html", area=None)

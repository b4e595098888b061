"""Offers that need checking: past their yearly review, or past the last year their source gives."""

from __future__ import annotations

import datetime as dt

from flask import render_template
from flask.typing import ResponseReturnValue
from flask_login import login_required

from content.catalogue.staleness import stale_offers
from web.content_access import catalogue
from web.staff import bp
from web.staff.areas import may_see


@bp.get("/needs-checking")
@login_required
def needs_checking() -> ResponseReturnValue:
    cat = catalogue()
    stale = [item for item in stale_offers(cat.offers, dt.date.today()) if may_see(item.offer.area)]
    sources = {file: s.title for file, s in cat.sources.items()}
    areas = {a.id: a.name for a in cat.areas}
    return render_template("staff/needs_checking.html", stale=stale, sources=sources, areas=areas)

"""Unanswered chat questions, grouped; teach one to the matcher or mark a content gap."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user, login_required

from content.feedback.learning import group_questions, mark_gap, none_fits, open_unanswered, teach
from content.feedback.review import ReviewError, get_item
from web.content_access import catalogue, content
from web.db_session import db
from web.staff import bp
from web.staff.areas import areas_i_see, may_see, my_areas
from web.staff.forms import GapForm, TeachForm

NONE_FITS = "none-of-these"


@bp.get("/unanswered")
@login_required
def unanswered() -> ResponseReturnValue:
    groups = group_questions(open_unanswered(db(), areas=my_areas()))
    cat = catalogue()
    offers = {a.id: [(o.slug, o.title) for o in cat.offers_in(a.id)] for a in areas_i_see()}
    matcher = content().matcher()
    # The matcher's likeliest offers for each group come first; nothing is chosen until the worker chooses.
    likely = [[(m.offer.slug, m.offer.title) for m in matcher.match(g.area, g.example, limit=3)] if g.area else []
              for g in groups]
    return render_template("staff/unanswered.html", groups=groups, offers=offers, likely=likely,
                           teach=TeachForm(), gap=GapForm())


def _items(ids: list[int]):  # type: ignore[no-untyped-def]
    s = db()
    found = [i for i in (get_item(s, i) for i in ids[:200])
             if i is not None and i.kind == "unanswered" and may_see(i.area_id)]
    if not found:
        abort(400)
    return found


@bp.post("/unanswered/teach")
@login_required
def unanswered_teach() -> ResponseReturnValue:
    form = TeachForm()
    if not form.validate():
        flash("Choose an offer and write the question.", "error")
        return redirect(url_for("staff.unanswered"))
    if form.offer.data == NONE_FITS:
        s = db()
        none_fits(s, _items(form.ids.data or []), current_user.row)
        s.commit()
        flash("Marked: no offer answers this. It is counted as a gap on the insights page.")
        return redirect(url_for("staff.unanswered"))
    items = _items(form.ids.data or [])
    area = items[0].area_id or ""
    if catalogue().offer(area, form.offer.data or "") is None:
        flash("Choose an offer of the same area.", "error")
        return redirect(url_for("staff.unanswered"))
    s = db()
    try:
        teach(s, items, area, form.offer.data or "", form.text.data or "", current_user.row)
    except ReviewError as exc:
        s.rollback()
        flash(str(exc), "error")
        return redirect(url_for("staff.unanswered"))
    s.commit()
    content().cache.invalidate()  # this process at once; others within CONTENT_CHECK_SECONDS
    flash("Added as an example question. The chat bot and search use it from now on.")
    return redirect(url_for("staff.unanswered"))


@bp.post("/unanswered/gap")
@login_required
def unanswered_gap() -> ResponseReturnValue:
    form = GapForm()
    if not form.validate():
        abort(400)
    s = db()
    mark_gap(s, _items(form.ids.data or []), current_user.row)
    s.commit()
    flash("Marked as a gap in the content.")
    return redirect(url_for("staff.unanswered"))

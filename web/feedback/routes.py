"""Young people's feedback on the site: "Was this helpful?" on offer pages, "Tell us what you think",
and the public "You said, we did" page."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext
from sqlalchemy.exc import SQLAlchemyError

from content.db import utcnow
from content.feedback.records import Record, RecordStore
from content.feedback.review import published
from content.feedback.themes import ThemeTagger
from web.content_access import catalogue, content
from web.db_session import db
from web.extensions import limiter
from web.feedback.forms import HelpfulForm, TellUsForm
from web.private_pages import no_store

bp = Blueprint("feedback", __name__)

POST_LIMIT = "10 per minute;60 per hour"  # per client address


def _records() -> RecordStore:
    return content().records()


@bp.post("/<area_id>/offers/<slug>/helpful")
@limiter.limit(POST_LIMIT, methods=["POST"])
@no_store
def helpful(area_id: str, slug: str) -> ResponseReturnValue:
    offer = catalogue().offer(area_id, slug)
    if offer is None:
        abort(404)
    form = HelpfulForm()
    if not form.validate():
        abort(400)
    if not form.website.data:  # honeypot empty: a person
        try:
            _records().add(Record(
                "helpful", area_id, "site", text=form.comment.data or None, offer_slug=slug,
                offer_category=offer.category, helpful=form.helpful.data == "yes",
            ))
        except SQLAlchemyError:
            abort(503)
    flash(gettext("Thank you. Your answer helps us make this better."), "helpful")
    return redirect(url_for("site.offer", area_id=area_id, slug=slug) + "#helpful", code=303)


@bp.route("/<area_id>/feedback", methods=["GET", "POST"])
@limiter.limit(POST_LIMIT, methods=["POST"])
@no_store
def tell_us(area_id: str) -> ResponseReturnValue:
    if not catalogue().has_area(area_id):
        abort(404)
    area = catalogue().area(area_id)
    form = TellUsForm()
    tagger = ThemeTagger.shared()
    form.topic.choices = [("", gettext("Choose a topic"))] + [(t.id, gettext(t.name)) for t in tagger.themes]
    if form.validate_on_submit():
        try:
            if not form.website.data:
                _records().add(Record(
                    "feedback", area_id, "site", text=form.message.data, topic=form.topic.data or None,
                    age_band=form.age_band.data or None,
                    contact=form.contact.data if form.consent.data else None,
                ))
        except SQLAlchemyError:
            # The database is down: say so, and keep what they wrote so they can send it again.
            unavailable = gettext("Sorry, we could not save your message just now. It is still here: "
                                  "please try again in a few minutes.")
            return render_template("feedback/tell_us.html", area=area, form=form, unavailable=unavailable), 503
        return render_template("feedback/thanks.html", area=area)
    status = 400 if request.method == "POST" else 200
    return render_template("feedback/tell_us.html", area=area, form=form), status


@bp.get("/<area_id>/you-said-we-did")
@bp.get("/<area_id>/you-said-we-did/print", endpoint="you_said_print", defaults={"printable": True})
def you_said(area_id: str, printable: bool = False) -> ResponseReturnValue:
    """The public page; /print is the same as a plain letter for the yearly "You said, we did"."""
    if not catalogue().has_area(area_id):
        abort(404)
    area = catalogue().area(area_id)
    tagger = ThemeTagger.shared()
    entries = published(db(), area_id)
    by_theme: dict[str, list] = {}
    for entry in entries:
        by_theme.setdefault(entry.theme, []).append(entry)
    groups = [(tagger.name(theme), items) for theme, items in by_theme.items()]
    template = "feedback/you_said_print.html" if printable else "feedback/you_said.html"
    return render_template(template, area=area, groups=groups, now=utcnow())

"""Offers in the dashboard: the list, each offer's history, drafts, review with a diff, publish, restore.

The rules (checks, a second reviewer, versions) are in content.editing.drafts; these views only
turn forms into its calls and its EditErrors into messages next to the fields.
"""

from __future__ import annotations

import datetime as dt
import re

from flask import abort, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user, login_required
from flask_wtf import FlaskForm
from sqlalchemy.exc import IntegrityError
from wtforms import StringField, TextAreaField
from wtforms.validators import Length

from content.catalogue.offer_diff import changed_lines, side_by_side
from content.catalogue.offer_files import offer_file_text
from content.catalogue.tables import OfferDraftRow
from content.catalogue.versions import latest_version, offer_of, unexported_offers, versions_of
from content.editing import drafts as editing
from content.editing.drafts import EditError
from web.content_access import catalogue, content
from web.db_session import db
from web.staff import bp
from web.staff.areas import areas_i_see, may_see
from web.staff.offer_form import TRANSLATED, language_name, offer_data_from, offer_form, show_problems

_SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


class ActionForm(FlaskForm):
    """Buttons that only need the CSRF token (start a draft, publish, discard, mark checked)."""


class NewOfferForm(FlaskForm):
    title = StringField("Title", validators=[Length(max=200)])
    slug = StringField("Web address: lower-case words joined by dashes, such as bike-repair-vouchers",
                       validators=[Length(max=80)])


class SendBackForm(FlaskForm):
    note = TextAreaField("What should change", validators=[Length(max=5000)])


def _gap_ids() -> list[int]:
    """Unanswered questions (content gaps) a draft is being made for, carried from page to page."""
    raw = request.values.getlist("gap")
    return [int(v) for v in raw if v.isdigit() and 0 < int(v) <= 2**31 - 1][:200]


def _area_or_404(area: str) -> None:
    if not catalogue().has_area(area) or not may_see(area):
        abort(404)


def _draft_or_404(draft_id: int) -> OfferDraftRow:
    draft = db().get(OfferDraftRow, draft_id)
    if draft is None or not may_see(draft.area_id):
        abort(404)
    return draft


@bp.get("/offers")
@login_required
def offers() -> ResponseReturnValue:
    cat = catalogue()
    mine = [a.id for a in areas_i_see()]
    drafts = editing.open_drafts(db(), mine)
    unexported = unexported_offers(db())
    return render_template(
        "staff/offers.html", areas=areas_i_see(), cat=cat, drafts=drafts, gap=_gap_ids(), unexported=unexported,
        to_review=[d for d in drafts if d.status == "in-review" and d.author_id != current_user.id],
        new_form=NewOfferForm(), action_form=ActionForm(),
    )


@bp.get("/offers/<area>/<slug>")
@login_required
def offer_history(area: str, slug: str) -> ResponseReturnValue:
    _area_or_404(area)
    history = versions_of(db(), (area, slug))
    live = catalogue().offer(area, slug)
    if not history and live is None:
        abort(404)
    title = live.title if live else history[0].data.get("title", slug)
    return render_template("staff/offer_history.html", area=area, slug=slug, live=live, title=title,
                           history=history, action_form=ActionForm(), gap=_gap_ids(),
                           languages=[(lang.code, language_name(lang.code)) for lang in TRANSLATED],
                           area_name=catalogue().area(area).name)


@bp.post("/offers/<area>/<slug>/draft")
@login_required
def start_draft(area: str, slug: str) -> ResponseReturnValue:
    _area_or_404(area)
    if not ActionForm().validate():
        abort(400)
    action = request.form.get("action", "edit")
    number = request.form.get("number", "")
    s = db()
    try:
        draft = editing.start_draft(s, catalogue(), current_user.row, area, slug, action,
                                    restore_number=int(number) if number.isdigit() else None,
                                    feedback_ids=_gap_ids())
    except EditError as exc:
        s.rollback()
        flash(str(exc), "error")
        return redirect(url_for("staff.offer_history", area=area, slug=slug))
    s.commit()
    return redirect(url_for("staff.edit_draft", draft_id=draft.id))


@bp.post("/offers/<area>/new")
@login_required
def new_offer(area: str) -> ResponseReturnValue:
    _area_or_404(area)
    form = NewOfferForm()
    if not form.validate():
        abort(400)
    slug, title = (form.slug.data or "").strip().lower(), (form.title.data or "").strip()
    if not _SLUG.match(slug) or not title:
        flash("Give the new offer a title and a web address of lower-case words joined by dashes.", "error")
        return redirect(url_for("staff.offers", gap=_gap_ids()))
    area_row = catalogue().area(area)
    start = {"title": title, "source": area_row.source, "last_reviewed": dt.date.today().isoformat(),
             "eligibility": {"min_age": 16, "max_age": 24, "who": [], "situations": [], "districts": []},
             "contact": {"who": ""}}
    s = db()
    try:
        draft = editing.start_draft(s, catalogue(), current_user.row, area, slug, "new", data=start,
                                    feedback_ids=_gap_ids())
    except EditError as exc:
        s.rollback()
        flash(str(exc), "error")
        return redirect(url_for("staff.offers", gap=_gap_ids()))
    s.commit()
    return redirect(url_for("staff.edit_draft", draft_id=draft.id))


@bp.route("/drafts/<id:draft_id>", methods=["GET", "POST"])
@login_required
def edit_draft(draft_id: int) -> ResponseReturnValue:
    draft = _draft_or_404(draft_id)
    cat = catalogue()
    mine = draft.author_id == current_user.id and draft.status in editing.OPEN
    if not mine:
        return redirect(url_for("staff.review_draft", draft_id=draft.id))
    form = offer_form(cat, draft.area_id, formdata=request.form if request.method == "POST" else None,
                      data=draft.data)
    if request.method == "GET":
        form.reason.data = draft.reason
    summary: list[tuple[str, str]] = []
    if request.method == "POST" and form.validate():
        s = db()
        data = draft.data if draft.action == "retire" else offer_data_from(form, draft.data)
        try:
            editing.save_draft(s, cat, draft, data, form.reason.data or "", current_user.row)
            if "submit" in request.form:
                editing.submit_for_review(s, cat, draft, current_user.row)
        except EditError as exc:
            s.rollback()
            summary = show_problems(form, exc.problems)
        else:
            s.commit()
            if draft.status == "in-review":
                flash("Sent for review. A colleague can now approve it and publish it.")
                return redirect(url_for("staff.review_draft", draft_id=draft.id))
            flash("Draft saved. Nothing has changed on the site yet.")
            return redirect(url_for("staff.edit_draft", draft_id=draft.id))
    elif request.method == "POST":
        summary = [(f.id, f"{f.label.text}: {f.errors[0]}") for f in form if f.errors and f.name != "csrf_token"]
    status = 400 if request.method == "POST" else 200
    return render_template("staff/draft_edit.html", draft=draft, form=form, summary=summary,
                           action_form=ActionForm(), area_name=cat.area(draft.area_id).name,
                           translated=TRANSLATED), status


def _published_text(draft: OfferDraftRow) -> str:
    last = latest_version(db(), (draft.area_id, draft.slug))
    if last is None or (last.retired and draft.action != "retire"):
        return ""
    return offer_file_text(offer_of(draft.area_id, draft.slug, last.data))


@bp.get("/drafts/<id:draft_id>/review")
@login_required
def review_draft(draft_id: int) -> ResponseReturnValue:
    draft = _draft_or_404(draft_id)
    proposed = "" if draft.action == "retire" else offer_file_text(offer_of(draft.area_id, draft.slug, draft.data))
    rows = side_by_side(_published_text(draft), proposed)
    preview = None if draft.action == "retire" else offer_of(draft.area_id, draft.slug, draft.data)
    return render_template(
        "staff/draft_review.html", draft=draft, rows=rows, changed=changed_lines(rows), preview=preview,
        action_form=ActionForm(), send_back_form=SendBackForm(), area_name=catalogue().area(draft.area_id).name,
        can_review=draft.status == "in-review" and draft.author_id != current_user.id,
        gap_count=len(draft.feedback_ids or []),
    )


@bp.post("/drafts/<id:draft_id>/publish")
@login_required
def publish_draft(draft_id: int) -> ResponseReturnValue:
    draft = _draft_or_404(draft_id)
    if not ActionForm().validate():
        abort(400)
    s = db()
    try:
        version = editing.publish(s, catalogue(), draft, current_user.row)
        s.commit()
    except EditError as exc:
        s.rollback()
        flash(str(exc), "error")
        return redirect(url_for("staff.review_draft", draft_id=draft.id))
    except IntegrityError:
        # Another change to this offer was published at the same moment (its version number is taken).
        s.rollback()
        flash("Someone published another change to this offer just now. Send this one back so its author can "
              "check it against the new text.", "error")
        return redirect(url_for("staff.review_draft", draft_id=draft.id))
    content().cache.invalidate()  # this process at once; the others within CONTENT_CHECK_SECONDS
    what = "retired" if draft.action == "retire" else "published"
    flash(f"Version {version.number} {what}. The site, the API and the chat bot use it now.")
    return redirect(url_for("staff.review_draft", draft_id=draft.id))


@bp.post("/drafts/<id:draft_id>/send-back")
@login_required
def send_back_draft(draft_id: int) -> ResponseReturnValue:
    draft = _draft_or_404(draft_id)
    form = SendBackForm()
    if not form.validate():
        abort(400)
    s = db()
    try:
        editing.send_back(s, draft, current_user.row, form.note.data or "")
    except EditError as exc:
        s.rollback()
        flash(str(exc), "error")
        return redirect(url_for("staff.review_draft", draft_id=draft.id))
    s.commit()
    flash(f"Sent back to {draft.author_name} with your note.")
    return redirect(url_for("staff.offers"))


@bp.post("/drafts/<id:draft_id>/discard")
@login_required
def discard_draft(draft_id: int) -> ResponseReturnValue:
    draft = _draft_or_404(draft_id)
    if not ActionForm().validate() or draft.author_id != current_user.id:
        abort(400)
    s = db()
    try:
        editing.discard(s, draft, current_user.row)
    except EditError as exc:
        s.rollback()
        flash(str(exc), "error")
        return redirect(url_for("staff.offers"))
    s.commit()
    flash("Draft discarded.")
    return redirect(url_for("staff.offers"))


@bp.post("/offers/<area>/<slug>/translations/<locale>/checked")
@login_required
def translation_checked(area: str, slug: str, locale: str) -> ResponseReturnValue:
    _area_or_404(area)
    if not ActionForm().validate():
        abort(400)
    s = db()
    try:
        editing.mark_translation_checked(s, catalogue(), area, slug, locale, current_user.row)
    except EditError as exc:
        s.rollback()
        flash(str(exc), "error")
    else:
        s.commit()
        content().cache.invalidate()
        flash(f"{language_name(locale)} marked as checked by you. The page no longer says it is unchecked.")
    return redirect(url_for("staff.offer_history", area=area, slug=slug))

"""The feedback queue: safeguarding first, then filters, item view, status, theme, notes, bulk
actions, publishing "You said, we did", and CSV export."""

from __future__ import annotations

import datetime as dt

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user, login_required

from content.feedback.csv_export import feedback_csv
from content.feedback.review import (
    CHANNELS,
    KINDS,
    STATUSES,
    QueueFilter,
    ReviewError,
    add_note,
    all_matching,
    get_item,
    handle_safeguarding,
    open_safeguarding,
    publish,
    queue,
    response_templates,
    save_template,
    set_status,
    set_theme,
)
from content.feedback.tables import FeedbackItemRow
from content.feedback.themes import ThemeTagger
from web.content_access import content
from web.db_session import db
from web.languages import LANGUAGES
from web.staff import bp
from web.staff.areas import areas_i_see, item_or_404, may_see, my_areas
from web.staff.forms import BulkForm, HandledForm, NoteForm, PublishForm, StatusForm, ThemeForm

TRANSLATED = [lang.code for lang in LANGUAGES if lang.code != "en"]
BULK_ACTIONS = [("in-review", "Mark in review"), ("actioned", "Mark actioned"), ("dismissed", "Dismiss"),
                ("publish", "Publish a \u201cYou said, we did\u201d for these")]


def _date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


FILTER_KEYS = ("area", "theme", "status", "channel", "kind", "offer", "from", "to", "page")
MAX_ID = 2**31 - 1  # the database's integer ids; a larger one is no item, never an error


def filter_args() -> dict[str, str]:
    """Only the queue's own filters from the query string, to build links (never "_method" and the like)."""
    return {key: request.args[key] for key in FILTER_KEYS if request.args.get(key)}


def _filter_from_args() -> QueueFilter:
    args = request.args
    page = args.get("page", "1")

    def pick(name: str, allowed) -> str | None:  # type: ignore[no-untyped-def]
        value = args.get(name) or None
        return value if value in allowed else None

    return QueueFilter(
        area=pick("area", {a.id for a in areas_i_see()}),
        theme=pick("theme", set(ThemeTagger.shared().ids())),
        status=pick("status", STATUSES),
        channel=pick("channel", CHANNELS),
        kind=pick("kind", KINDS),
        offer=(args.get("offer") or None) if (args.get("offer") or "").replace("-", "").isalnum() else None,
        date_from=_date(args.get("from")),
        date_to=_date(args.get("to")),
        page=int(page) if page.isdigit() and 0 < int(page) < 10_000 else 1,
        areas=my_areas(),
    )


@bp.get("/")
@login_required
def dashboard() -> ResponseReturnValue:
    # Safeguarding events kept while the database was away join the queue before staff look.
    content().records().write_spooled()
    s = db()
    f = _filter_from_args()
    items, total = queue(s, f)
    tagger = ThemeTagger.shared()
    bulk = BulkForm()
    bulk.action.choices = BULK_ACTIONS
    return render_template(
        "staff/dashboard.html",
        safeguarding=open_safeguarding(s, areas=my_areas()),
        items=items,
        total=total,
        f=f,
        themes=tagger.themes,
        theme_name=tagger.name,
        statuses=STATUSES,
        channels=CHANNELS,
        kinds=KINDS,
        areas=areas_i_see(),
        bulk=bulk,
        handled=HandledForm(),
        filter_args=filter_args(),
    )


@bp.get("/export.csv")
@login_required
def export_csv() -> ResponseReturnValue:
    body = feedback_csv(all_matching(db(), _filter_from_args()))
    return Response(body, mimetype="text/csv",
                    headers={"Content-Disposition": "attachment; filename=feedback.csv"})


@bp.get("/items/<id:item_id>")
@login_required
def item(item_id: int) -> ResponseReturnValue:
    found = item_or_404(item_id)
    tagger = ThemeTagger.shared()
    status_form, theme_form = StatusForm(status=found.status), ThemeForm(theme=found.theme)
    status_form.status.choices = [(s, s) for s in STATUSES if s != "published"]
    theme_form.theme.choices = [(t.id, t.name) for t in tagger.themes]
    return render_template("staff/item.html", item=found, status_form=status_form, theme_form=theme_form,
                           note_form=NoteForm(), handled=HandledForm(), theme_name=tagger.name)


def _apply(action, item_id: int, success: str) -> ResponseReturnValue:  # type: ignore[no-untyped-def]
    s = db()
    found = item_or_404(item_id)
    try:
        action(s, found)
    except ReviewError as exc:
        s.rollback()
        flash(str(exc), "error")
        return redirect(url_for("staff.item", item_id=item_id))
    s.commit()
    flash(success)
    return redirect(url_for("staff.item", item_id=item_id))


@bp.post("/items/<id:item_id>/status")
@login_required
def item_status(item_id: int) -> ResponseReturnValue:
    form = StatusForm()
    form.status.choices = [(s, s) for s in STATUSES if s != "published"]
    if not form.validate():
        abort(400)
    return _apply(lambda s, it: set_status(s, [it], form.status.data, current_user.row), item_id, "Status changed.")


@bp.post("/items/<id:item_id>/theme")
@login_required
def item_theme(item_id: int) -> ResponseReturnValue:
    ids = ThemeTagger.shared().ids()
    form = ThemeForm()
    form.theme.choices = [(t, t) for t in ids]
    if not form.validate():
        abort(400)
    return _apply(lambda s, it: set_theme(s, it, form.theme.data, ids, current_user.row), item_id, "Theme changed.")


@bp.post("/items/<id:item_id>/note")
@login_required
def item_note(item_id: int) -> ResponseReturnValue:
    form = NoteForm()
    if not form.validate():
        flash("Write the note (up to 5,000 characters).", "error")
        return redirect(url_for("staff.item", item_id=item_id))
    return _apply(lambda s, it: add_note(s, it, form.note.data, current_user.row), item_id, "Note added.")


@bp.post("/items/<id:item_id>/handled")
@login_required
def item_handled(item_id: int) -> ResponseReturnValue:
    form = HandledForm()
    if not form.validate():
        flash("Say what was done.", "error")
        return redirect(url_for("staff.item", item_id=item_id))
    return _apply(lambda s, it: handle_safeguarding(s, it, form.note.data, current_user.row), item_id,
                  "Marked handled.")


def _mine(s, ids: list[int]) -> list[FeedbackItemRow]:  # type: ignore[no-untyped-def]
    """The items of these ids that exist and that I may see (others are left out, never an error)."""
    return [i for i in (get_item(s, i) for i in ids) if i is not None and may_see(i.area_id)]


@bp.post("/items/bulk")
@login_required
def bulk() -> ResponseReturnValue:
    form = BulkForm()
    form.action.choices = BULK_ACTIONS
    if not form.validate() or not form.ids.data:
        flash("Tick at least one item and choose an action.", "error")
        return redirect(url_for("staff.dashboard"))
    if form.action.data == "publish":
        return redirect(url_for("staff.publish_form", ids=form.ids.data))
    s = db()
    items = _mine(s, form.ids.data[:500])
    try:
        set_status(s, items, form.action.data, current_user.row)
    except ReviewError as exc:
        s.rollback()
        flash(str(exc), "error")
        return redirect(url_for("staff.dashboard"))
    s.commit()
    flash(f"{len(items)} item(s) updated.")
    return redirect(url_for("staff.dashboard"))


def _publish_form() -> PublishForm:
    form = PublishForm()
    form.area.choices = [(a.id, a.name) for a in areas_i_see()]
    form.theme.choices = [(t.id, t.name) for t in ThemeTagger.shared().themes]
    return form


@bp.route("/publish", methods=["GET", "POST"])
@login_required
def publish_form() -> ResponseReturnValue:
    form = _publish_form()
    s = db()
    templates = response_templates(s)
    if request.method == "GET":
        ids = [int(i) for i in request.args.getlist("ids") if i.isdigit() and int(i) <= MAX_ID][:500]
        form.ids.data = ids
        chosen = next((t for t in templates if str(t.id) == request.args.get("template")), None)
        if chosen is not None:
            form.we_did.data = chosen.we_did
        items = _mine(s, ids)
        if items and not form.area.data:
            form.area.data = items[0].area_id
            form.theme.data = items[0].theme
    else:
        items = _mine(s, (form.ids.data or [])[:500])
    if form.validate_on_submit():
        try:
            translations = {
                lang: {"you_said": request.form.get(f"you_said_{lang}", ""),
                       "we_did": request.form.get(f"we_did_{lang}", "")}
                for lang in TRANSLATED
            }
            publish(s, form.area.data, form.theme.data, form.you_said.data, form.we_did.data, items,
                    current_user.row, translations)
            if (form.template_name.data or "").strip():
                save_template(s, form.template_name.data or "", form.we_did.data or "", current_user.row)
        except ReviewError as exc:
            s.rollback()
            getattr(form, exc.field).errors.append(str(exc))
        else:
            s.commit()
            flash("Published. It is now on the area's \u201cYou said, we did\u201d page.")
            return redirect(url_for("feedback.you_said", area_id=form.area.data))
    status = 400 if request.method == "POST" else 200
    return render_template("staff/publish.html", form=form, items=items, templates=templates,
                           translated=[lang for lang in LANGUAGES if lang.code in TRANSLATED]), status

"""The feedback queue: safeguarding first, then filters, item view, status, theme, notes, bulk
actions, publishing "You said, we did", and CSV export."""

from __future__ import annotations

import datetime as dt
import hashlib
import json

from flask import Response, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user, login_required

from content.catalogue.tables import OfferDraftRow
from content.feedback.csv_export import feedback_csv
from content.feedback.review import (
    CHANNELS,
    KINDS,
    STATUSES,
    QueueFilter,
    ReviewError,
    all_matching,
    get_item,
    handle_safeguarding,
    next_item,
    open_safeguarding,
    publish,
    queue,
    response_templates,
    save_template,
    set_status,
    triage,
)
from content.feedback.tables import FeedbackItemRow
from content.feedback.themes import ThemeTagger
from web.absolute_urls import absolute_url
from web.content_access import catalogue, content
from web.db_session import db
from web.languages import LANGUAGES
from web.staff import bp
from web.staff.areas import areas_i_see, item_or_404, may_see, my_areas
from web.staff.forms import BulkForm, HandledForm, ItemForm, PublishForm
from web.staff.labels import STATUS_LABELS, area_name

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
        offer_choices={a.id: catalogue().offers_in(a.id) for a in areas_i_see()},
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


def _item_form(found: FeedbackItemRow) -> ItemForm:
    tagger = ThemeTagger.shared()
    form = ItemForm(status=found.status, theme=found.theme, wants_contact=found.wants_contact)
    form.status.choices = [(s, STATUS_LABELS.get(s, s)) for s in STATUSES if s != "published" or found.status == s]
    form.theme.choices = [(t.id, t.name) for t in tagger.themes]
    return form


@bp.route("/items/<id:item_id>", methods=["GET", "POST"])
@login_required
def item(item_id: int) -> ResponseReturnValue:
    found = item_or_404(item_id)
    tagger = ThemeTagger.shared()
    form = _item_form(found)
    if request.method == "POST" and found.kind != "safeguarding" and form.validate():
        s = db()
        try:
            changed = triage(s, found, status=form.status.data, theme=form.theme.data, note=form.note.data or "",
                             wants_contact=bool(form.wants_contact.data), themes=tagger.ids(), by=current_user.row)
        except ReviewError as exc:
            s.rollback()
            getattr(form, exc.field).errors.append(str(exc))
        else:
            s.commit()
            flash(f"Saved: {', '.join(changed)}." if changed else "Nothing to change.")
            following = next_item(s, found, my_areas()) if "next" in request.form else None
            return redirect(url_for("staff.item", item_id=following.id if following else found.id,
                                    **({"from": found.id} if following else {})))
    status = 400 if request.method == "POST" else 200
    return render_template("staff/item.html", item=found, form=form, handled=HandledForm(), theme_name=tagger.name,
                           came_from=request.args.get("from", type=int)), status


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
        elif request.args.get("draft", "").isdigit():
            form.we_did.data = _we_changed(int(request.args["draft"]))
        items = _mine(s, ids)
        if items and not form.area.data:
            form.area.data = items[0].area_id
            form.theme.data = items[0].theme
    else:
        items = _mine(s, (form.ids.data or [])[:500])
    preview = None
    if form.validate_on_submit():
        translations = {
            lang: {"you_said": request.form.get(f"you_said_{lang}", ""),
                   "we_did": request.form.get(f"we_did_{lang}", "")}
            for lang in TRANSLATED
        }
        seen = _fingerprint(form, translations, items)
        try:
            entry = publish(s, form.area.data, form.theme.data, form.you_said.data, form.we_did.data, items,
                            current_user.row, translations)
            if (form.template_name.data or "").strip():
                save_template(s, form.template_name.data or "", form.we_did.data or "", current_user.row)
        except ReviewError as exc:
            s.rollback()
            getattr(form, exc.field).errors.append(str(exc))
        else:
            if "confirm" in request.form and request.form.get("previewed") == seen:
                s.commit()
                area_label = area_name(form.area.data)
                flash(f"Published on {area_label}'s \u201cYou said, we did\u201d page. "
                      f"{len(items)} item(s) closed.")
                return redirect(url_for("staff.dashboard"))
            # A preview (or text changed since the preview): the same checks ran, nothing is kept.
            preview = {"entry": entry, "seen": seen, "closes": len(items), "area": area_name(form.area.data),
                       "changed": "confirm" in request.form}
            s.rollback()
            return render_template("staff/publish.html", form=form, items=items, templates=templates,
                                   translated=[lang for lang in LANGUAGES if lang.code in TRANSLATED],
                                   preview=preview)
    status = 400 if request.method == "POST" else 200
    return render_template("staff/publish.html", form=form, items=items, templates=templates,
                           translated=[lang for lang in LANGUAGES if lang.code in TRANSLATED], preview=preview), status


def _we_changed(draft_id: int) -> str:
    """A first "We did" for a published offer change, linking the two: the worker edits it before publishing."""
    draft = db().get(OfferDraftRow, draft_id) if draft_id <= MAX_ID else None
    if draft is None or draft.status != "published" or not may_see(draft.area_id):
        return ""
    title = draft.data.get("title", draft.slug)
    if draft.action == "retire":
        return f"We took \u201c{title}\u201d off the site: {draft.reason}"
    link = absolute_url("site.offer", area_id=draft.area_id, slug=draft.slug)
    return f"We changed \u201c{title}\u201d on the site: {draft.reason}. See it at {link}"


def _fingerprint(form: PublishForm, translations: dict[str, dict[str, str]], items: list[FeedbackItemRow]) -> str:
    """What the preview showed: "Publish now" publishes only if the text is still what was previewed."""
    shown = [form.area.data, form.theme.data, form.you_said.data, form.we_did.data, translations,
             sorted(i.id for i in items)]
    return hashlib.sha256(json.dumps(shown, sort_keys=True, ensure_ascii=False).encode()).hexdigest()

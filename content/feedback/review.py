"""What participation workers do with feedback: find it, move it along, note it, publish it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from sqlalchemy import ColumnElement, Select, func, or_, select, true
from sqlalchemy.orm import Session, selectinload

from content.accounts.audit import audit
from content.accounts.tables import StaffUserRow
from content.db import utcnow
from content.feedback.tables import FeedbackItemRow, FeedbackNoteRow, ResponseTemplateRow, YouSaidWeDidRow
from content.feedback.updates import queue_updates

STATUSES = ("new", "in-review", "actioned", "published", "dismissed", "content-gap")
SAFEGUARDING_STATUSES = ("new", "handled")
KINDS = ("feedback", "helpful", "unanswered", "talk-to-person")
CHANNELS = ("site", "web", "telegram", "console")
PAGE_SIZE = 50


class ReviewError(ValueError):
    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field


@dataclass(frozen=True)
class QueueFilter:
    area: str | None = None
    theme: str | None = None
    status: str | None = None
    channel: str | None = None
    kind: str | None = None
    offer: str | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    page: int = 1
    areas: tuple[str, ...] | None = None  # the worker's areas; None: an admin, every area


def in_areas(areas: Collection[str] | None) -> ColumnElement[bool]:
    """Items of these areas, and items with no area (the young person did not say where: everyone answers)."""
    if areas is None:
        return true()
    return or_(FeedbackItemRow.area_id.in_(list(areas)), FeedbackItemRow.area_id.is_(None))


# Filters that are an equality on one column: (field of QueueFilter, column).
_EQUAL_FILTERS = (
    ("area", FeedbackItemRow.area_id),
    ("theme", FeedbackItemRow.theme),
    ("status", FeedbackItemRow.status),
    ("channel", FeedbackItemRow.channel),
    ("kind", FeedbackItemRow.kind),
    ("offer", FeedbackItemRow.offer_slug),
)


def _filtered(f: QueueFilter) -> Select[tuple[FeedbackItemRow]]:
    q = select(FeedbackItemRow).where(FeedbackItemRow.kind != "safeguarding", in_areas(f.areas))
    for field, column in _EQUAL_FILTERS:
        value = getattr(f, field)
        if value:
            q = q.where(column == value)
    if f.date_from:
        q = q.where(FeedbackItemRow.created_at >= dt.datetime.combine(f.date_from, dt.time.min))
    if f.date_to:
        q = q.where(FeedbackItemRow.created_at < dt.datetime.combine(f.date_to + dt.timedelta(days=1), dt.time.min))
    return q


def queue(session: Session, f: QueueFilter) -> tuple[list[FeedbackItemRow], int]:
    """One page of matching items, newest first, and how many match in all."""
    q = _filtered(f)
    total = session.scalar(select(func.count()).select_from(q.subquery())) or 0
    page = max(1, f.page)
    rows = session.scalars(
        q.order_by(FeedbackItemRow.created_at.desc(), FeedbackItemRow.id.desc())
        .offset((page - 1) * PAGE_SIZE)
        .limit(PAGE_SIZE)
    )
    return list(rows), total


def all_matching(session: Session, f: QueueFilter) -> list[FeedbackItemRow]:
    return list(session.scalars(_filtered(f).order_by(FeedbackItemRow.created_at.desc())))


def open_safeguarding(session: Session, area: str | None = None,
                      areas: Collection[str] | None = None) -> list[FeedbackItemRow]:
    q = select(FeedbackItemRow).where(FeedbackItemRow.kind == "safeguarding", FeedbackItemRow.status == "new",
                                      in_areas(areas))
    if area:
        q = q.where(FeedbackItemRow.area_id == area)
    return list(session.scalars(q.order_by(FeedbackItemRow.created_at)))


def get_item(session: Session, item_id: int) -> FeedbackItemRow | None:
    return session.scalar(
        select(FeedbackItemRow)
        .where(FeedbackItemRow.id == item_id)
        .options(selectinload(FeedbackItemRow.notes), selectinload(FeedbackItemRow.contact))
    )


def set_status(session: Session, items: Sequence[FeedbackItemRow], status: str, by: StaffUserRow) -> None:
    if status not in STATUSES or status == "published":
        raise ReviewError("status", "Choose a status (publish through \u201cYou said, we did\u201d).")
    for item in items:
        if item.kind == "safeguarding":
            raise ReviewError("status", "Safeguarding events are marked handled, with a note.")
        old, item.status = item.status, status
        audit(session, by, "item.status", f"item:{item.id}", {"from": old, "to": status})


def set_theme(session: Session, item: FeedbackItemRow, theme: str, themes: Sequence[str], by: StaffUserRow) -> None:
    if theme not in themes:
        raise ReviewError("theme", "Choose a theme from the list.")
    old, item.theme = item.theme, theme
    audit(session, by, "item.theme", f"item:{item.id}", {"from": old, "to": theme})


def add_note(session: Session, item: FeedbackItemRow, text: str, by: StaffUserRow) -> FeedbackNoteRow:
    text = text.strip()
    if not text:
        raise ReviewError("note", "Write the note.")
    if len(text) > 5000:
        raise ReviewError("note", "Keep the note under 5,000 characters.")
    note = FeedbackNoteRow(item=item, author_id=by.id, text=text)
    session.add(note)
    audit(session, by, "item.note", f"item:{item.id}", {})
    return note


def triage(session: Session, item: FeedbackItemRow, *, status: str, theme: str, note: str, wants_contact: bool,
           themes: Sequence[str], by: StaffUserRow) -> list[str]:
    """A worker's one form for an item: status, theme, a note and "wants contact", saved together or not at
    all. Only what changed is audited; returns what changed, for the message on the page."""
    changed = []
    if status != item.status:
        set_status(session, [item], status, by)
        changed.append("status")
    if theme != item.theme:
        set_theme(session, item, theme, themes, by)
        changed.append("theme")
    if note.strip():
        add_note(session, item, note, by)
        changed.append("note")
    if wants_contact != item.wants_contact:
        item.wants_contact = wants_contact
        audit(session, by, "item.wants-contact", f"item:{item.id}", {"to": wants_contact})
        changed.append("wants contact")
    return changed


def next_item(session: Session, item: FeedbackItemRow, areas: Collection[str] | None) -> FeedbackItemRow | None:
    """The next new item after this one, in the queue's order (newest first), for "save and next"."""
    q = (select(FeedbackItemRow)
         .where(FeedbackItemRow.kind != "safeguarding", FeedbackItemRow.status == "new", in_areas(areas),
                FeedbackItemRow.id != item.id,
                or_(FeedbackItemRow.created_at < item.created_at,
                    (FeedbackItemRow.created_at == item.created_at) & (FeedbackItemRow.id < item.id)))
         .order_by(FeedbackItemRow.created_at.desc(), FeedbackItemRow.id.desc()).limit(1))
    return session.scalar(q)


def handle_safeguarding(session: Session, item: FeedbackItemRow, note: str, by: StaffUserRow) -> None:
    if item.kind != "safeguarding":
        raise ReviewError("note", "Only safeguarding events are marked handled.")
    note = note.strip()
    if not note:
        raise ReviewError("note", "Say what was done, even if it was nothing (the event has no identity).")
    item.status, item.handled_note = "handled", note[:5000]
    audit(session, by, "safeguarding.handled", f"item:{item.id}", {})


def publish(
    session: Session,
    area: str,
    theme: str,
    you_said: str,
    we_did: str,
    items: Sequence[FeedbackItemRow],
    by: StaffUserRow,
    translations: dict[str, dict[str, str]] | None = None,
) -> YouSaidWeDidRow:
    """Publish a worker-written "You said, we did", closing the items it answers.

    `translations` is {"ar": {"you_said": ..., "we_did": ...}, ...}; a language with either part
    missing is left out, and the page shows English for it.
    """
    you_said, we_did = you_said.strip(), we_did.strip()
    if any(item.kind == "safeguarding" for item in items):
        # A safeguarding event is closed only by the safeguarding procedure, with a handled note.
        raise ReviewError("ids", "Safeguarding events cannot be published or closed here. Handle them in the "
                                   "safeguarding box, with a note of what was done.")
    if not you_said:
        raise ReviewError("you_said", "Write what young people said, in your own words.")
    if not we_did:
        raise ReviewError("we_did", "Write what was done.")
    if len(you_said) > 1000 or len(we_did) > 2000:
        raise ReviewError("we_did", "Keep it short: up to 1,000 characters for You said, 2,000 for We did.")
    kept = {
        lang: {"you_said": t["you_said"].strip()[:1000], "we_did": t["we_did"].strip()[:2000]}
        for lang, t in (translations or {}).items()
        if t.get("you_said", "").strip() and t.get("we_did", "").strip()
    }
    entry = YouSaidWeDidRow(area_id=area, theme=theme, you_said=you_said, we_did=we_did, published_by=by.id,
                            published_at=utcnow(), translations=kept)
    session.add(entry)
    session.flush()
    for item in items:
        item.status, item.you_said_id = "published", entry.id
    queued = queue_updates(session, entry, items, update_text(entry))
    audit(session, by, "you_said.publish", f"you_said:{entry.id}", {"items": [i.id for i in items], "updates": queued})
    return entry


def update_text(entry: YouSaidWeDidRow) -> str:
    # In English: the worker writes it in English; the young person saw the same words on the page.
    return f"An update on what you told us.\n\nYou said: {entry.you_said}\n\nWe did: {entry.we_did}"


def published(session: Session, area: str, limit: int | None = None) -> list[YouSaidWeDidRow]:
    q = (
        select(YouSaidWeDidRow)
        .where(YouSaidWeDidRow.area_id == area)
        .order_by(YouSaidWeDidRow.published_at.desc(), YouSaidWeDidRow.id.desc())
    )
    if limit:
        q = q.limit(limit)
    return list(session.scalars(q))


def save_template(session: Session, name: str, we_did: str, by: StaffUserRow) -> ResponseTemplateRow:
    name, we_did = " ".join(name.split()), we_did.strip()
    if not 2 <= len(name) <= 120:
        raise ReviewError("template_name", "Give the saved answer a short name (2 to 120 characters).")
    if session.scalar(select(ResponseTemplateRow).where(ResponseTemplateRow.name == name)):
        raise ReviewError("template_name", "There is already a saved answer with this name.")
    row = ResponseTemplateRow(name=name, we_did=we_did, created_by=by.id)
    session.add(row)
    session.flush()
    audit(session, by, "template.save", f"template:{row.id}", {"name": name})
    return row


def response_templates(session: Session) -> list[ResponseTemplateRow]:
    return list(session.scalars(select(ResponseTemplateRow).order_by(ResponseTemplateRow.name)))

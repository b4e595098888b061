"""Keeping feedback no longer than needed, and giving a young person their data on request."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session, selectinload

from content.accounts.audit import audit
from content.db import utcnow
from content.feedback.contacts import normalised_contact
from content.feedback.tables import ContactRow, FeedbackItemRow, FeedbackNoteRow

DEFAULT_MONTHS = 24


def cutoff(months: int, now: dt.datetime | None = None) -> dt.datetime:
    return (now or utcnow()) - dt.timedelta(days=round(months * 30.44))


def purge_older_than(session: Session, months: int = DEFAULT_MONTHS, now: dt.datetime | None = None) -> int:
    """Delete feedback items (with their notes and contacts) older than `months`; returns how many."""
    if months < 1:
        raise ValueError("keep feedback for at least one month")
    before = cutoff(months, now)
    ids = list(session.scalars(select(FeedbackItemRow.id).where(FeedbackItemRow.created_at < before)))
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        # Delete children explicitly: a bulk delete does not run the ORM's cascades.
        session.execute(delete(FeedbackNoteRow).where(FeedbackNoteRow.item_id.in_(chunk)))
        session.execute(delete(ContactRow).where(ContactRow.item_id.in_(chunk)))
        session.execute(delete(FeedbackItemRow).where(FeedbackItemRow.id.in_(chunk)))
    audit(session, None, "retention.purge", "feedback", {"months": months, "deleted": len(ids)})
    return len(ids)


def export_person(session: Session, contact: str) -> list[dict[str, Any]]:
    """Everything held with this contact (for a subject access request), oldest first."""
    wanted = normalised_contact(contact)
    # Compared in one form on this side too, so contacts stored before they were normalised are found.
    matching = [row.item_id for row in session.scalars(select(ContactRow))
                if normalised_contact(row.contact) == wanted]
    rows = session.scalars(
        select(FeedbackItemRow)
        .where(FeedbackItemRow.id.in_(matching))
        .options(selectinload(FeedbackItemRow.notes), selectinload(FeedbackItemRow.contact))
        .order_by(FeedbackItemRow.created_at)
    )
    return [
        {
            "id": r.id,
            "created_at": r.created_at.isoformat(timespec="seconds"),
            "area": r.area_id,
            "kind": r.kind,
            "what_you_said": r.text,
            "topic": r.topic,
            "age_band": r.age_band,
            "status": r.status,
            "contact": r.contact.contact if r.contact else None,
            "notes_by_staff": [n.text for n in r.notes],
        }
        for r in rows
    ]

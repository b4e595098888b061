"""Writing what the chat and the site leave for staff: unanswered questions, safeguarding events,
messages for the team, helpful/not helpful. Free text is redacted before it is stored."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from content.models import FeedbackItemRow
from content.redaction import redact

MAX_TEXT = 2000


@dataclass(frozen=True)
class Record:
    kind: str
    area: str | None
    channel: str
    text: str | None = None
    offer_slug: str | None = None
    helpful: bool | None = None
    risk_kind: str | None = None
    chat_ref: str | None = None


class RecordStore:
    """Stores records through short transactions of its own."""

    def __init__(self, session_factory: Callable[[], Session]):
        self._session_factory = session_factory

    def add(self, record: Record) -> int:
        text = redact(record.text)[:MAX_TEXT] if record.text else None
        row = FeedbackItemRow(
            kind=record.kind,
            area_id=record.area,
            channel=record.channel,
            text=text,
            offer_slug=record.offer_slug,
            helpful=record.helpful,
            risk_kind=record.risk_kind,
            chat_ref=record.chat_ref,
            status="new",
            created_at=dt.datetime.now(dt.UTC).replace(tzinfo=None),
        )
        with self._session_factory() as session, session.begin():
            session.add(row)
        return row.id

    def forget(self, chat_ref: str) -> int:
        """Delete everything held about one chat; returns how many items went."""
        with self._session_factory() as session, session.begin():
            result = session.execute(delete(FeedbackItemRow).where(FeedbackItemRow.chat_ref == chat_ref))
        return result.rowcount or 0

    def of_kind(self, kind: str) -> list[FeedbackItemRow]:
        with self._session_factory() as session:
            return list(session.scalars(select(FeedbackItemRow).where(FeedbackItemRow.kind == kind)))

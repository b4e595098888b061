"""Writing what the chat and the site leave for staff: feedback, helpful/not helpful, unanswered
questions, safeguarding events, messages for the team. Free text is redacted before it is stored;
a contact is stored only with consent, apart from the text."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import delete, select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from content.db import utcnow
from content.feedback.contacts import normalised_contact
from content.feedback.redaction import redact
from content.feedback.review import published
from content.feedback.spool import EventSpool, SpooledEvent
from content.feedback.tables import ContactRow, FeedbackItemRow, OutboundMessageRow, YouSaidWeDidRow
from content.feedback.themes import ThemeTagger
from content.feedback.updates import mark_failed, mark_sent, pending, subscribe
from content.understanding.input_text import plain_text

MAX_TEXT = 2000
MAX_CONTACT = 200


@dataclass(frozen=True)
class Record:
    kind: str
    area: str | None
    channel: str
    text: str | None = None
    offer_slug: str | None = None
    offer_category: str | None = None
    helpful: bool | None = None
    risk_kind: str | None = None
    chat_ref: str | None = None
    topic: str | None = None
    age_band: str | None = None
    contact: str | None = None  # only when the young person agreed to be contacted
    wants_updates: bool = False


class RecordStore:
    """Stores records through short transactions of its own."""

    def __init__(self, session_factory: Callable[[], Session], tagger: ThemeTagger | None = None,
                 spool: EventSpool | None = None):
        self._session_factory = session_factory
        self._tagger = tagger or ThemeTagger.shared()
        # Safeguarding events that arrive while the database is away wait here, not lost.
        self.spool = spool

    def add(self, record: Record) -> int:
        text = redact(plain_text(record.text))[:MAX_TEXT] if record.text else None
        row = FeedbackItemRow(
            kind=record.kind,
            area_id=record.area,
            channel=record.channel,
            text=text,
            offer_slug=record.offer_slug,
            helpful=record.helpful,
            risk_kind=record.risk_kind,
            chat_ref=record.chat_ref,
            topic=record.topic,
            age_band=record.age_band,
            theme=None if record.kind == "safeguarding" else self._tagger.tag(text, record.offer_category),
            wants_updates=record.wants_updates,
            wants_contact=bool(record.contact),
            status="new",
        )
        if record.contact:
            row.contact = ContactRow(contact=normalised_contact(plain_text(record.contact))[:MAX_CONTACT])
        try:
            with self._session_factory() as session, session.begin():
                session.add(row)
        except SQLAlchemyError:
            if record.kind == "safeguarding" and self.spool is not None:
                self.spool.keep(record.area, record.channel, record.risk_kind, utcnow())
            raise
        self.write_spooled()
        return row.id

    def add_contact(self, item_id: int, chat_ref: str, contact: str) -> bool:
        """Keep how to reach the young person about their own item (found by the chat that left it).

        False when there is no such item from this chat: a forged or stale id stores nothing.
        """
        with self._session_factory() as session, session.begin():
            item = session.get(FeedbackItemRow, item_id)
            if item is None or not chat_ref or item.chat_ref != chat_ref:
                return False
            cleaned = normalised_contact(plain_text(contact))[:MAX_CONTACT]
            if item.contact is None:
                item.contact = ContactRow(contact=cleaned)
            else:
                item.contact.contact = cleaned
            item.wants_contact = True
            return True

    def write_spooled(self) -> int:
        """Write the safeguarding events kept while the database was away; how many were written."""
        if self.spool is None or not self.spool.waiting():
            return 0
        try:
            return self.spool.drain(self._store_spooled)
        except SQLAlchemyError:
            return 0  # still away: they wait for the next write

    def _store_spooled(self, events: list[SpooledEvent]) -> None:
        with self._session_factory() as session, session.begin():
            session.add_all(
                FeedbackItemRow(kind="safeguarding", area_id=e.area, channel=e.channel, risk_kind=e.risk_kind,
                                status="new", created_at=e.happened_at)
                for e in events
            )

    def subscribe(self, item_id: int, chat_ref: str, address: str) -> bool:
        with self._session_factory() as session, session.begin():
            return subscribe(session, item_id, chat_ref, address)

    def pending_updates(self, channel: str) -> list[tuple[int, str, str]]:
        """(message id, encrypted address, text) of updates still to send on `channel`."""
        with self._session_factory() as session:
            return [(m.id, m.address or "", m.text) for m in pending(session, channel)]

    def update_done(self, message_id: int, sent: bool) -> None:
        with self._session_factory() as session, session.begin():
            message = session.get(OutboundMessageRow, message_id)
            if message is not None:
                (mark_sent if sent else mark_failed)(session, message)

    def forget(self, chat_ref: str) -> int:
        """Delete everything held about one chat; returns how many items went."""
        with self._session_factory() as session, session.begin():
            items = list(session.scalars(select(FeedbackItemRow).where(FeedbackItemRow.chat_ref == chat_ref)))
            for item in items:
                session.delete(item)  # with its contact and notes
            session.execute(delete(OutboundMessageRow).where(OutboundMessageRow.chat_ref == chat_ref))
        return len(items)

    def latest_published(self, area: str, limit: int = 3) -> list[YouSaidWeDidRow]:
        with self._session_factory() as session:
            return published(session, area, limit)

    def of_kind(self, kind: str) -> list[FeedbackItemRow]:
        with self._session_factory() as session:
            return list(session.scalars(select(FeedbackItemRow).where(FeedbackItemRow.kind == kind)))

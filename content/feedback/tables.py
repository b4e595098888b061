"""Database tables for what young people tell us and what staff do with it.

No identity is stored with feedback: `chat_ref` is a salted hash of a chat (for /forget and for
sending an update the young person asked for). A way to contact someone is kept only with their
explicit consent, in its own table, apart from what they said.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Optional

from sqlalchemy import JSON, Boolean, ForeignKey, String, Text, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from content.accounts.tables import StaffUserRow
from content.db import Base, utcnow


class FeedbackItemRow(Base):
    """One thing for staff to see.

    kind: feedback (their words), helpful (yes/no on an answer, maybe with a comment), unanswered (a
    question the bot could not answer, redacted), safeguarding (that risk was shown: never the text),
    talk-to-person (a message for the team, left with consent).
    status: new -> in-review -> actioned -> published, or dismissed; safeguarding: new -> handled.
    """

    __tablename__ = "feedback_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20), index=True)
    area_id: Mapped[Optional[str]] = mapped_column(String(80), index=True)
    channel: Mapped[str] = mapped_column(String(20))
    text: Mapped[Optional[str]] = mapped_column(Text)
    offer_slug: Mapped[Optional[str]] = mapped_column(String(80))
    helpful: Mapped[Optional[bool]]
    risk_kind: Mapped[Optional[str]] = mapped_column(String(40))
    chat_ref: Mapped[Optional[str]] = mapped_column(String(64), index=True)
    topic: Mapped[Optional[str]] = mapped_column(String(40))  # what the young person chose, if anything
    age_band: Mapped[Optional[str]] = mapped_column(String(10))
    theme: Mapped[Optional[str]] = mapped_column(String(40), index=True)  # tagged automatically, editable
    wants_updates: Mapped[bool] = mapped_column(Boolean, default=False)
    # They asked to be contacted (they left a way to reach them, or a worker read that they want it);
    # a worker clears it once someone has been in touch.
    wants_contact: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    # An unanswered question a worker found no offer for ("None of these"): counted on the insights page.
    no_offer_fits: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    status: Mapped[str] = mapped_column(String(20), default="new", index=True)
    handled_note: Mapped[Optional[str]] = mapped_column(Text)
    you_said_id: Mapped[Optional[int]] = mapped_column(ForeignKey("you_said_we_did.id", ondelete="SET NULL"))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow, index=True)
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    notes: Mapped[list[FeedbackNoteRow]] = relationship(
        back_populates="item", cascade="all, delete-orphan", order_by="FeedbackNoteRow.created_at"
    )
    contact: Mapped[Optional[ContactRow]] = relationship(back_populates="item", cascade="all, delete-orphan")

    def __repr__(self) -> str:
        return f"FeedbackItemRow({self.id}, {self.kind!r}, {self.status!r})"


class ContactRow(Base):
    """How to reach someone who asked to be contacted. Kept apart from what they said."""

    __tablename__ = "feedback_contacts"

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("feedback_items.id", ondelete="CASCADE"), unique=True)
    contact: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)

    item: Mapped[FeedbackItemRow] = relationship(back_populates="contact")


class FeedbackNoteRow(Base):
    __tablename__ = "feedback_notes"

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("feedback_items.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[Optional[int]] = mapped_column(ForeignKey("staff_users.id", ondelete="SET NULL"))
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)

    item: Mapped[FeedbackItemRow] = relationship(back_populates="notes")
    author: Mapped[Optional[StaffUserRow]] = relationship()



class YouSaidWeDidRow(Base):
    """A published "You said, we did": the worker's summary, never the raw feedback."""

    __tablename__ = "you_said_we_did"

    id: Mapped[int] = mapped_column(primary_key=True)
    area_id: Mapped[str] = mapped_column(String(80), index=True)
    theme: Mapped[str] = mapped_column(String(40))
    you_said: Mapped[str] = mapped_column(Text)
    we_did: Mapped[str] = mapped_column(Text)
    translations: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    published_at: Mapped[dt.datetime] = mapped_column(default=utcnow, index=True)
    published_by: Mapped[Optional[int]] = mapped_column(ForeignKey("staff_users.id", ondelete="SET NULL"))



class OutboundMessageRow(Base):
    """A message the bot process must send to a chat (closing the loop), retried until sent."""

    __tablename__ = "outbound_messages"

    id: Mapped[int] = mapped_column(primary_key=True)
    channel: Mapped[str] = mapped_column(String(20))
    chat_ref: Mapped[str] = mapped_column(String(64), index=True)
    # The chat's address, encrypted by the channel adapter (only it holds the key); cleared once sent.
    address: Mapped[Optional[str]] = mapped_column(String(500))
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    attempts: Mapped[int] = mapped_column(default=0)
    sent_at: Mapped[Optional[dt.datetime]] = mapped_column(index=True)



class ResponseTemplateRow(Base):
    """A "We did" answer saved for reuse, so common answers are quick to publish."""

    __tablename__ = "response_templates"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    we_did: Mapped[str] = mapped_column(Text)
    created_by: Mapped[Optional[int]] = mapped_column(ForeignKey("staff_users.id", ondelete="SET NULL"))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)

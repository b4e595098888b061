"""Closing the loop: a young person who asked for updates in chat gets a message there when the
feedback they gave is published with its "We did". Channel-free: the address is an opaque string
the channel adapter encrypted (the content layer can neither read nor use it)."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from content.db import utcnow
from content.feedback.tables import ContactRow, FeedbackItemRow, OutboundMessageRow, YouSaidWeDidRow

MAX_ATTEMPTS = 20
ADDRESS_PREFIX = "chat:"  # marks a ContactRow that holds an encrypted chat address, not a phone or email


def subscribe(session: Session, item_id: int, chat_ref: str, address: str) -> bool:
    """Remember where to send an update about an item; only the chat that left it may ask."""
    item = session.get(FeedbackItemRow, item_id)
    if item is None or item.chat_ref != chat_ref:
        return False
    item.wants_updates = True
    if item.contact is None:
        item.contact = ContactRow(contact=ADDRESS_PREFIX + address)
    return True


def queue_updates(session: Session, entry: YouSaidWeDidRow, items: Sequence[FeedbackItemRow], text: str) -> int:
    """Queue one message per item whose young person asked for updates in a chat."""
    queued = 0
    for item in items:
        contact = item.contact
        if not (item.wants_updates and item.chat_ref and contact and contact.contact.startswith(ADDRESS_PREFIX)):
            continue
        session.add(OutboundMessageRow(channel=item.channel, chat_ref=item.chat_ref, text=text,
                                       address=contact.contact.removeprefix(ADDRESS_PREFIX)))
        queued += 1
    return queued


def pending(session: Session, channel: str, limit: int = 20) -> list[OutboundMessageRow]:
    q = (
        select(OutboundMessageRow)
        .where(OutboundMessageRow.channel == channel, OutboundMessageRow.sent_at.is_(None),
               OutboundMessageRow.attempts < MAX_ATTEMPTS)
        .order_by(OutboundMessageRow.id)
        .limit(limit)
    )
    return list(session.scalars(q))


def mark_sent(session: Session, message: OutboundMessageRow) -> None:
    message.sent_at, message.address = utcnow(), None  # the address is not needed any more


def mark_failed(session: Session, message: OutboundMessageRow) -> None:
    message.attempts += 1

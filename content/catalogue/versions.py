"""The history of each offer: every published version, and telling running processes that content changed.

Loads from the files and publishes from the dashboard both add versions here, so the history of an
offer is whole whichever way it changed.
"""

from __future__ import annotations

import hashlib
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from content.catalogue.schema import Offer, OfferFile
from content.catalogue.tables import ContentStateRow, OfferVersionRow
from content.db import utcnow

FROM_FILES = "the content files"

OfferKey = tuple[str, str]  # (area, slug)


def offer_data(offer: OfferFile) -> dict[str, Any]:
    """The offer as stored in a version or a draft: its file's fields, as JSON."""
    return offer.model_dump(mode="json", include=set(OfferFile.model_fields), exclude_none=True)


def offer_of(area: str, slug: str, data: dict[str, Any]) -> Offer:
    """A stored version or draft back as an Offer (it was checked before it was stored)."""
    return Offer.model_validate({**data, "area": area, "slug": slug})


def latest_version(session: Session, key: OfferKey) -> OfferVersionRow | None:
    return session.scalar(
        select(OfferVersionRow)
        .where(OfferVersionRow.area_id == key[0], OfferVersionRow.slug == key[1])
        .order_by(OfferVersionRow.number.desc())
        .limit(1)
    )


def versions_of(session: Session, key: OfferKey) -> list[OfferVersionRow]:
    """Every version of an offer, newest first."""
    return list(session.scalars(
        select(OfferVersionRow)
        .where(OfferVersionRow.area_id == key[0], OfferVersionRow.slug == key[1])
        .order_by(OfferVersionRow.number.desc())
    ))


def add_version(session: Session, key: OfferKey, data: dict[str, Any], *, reason: str, changed_by: str,
                approved_by: str | None = None, retired: bool = False, draft_id: int | None = None,
                exported: bool) -> OfferVersionRow:
    last = latest_version(session, key)
    row = OfferVersionRow(area_id=key[0], slug=key[1], number=(last.number + 1) if last else 1, data=data,
                          retired=retired, reason=reason, changed_by=changed_by, approved_by=approved_by,
                          draft_id=draft_id, published_at=utcnow(), exported=exported)
    session.add(row)
    session.flush()
    return row


def unexported_offers(session: Session) -> set[OfferKey]:
    """Offers changed in the dashboard since the files were last written from the database."""
    rows = session.execute(
        select(OfferVersionRow.area_id, OfferVersionRow.slug).where(OfferVersionRow.exported.is_(False)).distinct()
    )
    return {(area, slug) for area, slug in rows}


def mark_exported(session: Session) -> int:
    """After `flask content export`: the files hold every version published so far."""
    return session.execute(update(OfferVersionRow).where(OfferVersionRow.exported.is_(False))
                           .values(exported=True)).rowcount


def version_count(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(OfferVersionRow)) or 0


def content_changed(session: Session, salt: str) -> None:
    """Give the content a new fingerprint: every process's catalogue cache reloads, and its matcher."""
    state = session.get(ContentStateRow, 1)
    if state is not None:
        state.fingerprint = hashlib.sha256((state.fingerprint + salt).encode()).hexdigest()
        state.loaded_at = utcnow()

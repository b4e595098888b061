"""Database tables for the content store (SQLAlchemy 2, typed).

The YAML files are the source of truth; these tables are what the loader makes equal to them
and what the running service reads. Nested, rarely-queried parts of an offer (steps, contact,
example questions, translations) are JSON columns: they are always read whole with the offer.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Optional

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from content.db import Base, utcnow


class AreaRow(Base):
    __tablename__ = "areas"

    id: Mapped[str] = mapped_column(String(80), primary_key=True)
    position: Mapped[int]
    name: Mapped[str] = mapped_column(String(200))
    council: Mapped[str] = mapped_column(String(200))
    districts: Mapped[list[Any]]
    leaving_care_contacts: Mapped[list[Any]]
    out_of_hours: Mapped[dict[str, Any]]
    local_offer_url: Mapped[str] = mapped_column(String(500))
    source: Mapped[str] = mapped_column(String(80))

    def __repr__(self) -> str:
        return f"AreaRow({self.id!r})"


class CategoryRow(Base):
    __tablename__ = "categories"

    id: Mapped[str] = mapped_column(String(80), primary_key=True)
    position: Mapped[int]
    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(String(500))
    icon: Mapped[str] = mapped_column(String(8))

    def __repr__(self) -> str:
        return f"CategoryRow({self.id!r})"


class SituationRow(Base):
    __tablename__ = "situations"

    id: Mapped[str] = mapped_column(String(80), primary_key=True)
    position: Mapped[int]
    kind: Mapped[str] = mapped_column(String(20))
    label: Mapped[str] = mapped_column(String(200))


class CrisisLineRow(Base):
    __tablename__ = "crisis_lines"

    id: Mapped[str] = mapped_column(String(80), primary_key=True)
    position: Mapped[int]
    name: Mapped[str] = mapped_column(String(200))
    what: Mapped[str] = mapped_column(String(500))
    phone: Mapped[Optional[str]] = mapped_column(String(30))
    text: Mapped[Optional[str]] = mapped_column(String(30))
    text_word: Mapped[Optional[str]] = mapped_column(String(30))
    hours: Mapped[str] = mapped_column(String(200))
    web: Mapped[Optional[str]] = mapped_column(String(500))


class SourceRow(Base):
    __tablename__ = "sources"

    file: Mapped[str] = mapped_column(String(80), primary_key=True)
    title: Mapped[str] = mapped_column(String(500))


class OfferRow(Base):
    __tablename__ = "offers"
    __table_args__ = (UniqueConstraint("area_id", "slug"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    area_id: Mapped[str] = mapped_column(ForeignKey("areas.id"), index=True)
    slug: Mapped[str] = mapped_column(String(80))
    category_id: Mapped[str] = mapped_column(ForeignKey("categories.id"))
    title: Mapped[str] = mapped_column(String(200))
    summary: Mapped[str] = mapped_column(String(300))
    body: Mapped[str] = mapped_column(Text)
    amount_pounds: Mapped[Optional[str]] = mapped_column(String(20))  # decimal as text: exact on every database
    amount_period: Mapped[Optional[str]] = mapped_column(String(20))
    amount_qualifier: Mapped[Optional[str]] = mapped_column(String(20))
    min_age: Mapped[int]
    max_age: Mapped[int]
    usual_max_age: Mapped[Optional[int]]
    older_if: Mapped[list[Any]] = mapped_column(default=list)
    who: Mapped[list[Any]]
    situations: Mapped[list[Any]]
    districts: Mapped[list[Any]]
    how_to_get_it: Mapped[list[Any]]
    contact: Mapped[dict[str, Any]]
    keywords: Mapped[list[Any]]
    example_questions: Mapped[list[Any]]
    source: Mapped[str] = mapped_column(ForeignKey("sources.file"))
    last_reviewed: Mapped[dt.date]
    running_until: Mapped[Optional[int]]
    also_in: Mapped[list[Any]] = mapped_column(default=list)
    shared_from: Mapped[Optional[str]] = mapped_column(String(80))
    translations: Mapped[dict[str, Any]]

    def __repr__(self) -> str:
        return f"OfferRow({self.area_id!r}, {self.slug!r})"


class ContentStateRow(Base):
    """One row: a fingerprint of the loaded content, so running processes notice a new load."""

    __tablename__ = "content_state"

    id: Mapped[int] = mapped_column(primary_key=True)
    fingerprint: Mapped[str] = mapped_column(String(64))
    loaded_at: Mapped[dt.datetime]


class LearnedQuestionRow(Base):
    """A question young people asked that a worker attached to an offer as a new example question.

    The matcher uses it at once (it is part of the content snapshot) until an editor copies it into
    the offer's file.
    """

    __tablename__ = "learned_questions"

    id: Mapped[int] = mapped_column(primary_key=True)
    area_id: Mapped[str] = mapped_column(String(80), index=True)
    offer_slug: Mapped[str] = mapped_column(String(80))
    text: Mapped[str] = mapped_column(String(300))
    added_by: Mapped[Optional[int]] = mapped_column(ForeignKey("staff_users.id", ondelete="SET NULL"))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class OfferDraftRow(Base):
    """A change to one offer that a worker is making: new, edited, retired or an old version restored.

    It goes draft -> in-review -> published, or back to the author with a note (sent-back), or is
    discarded. `data` is the whole offer as its file holds it (content.catalogue.offer_files), so a
    review compares two texts an editor can read.
    """

    __tablename__ = "offer_drafts"

    id: Mapped[int] = mapped_column(primary_key=True)
    area_id: Mapped[str] = mapped_column(String(80), index=True)
    slug: Mapped[str] = mapped_column(String(80))
    action: Mapped[str] = mapped_column(String(20))  # edit | new | retire | restore
    data: Mapped[dict[str, Any]]
    # The version it was started from: publishing refuses if the offer has moved on since.
    base_version: Mapped[Optional[int]]
    reason: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(20), default="draft", index=True)
    author_id: Mapped[Optional[int]] = mapped_column(ForeignKey("staff_users.id", ondelete="SET NULL"))
    author_name: Mapped[str] = mapped_column(String(200))
    reviewer_id: Mapped[Optional[int]] = mapped_column(ForeignKey("staff_users.id", ondelete="SET NULL"))
    reviewer_name: Mapped[Optional[str]] = mapped_column(String(200))
    review_note: Mapped[Optional[str]] = mapped_column(Text)
    # Feedback items (content gaps) this change answers: offered a "You said, we did" once published.
    feedback_ids: Mapped[list[Any]] = mapped_column(default=list)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class OfferVersionRow(Base):
    """Every published version of an offer, with who made it, who approved it, when and why.

    Version 1 of each offer is what the content files first loaded. A retired offer's last version
    has `retired` set and keeps its text, so it can be restored.
    """

    __tablename__ = "offer_versions"
    __table_args__ = (UniqueConstraint("area_id", "slug", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    area_id: Mapped[str] = mapped_column(String(80), index=True)
    slug: Mapped[str] = mapped_column(String(80))
    number: Mapped[int]
    data: Mapped[dict[str, Any]]
    retired: Mapped[bool] = mapped_column(default=False)
    reason: Mapped[str] = mapped_column(Text)
    changed_by: Mapped[str] = mapped_column(String(200))  # a name, or "the content files"
    approved_by: Mapped[Optional[str]] = mapped_column(String(200))
    draft_id: Mapped[Optional[int]] = mapped_column(ForeignKey("offer_drafts.id", ondelete="SET NULL"))
    published_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    # False until `flask content export` has written it to the files: a load keeps such offers as they are.
    exported: Mapped[bool] = mapped_column(default=True)

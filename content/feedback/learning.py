"""Unanswered questions: grouped by similarity for staff, and taught to the matcher as example
questions of an offer, or marked as a gap in the content."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, field

from rapidfuzz import fuzz
from sqlalchemy import select
from sqlalchemy.orm import Session

from content.accounts.audit import audit
from content.accounts.tables import StaffUserRow
from content.catalogue.tables import LearnedQuestionRow
from content.catalogue.versions import content_changed
from content.feedback.review import ReviewError, in_areas
from content.feedback.tables import FeedbackItemRow
from content.understanding.matcher import normalise

SAME_QUESTION = 72  # token_set_ratio at or above this: the same question in other words


@dataclass
class QuestionGroup:
    items: list[FeedbackItemRow] = field(default_factory=list)

    @property
    def example(self) -> str:
        return self.items[0].text or ""

    @property
    def area(self) -> str | None:
        return self.items[0].area_id


def open_unanswered(session: Session, area: str | None = None,
                    areas: Collection[str] | None = None) -> list[FeedbackItemRow]:
    q = select(FeedbackItemRow).where(FeedbackItemRow.kind == "unanswered", FeedbackItemRow.status == "new",
                                      in_areas(areas))
    if area:
        q = q.where(FeedbackItemRow.area_id == area)
    return list(session.scalars(q.order_by(FeedbackItemRow.created_at)))


def group_questions(items: Sequence[FeedbackItemRow]) -> list[QuestionGroup]:
    """Greedy grouping: each question joins the first group (same area) whose first question is like it."""
    groups: list[QuestionGroup] = []
    keys: list[str] = []
    for item in items:
        text = normalise(item.text or "")
        for group, key in zip(groups, keys, strict=True):
            if group.area == item.area_id and fuzz.token_set_ratio(text, key) >= SAME_QUESTION:
                group.items.append(item)
                break
        else:
            groups.append(QuestionGroup([item]))
            keys.append(text)
    return sorted(groups, key=lambda g: -len(g.items))


def teach(
    session: Session, items: Sequence[FeedbackItemRow], area: str, offer_slug: str, text: str, by: StaffUserRow
) -> LearnedQuestionRow:
    """Add `text` as an example question of an offer; the running matchers pick it up at once."""
    text = " ".join(text.split())
    if not 3 <= len(text) <= 300:
        raise ReviewError("text", "The example question must be 3 to 300 characters.")
    learned = LearnedQuestionRow(area_id=area, offer_slug=offer_slug, text=text, added_by=by.id)
    session.add(learned)
    for item in items:
        item.status, item.offer_slug = "actioned", offer_slug
    content_changed(session, f"learned:{offer_slug}:{text}")
    audit(session, by, "unanswered.teach", f"offer:{area}/{offer_slug}",
          {"text": text, "items": [i.id for i in items]})
    return learned


def mark_gap(session: Session, items: Sequence[FeedbackItemRow], by: StaffUserRow) -> None:
    for item in items:
        item.status = "content-gap"
    audit(session, by, "unanswered.gap", "items", {"items": [i.id for i in items]})


def learned_questions(session: Session) -> list[LearnedQuestionRow]:
    return list(session.scalars(select(LearnedQuestionRow).order_by(LearnedQuestionRow.id)))


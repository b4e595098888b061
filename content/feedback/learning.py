"""Unanswered questions: grouped by similarity for staff, and taught to the matcher as example
questions of an offer, or marked as a gap in the content."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from content.accounts.audit import audit
from content.accounts.tables import StaffUserRow
from content.catalogue.tables import LearnedQuestionRow
from content.catalogue.versions import content_changed
from content.feedback.review import ReviewError, in_areas
from content.feedback.tables import FeedbackItemRow
from content.understanding.matcher import Language, normalise, stem

SAME_QUESTION = 0.5  # share of content words two questions must have in common to be the same question
# Words that say how someone asks, not what about: two questions sharing only these are not the same.
_ASKING_WORDS = frozenset({"help", "helping", "need", "want", "get", "getting", "pay", "paying", "please", "pls",
                           "plz", "how", "what", "where", "who", "when", "why", "can", "could", "do", "does"})


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


def content_words(text: str) -> frozenset[str]:
    """The stems of a question's content words: what it asks about, without "help", "my", "can i"."""
    language = Language.load()
    words = [w for w in normalise(text).split() if w not in language.stopwords and w not in _ASKING_WORDS]
    return frozenset(stem(w) for w in words)


def same_question(a: frozenset[str], b: frozenset[str]) -> bool:
    """Most content words shared (Jaccard): "help with my TV licence" and "paying for my provisional
    licence" share one stem of four and stay apart; "how do i get a bus pass" and "bus pass how" meet."""
    if not a or not b:
        return a == b
    return len(a & b) / len(a | b) >= SAME_QUESTION


def group_questions(items: Sequence[FeedbackItemRow]) -> list[QuestionGroup]:
    """Greedy grouping: each question joins the first group (same area) whose first question asks the same."""
    groups: list[QuestionGroup] = []
    keys: list[frozenset[str]] = []
    for item in items:
        words = content_words(item.text or "")
        for group, key in zip(groups, keys, strict=True):
            if group.area == item.area_id and same_question(words, key):
                group.items.append(item)
                break
        else:
            groups.append(QuestionGroup([item]))
            keys.append(words)
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


def none_fits(session: Session, items: Sequence[FeedbackItemRow], by: StaffUserRow) -> None:
    """No offer answers these questions ("None of these"): a gap in the offer, and counted as such."""
    for item in items:
        item.status, item.no_offer_fits = "content-gap", True
    audit(session, by, "unanswered.none-fits", "items", {"items": [i.id for i in items]})


def none_fits_count(session: Session, areas: Collection[str] | None = None) -> int:
    return session.scalar(select(func.count()).select_from(FeedbackItemRow).where(
        FeedbackItemRow.no_offer_fits.is_(True), in_areas(areas))) or 0


def mark_gap(session: Session, items: Sequence[FeedbackItemRow], by: StaffUserRow) -> None:
    for item in items:
        item.status = "content-gap"
    audit(session, by, "unanswered.gap", "items", {"items": [i.id for i in items]})


def learned_questions(session: Session) -> list[LearnedQuestionRow]:
    return list(session.scalars(select(LearnedQuestionRow).order_by(LearnedQuestionRow.id)))


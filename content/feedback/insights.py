"""Numbers for the staff insights page: feedback per theme per month, helpfulness per offer."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from content.db import utcnow
from content.feedback.review import in_areas
from content.feedback.tables import FeedbackItemRow


@dataclass(frozen=True)
class Helpfulness:
    area: str
    offer: str
    yes: int
    no: int

    @property
    def share(self) -> float:
        return self.yes / (self.yes + self.no) if self.yes + self.no else 0.0


def months_back(n: int, today: dt.date | None = None) -> list[str]:
    today = today or utcnow().date()
    year, month = today.year, today.month
    out = []
    for _ in range(n):
        out.append(f"{year:04d}-{month:02d}")
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return list(reversed(out))


def theme_by_month(session: Session, months: int = 6, area: str | None = None,
                   areas: Collection[str] | None = None) -> dict[str, Counter[str]]:
    """{theme: Counter({"2026-11": 4, ...})} for feedback and messages (not yes/no or safeguarding)."""
    wanted = set(months_back(months))
    q = select(FeedbackItemRow.theme, FeedbackItemRow.created_at).where(
        FeedbackItemRow.kind.in_(("feedback", "talk-to-person", "unanswered")), in_areas(areas)
    )
    if area:
        q = q.where(FeedbackItemRow.area_id == area)
    out: dict[str, Counter[str]] = {}
    for theme, created in session.execute(q):
        month = created.strftime("%Y-%m")
        if month in wanted:
            out.setdefault(theme or "other", Counter())[month] += 1
    return out


def helpfulness(session: Session, area: str | None = None, areas: Collection[str] | None = None) -> list[Helpfulness]:
    q = select(FeedbackItemRow.area_id, FeedbackItemRow.offer_slug, FeedbackItemRow.helpful).where(
        FeedbackItemRow.kind == "helpful", FeedbackItemRow.offer_slug.is_not(None), in_areas(areas)
    )
    if area:
        q = q.where(FeedbackItemRow.area_id == area)
    counts: Counter[tuple[str, str, bool]] = Counter()
    for area_id, slug, was_helpful in session.execute(q):
        counts[(area_id or "", slug, bool(was_helpful))] += 1
    keys = sorted({(a, s) for a, s, _ in counts})
    rows = [Helpfulness(a, s, counts[(a, s, True)], counts[(a, s, False)]) for a, s in keys]
    return sorted(rows, key=lambda h: (h.share, -(h.yes + h.no)))

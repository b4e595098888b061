"""Missed risk must not vanish: an unanswered question that the safeguarding check now recognises
(after its lists or examples were improved) becomes a safeguarding event, keeping no text and no
identity, like any other event."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from content.accounts.audit import audit
from content.feedback.tables import FeedbackItemRow
from content.understanding.safeguarding import RiskDetector


def move_missed_risk(session: Session, detector: RiskDetector) -> int:
    """Turn unanswered questions that show risk into safeguarding events; how many were moved."""
    moved = 0
    for item in session.scalars(select(FeedbackItemRow).where(FeedbackItemRow.kind == "unanswered")):
        risk = detector.assess(item.text or "")
        if risk is None:
            continue
        item.kind, item.risk_kind, item.status = "safeguarding", risk.id, "new"
        item.text = item.chat_ref = item.offer_slug = item.theme = None
        moved += 1
    if moved:
        audit(session, None, "feedback.missed-risk-moved", "feedback", {"count": moved})
    return moved

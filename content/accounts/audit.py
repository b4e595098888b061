"""The audit log: every staff action is written in the same transaction as the change it records."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from content.accounts.tables import AuditEventRow, StaffUserRow


def audit(session: Session, by: StaffUserRow | None, action: str, target: str, detail: dict[str, Any]) -> None:
    session.add(
        AuditEventRow(
            staff_id=by.id if by else None,
            staff_email=by.email if by else None,
            action=action,
            target=target,
            detail=detail,
        )
    )

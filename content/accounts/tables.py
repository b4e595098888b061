"""Database tables for staff accounts and the audit log."""

from __future__ import annotations

import datetime as dt
from typing import Any, Optional

from sqlalchemy import JSON, Boolean, ForeignKey, String, false
from sqlalchemy.orm import Mapped, mapped_column

from content.db import Base, utcnow


class StaffUserRow(Base):
    __tablename__ = "staff_users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(200), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    password_hash: Mapped[str] = mapped_column(String(300))
    role: Mapped[str] = mapped_column(String(20))  # worker | admin
    # The areas a worker sees and edits (feedback, offers, insights); an admin sees every area.
    areas: Mapped[list[Any]] = mapped_column(JSON, default=list, server_default="[]")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    failed_logins: Mapped[int] = mapped_column(default=0)  # wrong passwords in a row
    locked_until: Mapped[Optional[dt.datetime]]  # no sign-in before this (a growing wait after failures)
    # Raised on sign-out, password change and turning off: sessions made before stop working.
    session_version: Mapped[int] = mapped_column(default=0, server_default="0")
    must_change_password: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    last_login_at: Mapped[Optional[dt.datetime]]

    def __repr__(self) -> str:
        return f"StaffUserRow({self.email!r}, {self.role!r})"

class AuditEventRow(Base):
    """Who changed what, when. Written in the same transaction as the change."""

    __tablename__ = "audit_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    staff_id: Mapped[Optional[int]] = mapped_column(ForeignKey("staff_users.id", ondelete="SET NULL"))
    staff_email: Mapped[Optional[str]] = mapped_column(String(200))
    action: Mapped[str] = mapped_column(String(60))
    target: Mapped[str] = mapped_column(String(120))
    detail: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow, index=True)

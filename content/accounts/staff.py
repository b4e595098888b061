"""Staff accounts: participation workers and admins. Passwords are hashed with Argon2id; repeated
failed logins lock the account for a while. No default accounts: the first admin is made by CLI."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from content.accounts.audit import audit
from content.accounts.tables import StaffUserRow
from content.db import utcnow

ROLES = ("worker", "admin")
MIN_PASSWORD = 12
MAX_FAILED_LOGINS = 5
LOCKOUT = dt.timedelta(minutes=15)
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$")
_hasher = PasswordHasher()
# Verifying against this when the email is unknown keeps the time the same either way.
_DUMMY_HASH = _hasher.hash("not a real password, only for timing")


class StaffError(ValueError):
    """A bad value for a staff account; `field` names the form field it belongs to."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field


@dataclass(frozen=True)
class LoginResult:
    user: StaffUserRow | None
    locked: bool = False


def check_password_rules(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise StaffError("password", f"Use at least {MIN_PASSWORD} characters.")
    if password.strip() != password or len(set(password)) < 5:
        raise StaffError("password", "Choose a password that is harder to guess.")


def create_staff(
    session: Session, email: str, name: str, password: str, role: str, by: StaffUserRow | None = None
) -> StaffUserRow:
    email = email.strip().lower()
    if not _EMAIL.match(email):
        raise StaffError("email", "Enter an email address like name@council.gov.uk.")
    if not name.strip():
        raise StaffError("name", "Enter a name.")
    if role not in ROLES:
        raise StaffError("role", "Choose worker or admin.")
    check_password_rules(password)
    if session.scalar(select(StaffUserRow).where(func.lower(StaffUserRow.email) == email)):
        raise StaffError("email", "There is already an account with this email.")
    user = StaffUserRow(email=email, name=name.strip(), password_hash=_hasher.hash(password), role=role, active=True)
    session.add(user)
    session.flush()
    audit(session, by, "staff.create", f"staff:{user.id}", {"email": email, "role": role})
    return user


def set_password(session: Session, user: StaffUserRow, password: str, by: StaffUserRow | None) -> None:
    check_password_rules(password)
    user.password_hash = _hasher.hash(password)
    user.failed_logins, user.locked_until = 0, None
    audit(session, by, "staff.password", f"staff:{user.id}", {})


def verify_login(session: Session, email: str, password: str, now: dt.datetime | None = None) -> LoginResult:
    """The user if the password is right and the account is open; failures count towards a lockout."""
    now = now or utcnow()
    user = session.scalar(select(StaffUserRow).where(func.lower(StaffUserRow.email) == email.strip().lower()))
    if user is None or not user.active:
        _safe_verify(_DUMMY_HASH, password)
        return LoginResult(None)
    if user.locked_until and user.locked_until > now:
        return LoginResult(None, locked=True)
    if not _safe_verify(user.password_hash, password):
        user.failed_logins += 1
        if user.failed_logins >= MAX_FAILED_LOGINS:
            user.locked_until, user.failed_logins = now + LOCKOUT, 0
            audit(session, None, "staff.locked", f"staff:{user.id}", {})
        return LoginResult(None, locked=bool(user.locked_until and user.locked_until > now))
    user.failed_logins, user.locked_until, user.last_login_at = 0, None, now
    if _hasher.check_needs_rehash(user.password_hash):
        user.password_hash = _hasher.hash(password)
    audit(session, user, "staff.login", f"staff:{user.id}", {})
    return LoginResult(user)


def _safe_verify(hashed: str, password: str) -> bool:
    try:
        return _hasher.verify(hashed, password)
    except (VerificationError, InvalidHashError):
        return False

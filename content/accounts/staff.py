"""Staff accounts: participation workers and admins.

Passwords are hashed with Argon2id and must pass a strength check (zxcvbn: common passwords, names
and patterns are refused). Wrong passwords slow that account down (a growing wait), with one message
for every failure, so the sign-in page says nothing about which accounts exist and nobody can lock
a worker out for long. Each account has a session version: signing out, a password change or
turning the account off raises it, and every session made before stops working.
No default accounts: the first admin is made by CLI.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import func, select, update
from sqlalchemy.orm import Session
from zxcvbn import zxcvbn

from content.accounts.audit import audit
from content.accounts.tables import StaffUserRow
from content.db import utcnow

ROLES = ("worker", "admin")
MIN_PASSWORD = 12
MAX_PASSWORD = 500
MIN_STRENGTH = 4  # zxcvbn's 0-4 score: 4 is about 10^10 guesses, out of reach even of a stolen hash list
FREE_TRIES = 3  # wrong passwords before the account starts to wait
FIRST_WAIT = dt.timedelta(seconds=30)  # then 30 s, 1 min, 2 min ... doubling
LONGEST_WAIT = dt.timedelta(minutes=15)
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
    """The signed-in account, or None. Why it failed is kept from the page on purpose."""

    user: StaffUserRow | None


def check_password_rules(password: str, about_user: tuple[str, ...] = (), field: str = "password") -> None:
    """Refuse short, common or guessable passwords (`about_user`: their email and name, also refused)."""
    if len(password) < MIN_PASSWORD:
        raise StaffError(field, f"Use at least {MIN_PASSWORD} characters.")
    if len(password) > MAX_PASSWORD:
        raise StaffError(field, f"Use at most {MAX_PASSWORD} characters.")
    if password.strip() != password:
        raise StaffError(field, "Do not start or end the password with a space.")
    words = [w for text in about_user for w in re.split(r"[^\w]+", text.lower()) if len(w) > 2]
    # zxcvbn reads at most 72 characters; a longer password that is strong there is strong.
    strength = zxcvbn(password[:72], user_inputs=list(about_user) + words)
    if strength["score"] < MIN_STRENGTH:
        hint = strength["feedback"]["warning"] or "It would be easy to guess."
        raise StaffError(field, f"Choose a password that is harder to guess. {hint} "
                                "Three or four unrelated words make a strong one.")


def create_staff(
    session: Session, email: str, name: str, password: str, role: str, by: StaffUserRow | None = None,
    areas: Sequence[str] = (),
) -> StaffUserRow:
    """A new account. Made by an admin, its first password must be changed at the first sign-in.

    A worker belongs to one or more areas (`areas`) and sees only those; an admin sees every area.
    """
    email = email.strip().lower()
    if not _EMAIL.match(email):
        raise StaffError("email", "Enter an email address like name@council.gov.uk.")
    if not name.strip():
        raise StaffError("name", "Enter a name.")
    if role not in ROLES:
        raise StaffError("role", "Choose worker or admin.")
    areas = _areas_for(role, areas)
    check_password_rules(password, (email, name))
    if session.scalar(select(StaffUserRow).where(func.lower(StaffUserRow.email) == email)):
        raise StaffError("email", "There is already an account with this email.")
    user = StaffUserRow(email=email, name=name.strip(), password_hash=_hasher.hash(password), role=role,
                        areas=areas, active=True, must_change_password=by is not None)
    session.add(user)
    session.flush()
    audit(session, by, "staff.create", f"staff:{user.id}", {"email": email, "role": role, "areas": areas})
    return user


def set_areas(session: Session, user: StaffUserRow, areas: Sequence[str], by: StaffUserRow) -> None:
    """Change the areas a worker sees. Their open sessions go on: the areas are read on every request."""
    user.areas = _areas_for(user.role, areas)
    audit(session, by, "staff.areas", f"staff:{user.id}", {"areas": user.areas})


def sees_area(user: StaffUserRow, area: str | None) -> bool:
    """May this person see and edit things of `area`? Items with no area (the young person did not say
    where they live) are for everyone: they must still be answered."""
    return user.role == "admin" or area is None or area in (user.areas or [])


def _areas_for(role: str, areas: Sequence[str]) -> list[str]:
    if role == "admin":
        return []  # every area
    chosen = sorted(set(areas))
    if not chosen:
        raise StaffError("areas", "Choose at least one area for a participation worker.")
    return chosen


def set_password(session: Session, user: StaffUserRow, password: str, by: StaffUserRow | None) -> None:
    """A new password; every earlier session of this account ends.

    Set by someone else (an admin's reset), it is a temporary one: the owner must change it when they
    next sign in.
    """
    check_password_rules(password, (user.email, user.name))
    user.password_hash = _hasher.hash(password)
    user.failed_logins, user.locked_until = 0, None
    user.must_change_password = by is not None and by.id != user.id
    end_sessions(session, user)
    audit(session, by, "staff.password" if by is None or by.id == user.id else "staff.password-reset",
          f"staff:{user.id}", {})


def change_own_password(session: Session, user: StaffUserRow, current: str, new: str) -> None:
    """The owner changes their password; the current one must be right."""
    if not _safe_verify(user.password_hash, current):
        raise StaffError("current", "That is not your current password.")
    if new == current:
        raise StaffError("password", "Choose a new password, not the one you have now.")
    set_password(session, user, new, by=user)


def set_active(session: Session, user: StaffUserRow, active: bool, by: StaffUserRow) -> None:
    """Turn an account on or off; turning it off ends its sessions at once."""
    user.active = active
    if not active:
        end_sessions(session, user)
    audit(session, by, "staff.activate" if active else "staff.deactivate", f"staff:{user.id}", {})


def end_sessions(session: Session, user: StaffUserRow) -> None:
    """Every session of this account made before now stops working (sign-out on every device)."""
    # In SQL, not in Python: two sign-outs at once must both count.
    session.execute(update(StaffUserRow).where(StaffUserRow.id == user.id)
                    .values(session_version=StaffUserRow.session_version + 1)
                    .execution_options(synchronize_session=False))
    session.refresh(user, ["session_version"])


def verify_login(session: Session, email: str, password: str, now: dt.datetime | None = None) -> LoginResult:
    """The user if the account is open, not waiting, and the password is right.

    The password is checked in every case (unknown email, account turned off, waiting), so the time
    taken does not tell whether an account exists.
    """
    now = now or utcnow()
    user = session.scalar(select(StaffUserRow).where(func.lower(StaffUserRow.email) == email.strip().lower()))
    if user is None or not user.active:
        _safe_verify(_DUMMY_HASH, password)
        return LoginResult(None)
    right = _safe_verify(user.password_hash, password)
    if user.locked_until and user.locked_until > now:
        return LoginResult(None)  # waiting: even the right password waits, and the message is the same
    if not right:
        _count_failure(session, user, now)
        return LoginResult(None)
    user.failed_logins, user.locked_until, user.last_login_at = 0, None, now
    if _hasher.check_needs_rehash(user.password_hash):
        user.password_hash = _hasher.hash(password)
    audit(session, user, "staff.login", f"staff:{user.id}", {})
    return LoginResult(user)


def wait_after(failures: int) -> dt.timedelta:
    """How long an account waits after this many wrong passwords in a row."""
    if failures < FREE_TRIES:
        return dt.timedelta(0)
    return min(FIRST_WAIT * 2 ** (failures - FREE_TRIES), LONGEST_WAIT)


def _count_failure(session: Session, user: StaffUserRow, now: dt.datetime) -> None:
    # An atomic increment: failures sent at the same moment all count.
    failures = session.execute(
        update(StaffUserRow).where(StaffUserRow.id == user.id)
        .values(failed_logins=StaffUserRow.failed_logins + 1)
        .returning(StaffUserRow.failed_logins)
        .execution_options(synchronize_session=False)
    ).scalar_one()
    wait = wait_after(failures)
    if wait:
        session.execute(update(StaffUserRow).where(StaffUserRow.id == user.id).values(locked_until=now + wait)
                        .execution_options(synchronize_session=False))
        if failures == FREE_TRIES:
            audit(session, None, "staff.slowed", f"staff:{user.id}", {})
    session.expire(user, ["failed_logins", "locked_until"])


def _safe_verify(hashed: str, password: str) -> bool:
    try:
        return _hasher.verify(hashed, password)
    except (VerificationError, InvalidHashError):
        return False

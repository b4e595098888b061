"""Staff sign-in with Flask-Login.

Argon2id passwords, a growing wait and rate limits on failures, and sessions that end 8 hours after
signing in (however busy) or after 30 idle minutes. A session carries its account's session version:
signing out, a password change or turning the account off raises the version, so an old cookie,
even a copied one, stops working at once.

Hooks and views are registered after they are defined, not with decorator syntax: mutmut does not
mutate decorated functions, and these are the checks mutation testing must reach
(docs/mutation-testing.md).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from functools import wraps
from typing import Any

from flask import abort, current_app, g, redirect, render_template, request, session, url_for
from flask.typing import ResponseReturnValue
from flask_login import UserMixin, current_user, login_required, login_user, logout_user
from sqlalchemy.exc import SQLAlchemyError

from content.accounts.staff import end_sessions, verify_login
from content.accounts.tables import StaffUserRow
from web.db_session import db
from web.extensions import limiter, login_manager
from web.staff import bp
from web.staff.forms import LoginForm

CLEAR_SITE_DATA = '"cache", "storage"'
SIGN_IN_FAILED = ("We could not sign you in. Check your email and password and try again. "
                  "After several wrong tries, wait a few minutes first.")


class StaffUser(UserMixin):
    """The signed-in staff member, as Flask-Login sees them."""

    def __init__(self, row: StaffUserRow):
        # Only what pages read; anything else (areas, email) is read from `row` where it is needed.
        self.row = row
        self.id = row.id
        self.name = row.name
        self.is_admin = row.role == "admin"
        self.must_change_password = row.must_change_password

    def get_id(self) -> str:
        # Flask-Login keeps this in the session: the version makes sessions revocable.
        return f"{self.row.id}.{self.row.session_version}"


def load_user(user_id: str) -> StaffUser | None:
    user, _, version = user_id.partition(".")
    if not (user.isdigit() and version.isdigit()) or int(user) >= 2**31:
        return None
    try:
        row = db().get(StaffUserRow, int(user))
    except SQLAlchemyError:
        # The database is away. Staff pages answer 503 (below); the friendly error page, which asks
        # for the user too, can then still be drawn instead of a bare server error.
        g.staff_database_down = True
        return None
    if row is None or not row.active or row.session_version != int(version):
        return None  # turned off, signed out, or the password changed since this session began
    return StaffUser(row)


login_manager.user_loader(load_user)


def _admins_only() -> None:
    """Someone signed in who is not an admin gets 403 Forbidden."""
    if not current_user.is_admin:
        abort(403)


def admin_required(view: Callable[..., Any]) -> Callable[..., Any]:
    # The check is its own function: this wrapper is made once, at import, before mutmut picks a mutant.
    @wraps(view)
    @login_required
    def wrapped(*args: Any, **kwargs: Any) -> Any:
        _admins_only()
        return view(*args, **kwargs)

    return wrapped


# What a signed-in person with a temporary password may still open.
_BEFORE_NEW_PASSWORD = {"staff.change_password", "staff.logout", "staff.login"}


def _check_session() -> ResponseReturnValue | None:
    if not current_user.is_authenticated:
        if g.get("staff_database_down"):
            abort(503)
        return None
    now = time.time()
    idle = now - session.get("staff_seen", 0) > current_app.config["STAFF_IDLE_SECONDS"]
    # From signing in, not from the last request: 8 hours is 8 hours however busy the day.
    too_long = now - session.get("staff_signed_in", 0) > current_app.config["STAFF_SESSION_SECONDS"]
    if idle or too_long:
        logout_user()
        session.clear()
        response = redirect(url_for("staff.login", expired="idle" if idle and not too_long else "long"))
        response.headers["Clear-Site-Data"] = CLEAR_SITE_DATA
        return response
    session["staff_seen"] = now
    if current_user.must_change_password and request.endpoint not in _BEFORE_NEW_PASSWORD:
        return redirect(url_for("staff.change_password"))
    return None


def _no_store(response):  # type: ignore[no-untyped-def]
    # Staff pages hold young people's words: never keep them in a browser or proxy cache.
    response.headers["Cache-Control"] = "no-store"
    return response


bp.before_request(_check_session)
bp.after_request(_no_store)


def login() -> ResponseReturnValue:
    form = LoginForm()
    error = None
    if form.validate_on_submit():
        s = db()
        result = verify_login(s, form.email.data or "", form.password.data or "")
        s.commit()
        if result.user is not None:
            start_session(result.user)  # a fresh session: nothing from before signing in is kept
            return redirect(url_for("staff.dashboard"))
        # One message for every failure, so the page does not tell which accounts exist.
        error = SIGN_IN_FAILED
    status = 400 if request.method == "POST" else 200
    return render_template("staff/login.html", form=form, error=error, expired=request.args.get("expired")), status


bp.route("/login", methods=["GET", "POST"])(limiter.limit("10 per minute;50 per hour", methods=["POST"])(login))


def start_session(row: StaffUserRow) -> None:
    """Sign this account in, in a fresh session (after sign-in, or after changing the password)."""
    session.clear()
    session.permanent = True
    login_user(StaffUser(row))
    session["staff_signed_in"] = session["staff_seen"] = time.time()


def logout() -> ResponseReturnValue:
    s = db()
    end_sessions(s, current_user.row)
    s.commit()
    logout_user()
    session.clear()
    response = redirect(url_for("staff.login"))
    # A shared laptop: whatever the browser kept of staff pages goes with the sign-out.
    response.headers["Clear-Site-Data"] = CLEAR_SITE_DATA
    return response


bp.post("/logout")(login_required(logout))

"""Staff login with Flask-Login: Argon2id passwords, lockout and rate limits on failures, and
sessions that end after 8 hours or 30 idle minutes."""

from __future__ import annotations

import time
from collections.abc import Callable
from functools import wraps
from typing import Any

from flask import abort, current_app, g, redirect, render_template, request, session, url_for
from flask.typing import ResponseReturnValue
from flask_login import UserMixin, current_user, login_required, login_user, logout_user
from sqlalchemy.exc import SQLAlchemyError

from content.accounts.staff import verify_login
from content.accounts.tables import StaffUserRow
from web.db_session import db
from web.extensions import limiter, login_manager
from web.staff import bp
from web.staff.forms import LoginForm

CLEAR_SITE_DATA = '"cache", "storage"'


class StaffUser(UserMixin):
    """The signed-in staff member, as Flask-Login sees them."""

    def __init__(self, row: StaffUserRow):
        self.row = row
        self.id = row.id
        self.email = row.email
        self.name = row.name
        self.role = row.role

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"


@login_manager.user_loader
def load_user(user_id: str) -> StaffUser | None:
    if not user_id.isdigit():
        return None
    try:
        row = db().get(StaffUserRow, int(user_id))
    except SQLAlchemyError:
        # The database is away. Staff pages answer 503 (below); the friendly error page, which asks
        # for the user too, can then still be drawn instead of a bare server error.
        g.staff_database_down = True
        return None
    return StaffUser(row) if row is not None and row.active else None


def admin_required(view: Callable[..., Any]) -> Callable[..., Any]:
    @wraps(view)
    @login_required
    def wrapped(*args: Any, **kwargs: Any) -> Any:
        if not current_user.is_admin:
            abort(403)
        return view(*args, **kwargs)

    return wrapped


@bp.before_request
def _expire_idle_sessions() -> ResponseReturnValue | None:
    if not current_user.is_authenticated:
        if g.get("staff_database_down"):
            abort(503)
        return None
    now = time.time()
    last = session.get("staff_seen", now)
    if now - last > current_app.config["STAFF_IDLE_SECONDS"]:
        logout_user()
        session.clear()
        response = redirect(url_for("staff.login", expired=1))
        response.headers["Clear-Site-Data"] = CLEAR_SITE_DATA
        return response
    session["staff_seen"] = now
    return None


@bp.after_request
def _no_store(response):  # type: ignore[no-untyped-def]
    # Staff pages hold young people's words: never keep them in a browser or proxy cache.
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit("10 per minute;50 per hour", methods=["POST"])
def login() -> ResponseReturnValue:
    form = LoginForm()
    error = None
    if form.validate_on_submit():
        s = db()
        result = verify_login(s, form.email.data or "", form.password.data or "")
        s.commit()
        if result.user is not None:
            session.clear()
            session.permanent = True
            login_user(StaffUser(result.user))
            session["staff_seen"] = time.time()
            return redirect(url_for("staff.dashboard"))
        error = (
            "This account is locked for 15 minutes after too many tries."
            if result.locked
            else "The email or password is not right."
        )
    status = 400 if request.method == "POST" else 200
    return render_template("staff/login.html", form=form, error=error, expired=request.args.get("expired")), status


@bp.post("/logout")
@login_required
def logout() -> ResponseReturnValue:
    logout_user()
    session.clear()
    response = redirect(url_for("staff.login"))
    # A shared laptop: whatever the browser kept of staff pages goes with the sign-out.
    response.headers["Clear-Site-Data"] = CLEAR_SITE_DATA
    return response

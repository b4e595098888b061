"""Passwords: a staff member changes their own; an admin sets a temporary one for someone else.

Either way every other session of that account ends (content.accounts.staff.set_password).
"""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user, login_required

from content.accounts.staff import StaffError, change_own_password, set_password
from web.db_session import db
from web.staff import bp
from web.staff.auth import admin_required, start_session
from web.staff.forms import ChangePasswordForm, ResetPasswordForm
from web.staff.people import account_or_404


@bp.route("/password", methods=["GET", "POST"])
@login_required
def change_password() -> ResponseReturnValue:
    form = ChangePasswordForm()
    if form.validate_on_submit():
        s = db()
        user = current_user.row
        try:
            change_own_password(s, user, form.current.data or "", form.password.data or "")
        except StaffError as exc:
            s.rollback()
            getattr(form, exc.field).errors.append(str(exc))
        else:
            s.commit()
            start_session(user)  # this session goes on with the new version; every other one has ended
            flash("Your password is changed. You are signed out everywhere else.")
            return redirect(url_for("staff.dashboard"))
    status = 400 if request.method == "POST" else 200
    return render_template("staff/password.html", form=form, forced=current_user.must_change_password), status


@bp.route("/people/<id:user_id>/password", methods=["GET", "POST"])
@admin_required
def reset_password(user_id: int) -> ResponseReturnValue:
    s = db()
    user = account_or_404(user_id)
    if user.id == current_user.id:
        return redirect(url_for("staff.change_password"))
    form = ResetPasswordForm()
    if form.validate_on_submit():
        try:
            set_password(s, user, form.password.data or "", by=current_user.row)
        except StaffError as exc:
            s.rollback()
            form.password.errors.append(str(exc))
        else:
            s.commit()
            flash(f"Temporary password set for {user.email}. They are signed out, and must choose their own "
                  "password when they next sign in. Tell them the temporary one in person or by phone.")
            return redirect(url_for("staff.people"))
    status = 400 if request.method == "POST" else 200
    return render_template("staff/reset_password.html", form=form, user=user), status

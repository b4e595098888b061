"""Staff accounts (admins only) and the audit log."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user
from sqlalchemy import select

from content.accounts.staff import StaffError, create_staff, set_active
from content.accounts.tables import AuditEventRow, StaffUserRow
from web.db_session import db
from web.staff import bp
from web.staff.auth import admin_required
from web.staff.forms import StaffForm


@bp.route("/people", methods=["GET", "POST"])
@admin_required
def people() -> ResponseReturnValue:
    s = db()
    form = StaffForm()
    if form.validate_on_submit():
        try:
            create_staff(s, form.email.data or "", form.name.data or "", form.password.data or "",
                         form.role.data or "", by=current_user.row)
        except StaffError as exc:
            s.rollback()
            getattr(form, exc.field).errors.append(str(exc))
        else:
            s.commit()
            flash(f"Account made for {form.email.data}.")
            return redirect(url_for("staff.people"))
    users = list(s.scalars(select(StaffUserRow).order_by(StaffUserRow.email)))
    status = 400 if request.method == "POST" else 200
    return render_template("staff/people.html", form=form, users=users), status


@bp.post("/people/<id:user_id>/deactivate")
@admin_required
def deactivate(user_id: int) -> ResponseReturnValue:
    s = db()
    user = s.get(StaffUserRow, user_id)
    if user is None or user.id == current_user.id:
        flash("You cannot turn off your own account.", "error")
        return redirect(url_for("staff.people"))
    set_active(s, user, False, by=current_user.row)
    s.commit()
    flash(f"{user.email} can no longer sign in.")
    return redirect(url_for("staff.people"))


@bp.get("/audit")
@admin_required
def audit_log() -> ResponseReturnValue:
    events = list(db().scalars(select(AuditEventRow).order_by(AuditEventRow.id.desc()).limit(500)))
    return render_template("staff/audit.html", events=events)

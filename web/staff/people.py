"""Staff accounts (admins only) and the audit log."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user
from sqlalchemy import select

from content.accounts.staff import StaffError, create_staff, set_active, set_areas
from content.accounts.tables import AuditEventRow, StaffUserRow
from web.content_access import catalogue
from web.db_session import db
from web.staff import bp
from web.staff.auth import admin_required
from web.staff.forms import AreasForm, StaffForm


@bp.route("/people", methods=["GET", "POST"])
@admin_required
def people() -> ResponseReturnValue:
    s = db()
    form = StaffForm()
    form.areas.choices = _area_choices()
    if form.validate_on_submit():
        try:
            create_staff(s, form.email.data or "", form.name.data or "", form.password.data or "",
                         form.role.data or "", by=current_user.row, areas=form.areas.data or [])
        except StaffError as exc:
            s.rollback()
            getattr(form, exc.field).errors.append(str(exc))
        else:
            s.commit()
            flash(f"Account made for {form.email.data}.")
            return redirect(url_for("staff.people"))
    users = list(s.scalars(select(StaffUserRow).order_by(StaffUserRow.email)))
    status = 400 if request.method == "POST" else 200
    area_names = dict(_area_choices())
    return render_template("staff/people.html", form=form, users=users, area_names=area_names,
                           areas_form=_areas_form), status


def _area_choices() -> list[tuple[str, str]]:
    return [(a.id, a.name) for a in catalogue().areas]


def _areas_form(user: StaffUserRow) -> AreasForm:
    form = AreasForm(prefix=f"u{user.id}", areas=user.areas)
    form.areas.choices = _area_choices()
    return form


def account_or_404(user_id: int) -> StaffUserRow:
    """The staff account with this id, or 404 (for the admin pages that change someone's account)."""
    user = db().get(StaffUserRow, user_id)
    if user is None:
        abort(404)
    return user


@bp.post("/people/<id:user_id>/areas")
@admin_required
def change_areas(user_id: int) -> ResponseReturnValue:
    s = db()
    user = account_or_404(user_id)
    form = AreasForm(prefix=f"u{user.id}")
    form.areas.choices = _area_choices()
    if not form.validate():
        flash("Choose areas from the list.", "error")
        return redirect(url_for("staff.people"))
    try:
        set_areas(s, user, form.areas.data or [], by=current_user.row)
    except StaffError as exc:
        s.rollback()
        flash(f"{user.email}: {exc}", "error")
        return redirect(url_for("staff.people"))
    s.commit()
    flash(f"{user.email} now sees: {', '.join(dict(_area_choices())[a] for a in user.areas) or 'every area'}.")
    return redirect(url_for("staff.people"))


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

"""The staff dashboard at /staff: login, the feedback queue, safeguarding, publishing, people."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("staff", __name__, template_folder="../templates/staff")

from web.staff import (  # noqa: E402,F401 - routes register on bp
    auth,
    insights,
    labels,
    learning,
    needs_checking,
    offers,
    passwords,
    people,
    queue,
)

"""One database session per request, for the staff dashboard and the feedback forms."""

from __future__ import annotations

from flask import Flask, g
from sqlalchemy.orm import Session

from web.content_access import content


def db() -> Session:
    if "db" not in g:
        g.db = content().sessions()
    return g.db


def init_app(app: Flask) -> None:
    @app.teardown_appcontext
    def _close(_exc: BaseException | None) -> None:
        session = g.pop("db", None)
        if session is not None:
            session.close()

"""Operations: /healthz (the process is up) and /readyz (the database answers and content is loaded),
and structured request logs that carry no personal data."""

from __future__ import annotations

import json
import logging
import sys
import time

from flask import Blueprint, Flask, g, jsonify, request
from flask.typing import ResponseReturnValue
from flask.wrappers import Response
from sqlalchemy import text

from content.catalogue.tables import ContentStateRow
from web.content_access import content

bp = Blueprint("ops", __name__)
access_log = logging.getLogger("local_offer.access")


@bp.get("/healthz")
def healthz() -> ResponseReturnValue:
    return jsonify(status="ok")


@bp.get("/readyz")
def readyz() -> ResponseReturnValue:
    access = content()
    try:
        with access.sessions() as session:
            session.execute(text("SELECT 1"))
            loaded = session.get(ContentStateRow, 1) is not None
    except Exception:
        return jsonify(status="unavailable", database=False), 503
    if not loaded:
        return jsonify(status="unavailable", database=True, content=False), 503
    return jsonify(status="ok", database=True, content=True)


class JsonFormatter(logging.Formatter):
    """One JSON object per line: easy for log platforms, and every field is one we chose to log."""

    def format(self, record: logging.LogRecord) -> str:
        data = {"time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S"), "level": record.levelname,
                "logger": record.name, "message": record.getMessage()}
        data.update(getattr(record, "fields", {}))
        if record.exc_info:
            data["error"] = record.exc_info[0].__name__ if record.exc_info[0] else "unknown"
        return json.dumps(data, ensure_ascii=False)


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
    if app.config.get("JSON_LOGS"):
        handler = logging.StreamHandler(sys.stdout)
        handler.setFormatter(JsonFormatter())
        for logger in (logging.getLogger("local_offer"), app.logger):
            logger.handlers[:] = [handler]
            logger.setLevel(logging.INFO)
            logger.propagate = False

    @app.before_request
    def _start_timer() -> None:
        g.started = time.perf_counter()

    @app.after_request
    def _log_request(response: Response) -> Response:
        # The path only: no query string (searches and answers are a young person's words), no
        # cookies, no client address.
        started = g.get("started")
        access_log.info("request", extra={"fields": {
            "method": request.method,
            "endpoint": request.endpoint or "-",
            "path": request.path[:200],
            "status": response.status_code,
            "ms": round((time.perf_counter() - started) * 1000, 1) if started else None,
        }})
        return response

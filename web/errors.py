"""Friendly error pages (HTML) and JSON errors for the API. Nothing reaches the user as a raw 500."""

from __future__ import annotations

from flask import Flask, jsonify, render_template, request
from flask.typing import ResponseReturnValue
from flask_babel import gettext
from sqlalchemy.exc import OperationalError
from werkzeug.exceptions import HTTPException, InternalServerError, SecurityError, ServiceUnavailable


def _wants_json() -> bool:
    return request.path.startswith("/api/")


def _messages(code: int) -> tuple[str, str]:
    if code == 404:
        return gettext("Page not found"), gettext("We could not find that page. It may have moved.")
    if code == 400:
        return gettext("Something was wrong with that link"), gettext("Please go back and try again.")
    if code == 503:
        return gettext("Sorry, this is not working just now"), gettext(
            "Please try again in a few minutes. Pages you have opened before still work."
        )
    if code == 429:
        return gettext("Too many tries"), gettext("Please wait a minute and try again.")
    if code >= 500:
        return gettext("Sorry, something went wrong"), gettext(
            "It is our fault, not yours. Please try again in a few minutes."
        )
    return gettext("Sorry, that did not work"), gettext("Please go back and try again.")


def handle_http_error(exc: HTTPException) -> ResponseReturnValue:
    code = exc.code or 500
    if _wants_json():
        return jsonify(error=exc.name, status=code), code
    title, message = _messages(code)
    return render_template("errors/error.html", title=title, message=message, code=code), code


def handle_untrusted_host(exc: SecurityError) -> ResponseReturnValue:
    # A Host this site does not answer to: no page is drawn, since no link could be built for it.
    return "Unknown host.", 400, {"Content-Type": "text/plain; charset=utf-8"}


def handle_database_down(exc: OperationalError) -> ResponseReturnValue:
    from flask import current_app

    current_app.logger.warning("database unavailable on %s %s", request.method, request.path)
    return handle_http_error(ServiceUnavailable())


def handle_unexpected(exc: Exception) -> ResponseReturnValue:
    # Log the failure (no request body or query: they may hold what a young person typed).
    from flask import current_app

    current_app.logger.exception("unhandled error on %s %s", request.method, request.path)
    return handle_http_error(InternalServerError())


def register(app: Flask) -> None:
    app.register_error_handler(SecurityError, handle_untrusted_host)
    app.register_error_handler(HTTPException, handle_http_error)
    app.register_error_handler(OperationalError, handle_database_down)
    app.register_error_handler(Exception, handle_unexpected)

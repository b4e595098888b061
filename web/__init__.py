"""The mobile site, its JSON API, the staff dashboard and the web chat: one Flask app factory."""

from __future__ import annotations

import os
from typing import Any

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix
from werkzeug.routing import IntegerConverter, Map

from web.config import INSTANCE_DIR, config_for


class DatabaseId(IntegerConverter):
    """`<id:item_id>`: a database id (1 to 2^31 - 1); anything larger is simply not found, not an error."""

    def __init__(self, url_map: Map) -> None:
        super().__init__(url_map, min=1, max=2**31 - 1)


def create_app(env: str | None = None, overrides: dict[str, Any] | None = None) -> Flask:
    """Build the app as a list of named steps; each step is a small function below."""
    app = Flask(__name__, instance_path=str(INSTANCE_DIR))
    app.config.from_object(config_for(env))
    app.config.update(overrides or {})
    # The default SQLite database lives in instance/, which a fresh clone does not have.
    os.makedirs(app.instance_path, exist_ok=True)
    app.url_map.converters["id"] = DatabaseId
    hops = app.config["TRUSTED_PROXIES"]
    if hops:
        # Behind a proxy, the client's address (for rate limits) and https come from its headers.
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)  # type: ignore[method-assign]
    from web import absolute_urls, cli, content_access, db_session, errors, extensions, ops

    extensions.init_app(app)
    absolute_urls.init_app(app)
    content_access.init_app(app)
    db_session.init_app(app)
    ops.init_app(app)
    register_blueprints(app)
    errors.register(app)
    cli.register(app)
    if app.config.get("WARM_CHAT", True):
        warm_chat(app)
    return app


def warm_chat(app: Flask) -> None:
    """Build the chat engine (and train its reader of meaning) in the background now, so the first young
    person to ask something after a start does not wait seconds for it."""
    import threading

    def build() -> None:
        from web.content_access import chat_engine

        try:
            with app.app_context():
                chat_engine().semantic()
        except Exception:  # no content loaded yet, or no database: the first question builds it instead
            app.logger.info("chat engine not warmed at start; it is built on the first question")

    threading.Thread(target=build, name="warm-chat", daemon=True).start()


def register_blueprints(app: Flask) -> None:
    """Public site pages, offline support, and the JSON API."""
    from web.api.routes import bp as api_bp
    from web.chat.routes import bp as chat_bp
    from web.feedback.routes import bp as feedback_bp
    from web.site.offline import bp as offline_bp
    from web.site.routes import bp as site_bp
    from web.staff import bp as staff_bp

    app.register_blueprint(site_bp)
    app.register_blueprint(offline_bp)
    app.register_blueprint(chat_bp)
    app.register_blueprint(feedback_bp)
    app.register_blueprint(staff_bp, url_prefix="/staff")
    app.register_blueprint(api_bp, url_prefix="/api/v1")

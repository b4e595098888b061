"""Flask extensions, created unbound and bound to the app in `init_app`."""

from __future__ import annotations

import datetime as dt

from flask import Flask, g, request, session
from flask.wrappers import Response
from flask_babel import Babel
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_talisman import Talisman
from flask_wtf import CSRFProtect

from web import formatting, languages
from web.languages import LANG_COOKIE, LANGUAGES, babel_locale, current_language

babel = Babel()
csrf = CSRFProtect()


class StaffLoginManager(LoginManager):
    """Session protection for signed-in staff only.

    Flask-Login checks every request whose session has anything in it, and in "strong" mode marks
    an anonymous visitor's session changed each time (its web chat lives in that cookie). Every
    page view then re-sent the whole cookie, and a page fetched alongside a chat message (the
    offline cache does this) could overwrite the chat's newer state: crisis mode was lost.
    """

    def _session_protection_failed(self) -> bool:
        if "_user_id" not in session:
            return False
        return bool(super()._session_protection_failed())


login_manager = StaffLoginManager()
# Limits are set per route (feedback posts, staff login); storage is in memory unless
# RATELIMIT_STORAGE_URI points at Redis, so that several processes share the counts.
limiter = Limiter(key_func=get_remote_address, default_limits=[])

# No inline script or style anywhere, and nothing from other sites: the page must stay light
# on a cheap phone and the young person's visit must not be seen by third parties.
CSP = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "font-src": "'self'",
    "connect-src": "'self'",
    "manifest-src": "'self'",
    "worker-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'none'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}


def init_app(app: Flask) -> None:
    formatting.init_app(app)
    languages.init_app(app)
    babel.init_app(app, locale_selector=babel_locale)
    csrf.init_app(app)
    limiter.init_app(app)
    login_manager.init_app(app)
    login_manager.login_view = "staff.login"
    login_manager.session_protection = "strong"
    # One Talisman per app, never a shared one: it keeps its settings on itself, so a second app made in
    # the same process (a production app in a test) would switch on HTTPS redirects for the first.
    app.extensions["talisman"] = Talisman(
        app,
        force_https=app.config["FORCE_HTTPS"],
        strict_transport_security=app.config["FORCE_HTTPS"],
        session_cookie_secure=app.config["SESSION_COOKIE_SECURE"],
        content_security_policy=CSP,
        frame_options="DENY",
        referrer_policy="no-referrer",
        permissions_policy={"geolocation": "()", "camera": "()", "microphone": "()"},
    )

    @app.context_processor
    def _language_context() -> dict[str, object]:
        return {"languages": LANGUAGES, "language": current_language()}

    @app.context_processor
    def _today() -> dict[str, object]:
        return {"today": dt.date.today()}  # offers past the year their source says they run say so

    @app.after_request
    def _remember_language(response: Response) -> Response:
        if g.get("remember_locale") and request.cookies.get(LANG_COOKIE) != g.locale:
            response.set_cookie(
                LANG_COOKIE,
                g.locale,
                max_age=app.config["PREFERENCE_COOKIE_MAX_AGE"],
                samesite="Lax",
                secure=app.config["SESSION_COOKIE_SECURE"],
                httponly=True,
            )
        return response

"""Telegram webhook as a WSGI app, for gunicorn: `gunicorn "bot.webhook:create()"`.

Each gunicorn worker runs one python-telegram-bot Application (without a poller) on an event loop
in a background thread; the WSGI view checks Telegram's secret token and hands the update over.
Conversations live in Redis (REDIS_URL), so any worker of any process can answer any chat: capacity
grows by adding processes. Register the webhook once with `python -m bot set-webhook`.
"""

from __future__ import annotations

import asyncio
import hmac
import json
import logging
import os
import threading
from collections.abc import Callable, Iterable
from typing import Any

from telegram import Update

from bot.telegram_adapter import TelegramBot, bot_from_env

log = logging.getLogger(__name__)
MAX_BODY = 1024 * 1024
SECRET_HEADER = "HTTP_X_TELEGRAM_BOT_API_SECRET_TOKEN"  # noqa: S105 - a header name, not a secret


class WebhookApp:
    def __init__(self, bot: TelegramBot, token: str, secret: str, base_url: str | None = None,
                 timeout: float | None = None):
        self.secret = secret
        self.loop = asyncio.new_event_loop()
        threading.Thread(target=self.loop.run_forever, name="telegram-loop", daemon=True).start()
        self.application = bot.build(token, base_url=base_url, updater=False, timeout=timeout)
        self._run(self.application.initialize())
        self._run(self.application.start())

    def _run(self, coro: Any, timeout: float = 30.0) -> Any:
        return asyncio.run_coroutine_threadsafe(coro, self.loop).result(timeout)

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        path, method = environ.get("PATH_INFO", ""), environ.get("REQUEST_METHOD", "")
        if path == "/healthz":
            return _reply(start_response, "200 OK", {"status": "ok"})
        if path != "/telegram":
            return _reply(start_response, "404 Not Found", {"error": "not found"})
        if method != "POST":
            return _reply(start_response, "405 Method Not Allowed", {"error": "POST only"})
        if not hmac.compare_digest(environ.get(SECRET_HEADER, ""), self.secret):
            return _reply(start_response, "403 Forbidden", {"error": "wrong secret token"})
        try:
            length = int(environ.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = -1
        if not 0 < length <= MAX_BODY:
            return _reply(start_response, "400 Bad Request", {"error": "bad length"})
        try:
            data = json.loads(environ["wsgi.input"].read(length))
            update = Update.de_json(data, self.application.bot)
        except Exception:
            log.warning("refused a malformed update")
            return _reply(start_response, "400 Bad Request", {"error": "malformed update"})
        if update is None:
            return _reply(start_response, "400 Bad Request", {"error": "malformed update"})
        try:
            self._run(self.application.process_update(update), timeout=55.0)
        except Exception:
            log.warning("update failed")
        return _reply(start_response, "200 OK", {"ok": True})


def _reply(start_response: Callable[..., Any], status: str, body: dict[str, Any]) -> list[bytes]:
    data = json.dumps(body).encode()
    start_response(status, [("Content-Type", "application/json"), ("Content-Length", str(len(data)))])
    return [data]


def create() -> WebhookApp:
    """The gunicorn entry point; configuration from the environment, as for `python -m bot telegram`."""
    bot, token, error = bot_from_env()
    secret = os.environ.get("WEBHOOK_SECRET", "")
    if bot is None or len(secret) < 16:
        raise SystemExit(error or "Set WEBHOOK_SECRET to a random string of 16+ characters.")
    timeout = float(os.environ.get("TELEGRAM_TIMEOUT", "10"))
    return WebhookApp(bot, token, secret, base_url=os.environ.get("TELEGRAM_API_URL"), timeout=timeout)

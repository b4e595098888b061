"""Telegram adapter (python-telegram-bot v22): translates updates to engine calls and replies back.

The only module that imports `telegram`. Chat ids never leave this module in the clear: the
conversation key and any stored record use a salted hash of the chat id (`chat_ref`).
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import logging
import os
from typing import Any

from cryptography.fernet import Fernet, InvalidToken
from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.error import NetworkError, RetryAfter, TelegramError, TimedOut
from telegram.ext import Application, CallbackQueryHandler, ContextTypes, MessageHandler, filters
from telegram.request import BaseRequest, HTTPXRequest

from bot.conversation import ConversationStore
from bot.engine import Engine
from bot.i18n import LANGUAGES
from bot.replies import Flag, Reply

log = logging.getLogger(__name__)
MAX_TELEGRAM_TEXT = 4000  # Telegram's limit is 4096 characters a message
SEND_ATTEMPTS = 5  # about 8 seconds of backing off before an answer is given up


class SkipMalformedUpdates(HTTPXRequest):
    """getUpdates with every malformed update made harmless.

    python-telegram-bot parses a batch of updates at once, and one broken update makes the whole
    batch fail; Telegram then sends the same batch again, for ever. Here a broken update is swapped
    for an empty one with the same number, so polling moves past it and no handler sees it.
    """

    async def do_request(self, url, method, request_data=None, **kwargs):  # type: ignore[no-untyped-def]
        status, payload = await super().do_request(url, method, request_data, **kwargs)
        if status != 200 or not url.endswith("/getUpdates"):
            return status, payload
        try:
            body = json.loads(payload)
            results = body["result"]
        except (ValueError, KeyError, TypeError):
            return status, payload
        if not isinstance(results, list):
            return status, payload
        cleaned = []
        for item in results:
            try:
                if Update.de_json(item, None) is None:
                    raise ValueError("empty update")
                cleaned.append(item)
            except Exception:
                update_id = item.get("update_id") if isinstance(item, dict) else None
                log.warning("skipped a malformed update")
                if isinstance(update_id, int):
                    cleaned.append({"update_id": update_id})
        body["result"] = cleaned
        return status, json.dumps(body).encode()


def chat_ref(salt: str, chat_id: int) -> str:
    """A salted hash of a Telegram chat id: stable for one deployment, useless elsewhere."""
    return hmac.new(salt.encode(), f"telegram:{chat_id}".encode(), hashlib.sha256).hexdigest()


class TelegramBot:
    def __init__(
        self,
        engine: Engine,
        store: ConversationStore,
        salt: str,
        cipher: Fernet | None = None,
        update_interval: float = 30.0,
    ):
        self.engine, self.store, self.salt = engine, store, salt
        # Encrypts a chat id kept (with consent) to send an update later; without a key, no updates.
        self.cipher = cipher
        self.update_interval = update_interval

    def build(
        self,
        token: str,
        base_url: str | None = None,
        request: BaseRequest | None = None,
        get_updates_request: BaseRequest | None = None,
        updater: bool = True,
        timeout: float | None = None,
    ) -> Application:
        builder = Application.builder().token(token)
        if timeout is not None and request is None:
            builder = builder.read_timeout(timeout).write_timeout(timeout).connect_timeout(timeout)
        if base_url:
            builder = builder.base_url(base_url)
        if request is not None:
            builder = builder.request(request)
        if get_updates_request is None and request is None:
            wait = timeout if timeout is not None else 10.0
            get_updates_request = SkipMalformedUpdates(read_timeout=wait, connect_timeout=wait, write_timeout=wait)
        if get_updates_request is not None:
            builder = builder.get_updates_request(get_updates_request)
        if not updater:
            builder = builder.updater(None)
        if self.cipher is not None and self.engine.records is not None:
            builder = builder.post_init(self._start_update_sender)
        app = builder.build()
        app.add_handler(MessageHandler(filters.TEXT, self.on_text))
        app.add_handler(CallbackQueryHandler(self.on_button))
        app.add_handler(MessageHandler(~filters.TEXT & ~filters.StatusUpdate.ALL, self.on_other))
        app.add_error_handler(self.on_error)
        return app

    def _key(self, update: Update) -> str | None:
        chat = update.effective_chat
        return chat_ref(self.salt, chat.id) if chat else None

    def _conversation(self, key: str, update: Update):  # type: ignore[no-untyped-def]
        conv = self.store.get(key)
        user = update.effective_user
        # A first message: answer in the phone's language when we speak it.
        if conv.area is None and conv.language == "en" and user and user.language_code:
            code = user.language_code.split("-")[0]
            if code in LANGUAGES:
                conv.language = code
        return conv

    async def on_text(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """A text message or command: ask the engine, send its reply."""
        key = self._key(update)
        if key is None or update.effective_message is None:
            return
        conv = self._conversation(key, update)
        text = update.effective_message.text or ""
        reply = await asyncio.to_thread(self.engine.respond, conv, text, "telegram", key)
        self._save(key, conv, reply)
        await self.send(update, context, reply)

    async def on_button(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """An inline keyboard button press."""
        query = update.callback_query
        key = self._key(update)
        if query is None or key is None:
            return
        await query.answer()
        conv = self._conversation(key, update)
        chat = update.effective_chat
        address = self.cipher.encrypt(str(chat.id).encode()).decode() if self.cipher and chat else None
        reply = await asyncio.to_thread(self.engine.press, conv, query.data or "", "telegram", key, address)
        self._save(key, conv, reply)
        await self.send(update, context, reply)

    async def on_other(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Stickers, photos, voice notes, files: a short polite reply."""
        key = self._key(update)
        if key is None or update.effective_message is None:
            return
        conv = self._conversation(key, update)
        reply = self.engine.respond(conv, None, "telegram", key)
        await self.send(update, context, reply)

    def _save(self, key: str, conv, reply: Reply) -> None:  # type: ignore[no-untyped-def]
        if Flag.FORGOTTEN in reply.flags:
            self.store.delete(key)
        else:
            self.store.save(key, conv)

    async def send(self, update: Update, context: ContextTypes.DEFAULT_TYPE, reply: Reply) -> None:
        chat = update.effective_chat
        if chat is None:
            return
        markup = None
        if reply.buttons:
            rows = [[InlineKeyboardButton(b.label[:60], callback_data=b.action[:64])] for b in reply.buttons]
            if self.engine.site_url.startswith("https://"):
                rows += [[InlineKeyboardButton(label, url=self.engine.site_url.rstrip("/") + path)]
                         for label, path in reply.links]
            markup = InlineKeyboardMarkup(rows)
        parts = [p[:MAX_TELEGRAM_TEXT] for p in reply.parts] or ["…"]
        for i, part in enumerate(parts):
            last = i == len(parts) - 1
            await self._send_with_retries(context, chat.id, part, markup if last else None)

    async def _send_with_retries(self, context, chat_id: int, text: str, markup) -> None:  # type: ignore[no-untyped-def]
        """Telegram or the network failing for a moment must not lose an answer (crisis help least of all)."""
        for attempt in range(SEND_ATTEMPTS):
            try:
                await context.bot.send_message(chat_id, text, reply_markup=markup)
                return
            except RetryAfter as exc:
                await asyncio.sleep(min(float(getattr(exc, "retry_after", 1)), 30.0))
            except (TimedOut, NetworkError):
                if attempt == SEND_ATTEMPTS - 1:
                    raise
                await asyncio.sleep(0.5 * 2**attempt)

    async def _start_update_sender(self, app: Application) -> None:
        app.create_task(self._send_updates_forever(app), name="update-sender")

    async def _send_updates_forever(self, app: Application) -> None:
        """Send queued "We did" updates; a failure is retried on the next round (up to 20 times)."""
        while True:
            try:
                await self.send_updates(app)
            except Exception:
                log.warning("update round failed; will retry")
            await asyncio.sleep(self.update_interval)

    async def send_updates(self, app: Application) -> int:
        records = self.engine.records
        if records is None or self.cipher is None:
            return 0
        sent = 0
        for message_id, address, text in await asyncio.to_thread(records.pending_updates, "telegram"):
            try:
                chat_id = int(self.cipher.decrypt(address.encode()))
            except (InvalidToken, ValueError):
                await asyncio.to_thread(records.update_done, message_id, False)
                continue
            try:
                await app.bot.send_message(chat_id, text[:MAX_TELEGRAM_TEXT])
            except TelegramError:
                await asyncio.to_thread(records.update_done, message_id, False)
                continue
            await asyncio.to_thread(records.update_done, message_id, True)
            sent += 1
        return sent

    async def on_error(self, update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        # Log the kind of failure only: never the message text or who sent it.
        error = context.error
        log.warning("telegram handler error: %s", type(error).__name__ if error else "unknown")
        if error is not None and not isinstance(error, TelegramError):
            log.exception("unexpected error in a handler", exc_info=error)


def bot_from_env() -> tuple[TelegramBot | None, str, str | None]:
    """(bot, token, error): the bot as the environment configures it, or what is missing."""
    from bot.conversation import store_from_env
    from bot.runtime import engine_from_database

    token = os.environ.get("TELEGRAM_TOKEN", "")
    salt = os.environ.get("CHAT_ID_SALT", "")
    if not token:
        return None, "", "Set TELEGRAM_TOKEN (from @BotFather) to run the Telegram bot."
    if len(salt) < 16:
        return None, "", "Set CHAT_ID_SALT to a random string of 16+ characters (chat ids are kept only hashed)."
    key = os.environ.get("CHAT_ADDRESS_KEY")
    cipher = Fernet(key.encode()) if key else None
    interval = float(os.environ.get("UPDATE_INTERVAL", "30"))
    engine = engine_from_database(update_channels=frozenset({"telegram"}) if cipher else frozenset())
    return TelegramBot(engine, store_from_env(), salt, cipher=cipher, update_interval=interval), token, None


def run_from_env(webhook: bool = False) -> int:
    """Run the bot: polling for local use, or its own webhook server when asked (or WEBHOOK_URL is set)."""
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    logging.getLogger("httpx").setLevel(logging.WARNING)  # its lines carry the bot token in URLs
    bot, token, error = bot_from_env()
    if bot is None:
        print(error)
        return 2
    timeout = float(os.environ.get("TELEGRAM_TIMEOUT", "10"))
    app = bot.build(token, base_url=os.environ.get("TELEGRAM_API_URL"), timeout=timeout)
    webhook_url = os.environ.get("WEBHOOK_URL")
    if webhook or webhook_url:
        secret = os.environ.get("WEBHOOK_SECRET")
        if not webhook_url or not secret:
            print("Webhook mode needs WEBHOOK_URL (https://...) and WEBHOOK_SECRET.")
            return 2
        unix_socket = os.environ.get("WEBHOOK_UNIX_SOCKET")
        # Behind a proxy on the same machine (nginx), a Unix socket: no port to clash with.
        where: dict[str, Any] = {"unix": unix_socket} if unix_socket else {
            "listen": "0.0.0.0",  # noqa: S104 - the platform routes HTTPS to this port
            "port": int(os.environ.get("PORT", "8443")),
        }
        app.run_webhook(
            **where,
            url_path="telegram",
            webhook_url=webhook_url,
            secret_token=secret,
            allowed_updates=Update.ALL_TYPES,
        )
    else:
        app.run_polling(allowed_updates=Update.ALL_TYPES)
    return 0


async def set_webhook(token: str, url: str, secret: str, base_url: str | None = None) -> bool:
    """Tell Telegram where to send updates (once per deployment, for the gunicorn webhook)."""
    from telegram import Bot

    kwargs = {"base_url": base_url} if base_url else {}
    async with Bot(token, **kwargs) as bot:
        return await bot.set_webhook(url, secret_token=secret, allowed_updates=Update.ALL_TYPES)


async def send_updates_forever_from_env() -> int:
    """The update sender on its own, for webhook deployments (one process, so nothing is sent twice)."""
    bot, token, error = bot_from_env()
    if bot is None or bot.cipher is None:
        print(error or "Set CHAT_ADDRESS_KEY: without it no updates are offered or sent.")
        return 2
    app = bot.build(token, base_url=os.environ.get("TELEGRAM_API_URL"), updater=False)
    async with app:
        await bot._send_updates_forever(app)
    return 0

"""A small fake Telegram Bot API server on 127.0.0.1, for tests that run the real bot process.

It answers getMe, getUpdates (from a queue the test fills), sendMessage, answerCallbackQuery and
the start-up calls, records every call, and can be told to fail with 500s or to hang.
"""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs

BOT_USER = {"id": 42, "is_bot": True, "first_name": "LocalOffer", "username": "local_offer_bot"}


class FakeTelegram:
    def __init__(self) -> None:
        self.updates: list[dict[str, Any]] = []
        self.raw_updates: list[Any] = []  # sent as they are, even when malformed
        self.calls: list[tuple[str, dict[str, Any]]] = []
        self.fail_until = 0.0  # answer every call with 500 until this time
        self.fail_sends = 0  # answer this many of the next sendMessage calls with 500
        self.failed: list[str] = []  # the methods answered with 500
        self.hung: list[str] = []  # the methods made to hang
        self.hang_until = 0.0  # hang every call (longer than the bot's timeout) until this time
        self.lock = threading.RLock()
        self.next_id = 1
        self.message_id = 1000
        handler = self._handler_class()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_port}/bot"

    def start(self) -> FakeTelegram:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    # --- what a test does -------------------------------------------------------------------

    def send_text(self, chat_id: int, text: str, language: str = "en") -> None:
        message = {
            "message_id": self._mid(),
            "date": int(time.time()),
            "chat": {"id": chat_id, "type": "private"},
            "from": {"id": chat_id, "is_bot": False, "first_name": "Young", "language_code": language},
            "text": text,
        }
        if text.startswith("/"):
            message["entities"] = [{"type": "bot_command", "offset": 0, "length": len(text.split()[0])}]
        self._queue({"message": message})

    def send_sticker(self, chat_id: int) -> None:
        self._queue({"message": {
            "message_id": self._mid(), "date": int(time.time()), "chat": {"id": chat_id, "type": "private"},
            "from": {"id": chat_id, "is_bot": False, "first_name": "Young"},
            "sticker": {"file_id": "s1", "file_unique_id": "u1", "width": 512, "height": 512, "is_animated": False,
                        "is_video": False, "type": "regular"},
        }})

    def press(self, chat_id: int, data: str) -> None:
        self._queue({"callback_query": {
            "id": str(self._mid()), "chat_instance": "ci", "data": data,
            "from": {"id": chat_id, "is_bot": False, "first_name": "Young"},
            "message": {"message_id": self._mid(), "date": int(time.time()),
                        "chat": {"id": chat_id, "type": "private"}, "text": "buttons"},
        }})

    def send_raw(self, update: Any) -> None:
        """An update sent as it is; it stays in the queue until the bot confirms past it, as Telegram does."""
        with self.lock:
            self.raw_updates.append(update)

    def send_malformed(self, body: dict[str, Any]) -> None:
        """A well-numbered update with a broken body: Telegram resends it until the offset passes it."""
        self._queue(body)

    def sent(self, method: str = "sendMessage") -> list[dict[str, Any]]:
        with self.lock:
            return [params for name, params in self.calls if name == method]

    def wait_for(self, predicate, timeout: float = 30.0):  # type: ignore[no-untyped-def]
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            with self.lock:
                found = predicate()
            if found:
                return found
            time.sleep(0.05)
        raise AssertionError("the bot did not do what was expected in time")

    # --- internals --------------------------------------------------------------------------

    def _mid(self) -> int:
        self.message_id += 1
        return self.message_id

    def _queue(self, body: dict[str, Any]) -> None:
        with self.lock:
            self.updates.append({"update_id": self.next_id, **body})
            self.next_id += 1

    def _answer(self, method: str, params: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        now = time.time()
        if now < self.hang_until:
            with self.lock:
                self.hung.append(method)
            time.sleep(self.hang_until - now + 0.5)
        with self.lock:
            fail = time.time() < self.fail_until or (method == "sendMessage" and self.fail_sends > 0)
            if fail:
                self.fail_sends -= method == "sendMessage" and self.fail_sends > 0
                self.failed.append(method)
        if fail:
            return 500, {"ok": False, "error_code": 500, "description": "Internal Server Error"}
        with self.lock:
            self.calls.append((method, params))
        if method == "getMe":
            return 200, {"ok": True, "result": BOT_USER}
        if method == "getUpdates":
            offset = int(params.get("offset") or 0)
            deadline = time.monotonic() + min(float(params.get("timeout") or 0), 0.5)
            while True:
                with self.lock:
                    raw, self.raw_updates = self.raw_updates, []
                    ready = [u for u in self.updates if u["update_id"] >= offset]
                if ready or raw or time.monotonic() >= deadline:
                    return 200, {"ok": True, "result": raw + ready}
                time.sleep(0.05)
        if method == "sendMessage":
            chat_id = int(params["chat_id"])
            return 200, {"ok": True, "result": {
                "message_id": self._mid(), "date": int(time.time()), "chat": {"id": chat_id, "type": "private"},
                "from": BOT_USER, "text": params.get("text", ""),
            }}
        return 200, {"ok": True, "result": True}

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def do_POST(self) -> None:
                method = self.path.rsplit("/", 1)[-1]
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length).decode() if length else ""
                ctype = self.headers.get("Content-Type", "")
                form = {k: v[0] for k, v in parse_qs(raw).items()}
                params = json.loads(raw or "{}") if "json" in ctype else form
                if isinstance(params.get("reply_markup"), str):
                    params["reply_markup"] = json.loads(params["reply_markup"])
                status, body = fake._answer(method, params)
                data = json.dumps(body).encode()
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):
                    pass

            do_GET = do_POST

        return Handler

"""The Telegram webhook behind gunicorn (2 workers), conversations shared through Redis."""

from __future__ import annotations

import json
import os
import time
import urllib.error
import urllib.request

from tests.bot.fake_telegram import FakeTelegram
from tests.bot.test_telegram_wire import CHAT, wait_for_text
from tests.conftest import loaded_sqlite, missing
from tests.serving import start_gunicorn

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
SECRET = "webhook-secret-0123456789"


def redis_or_skip():
    import redis

    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1)
    try:
        client.flushdb()
    except redis.exceptions.ConnectionError:
        missing("no Redis on 127.0.0.1:6379")
    return client


def update(update_id: int, body: dict) -> dict:
    return {"update_id": update_id, **body}


def message(text: str, n: int) -> dict:
    m = {"message_id": n, "date": int(time.time()), "text": text, "chat": {"id": CHAT, "type": "private"},
         "from": {"id": CHAT, "is_bot": False, "first_name": "Y"}}
    if text.startswith("/"):
        m["entities"] = [{"type": "bot_command", "offset": 0, "length": len(text.split()[0])}]
    return {"message": m}


def post(port: int, payload: dict, secret: str = SECRET) -> int:
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/telegram", data=json.dumps(payload).encode(), method="POST",
        headers={"Content-Type": "application/json", "X-Telegram-Bot-Api-Secret-Token": secret})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code


def test_webhook_behind_gunicorn_with_shared_conversations(tmp_path, shipped_bundle):
    redis_client = redis_or_skip()
    fake = FakeTelegram().start()
    env = {**os.environ, "TELEGRAM_TOKEN": "123456:TEST-TOKEN", "TELEGRAM_API_URL": fake.url,
           "TELEGRAM_TIMEOUT": "2", "CHAT_ID_SALT": "test-salt-0123456789", "WEBHOOK_SECRET": SECRET,
           "DATABASE_URL": loaded_sqlite(tmp_path / "hook.db", shipped_bundle), "REDIS_URL": REDIS_URL}
    log_path = tmp_path / "gunicorn.log"
    log = open(log_path, "w")  # noqa: SIM115 - closed below
    proc, port = start_gunicorn(["-w", "2", "bot.webhook:create()"], env, log, log_path)
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1).close()
                break
            except OSError:
                time.sleep(0.1)
        assert post(port, update(1, message("/start", 1)), secret="wrong") == 403
        assert fake.sent() == []
        assert post(port, {"update_id": 2, "message": "broken"}) == 400
        assert post(port, update(3, message("/start", 3))) == 200
        n = wait_for_text(fake, CHAT, "Which council")
        # Several requests: the two workers share each chat's state through Redis.
        for i in range(4):
            post(port, update(10 + i, {"callback_query": {
                "id": str(i), "chat_instance": "c", "data": "area:nottinghamshire",
                "from": {"id": CHAT, "is_bot": False, "first_name": "Y"},
                "message": {"message_id": 99, "date": int(time.time()), "chat": {"id": CHAT, "type": "private"}}}}))
        n = wait_for_text(fake, CHAT, "OK: Nottinghamshire", after=n)
        for i in range(4):
            assert post(port, update(20 + i, message("councel tax", 20 + i))) == 200
        answers = [t for t in (m["text"] for m in fake.sent()) if "No Council Tax until you are 25" in t]
        assert len(answers) == 4  # every worker knew the area
        assert redis_client.keys("conv:*")
    finally:
        proc.terminate()
        proc.wait(10)
        log.close()
        fake.stop()

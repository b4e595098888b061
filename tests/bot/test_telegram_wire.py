"""The real bot process in polling mode against a fake Telegram Bot API server on 127.0.0.1."""

from __future__ import annotations

import http.client
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from content.db import make_engine, make_sessionmaker
from tests.bot.fake_telegram import FakeTelegram
from tests.conftest import loaded_sqlite

ROOT = Path(__file__).resolve().parents[2]
CHAT = 5551234


@pytest.fixture
def fake():
    server = FakeTelegram().start()
    yield server
    server.stop()


@pytest.fixture
def bot_process(fake, tmp_path, shipped_bundle):
    db_url = loaded_sqlite(tmp_path / "bot.db", shipped_bundle)
    env = {
        **os.environ,
        "TELEGRAM_TOKEN": "123456:TEST-TOKEN",
        "TELEGRAM_API_URL": fake.url,
        "TELEGRAM_TIMEOUT": "1",
        "CHAT_ID_SALT": "test-salt-0123456789",
        "DATABASE_URL": db_url,
        "SITE_URL": "https://local-offer.test",
    }
    env.pop("WEBHOOK_URL", None)
    log = open(tmp_path / "bot.log", "w")  # noqa: SIM115 - closed below
    proc = subprocess.Popen([sys.executable, "-m", "bot", "telegram"], cwd=ROOT, env=env, stdout=log, stderr=log)
    yield proc, tmp_path / "bot.log", db_url
    proc.terminate()
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        proc.kill()
    log.close()


def leave_feedback(fake: FakeTelegram, text: str) -> int:
    """/start, choose Nottingham, /feedback, send `text`; returns how many messages the bot has sent."""
    fake.send_text(CHAT, "/start")
    n = wait_for_text(fake, CHAT, "Which council")
    fake.press(CHAT, "area:nottingham")
    n = wait_for_text(fake, CHAT, "OK: Nottingham", after=n)
    fake.send_text(CHAT, "/feedback")
    n = wait_for_text(fake, CHAT, "Tell us what you think", after=n)
    fake.send_text(CHAT, text)
    return wait_for_text(fake, CHAT, "Thank you for telling us", after=n)


def texts_to(fake: FakeTelegram, chat_id: int) -> list[str]:
    return [m["text"] for m in fake.sent() if int(m["chat_id"]) == chat_id]


def wait_for_text(fake: FakeTelegram, chat_id: int, needle: str, after: int = 0, timeout: float = 30) -> int:
    def found():
        texts = texts_to(fake, chat_id)
        return next((i + 1 for i, t in enumerate(texts[after:], after) if needle in t), None)

    return fake.wait_for(found, timeout)


def test_conversation_over_the_wire(fake, bot_process):
    proc, log, _ = bot_process
    fake.send_text(CHAT, "/start")
    n = wait_for_text(fake, CHAT, "Which council")
    markup = fake.sent()[-1]["reply_markup"]
    buttons = [b["callback_data"] for row in markup["inline_keyboard"] for b in row]
    assert buttons == ["area:nottingham", "area:nottinghamshire"]

    fake.press(CHAT, "area:nottinghamshire")
    n = wait_for_text(fake, CHAT, "OK: Nottinghamshire", after=n)
    assert fake.wait_for(lambda: fake.sent("answerCallbackQuery"))

    fake.send_text(CHAT, "do i have to pay councel tax")
    n = wait_for_text(fake, CHAT, "No Council Tax until you are 25", after=n)
    answer = fake.sent()[-1]
    assert "/offers/" not in answer["text"]  # the page is a button named in words, not a raw address
    keyboard = [b for row in answer["reply_markup"]["inline_keyboard"] for b in row]
    assert {"text": "Read more: No Council Tax until you are 25",
            "url": "https://local-offer.test/nottinghamshire/offers/council-tax-exemption"} in keyboard
    actions = [b.get("callback_data") for b in keyboard]
    assert "helpful:yes:council-tax-exemption" in actions

    fake.send_sticker(CHAT)
    wait_for_text(fake, CHAT, "only read words", after=n)
    assert proc.poll() is None
    assert "5551234" not in log.read_text()  # chat ids are not logged


def _wait_until(condition, timeout: float = 30) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


def test_recovers_from_500s_timeouts_and_malformed_updates(fake, bot_process):
    proc, _, _ = bot_process
    fake.send_text(CHAT, "/start")
    n = wait_for_text(fake, CHAT, "Which council")

    fake.fail_until = time.time() + 3  # the API answers 500 for three seconds ...
    _wait_until(lambda: fake.failed.count("getUpdates") >= 2)  # ... and the bot keeps asking through them
    _wait_until(lambda: time.time() > fake.fail_until + 0.5)
    fake.hang_until = time.time() + 2.5  # ... then it hangs past the bot's 1 s timeout
    _wait_until(lambda: "getUpdates" in fake.hung)
    _wait_until(lambda: time.time() > fake.hang_until + 0.5)
    fake.send_malformed({"message": {"text": "no chat, no date, no id"}})
    fake.send_malformed({"message": "not even an object"})
    fake.send_malformed({"callback_query": {"data": "area:nottingham"}})
    fake.send_text(CHAT, "/help")
    n = wait_for_text(fake, CHAT, "/forget", after=n, timeout=60)
    fake.press(CHAT, "area:nottingham")
    wait_for_text(fake, CHAT, "OK: Nottingham", after=n, timeout=30)
    assert proc.poll() is None


def test_chat_ids_are_stored_only_as_salted_hashes(fake, bot_process):
    _, _, db_url = bot_process
    n = leave_feedback(fake, "more about driving lessons please")
    from sqlalchemy import select

    from content.feedback.tables import FeedbackItemRow

    db = make_engine(db_url)
    with make_sessionmaker(db)() as session:
        [row] = session.scalars(select(FeedbackItemRow).where(FeedbackItemRow.kind == "feedback")).all()
    assert row.text == "more about driving lessons please"
    assert row.chat_ref and str(CHAT) not in row.chat_ref and len(row.chat_ref) == 64
    fake.send_text(CHAT, "/forget")
    wait_for_text(fake, CHAT, "deleted everything", after=n)
    with make_sessionmaker(db)() as session:
        assert session.scalars(select(FeedbackItemRow).where(FeedbackItemRow.kind == "feedback")).all() == []
    db.dispose()


def test_webhook_mode_answers_and_refuses_a_wrong_secret(fake, tmp_path, shipped_bundle):
    import json

    # A Unix socket in the test's own folder: no port to pick, so none another process can take first.
    sock_path = tmp_path / "hook.sock"
    env = {
        **os.environ,
        "TELEGRAM_TOKEN": "123456:TEST-TOKEN",
        "TELEGRAM_API_URL": fake.url,
        "TELEGRAM_TIMEOUT": "2",
        "CHAT_ID_SALT": "test-salt-0123456789",
        "DATABASE_URL": loaded_sqlite(tmp_path / "hook.db", shipped_bundle),
        "WEBHOOK_URL": "https://bot.example.test/telegram",
        "WEBHOOK_SECRET": "s3cret-token",
        "WEBHOOK_UNIX_SOCKET": str(sock_path),
    }
    proc = subprocess.Popen([sys.executable, "-m", "bot", "telegram", "--webhook"], cwd=ROOT, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        hook = fake.wait_for(lambda: fake.sent("setWebhook"))[0]
        assert hook["url"] == "https://bot.example.test/telegram" and hook["secret_token"] == "s3cret-token"
        update = {"update_id": 1, "message": {"message_id": 1, "date": int(time.time()), "text": "/start",
                                               "chat": {"id": CHAT, "type": "private"},
                                               "from": {"id": CHAT, "is_bot": False, "first_name": "Y"},
                                               "entities": [{"type": "bot_command", "offset": 0, "length": 6}]}}

        def post(secret: str) -> int:
            connection = UnixHTTPConnection(str(sock_path))
            try:
                connection.request("POST", "/telegram", body=json.dumps(update).encode(),
                                   headers={"Content-Type": "application/json",
                                            "X-Telegram-Bot-Api-Secret-Token": secret})
                return connection.getresponse().status
            finally:
                connection.close()

        status = fake.wait_for(lambda: _try(post, "wrong"), timeout=30)
        assert status == 403
        assert post("s3cret-token") == 200
        wait_for_text(fake, CHAT, "Which council")
        assert len([m for m in fake.sent() if "Which council" in m["text"]]) == 1  # the refused one did nothing
    finally:
        proc.terminate()
        proc.wait(10)


def _try(post, secret):  # type: ignore[no-untyped-def]
    try:
        return post(secret)
    except OSError:  # not listening yet
        return None


def test_closing_the_loop_sends_we_did_to_the_chat_and_retries(fake, tmp_path, shipped_bundle):
    from cryptography.fernet import Fernet
    from sqlalchemy import select

    from content.accounts.staff import create_staff
    from content.feedback.review import publish
    from content.feedback.tables import FeedbackItemRow, OutboundMessageRow

    db_url = loaded_sqlite(tmp_path / "loop.db", shipped_bundle)
    env = {**os.environ, "TELEGRAM_TOKEN": "123456:TEST-TOKEN", "TELEGRAM_API_URL": fake.url,
           "TELEGRAM_TIMEOUT": "1", "CHAT_ID_SALT": "test-salt-0123456789", "DATABASE_URL": db_url,
           "CHAT_ADDRESS_KEY": Fernet.generate_key().decode(), "UPDATE_INTERVAL": "0.5"}
    env.pop("WEBHOOK_URL", None)
    proc = subprocess.Popen([sys.executable, "-m", "bot", "telegram"], cwd=ROOT, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        n = leave_feedback(fake, "the bus to college costs too much")
        n = wait_for_text(fake, CHAT, "Would you like a message here", after=n - 1)
        markup = fake.sent()[-1]["reply_markup"]
        yes = next(b["callback_data"] for row in markup["inline_keyboard"] for b in row
                   if b["callback_data"].startswith("updates:yes:"))
        fake.press(CHAT, yes)
        n = wait_for_text(fake, CHAT, "I will send you a message here", after=n)

        db = make_engine(db_url)
        with make_sessionmaker(db)() as s:
            worker = create_staff(s, "w@notts.test", "Wendy", "a long worker password", "worker",
                                  areas=["nottingham", "nottinghamshire"])
            item = s.scalars(select(FeedbackItemRow).where(FeedbackItemRow.kind == "feedback")).one()
            assert str(CHAT) not in (item.contact.contact or "")  # the chat id is stored encrypted
            fake.fail_sends = 1  # Telegram fails the first try with a 500: the update waits and retries
            publish(s, "nottingham", "money", "Travel to college costs too much.",
                    "Bus passes now come with your college place.", [item], worker)
            s.commit()
        wait_for_text(fake, CHAT, "We did: Bus passes now come with your college place.", after=n)
        assert fake.failed == ["sendMessage"]  # the 500 happened, and the message still came
        deadline = time.monotonic() + 10
        while True:  # the bot marks it sent just after Telegram accepts it
            with make_sessionmaker(db)() as s:
                [message] = s.scalars(select(OutboundMessageRow)).all()
            if message.sent_at is not None or time.monotonic() > deadline:
                break
            time.sleep(0.1)
        assert message.sent_at is not None and message.address is None
        assert message.attempts == 1  # one failed try was counted before the retry succeeded
        db.dispose()
    finally:
        proc.terminate()
        proc.wait(10)


def test_risk_before_an_area_is_chosen_gets_every_areas_lines_over_the_wire(fake, bot_process):
    proc, _log, _ = bot_process
    fake.send_text(CHAT, "no point anymore, i want to die")
    wait_for_text(fake, CHAT, "You matter")
    crisis = next(t for t in texts_to(fake, CHAT) if "You matter" in t)
    assert crisis.index("999") < crisis.index("116 123")  # the urgent step first
    assert "Nottingham City Council" in crisis and "Nottinghamshire County Council" in crisis
    assert proc.poll() is None


class UnixHTTPConnection(http.client.HTTPConnection):
    """HTTP over a Unix socket (the webhook server listens on one in the test)."""

    def __init__(self, path: str):
        super().__init__("localhost", timeout=5)
        self._path = path

    def connect(self) -> None:
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.settimeout(5)
        self.sock.connect(self._path)

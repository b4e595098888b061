"""Safeguarding events kept on disk while the database is away: bounded, whole, never lost on a failed write."""

from __future__ import annotations

import datetime as dt
import json
import multiprocessing
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.exc import OperationalError

from content.feedback.records import Record, RecordStore
from content.feedback.spool import EventSpool
from content.feedback.tables import FeedbackItemRow

AT = dt.datetime(2026, 11, 23, 3, 15)


def test_events_wait_until_a_write_succeeds(tmp_path):
    spool = EventSpool(tmp_path / "spool.jsonl")
    spool.keep("nottingham", "telegram", "suicide", AT)
    spool.keep(None, "web", "no-food", AT + dt.timedelta(minutes=1))

    def database_away(events):
        raise OSError("still away")

    with pytest.raises(OSError):
        spool.drain(database_away)
    assert len(spool) == 2  # nothing lost
    written = []
    assert spool.drain(written.extend) == 2
    assert [(e.area, e.channel, e.risk_kind, e.happened_at) for e in written] == [
        ("nottingham", "telegram", "suicide", AT), (None, "web", "no-food", AT + dt.timedelta(minutes=1))]
    assert len(spool) == 0 and not spool.waiting()


def test_the_file_is_bounded_and_keeps_the_newest(tmp_path, caplog):
    spool = EventSpool(tmp_path / "spool.jsonl", max_events=3)
    for minute in range(5):
        spool.keep("nottingham", "web", "self-harm", AT + dt.timedelta(minutes=minute))
    written = []
    spool.drain(written.extend)
    assert [e.happened_at.minute for e in written] == [17, 18, 19]
    assert caplog.text.count("safeguarding spool full: 1 oldest event(s) dropped") == 2


def test_the_file_holds_no_text_and_only_its_owner_reads_it(tmp_path):
    path = tmp_path / "spool.jsonl"
    EventSpool(path).keep("nottingham", "web", "abuse", AT)
    assert set(json.loads(path.read_text())) == {"area", "channel", "risk_kind", "at"}
    assert path.stat().st_mode & 0o077 == 0


def _keep_many(path: str, n: int) -> None:
    spool = EventSpool(Path(path))
    for _ in range(n):
        spool.keep("nottingham", "web", "suicide", AT)


def test_processes_writing_at_once_lose_nothing(tmp_path):
    path = tmp_path / "spool.jsonl"
    ctx = multiprocessing.get_context("fork")
    workers = [ctx.Process(target=_keep_many, args=(str(path), 25)) for _ in range(4)]
    for w in workers:
        w.start()
    for w in workers:
        w.join(30)
    assert len(EventSpool(path)) == 100


def _database_away():
    raise OperationalError("connect", {}, Exception("database away"))


def test_the_record_store_spools_only_safeguarding_and_writes_it_later(tmp_path, sessions):
    spool = EventSpool(tmp_path / "spool.jsonl")
    store = RecordStore(sessions, spool=spool)
    broken = RecordStore(_database_away, spool=spool)
    for kind in ("safeguarding", "feedback"):
        with pytest.raises(Exception, match="database away"):
            broken.add(Record(kind, "nottingham", "web", risk_kind="suicide" if kind == "safeguarding" else None,
                              text=None if kind == "safeguarding" else "hello"))
    assert len(spool) == 1  # feedback is not spooled: the person is told and keeps their words
    store.add(Record("feedback", "nottingham", "web", text="the next message, once it is back"))
    with sessions() as s:
        kinds = sorted(s.scalars(select(FeedbackItemRow.kind)))
        event = s.scalar(select(FeedbackItemRow).where(FeedbackItemRow.kind == "safeguarding"))
    assert kinds == ["feedback", "safeguarding"]
    assert event.risk_kind == "suicide" and event.text is None
    assert len(spool) == 0

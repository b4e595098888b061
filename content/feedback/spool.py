"""Safeguarding events kept on local disk while the database is away, written when it is back.

A safeguarding event says only that a chat showed risk: its family, area, channel and time, with no
text and no identity. So a small file on the server keeps nothing private, and staff still learn of
every one. The file is bounded: past `max_events` the oldest go, and the log says how many.
Several processes (web workers, the bot) may share the file: a lock keeps their writes whole.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import json
import logging
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import IO

log = logging.getLogger(__name__)

MAX_EVENTS = 1000


@dataclass(frozen=True)
class SpooledEvent:
    area: str | None
    channel: str
    risk_kind: str | None
    at: str  # ISO time, UTC, when it happened

    @property
    def happened_at(self) -> dt.datetime:
        return dt.datetime.fromisoformat(self.at)


class EventSpool:
    def __init__(self, path: Path, max_events: int = MAX_EVENTS):
        self.path = path
        self.max_events = max_events

    def keep(self, area: str | None, channel: str, risk_kind: str | None, at: dt.datetime) -> None:
        event = SpooledEvent(area, channel, risk_kind, at.isoformat())
        with self._locked() as f:
            events = [*self._read(f), event]
            dropped = max(0, len(events) - self.max_events)
            if dropped:
                log.error("safeguarding spool full: %d oldest event(s) dropped", dropped)
            self._write(f, events[dropped:])

    def drain(self, store: Callable[[list[SpooledEvent]], None]) -> int:
        """Hand every kept event to `store` (one transaction); they leave the file only if it succeeds."""
        if not self.waiting():
            return 0
        with self._locked() as f:
            events = self._read(f)
            if events:
                store(events)  # raises if the database is still away: the events stay
                self._write(f, [])
            return len(events)

    def waiting(self) -> bool:
        try:
            return self.path.stat().st_size > 0
        except FileNotFoundError:
            return False

    def __len__(self) -> int:
        if not self.waiting():
            return 0
        with self._locked() as f:
            return len(self._read(f))

    @contextmanager
    def _locked(self) -> Iterator[IO[str]]:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        with os.fdopen(fd, "r+", encoding="utf-8") as f:
            fcntl.flock(f, fcntl.LOCK_EX)
            try:
                yield f
            finally:
                fcntl.flock(f, fcntl.LOCK_UN)

    @staticmethod
    def _read(f: IO[str]) -> list[SpooledEvent]:
        f.seek(0)
        events = []
        for line in f:
            try:
                events.append(SpooledEvent(**json.loads(line)))
            except (ValueError, TypeError):
                log.error("safeguarding spool: an unreadable line was skipped")
        return events

    @staticmethod
    def _write(f: IO[str], events: list[SpooledEvent]) -> None:
        f.seek(0)
        f.truncate()
        f.writelines(json.dumps(asdict(e)) + "\n" for e in events)
        f.flush()
        os.fsync(f.fileno())

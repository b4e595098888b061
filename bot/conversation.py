"""What the bot remembers about one chat, and where it keeps it.

Only what the conversation needs: the area, the language, the last offer talked about, an age or
situation the young person gave, and the step of a guided flow. No names, no message text.
"""

from __future__ import annotations

import json
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Any, Protocol


@dataclass
class Conversation:
    area: str | None = None
    language: str = "en"
    last_offer: str | None = None
    flow: str | None = None  # the step of a guided flow waiting for an answer, e.g. "wcig:age"
    answers: dict[str, Any] = field(default_factory=dict)
    pending_question: str | None = None  # asked before the area was known; answered once it is
    crisis: str | None = None  # after crisis help: the risk family, so "what do I do" repeats the urgent step
    age: int | None = None  # an age the young person gave, for age-aware help (Childline is for under-19s)
    situations: list[str] = field(default_factory=list)  # "at-university", "pregnant": said in this chat

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> Conversation:
        if not data:
            return cls()
        known = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        return cls(**known)


CHAT_TTL = 30 * 24 * 3600  # an idle chat is forgotten after 30 days
# A question asked before the area was chosen is a young person's own words (redacted): if no area
# comes within the hour, the chat is forgotten, question and all.
PENDING_QUESTION_TTL = 3600


def lifetime(conversation: Conversation, ttl: float) -> float:
    """How long a saved conversation is kept: shorter while it holds a pending question."""
    holds_words = conversation.pending_question or (conversation.answers or {}).get("did_you_mean")
    return min(ttl, PENDING_QUESTION_TTL) if holds_words else ttl


class ConversationStore(Protocol):
    def get(self, key: str) -> Conversation: ...
    def save(self, key: str, conversation: Conversation) -> None: ...
    def delete(self, key: str) -> None: ...


class MemoryConversationStore:
    """In-process store, for one bot process. Forgets chats idle for `ttl` seconds."""

    def __init__(self, ttl: float = CHAT_TTL, max_chats: int = 100_000,
                 clock: Callable[[], float] = time.monotonic):
        # key -> (expires at, conversation)
        self._data: OrderedDict[str, tuple[float, dict[str, Any]]] = OrderedDict()
        self._ttl = ttl
        self._max = max_chats
        self._clock = clock
        self._lock = threading.Lock()

    def get(self, key: str) -> Conversation:
        with self._lock:
            item = self._data.get(key)
            if item is None or self._clock() > item[0]:
                self._data.pop(key, None)
                return Conversation()
            return Conversation.from_dict(item[1])

    def save(self, key: str, conversation: Conversation) -> None:
        with self._lock:
            self._data[key] = (self._clock() + lifetime(conversation, self._ttl), conversation.to_dict())
            self._data.move_to_end(key)
            while len(self._data) > self._max:
                self._data.popitem(last=False)

    def delete(self, key: str) -> None:
        with self._lock:
            self._data.pop(key, None)


class RedisConversationStore:
    """Conversations in Redis, shared by every bot and web process (set REDIS_URL)."""

    def __init__(self, client: Any, ttl: int = CHAT_TTL, prefix: str = "conv:"):
        self._redis, self._ttl, self._prefix = client, ttl, prefix

    @classmethod
    def from_url(cls, url: str) -> RedisConversationStore:
        import redis

        return cls(redis.Redis.from_url(url, socket_timeout=2, socket_connect_timeout=2))

    def get(self, key: str) -> Conversation:
        raw = self._redis.get(self._prefix + key)
        return Conversation.from_dict(json.loads(raw)) if raw else Conversation()

    def save(self, key: str, conversation: Conversation) -> None:
        self._redis.set(self._prefix + key, json.dumps(conversation.to_dict()),
                        ex=int(lifetime(conversation, self._ttl)))

    def delete(self, key: str) -> None:
        self._redis.delete(self._prefix + key)


def store_from_env() -> ConversationStore:
    """Redis when REDIS_URL is set (several processes), else this process's memory."""
    import os

    url = os.environ.get("REDIS_URL")
    return RedisConversationStore.from_url(url) if url else MemoryConversationStore()

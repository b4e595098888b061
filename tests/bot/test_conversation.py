"""Where chats are kept: a question asked before the area was chosen is kept an hour, not a month."""

from __future__ import annotations

import uuid

import pytest

from bot.conversation import (
    CHAT_TTL,
    PENDING_QUESTION_TTL,
    Conversation,
    MemoryConversationStore,
    RedisConversationStore,
)
from tests.conftest import missing


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_memory_store_forgets_a_pending_question_after_an_hour():
    clock = Clock()
    store = MemoryConversationStore(clock=clock)
    store.save("a", Conversation(pending_question="can i get help with rent"))
    store.save("b", Conversation(area="nottingham"))
    clock.now += PENDING_QUESTION_TTL - 1
    assert store.get("a").pending_question == "can i get help with rent"
    clock.now += 2
    assert store.get("a") == Conversation()  # gone, question and all
    assert store.get("b").area == "nottingham"
    clock.now += CHAT_TTL
    assert store.get("b") == Conversation()


@pytest.fixture
def redis_client():
    redis = pytest.importorskip("redis")
    client = redis.Redis(host="127.0.0.1", port=6379, socket_connect_timeout=1)
    try:
        client.ping()
    except redis.exceptions.ConnectionError:
        missing("no Redis on 127.0.0.1:6379")
    yield client
    client.close()


def test_redis_keeps_a_pending_question_an_hour_and_a_chat_a_month(redis_client):
    prefix = f"test-conv-{uuid.uuid4().hex[:8]}:"
    store = RedisConversationStore(redis_client, prefix=prefix)
    try:
        store.save("a", Conversation(pending_question="can i get help with rent"))
        store.save("b", Conversation(area="nottingham"))
        assert 0 < redis_client.ttl(prefix + "a") <= PENDING_QUESTION_TTL
        assert PENDING_QUESTION_TTL < redis_client.ttl(prefix + "b") <= CHAT_TTL
        store.save("a", Conversation(area="nottingham"))  # the area came: the question was answered
        assert redis_client.ttl(prefix + "a") > PENDING_QUESTION_TTL
    finally:
        redis_client.delete(prefix + "a", prefix + "b")

"""`python -m bot match`: what the bot makes of each message, as JSON, for evaluation by anyone.

A line is {"text", "area"} and optionally "conversation": lines sharing a conversation are turns of
one chat, in order, so a follow-up ("how much is it?") is understood with what came before. The
answer names the offer the reply is about ("slug"; for a follow-up, the offer in context), what the
message was taken as ("intent", or null for a question about an offer), the candidates, and risk.
"""

from __future__ import annotations

import json
from typing import Any

from bot.conversation import Conversation
from bot.engine import Engine


class MatchSession:
    """Answers lines in order, keeping each conversation's state between its turns."""

    def __init__(self, engine: Engine):
        self.engine = engine
        self._conversations: dict[str, Conversation] = {}

    def answer(self, item: Any) -> dict[str, Any]:
        """The answer to one parsed line; raises ValueError (with a reason) for a bad line."""
        if not isinstance(item, dict):
            raise ValueError("a line must be a JSON object")
        text, area, key = item.get("text"), item.get("area"), item.get("conversation")
        if not isinstance(text, str) or not isinstance(area, str):
            raise ValueError("text and area must be strings")
        if key is not None and not isinstance(key, (str, int)):
            raise ValueError("conversation must be a string or a number")
        if key is None:
            conv = Conversation(area=area)
        else:
            conv = self._conversations.setdefault(str(key), Conversation(area=area))
        asked_in = conv.area or area
        classified = self.engine.classify(asked_in, text)
        reply = self.engine.respond(conv, text)
        return {
            "area": conv.area or area,
            "slug": reply.about,
            "intent": reply.intent,
            "candidates": [{"slug": m.offer.slug, "score": m.score} for m in classified.candidates],
            "safeguarding": classified.safeguarding,
            "risk_level": classified.risk_level,
        }


def match_lines(engine: Engine, inp: Any, out: Any) -> int:
    """One JSON object per input line, same order; a bad line gets {"error": "line N: ..."} in place."""
    session = MatchSession(engine)
    for n, line in enumerate(inp, 1):
        if not line.strip():
            continue
        try:
            answer = session.answer(json.loads(line))
        except ValueError as exc:  # json.JSONDecodeError is a ValueError
            out.write(json.dumps({"error": f"line {n}: {exc}"}) + "\n")
            continue
        out.write(json.dumps(answer, ensure_ascii=False) + "\n")
    out.flush()
    return 0

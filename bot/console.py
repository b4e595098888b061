"""Console chat for content editors: try questions as a young person would, see the bot's reply."""

from __future__ import annotations

import sys
from typing import TextIO

from bot.conversation import Conversation
from bot.engine import Engine
from bot.replies import Reply


def show(reply: Reply, out: TextIO) -> None:
    for part in reply.parts:
        out.write(part + "\n\n")
    for label, path in reply.links:
        out.write(f"  {label}: {path}\n")
    for i, button in enumerate(reply.buttons, 1):
        out.write(f"  [{i}] {button.label}\n")
    if reply.flags:
        out.write(f"  ({', '.join(sorted(reply.flags))})\n")


def chat(engine: Engine, area: str | None = None, inp: TextIO = sys.stdin, out: TextIO = sys.stdout) -> None:
    """Type messages; a number presses that button; /quit leaves."""
    conv = Conversation(area=area)
    out.write("Console chat. Type a message, a button number, or /quit.\n\n")
    last = engine.respond(conv, "/start", "console")
    show(last, out)
    for line in inp:
        text = line.rstrip("\n")
        if text.strip() in ("/quit", "/exit"):
            break
        if text.strip().isdigit() and 0 < int(text) <= len(last.buttons):
            last = engine.press(conv, last.buttons[int(text) - 1].action, "console")
        else:
            last = engine.respond(conv, text, "console")
        out.write("\n")
        show(last, out)
        out.flush()

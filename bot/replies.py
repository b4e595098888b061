"""What the engine answers: channel-free text, buttons, the offers referred to, and flags."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Flag(StrEnum):
    ANSWERED = "answered"  # answered with an offer outright
    DID_YOU_MEAN = "did_you_mean"
    UNANSWERED = "unanswered"
    SAFEGUARDING = "safeguarding"
    OUT_OF_SCOPE = "out_of_scope"
    ASK_AREA = "ask_area"
    FORGOTTEN = "forgotten"


@dataclass(frozen=True)
class Button:
    label: str
    action: str  # e.g. "area:nottingham", "offer:staying-put", "do:what-can-i-get"


@dataclass
class Reply:
    """`parts` are separate messages, in order: crisis help always comes first."""

    parts: list[str] = field(default_factory=list)
    buttons: list[Button] = field(default_factory=list)
    offers: list[str] = field(default_factory=list)  # slugs referred to
    flags: set[Flag] = field(default_factory=set)
    links: list[tuple[str, str]] = field(default_factory=list)  # (label, path on the site)
    intent: str | None = None  # what the message was taken as when not a question about an offer
    about: str | None = None  # the offer the reply is about (for a follow-up, the offer in context)
    card: tuple[int, str] | None = None  # (part, "area/slug"): a part a screen can lay out like the offer page

    @property
    def text(self) -> str:
        return "\n\n".join(self.parts)

    def add(self, text: str) -> Reply:
        self.parts.append(text)
        return self

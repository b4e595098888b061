"""One form for a contact a young person gave, so the same phone number typed two ways is found as one
(a request for everything held about someone must not miss any of it)."""

from __future__ import annotations

import re

_PHONE_LIKE = re.compile(r"^[\d\s()+.\-]+$")
MIN_PHONE_DIGITS = 9


def normalised_contact(contact: str) -> str:
    """A phone number as its digits ("+44 7700 900123" -> "07700900123"); anything else lower case."""
    text = " ".join(contact.split())
    digits = re.sub(r"\D", "", text)
    if _PHONE_LIKE.match(text) and len(digits) >= MIN_PHONE_DIGITS:
        return "0" + digits[2:] if digits.startswith("44") else digits
    return text.lower()

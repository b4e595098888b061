"""After a message for the team: how the team can reach the young person, asked as its own step.

A phone number or email typed inside the message is removed (redaction), so the team could never
reply. Here the young person chooses, with the reason given, and what they type is checked:
a phone number must be one (libphonenumber, UK by default), an email must look like one.
"""

from __future__ import annotations

import re

import phonenumbers

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$", re.IGNORECASE)
THROUGH_PA = "through my PA"


def valid_phone(text: str) -> str | None:
    """The number in a standard form, or None when `text` is not a phone number."""
    try:
        number = phonenumbers.parse(text.strip(), "GB")
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_possible_number(number):  # valid ranges change; a possible length is enough
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL
                                      if number.country_code == 44 else phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def valid_email(text: str) -> str | None:
    cleaned = text.strip()
    return cleaned if _EMAIL.match(cleaned) and len(cleaned) <= 200 else None

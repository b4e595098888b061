"""Remove personal details from free text before it is stored.

Young people type phone numbers, emails, addresses and names into chat and feedback boxes. We keep
what they asked or said, not who they are: each detail is replaced by a marker like [phone].
"""

from __future__ import annotations

import re

# UK phone numbers in the ways people type them: 07700 900123, +44 7700 900123, (0115) 123 4567,
# 0115-123-4567, 01234567890. Nine or more digits with spaces, dots, dashes or brackets between.
_PHONE = re.compile(r"(?<![\w£])(?:\+\s?44\s?\(?0?\)?|\(?0)(?:[\s.\-()]*\d){9,10}(?!\d)")
_EMAIL = re.compile(r"[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+", re.UNICODE)
# UK postcodes: NG1 5AB, ng15ab, NG7 2RD.
_POSTCODE = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b", re.IGNORECASE)
# A house number and a street word: "12 Acacia Road", "flat 3, 45 high st".
_ADDRESS = re.compile(
    r"\b(?:flat\s+\d+\w?,?\s+)?\d{1,4}[a-z]?,?\s+(?:[a-z']+\s+){1,3}"
    r"(?:road|rd|street|st|avenue|ave|lane|ln|close|drive|dr|way|court|ct|crescent|place|gardens|grove|terrace|walk)\b",
    re.IGNORECASE,
)
# Names people give about themselves: "my name is Sam", "im called jo bloggs". The surname is taken
# only when capitalised, so "my name is sam and" keeps "and".
_NAME = re.compile(
    r"\b((?i:my name is|my names|my name's|name's|i am called|im called|i'm called))\s+"
    r"([A-Za-z][a-z'\-]+(?:\s+[A-Z][a-z'\-]+)?)"
)
# Long digit runs that are not money: card, National Insurance-like or reference numbers.
_LONG_NUMBER = re.compile(r"(?<![£\d])\d(?:[\s\-]?\d){7,}(?!\d)")
_NI_NUMBER = re.compile(r"\b[A-CEGHJ-PR-TW-Z]{2}\s?\d{2}\s?\d{2}\s?\d{2}\s?[A-D]\b", re.IGNORECASE)


def redact(text: str) -> str:
    """`text` with phone numbers, emails, postcodes, street addresses and self-given names replaced."""
    text = _EMAIL.sub("[email]", text)
    text = _PHONE.sub("[phone]", text)
    text = _NI_NUMBER.sub("[number]", text)
    text = _LONG_NUMBER.sub("[number]", text)
    text = _ADDRESS.sub("[address]", text)
    text = _POSTCODE.sub("[postcode]", text)
    text = _NAME.sub(lambda m: f"{m.group(1)} [name]", text)
    return text

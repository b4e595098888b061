"""Personal details are removed from free text before it is stored."""

from __future__ import annotations

import pytest

from content.feedback.redaction import redact


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("call me on 07700 900123", "call me on [phone]"),
        ("ring 07700900123 pls", "ring [phone] pls"),
        ("+44 7700 900 123", "[phone]"),
        ("+447700900123", "[phone]"),
        ("(0115) 915 5555", "[phone]"),
        ("0115-123-4567 after 5", "[phone] after 5"),
        ("01234 567890", "[phone]"),
        ("email me sam.jones+x@gmail.com", "email me [email]"),
        ("SAM@EXAMPLE.CO.UK", "[email]"),
        ("I live at 12 Acacia Road NG1 5AB", "I live at [address] [postcode]"),
        ("postcode ng72rd", "postcode [postcode]"),
        ("flat 3, 45 high st", "[address]"),
        ("my name is Sam Jones and im 19", "my name is [name] and im 19"),
        ("im called jo", "im called [name]"),
        ("NI number AB 12 34 56 C", "NI number [number]"),
        ("card 4111 1111 1111 1111", "card [number]"),
    ],
)
def test_details_are_replaced(text, expected):
    assert redact(text) == expected


@pytest.mark.parametrize(
    "text",
    ["i got £2000 and 500 quid", "im 19 and left care in 2023", "got 3 interviews", "call 999", "ring 111",
     "my PA is great", "can I get help with council tax"],
)
def test_ordinary_text_is_left_alone(text):
    assert redact(text) == text

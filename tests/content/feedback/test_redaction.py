"""Personal details are removed from free text before it is stored."""

from __future__ import annotations

import datetime as dt

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


TODAY = dt.date(2026, 11, 23)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Names with hyphens and apostrophes, not in ASCII, in lower case and in capitals.
        ("my name is Chloe-Ann O'Neil and i need help", "my name is [name] and i need help"),
        ("MY NAME IS CHLOE-ANN O'NEIL", "MY NAME IS [name]"),
        ("my name is chloe-ann o'neil", "my name is [name]"),
        ("im called Al-Sayed", "im called [name]"),
        ("my names O'Brien", "my names [name]"),
        ("my name is zoë and im 17", "my name is [name] and im 17"),
        ("my name is will", "my name is [name]"),  # a name that is also an everyday word
        # "I'm / this is / call me <name>".
        ("I'm Jayden and I left care", "I'm [name] and I left care"),
        ("hi im Leah", "hi im [name]"),
        ("this is Kayleigh from the hostel", "this is [name] from the hostel"),
        ("call me Sam", "call me [name]"),
        ("call me jayden", "call me [name]"),
        # Arabic, Farsi and Pashto "my name is", and Farsi in Latin letters.
        ("انا اسمي سارة", "انا اسمي [name]"),
        ("اسمي أحمد وعمري ١٧", "اسمي [name] وعمري ١٧"),
        ("اسم من سارا است", "اسم من [name] است"),
        ("اسمم رضا است", "اسمم [name] است"),
        ("زما نوم احمد دی", "زما نوم [name] دی"),
        ("esmam reza", "esmam [name]"),
        # Emails written to dodge a filter, or with no dot.
        ("email sam @ gmail.com", "email [email]"),
        ("name(at)domain.co.uk", "[email]"),
        ("sam at gmail dot com", "[email]"),
        ("sam [at] mail [dot] com", "[email]"),
        ("sam@gmail", "[email]"),
        # Invisible characters inside a number; numbers from other countries.
        ("07700\u200b900123", "[phone]"),
        ("ring 0\u200d7700 900 123", "ring [phone]"),
        ("0044 7700 900123", "[phone]"),
        ("my afghan number +93 70 123 4567", "my afghan number [phone]"),
        ("0912 345 6789", "[phone]"),
        # Dates of birth, with a cue or long enough ago.
        ("dob 12/03/2008", "dob [date]"),
        ("born on 12 March 2008", "born on [date]"),
        ("my birthday is 3rd march", "my birthday is [date]"),
        ("date of birth: 2008-03-12", "date of birth: [date]"),
        ("it was 14/02/2009 i think", "it was [date] i think"),
    ],
)
def test_harder_details_are_replaced(text, expected):
    assert redact(text, TODAY) == expected


@pytest.mark.parametrize(
    "text",
    ["call me back pls", "call me later", "I'm tired", "I'M TIRED", "Im 17", "this is hard", "i'm homeless",
     "meet at uni", "i was at college today", "look at this", "my appointment is on 12/12/2026",
     "i left care on 3 march 2025", "12 march", "i was born in 2008", "انا تعبان", "من خسته هستم"],
)
def test_everyday_words_near_a_cue_are_left_alone(text):
    assert redact(text, TODAY) == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A second word is a surname when it could be one: capitalised, even if it is also an English word
        # ("Brown"), or not an everyday word in lower case ("okafor").
        ("my name is Sam Brown", "my name is [name]"),
        ("my name is sam okafor", "my name is [name]"),
        ("call me Sam Jones", "call me [name]"),
        ("call me Sam Brown", "call me [name]"),
        ("I'm Jayden Okafor", "I'm [name]"),
        ("I'm Jayden Smith", "I'm [name]"),
        # Not when it is an everyday word that carries on the sentence.
        ("my name is sam thanks", "my name is [name] thanks"),
        ("call me sam thanks", "call me [name] thanks"),
        ("My name is Jo And I need help", "My name is [name] And I need help"),
        ("I'm Leah Today I went out", "I'm [name] Today I went out"),
        ("Hi I'm Jayden Thanks for the help", "Hi I'm [name] Thanks for the help"),
        # A name that is also an everyday word, when written as a name.
        ("call me Will", "call me [name]"),
    ],
)
def test_surnames_go_with_the_first_name(text, expected):
    assert redact(text, TODAY) == expected


@pytest.mark.parametrize(
    "text", ["my name is not important", "Please Call Me Back", "CALL ME LATER", "Its Tmrw at 3", "its Bro lol"]
)
def test_words_that_are_never_names_stay_in_any_case(text):
    assert redact(text, TODAY) == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A full date 12 or more years back is a birth date, however it is written.
        ("on 14 February 2009 i moved", "on [date] i moved"),
        ("it was 2009-2-14", "it was [date]"),
        ("it was 14/02/2014", "it was [date]"),  # exactly 12 years ago
        # Two-figure years: this century up to this year, the last one after it.
        ("it was 14/02/09", "it was [date]"),
        ("it was 14/02/14", "it was [date]"),
        ("it was 14/02/95", "it was [date]"),
        # Recent dates are appointments, not birthdays.
        ("see you 14/02/25", "see you 14/02/25"),
        ("see you 14/02/26", "see you 14/02/26"),
        ("it was 14/02/2015", "it was 14/02/2015"),
        ("my appointment is 2025-3-1", "my appointment is 2025-3-1"),
        ("on 14 February 2025 i moved", "on 14 February 2025 i moved"),
    ],
)
def test_old_dates_are_birth_dates_and_recent_ones_are_not(text, expected):
    assert redact(text, TODAY) == expected


def test_without_a_date_given_today_is_today():
    this_year = dt.date.today().year
    assert redact("it was 14/02/2009") == "it was [date]"
    assert redact(f"see you on 1/2/{this_year}") == f"see you on 1/2/{this_year}"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # UK numbers typed in ways the simple pattern does not know: libphonenumber, UK by default.
        ("شماره من ۰۷۹۱۱۱۲۳۴۵۶", "شماره من [phone]"),  # Persian digits
        ("رقمي ٠٧٩١١١٢٣٤٥٦", "رقمي [phone]"),  # Arabic-Indic digits
        ("text 07911–123456", "text [phone]"),  # a dash a phone's keyboard put in
        ("ring 07911/123456", "ring [phone]"),
    ],
)
def test_uk_numbers_in_other_scripts_and_separators(text, expected):
    assert redact(text, TODAY) == expected

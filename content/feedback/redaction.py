"""Remove personal details from free text before it is stored.

Young people type phone numbers, emails, addresses, names and birthdays into chat and feedback boxes.
We keep what they asked or said, not who they are: each detail is replaced by a marker like [phone].

Why not Microsoft Presidio or scrubadub? Both were tried on paper against what young people write
here. Presidio finds names with a spaCy language model: a large download that is not on PyPI, tens
of milliseconds a message, and it misses lower-case and text-speak names and every name in Arabic,
Farsi or Pashto. scrubadub's name detector needs NLTK data downloaded at run time, and its other
detectors are regular expressions much like these. What we do take from a library is the hard part
of phone numbers: `phonenumbers` (Google's libphonenumber) knows every country's numbering plan, so
an Afghan or Iranian number is found as surely as a UK one. Names and dates are found from the
phrases people use to give them ("my name is", "call me", "اسمي", "dob"), which works in any case
and script, offline, in well under a millisecond.
"""

from __future__ import annotations

import datetime as dt
import re

import phonenumbers

from content.understanding.english_words import word_share

# Invisible characters typed or pasted inside a number or an address ("07700\u200b900123"). Removed
# only between Latin letters, digits and @ . + -, so Farsi's zero-width non-joiner stays in words.
_INVISIBLE = re.compile(r"(?<=[0-9A-Za-z@.+\-])[\u00ad\u180e\u200b-\u200f\u2060-\u2064\ufeff]+(?=[0-9A-Za-z@.+\-])")

# UK phone numbers in the ways people type them: 07700 900123, +44 7700 900123, (0115) 123 4567,
# 0115-123-4567, 01234567890. Nine or more digits with spaces, dots, dashes or brackets between.
# (libphonenumber refuses unallocated ranges such as 07700 900xxx, which people still type.)
_PHONE = re.compile(r"(?<![\w£])(?:\+\s?44\s?\(?0?\)?|0044\s?|\(?0)(?:[\s.\-()]*\d){9,10}(?!\d)")

# Emails, also written to dodge filters: "sam @ gmail.com", "name(at)domain.co.uk",
# "sam at gmail dot com", and with no dot at all after a real @ ("sam@gmail").
_AT = r"(?:\s*@\s*|\s*[(\[{]\s*at\s*[)\]}]\s*)"
_DOT = r"(?:\s*\.\s*|\s*[(\[{]\s*dot\s*[)\]}]\s*|\s+dot\s+)"
_EMAIL = re.compile(
    rf"[\w.+\-]+(?:{_AT}[\w\-]+(?:{_DOT}[\w\-]+)*|\s+at\s+[\w\-]+(?:{_DOT}[\w\-]+)+)",
    re.IGNORECASE,
)
_EMAIL_NEEDS = re.compile(r"@|\bat\b|[(\[{]\s*at", re.IGNORECASE)  # a quick test before the slow pattern

# UK postcodes: NG1 5AB, ng15ab, NG7 2RD.
_POSTCODE = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b", re.IGNORECASE)
# A house number and a street word: "12 Acacia Road", "flat 3, 45 high st".
_ADDRESS = re.compile(
    r"\b(?:flat\s+\d+\w?,?\s+)?\d{1,4}[a-z]?,?\s+(?:[a-z']+\s+){1,3}"
    r"(?:road|rd|street|st|avenue|ave|lane|ln|close|drive|dr|way|court|ct|crescent|place|gardens|grove|terrace|walk)\b",
    re.IGNORECASE,
)
# Long digit runs that are not money: card, National Insurance-like or reference numbers.
_LONG_NUMBER = re.compile(r"(?<![£\d])\d(?:[\s\-]?\d){7,}(?!\d)")
_NI_NUMBER = re.compile(r"\b[A-CEGHJ-PR-TW-Z]{2}\s?\d{2}\s?\d{2}\s?\d{2}\s?[A-D]\b", re.IGNORECASE)

# Dates: 12/03/2008, 12-3-08, 2008-03-12, 12th March 2008, March 12 2008, 3 mar.
_MONTHS = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_DATE = (
    rf"(?:\d{{1,2}}[/.\-]\d{{1,2}}[/.\-](?:\d{{4}}|\d{{2}})|\d{{4}}-\d{{1,2}}-\d{{1,2}}"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTHS}(?:,?\s+\d{{4}})?"
    rf"|{_MONTHS}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?)"
)
# A date after words about birth is a date of birth, with or without a year.
_BIRTH_DATE = re.compile(
    rf"\b(d\.?o\.?b\.?|date of birth|born(?: on)?|birthday(?: is)?|bday(?: is)?|b-day(?: is)?)"
    rf"(\s*[:\-]?\s*)(?:on\s+)?{_DATE}",
    re.IGNORECASE,
)
# Any full date whose year is long past is most likely someone's birthday, not an appointment.
_FULL_DATE = re.compile(rf"\b{_DATE}\b", re.IGNORECASE)
_MONTH_NAME = re.compile(_MONTHS, re.IGNORECASE)
BIRTH_YEARS_BACK = 12  # a date 12 or more years ago in a young person's message: a birth date

# Names people give about themselves. A name is one or two words in any script, with hyphens or
# apostrophes (Chloe-Ann O'Neil, Al-Sayed, Zoë). After a plain cue ("my name is", "call me") the
# first word is taken in any case; after a loose one ("I'm", "this is") only a capitalised word that
# is not an everyday English word ("I'm Jayden" yes, "I'm Tired", "I'm 17" no).
_WORD = r"[^\W\d_](?:[^\W\d_]|['’\-](?=[^\W\d_]))*"
_CLEAR_CUE = (
    r"my name is|my names|my name's|my name’s|name's|i am called|im called|i'm called|i’m called"
    r"|ismi|esmi|esmam|esme man"
)
_CALL_CUE = r"call me|people call me|they call me|u can call me|you can call me"
_LOOSE_CUE = r"i am|i'm|i’m|im|this is|it's|it’s|its"
_NAME_CLEAR = re.compile(rf"\b(?i:({_CLEAR_CUE}))(\s*[:\-]?\s+)({_WORD})(\s+{_WORD})?")
_NAME_CALL = re.compile(rf"\b(?i:({_CALL_CUE}))(\s*[:\-]?\s+)({_WORD})(\s+{_WORD})?")
_NAME_LOOSE = re.compile(rf"\b(?i:({_LOOSE_CUE}))(\s+)({_WORD})(\s+{_WORD})?")
# Arabic "اسمي / انا اسمي", Farsi "اسم من / اسمم", Pashto "زما نوم": the next one or two words.
_NAME_RTL = re.compile(r"(اسمي|إسمي|اسمی|اسم من|اسمم|زما نوم|نوم مې)(\s*[:\-]?\s*)(\S+)(\s+\S+)?")
_RTL_AFTER_NAME = {"است", "هست", "هستم", "دی", "ده", "و", "وأنا", "وانا", "عمري", "وعمري", "سنم", "من", "از"}
# Words that follow a cue but are not names ("call me back", "this is Council Tax").
_NOT_NAMES = {
    "and", "but", "or", "so", "the", "a", "an", "on", "in", "at", "to", "if", "when", "now", "back", "later",
    "asap", "pls", "plz", "please", "tmrw", "tomorrow", "today", "tonight", "bro", "fam", "mate", "not",
    "from", "with", "about", "because", "cos", "coz", "really", "very", "just", "still", "also", "too",
}
COMMON_WORD = 1e-5  # a word's share of English (pyspellchecker) above which it is not taken for a name


def _everyday_word(word: str) -> bool:
    lower = word.lower()
    return lower in _NOT_NAMES or word_share(lower) >= COMMON_WORD


def _surname(rest: str | None, loose: bool) -> bool:
    """Whether the word after a first name is a surname too ("Sam Jones" yes, "sam and" no)."""
    if not rest:
        return False
    word = rest.strip()
    if word.lower() in _NOT_NAMES:
        return False
    if word[0].isupper() or any(c in word for c in "'’-"):
        return not (loose and _everyday_word(word))
    return not _everyday_word(word)


def _clear_name(m: re.Match[str]) -> str:
    if m.group(3).lower() in _NOT_NAMES:
        return m.group(0)
    tail = "" if _surname(m.group(4), loose=False) else (m.group(4) or "")
    return f"{m.group(1)}{m.group(2)}[name]{tail}"


def _call_name(m: re.Match[str]) -> str:
    # "call me Sam", "call me jayden"; not "call me back", "call me later".
    first = m.group(3)
    if first.lower() in _NOT_NAMES or (not first[0].isupper() and _everyday_word(first)):
        return m.group(0)
    tail = "" if _surname(m.group(4), loose=False) else (m.group(4) or "")
    return f"{m.group(1)}{m.group(2)}[name]{tail}"


def _loose_name(m: re.Match[str]) -> str:
    first = m.group(3)
    if not first[0].isupper() or _everyday_word(first):
        return m.group(0)
    tail = "" if _surname(m.group(4), loose=True) else (m.group(4) or "")
    return f"{m.group(1)}{m.group(2)}[name]{tail}"


def _rtl_name(m: re.Match[str]) -> str:
    second = m.group(4)
    keep_second = second is not None and second.strip() in _RTL_AFTER_NAME
    return f"{m.group(1)}{m.group(2)}[name]{second if keep_second else ''}"


def _year_of(date: str, today: dt.date) -> int | None:
    numbers = re.findall(r"\d+", date)
    if _MONTH_NAME.search(date):
        years = [n for n in numbers if len(n) == 4]
        year = years[0] if years else None
    elif len(numbers) == 3:
        year = numbers[0] if len(numbers[0]) == 4 else numbers[2]
    else:
        year = None
    if year is None:
        return None
    value = int(year)
    if value < 100:  # "08": this century unless that would be in the future
        value += 2000 if value <= today.year % 100 else 1900
    return value


def _old_date(m: re.Match[str], today: dt.date) -> str:
    year = _year_of(m.group(0), today)
    return "[date]" if year is not None and 1900 < year <= today.year - BIRTH_YEARS_BACK else m.group(0)


def _world_phones(text: str) -> str:
    """Numbers of any country that libphonenumber knows to be real (a UK number is the default)."""
    found = list(phonenumbers.PhoneNumberMatcher(text, "GB", leniency=phonenumbers.Leniency.VALID))
    for match in reversed(found):
        text = text[: match.start] + "[phone]" + text[match.end :]
    return text


def redact(text: str, today: dt.date | None = None) -> str:
    """`text` with phone numbers, emails, postcodes, addresses, birth dates and self-given names replaced."""
    today = today or dt.date.today()
    text = _INVISIBLE.sub("", text)
    if _EMAIL_NEEDS.search(text):
        text = _EMAIL.sub("[email]", text)
    text = _BIRTH_DATE.sub(lambda m: f"{m.group(1)}{m.group(2)}[date]", text)
    text = _FULL_DATE.sub(lambda m: _old_date(m, today), text)
    text = _PHONE.sub("[phone]", text)
    text = _world_phones(text)
    text = _NI_NUMBER.sub("[number]", text)
    text = _LONG_NUMBER.sub("[number]", text)
    text = _ADDRESS.sub("[address]", text)
    text = _POSTCODE.sub("[postcode]", text)
    text = _NAME_CLEAR.sub(_clear_name, text)
    text = _NAME_CALL.sub(_call_name, text)
    text = _NAME_LOOSE.sub(_loose_name, text)
    text = _NAME_RTL.sub(_rtl_name, text)
    return text

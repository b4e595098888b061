"""Does an offer's English text agree with its age rules?

"What can I get?" and the bot decide from `eligibility`, while young people read the text. When the
two disagree one of them is wrong: Staying Put once said "it can last longer" for those in
full-time education or with a disability while `max_age` stopped at 20, so a disabled 22-year-old
was never shown it. The loader refuses an offer whose text states an age limit that its rules do
not have.

Only plain statements of who can get it are read ("until your 25th birthday", "aged 16 and 17",
"from age 21"); advice such as "start well before your 18th birthday" is not an age rule.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from content.catalogue.schema import Offer

_ORDINAL = r"(\d{2})(?:st|nd|rd|th)?"
# Each pattern names an age bound: "upper" ones give the last age in years (N-1 for "until N").
_UPPER_UNTIL = re.compile(
    rf"\b(?:until|on or before|up to age)\s+(?:your|their|you are|you're|you turn|age)?\s*{_ORDINAL}"
    r"(?:\s+birthday)?", re.IGNORECASE)
_UNDER = re.compile(r"\b(?:under|younger than)\s+(\d{2})\b", re.IGNORECASE)
_RANGE = re.compile(r"\baged\s+(\d{2})\s+(?:to|and|-)\s+(\d{2})\b", re.IGNORECASE)
_LOWER = re.compile(r"\b(?:from (?:age )?|over )(\d{2})\b", re.IGNORECASE)
_LONGER = re.compile(r"\b(?:can|may|could) (?:last|go on|continue|stay) (?:for )?longer\b", re.IGNORECASE)


@dataclass(frozen=True)
class AgeClaim:
    words: str  # the words in the text, as written
    lowest: int | None = None  # the youngest age the words allow
    highest: int | None = None  # the oldest age the words allow


def age_claims(text: str) -> list[AgeClaim]:
    """The age limits a text states, as ages in whole years."""
    claims = [AgeClaim(m.group(0), highest=int(m.group(1)) - 1) for m in _UPPER_UNTIL.finditer(text)]
    claims += [AgeClaim(m.group(0), highest=int(m.group(1)) - 1) for m in _UNDER.finditer(text)]
    claims += [AgeClaim(m.group(0), lowest=int(m.group(1)), highest=int(m.group(2))) for m in _RANGE.finditer(text)]
    claims += [AgeClaim(m.group(0), lowest=int(m.group(1))) for m in _LOWER.finditer(text)]
    return claims


def _english_text(offer: Offer) -> str:
    return "\n".join([offer.title, offer.summary, offer.body, *offer.how_to_get_it])


def age_claims_disagree(offer: Offer) -> list[tuple[str, str]]:
    """(field, reason) for each age the offer's text states that its eligibility does not have."""
    rules = offer.eligibility
    text = _english_text(offer)
    uppers = {rules.max_age} | ({rules.usual_max_age} if rules.usual_max_age is not None else set())
    problems = []
    for claim in age_claims(text):
        if claim.highest is not None and claim.highest not in uppers:
            problems.append(("eligibility.max_age", f'the text says "{claim.words}" (up to age {claim.highest}), '
                             f"but the age limits are {', '.join(str(a) for a in sorted(uppers))}"))
        if claim.lowest is not None and claim.lowest != rules.min_age:
            problems.append(("eligibility.min_age", f'the text says "{claim.words}" (from age {claim.lowest}), '
                             f"but min_age is {rules.min_age}"))
    longer = _LONGER.search(text)
    if longer and rules.usual_max_age is None:
        problems.append(("eligibility.usual_max_age", f'the text says "{longer.group(0)}", so give the usual limit '
                         "(usual_max_age) and who may stay longer (older_if), up to max_age"))
    return problems

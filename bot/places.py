"""Knowing the area from what a young person types at "Which council looks after you?".

Only a message that is just a place ("nottingham", "im in mansfield", "Nottinghamshire County Council")
chooses the area. A question that mentions a place is not taken as a choice: "is nottingham trent uni
any good" is not a City care leaver saying where they are from.
"""

from __future__ import annotations

import re

from content.catalogue.snapshot import Catalogue

# Words that may surround a place without changing what the message says.
_FILLER = frozenset((
    "i", "im", "am", "in", "at", "from", "live", "living", "the", "my", "its", "is", "council", "city",
    "county", "borough", "district", "area", "care", "leaver", "looked", "after", "by", "with", "near",
    "of", "to", "and", "or", "yeah", "yes", "please", "pls", "ta", "thanks",
))


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z]+", text.lower().replace("'", ""))


def area_named(catalogue: Catalogue, text: str) -> str | None:
    """The id of the area `text` names and says nothing else, or None."""
    words = [w for w in _words(text) if w not in _FILLER]
    if not words:
        return None
    said = " ".join(words)
    for area in catalogue.areas:
        names = [area.id, area.name, area.council, *(d.name for d in area.districts)]
        if said in {" ".join(w for w in _words(n) if w not in _FILLER) for n in names}:
            return area.id
    return None

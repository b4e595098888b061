"""Knowing the area from what a young person types: at "Which council looks after you?", and later
when they move the chat to another area ("i live in mansfield now").

Only a message that is just a place ("nottingham", "im in mansfield", "Nottinghamshire County Council")
chooses the area. A question that mentions a place is not taken as a choice: "is nottingham trent uni
any good" is not a City care leaver saying where they are from.
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import pairwise
from pathlib import Path

from rapidfuzz.distance import OSA

from bot.followups import followup_words
from content.catalogue.snapshot import Catalogue
from content.understanding.matcher import LANGUAGE_DIR, Language, stem
from content.understanding.phrases import find_phrase, phrase_key, prepared, without
from content.yaml_files import read_yaml

PLACES_FILE = LANGUAGE_DIR / "places.yaml"

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


# Words that may surround a place in a message that only moves the chat ("and what about mansfield?").
_SWITCH_WORDS = _FILLER | frozenset((
    "what", "whats", "about", "how", "hows", "moved", "move", "moving", "now", "there", "instead", "over",
    "then", "so", "ok", "okay", "but", "if", "do", "does", "you", "u", "have", "it", "that", "same", "for",
    "there", "is", "any", "anything", "got", "lived", "for", "one", "here", "too", "also", "actually",
    "though", "tho", "soon", "just", "currently", "really", "gonna", "going", "be", "last", "month", "week", "since",
    "can", "still", "get", "help", "a", "new", "place",  # "moving to hucknall soon can i still get help"
    # The same in Arabic, Farsi and Pashto: "انا انتقلت على مانسفيلد", "من الان تو لنتون زندگی میکنم"
    "انا", "انتقلت", "نقلت", "رحت", "صرت", "ساكن", "ساكنه", "عايش", "عايشه", "هلق", "هلا", "الحين", "دلوقتي", "هسه",
    "على", "ع", "في", "الى", "و", "واذا", "اذا",
    "من", "الان", "الآن", "تو", "در", "به", "زندگی", "میکنم", "میکنیم", "اومدم", "رفتم", "کردم", "هستم", "اگه", "اگر",
    "زه", "اوس", "په", "کې", "کي", "ته", "تللی", "تللې", "یم", "اوسیږم", "اوسېږم", "کډه", "شوی", "شوې", "که",
))


@lru_cache(maxsize=1)
def _place_lists(path: Path = PLACES_FILE) -> tuple[dict[str, tuple[str, ...]], dict[str, tuple[str, ...]]]:
    data = read_yaml(path.read_text(encoding="utf-8"))

    def keyed(section: str) -> dict[str, tuple[str, ...]]:
        return {str(a): tuple(phrase_key(str(p)) for p in ps) for a, ps in (data.get(section) or {}).items()}

    return keyed("names"), keyed("places")


def _misspelt_place(words: str, places: list[str]) -> bool:
    """A place name of 6 letters or more typed one letter off or with two letters swapped ("mansfeild"),
    two off from 10 letters."""
    tokens = words.split()
    grams = tokens + [" ".join(pair) for pair in pairwise(tokens)]
    for place in places:
        if len(place) < 6:
            continue
        allowed = 1 if len(place) < 10 else 2
        if any(abs(len(g) - len(place)) <= allowed and OSA.distance(g, place) <= allowed for g in grams):
            return True
    return False


def area_switch(catalogue: Catalogue, text: str, current: str, language: Language) -> str | None:
    """The other area a message moves the chat to, or None.

    A town, neighbourhood or district names its area wherever it appears ("is there a gym in
    mansfield"). The area's own names only move the chat when the message says little else ("and
    in the city?"), because they are also said in passing ("nottingham college").
    """
    names, places = _place_lists()
    words = prepared(text, language)
    for area in catalogue.areas:
        if area.id == current:
            continue
        strong = [*places.get(area.id, ()), *(phrase_key(d.name) for d in area.districts)]
        if find_phrase(words, strong) or _misspelt_place(words, strong):
            return area.id
        weak = [*names.get(area.id, ()), phrase_key(area.name), phrase_key(area.council)]
        said = find_phrase(words, weak)
        # "and in the city?", "what about nottingham city, do they give more": the name, and words that only ask
        # about the topic already talked about (follow-up words), move the chat.
        if said and not {w for w in without(words, said).split() if stem(w) not in followup_words()} - _SWITCH_WORDS:
            return area.id
    return None


def says_only_where(catalogue: Catalogue, text: str, language: Language) -> bool:
    """The message only says where they are ("i live in mansfield now"), and asks nothing else."""
    names, places = _place_lists()
    words = prepared(text, language)
    for area in catalogue.areas:
        for phrase in [*places.get(area.id, ()), *(phrase_key(d.name) for d in area.districts),
                       *names.get(area.id, ()), phrase_key(area.name), phrase_key(area.council)]:
            if find_phrase(words, [phrase]):
                words = without(words, phrase)
    return not set(words.split()) - _SWITCH_WORDS


def places_in(area_id: str, limit: int = 6, path: Path = PLACES_FILE) -> list[str]:
    """A few towns or neighbourhoods of an area, as written in the places file, for people to recognise."""
    data = read_yaml(path.read_text(encoding="utf-8"))
    # The English spellings: the Arabic, Farsi and Pashto ones are there for reading messages.
    english = [str(p) for p in (data.get("places") or {}).get(area_id, []) if str(p).isascii()]
    return [p.title() for p in english[:limit]]

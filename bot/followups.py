"""Follow-up questions about the offer in context: "how much is it?", "what if im 24?", "who do i ask?".

Which follow-up a message is comes from the phrases in content/language/followups.yaml; the answers
come from the offer itself (its amount, eligibility, steps and contact), so nothing is guessed.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from babel.support import NullTranslations

from content.catalogue.money import amount_text
from content.catalogue.schema import Offer
from content.understanding.matcher import LANGUAGE_DIR, Language, OfferMatcher, stem
from content.understanding.phrases import find_phrase, phrase_key, prepared
from content.yaml_files import read_yaml

FOLLOWUP_MAX_WORDS = 12  # a longer message is a new question, not a follow-up


FOLLOWUPS_FILE = LANGUAGE_DIR / "followups.yaml"


@lru_cache(maxsize=1)
def _phrases(path: Path = FOLLOWUPS_FILE) -> dict[str, tuple[str, ...]]:
    data = read_yaml(path.read_text(encoding="utf-8"))["followups"]
    return {str(kind): tuple(phrase_key(str(p)) for p in phrases) for kind, phrases in data.items()}


@lru_cache(maxsize=1)
def _refers_back(path: Path = FOLLOWUPS_FILE) -> tuple[str, ...]:
    data = read_yaml(path.read_text(encoding="utf-8"))
    return tuple(phrase_key(str(w)) for w in data.get("refers_back") or ())


@lru_cache(maxsize=1)
def _not_pointing(path: Path = FOLLOWUPS_FILE) -> tuple[str, ...]:
    data = read_yaml(path.read_text(encoding="utf-8"))
    return tuple(phrase_key(str(w)) for w in data.get("not_pointing") or ())


def followup_kind(text: str, language: Language, gives_details: bool = False) -> str | None:
    """"amount", "eligibility", "who_to_contact", "how_to_get", "tell_me_more", or None.

    `gives_details`: the message states an age or situation ("what if im 24", "im at uni tho"),
    which makes it a question about who can get the offer.
    """
    words = prepared(text, language)
    if len(words.split()) > FOLLOWUP_MAX_WORDS:
        return None
    if gives_details:
        return "eligibility"
    for kind, phrases in _phrases().items():
        if find_phrase(words, phrases):
            return kind
    if find_phrase(words, _refers_back()):
        return "tell_me_more"  # "where are they", "does it cost anything": about the offer in context
    return None


@lru_cache(maxsize=1)
def followup_words() -> frozenset[str]:
    """Every word of the follow-up and situation phrases: these never make a message a new question."""
    details = read_yaml((LANGUAGE_DIR / "details.yaml").read_text(encoding="utf-8"))["situations"]
    phrases = [*(p for ps in _phrases().values() for p in ps), *(phrase_key(str(p)) for ps in details.values()
                                                               for p in ps), *_refers_back()]
    return frozenset(stem(w) for p in phrases for w in p.split())


def points_back_only(text: str, language: Language) -> bool:
    """A follow-up that points back and names nothing else ("how long is it", "how do i sign up for
    it"): with no offer in context, there is nothing it can be about yet."""
    words = prepared(text, language)
    pointers = set(_refers_back()) - set(_not_pointing())
    if followup_kind(text, language) is None or not find_phrase(words, pointers):
        return False
    asking = {stem(w) for p in (*(p for ps in _phrases().values() for p in ps), *_refers_back()) for w in p.split()}
    return all(stem(w) in asking or w in language.stopwords for w in words.split())


def followup_leftovers(matcher: OfferMatcher, area: str, slug: str, text: str) -> list[str]:
    """Words of `text` that are neither follow-up words nor about the offer in context: "passport" in
    "how do i get a passport" shows a new question, not "how do I get it"."""
    own = matcher.offer_stems(area, slug)
    return [w for w in matcher.prepare(text)
            if not w.isdigit() and stem(w) not in own and stem(w) not in followup_words()]


def amount_answer(offer: Offer, lang: str, t: NullTranslations) -> str:
    _ = t.gettext
    title = offer.localised(lang).title
    if offer.amount is None:
        return _("%(title)s is support, not a set amount of money. Your Personal Adviser (PA) can tell you "
                 "what it could mean for you.") % {"title": title}
    locale = "en_GB" if lang == "en" else lang
    return _("%(title)s: %(amount)s.") % {"title": title, "amount": amount_text(offer.amount, _, locale=locale)}


def who_can_get(offer: Offer, t: NullTranslations, situation_labels: dict[str, str]) -> str:
    """The offer's rules in words: ages, care status, situations."""
    _ = t.gettext
    rules = offer.eligibility
    if rules.usual_max_age is None:
        lines = [_("It is for young people aged %(low)d to %(high)d.") % {"low": rules.min_age, "high": rules.max_age}]
    else:
        labels = [_(situation_labels.get(s, s)) for s in rules.older_if]
        lines = [_("It is usually for young people aged %(low)d to %(high)d, and up to %(longer)d for some: "
                   "%(labels)s.") % {"low": rules.min_age, "high": rules.usual_max_age, "longer": rules.max_age,
                                     "labels": " / ".join(labels)}]
    if set(rules.who) == {"care-leaver"}:
        lines.append(_("It is for care leavers."))
    elif set(rules.who) == {"looked-after"}:
        lines.append(_("It is for young people who are in care now."))
    if rules.situations:
        labels = [_(situation_labels.get(s, s)) for s in rules.situations]
        lines.append(_("It depends on your situation: %(labels)s.") % {"labels": " / ".join(labels)})
    return " ".join(lines)


def fits(offer: Offer, age: int | None, situations: set[str]) -> tuple[bool, bool]:
    """Whether a stated age and situations fit the offer: (age fits, situation fits).

    Something not stated fits: we never rule a young person out on a guess. `situations` holds only
    ids that offers' eligibility can name (content/situations.yaml), so "pregnant" never rules out.
    """
    rules = offer.eligibility
    # Past an offer's usual limit (Staying Put at 22) they may still be one of those who can stay longer
    # (disabled, in education): we cannot know they are not, so only the widest limit rules out.
    age_fits = age is None or rules.min_age <= age <= rules.max_age
    situation_fits = not rules.situations or not situations or bool(situations & set(rules.situations))
    return age_fits, situation_fits


def eligibility_answer(offer: Offer, lang: str, t: NullTranslations, age: int | None, situations: set[str],
                       situation_labels: dict[str, str]) -> str:
    """Who can get it, and kindly whether what the young person told us fits."""
    _ = t.gettext
    title = offer.localised(lang).title
    lines = [f"{title}: {who_can_get(offer, t, situation_labels)}"]
    age_fits, situation_fits = fits(offer, age, situations)
    if age is not None and not age_fits:
        if age < offer.eligibility.min_age:
            lines.append(_("You said you are %(age)d, so this is not for you yet.") % {"age": age})
        else:
            lines.append(_("You said you are %(age)d. Sorry, this is for younger people, so it may not be for "
                           "you now.") % {"age": age})
    elif not situation_fits:
        lines.append(_("From what you told me, this may not fit your situation."))
    elif age is not None and rules_usual_limit_passed(offer, age) and not situations & set(offer.eligibility.older_if):
        lines.append(_("You said you are %(age)d, so it depends on your situation (see above).") % {"age": age})
    elif age is not None:
        lines.append(_("You said you are %(age)d, so your age fits.") % {"age": age})
    lines.append(_("Your Personal Adviser (PA) can tell you for sure."))
    return "\n".join(lines)


def rules_usual_limit_passed(offer: Offer, age: int) -> bool:
    usual = offer.eligibility.usual_max_age
    return usual is not None and age > usual


def alternatives(offers: list[Offer], offer: Offer, age: int | None, situations: set[str]) -> list[Offer]:
    """Offers in the same area and category that fit the age and situations given (not `offer`)."""
    result = []
    for other in offers:
        if other.slug == offer.slug or other.category != offer.category:
            continue
        if all(fits(other, age, situations)):
            result.append(other)
    return result[:3]


"""The shape of every content file, as pydantic models.

Content editors change YAML files, not code; these models are the single statement of what a
valid file looks like. Unknown fields are refused (`extra="forbid"`) so that a misspelt field
name is an error that names the field, instead of data that silently goes missing.

The checks beyond types and patterns are plain functions attached to their models, not decorated
methods, so that mutation testing reaches them (mutmut skips decorated functions).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints, model_validator

Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=80)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Phone = Annotated[str, StringConstraints(strip_whitespace=True, pattern=r"^[0-9 +]{3,20}$")]
Locale = Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}$")]
SourceName = Annotated[str, StringConstraints(pattern=r"^[0-9]{3}_[0-9a-f]{16}\.txt$")]


class Strict(BaseModel):
    """Base for file models: refuse unknown fields, keep instances immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Period(StrEnum):
    ONE_OFF = "one-off"
    PER_YEAR = "per-year"
    PER_WEEK = "per-week"
    NOT_STATED = "not-stated"  # the source gives the amount but not how often: say no more than it does


class Qualifier(StrEnum):
    EXACTLY = "exactly"
    UP_TO = "up-to"
    AT_LEAST = "at-least"


class Amount(Strict):
    """Money an offer is worth, in pounds, as the source document states it."""

    pounds: Decimal = Field(gt=0, max_digits=9, decimal_places=2)
    period: Period
    qualifier: Qualifier = Qualifier.EXACTLY


def _ages_in_order(rules: Eligibility) -> Eligibility:
    if rules.min_age > rules.max_age:
        raise ValueError("min_age must not be more than max_age")
    if (rules.usual_max_age is None) != (not rules.older_if):
        raise ValueError("usual_max_age and older_if go together: the usual limit, and who may stay longer")
    if rules.usual_max_age is not None and not rules.min_age <= rules.usual_max_age < rules.max_age:
        raise ValueError("usual_max_age must be from min_age to below max_age")
    return rules


class Eligibility(Strict):
    """Who can get an offer. Ages are inclusive: max_age 24 means "until your 25th birthday".

    Some offers end earlier for most young people and later for some (Staying Put: usually until
    21, up to 25 in full-time education or with a disability). Then `usual_max_age` is the usual
    limit and `older_if` the situations that allow up to `max_age`.
    """

    min_age: int = Field(ge=0, le=30)
    max_age: int = Field(ge=0, le=30)
    usual_max_age: int | None = Field(default=None, ge=0, le=30)
    older_if: list[Slug] = []
    who: list[Slug] = Field(min_length=1)
    situations: list[Slug] = []
    districts: list[Slug] = []

    _check_ages = model_validator(mode="after")(_ages_in_order)


class Contact(Strict):
    who: Text
    phone: Phone | None = None
    email: Annotated[str, StringConstraints(pattern=r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$")] | None = None
    web: Annotated[str, StringConstraints(pattern=r"^https?://\S+$")] | None = None


def _checked_together(t: OfferTranslation) -> OfferTranslation:
    if (t.checked_by is None) != (t.checked_on is None):
        raise ValueError("checked_by and checked_on go together: who checked the translation, and when")
    return t


class OfferTranslation(Strict):
    """An offer's words in another language; anything left out is shown in English."""

    title: Text
    summary: Text
    body: Text | None = None
    how_to_get_it: list[Text] | None = None
    # Questions young people might ask in this language: the chat learns the offer's meaning from them.
    example_questions: list[Text] | None = None
    # Who fluent checked this translation against the English, and when. Until then the page says it
    # was translated by computer and not yet checked by a person.
    checked_by: Text | None = None
    checked_on: dt.date | None = None

    _check_checked = model_validator(mode="after")(_checked_together)


def _one_sentence(summary: str) -> str:
    if len(summary) > 200:
        raise ValueError("summary must be one short sentence (200 characters at most)")
    return summary


class OfferFile(Strict):
    """One file in content/offers/<area>/<slug>.yaml; area and slug come from the path."""

    title: Text
    summary: Annotated[Text, AfterValidator(_one_sentence)]
    body: Text
    category: Slug
    amount: Amount | None = None
    eligibility: Eligibility
    how_to_get_it: list[Text] = Field(min_length=1)
    contact: Contact
    keywords: list[Text] = Field(min_length=1)
    example_questions: list[Text] = Field(min_length=6)
    source: SourceName
    last_reviewed: dt.date  # when its facts were last confirmed against the source or the service
    # The last year the source says it runs ("funding to 2023"); after that year the page and the
    # bot say it may have ended.
    running_until: int | None = Field(default=None, ge=2000, le=2100)
    # Other areas whose young people can get it too (NTU's bursary is for City and County care leavers):
    # written once, in the home area's folder, and shown in each area.
    also_in: list[Slug] = []
    translations: dict[Locale, OfferTranslation] = {}


class District(Strict):
    id: Slug
    name: Text


class ServiceContact(Strict):
    name: Text
    phone: Phone | None = None
    email: str | None = None
    web: Annotated[str, StringConstraints(pattern=r"^https?://\S+$")] | None = None
    hours: Text | None = None


class OutOfHours(Strict):
    """The council's emergency number outside office hours.

    `phone` stays empty until the council confirms it: a wrong crisis number is worse than none,
    and the pages then say how to find it instead.
    """

    phone: Phone | None = None
    note: Text


class Area(Strict):
    id: Slug
    name: Text
    council: Text
    districts: list[District] = []
    leaving_care_contacts: list[ServiceContact] = Field(min_length=1)
    out_of_hours: OutOfHours
    local_offer_url: Annotated[str, StringConstraints(pattern=r"^https?://\S+$")]
    source: SourceName


class AreasFile(Strict):
    areas: list[Area] = Field(min_length=1)


class Category(Strict):
    id: Slug
    name: Text
    description: Text
    icon: Annotated[str, StringConstraints(max_length=4)] = ""


class CategoriesFile(Strict):
    categories: list[Category] = Field(min_length=1)


class SituationKind(StrEnum):
    STATUS = "status"  # care status: exactly one applies to a young person
    SITUATION = "situation"  # what they are doing now: any number apply


class Situation(Strict):
    id: Slug
    kind: SituationKind
    label: Text


class SituationsFile(Strict):
    situations: list[Situation] = Field(min_length=1)


def _reachable(line: CrisisLine) -> CrisisLine:
    if not (line.phone or line.text):
        raise ValueError("a crisis line needs a phone number or a text number")
    return line


class CrisisLine(Strict):
    id: Slug
    name: Text
    what: Text
    phone: Phone | None = None
    text: Annotated[str, StringConstraints(pattern=r"^[0-9 ]{2,12}$")] | None = None
    text_word: Text | None = None
    hours: Text
    web: Annotated[str, StringConstraints(pattern=r"^https?://\S+$")] | None = None

    _check_reachable = model_validator(mode="after")(_reachable)


class CrisisFile(Strict):
    lines: list[CrisisLine] = Field(min_length=1)


class Source(Strict):
    file: SourceName
    title: Text


class SourcesFile(Strict):
    sources: list[Source] = Field(min_length=1)


# Domain objects: what the rest of the service reads. They are the file shapes plus identity,
# so there is one definition of each field.


class Offer(OfferFile):
    area: Slug
    slug: Slug
    shared_from: Slug | None = None  # set on an offer shown in `area` but written in this area's folder

    def may_have_ended(self, today: dt.date) -> bool:
        """True once the last year its source says it runs is over: say so, and who to check with."""
        return self.running_until is not None and today.year > self.running_until

    def localised(self, locale: str) -> LocalisedOffer:
        """The offer's words in `locale`, falling back to English field by field."""
        t = self.translations.get(locale)
        if t is None:
            return LocalisedOffer(self.title, self.summary, self.body, tuple(self.how_to_get_it), False, True)
        return LocalisedOffer(
            t.title,
            t.summary,
            t.body or self.body,
            tuple(t.how_to_get_it or self.how_to_get_it),
            t.body is not None and t.how_to_get_it is not None,
            t.checked_by is not None,
        )


@dataclass(frozen=True)
class LocalisedOffer:
    title: str
    summary: str
    body: str
    how_to_get_it: tuple[str, ...]
    fully_translated: bool
    checked: bool  # English, or a translation someone fluent has checked

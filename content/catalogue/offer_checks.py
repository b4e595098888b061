"""The checks an offer must pass, wherever it is written: in a file (the loader) or in the dashboard.

One set of checks and one set of messages, so a worker's form says what `flask content check` says.
Each problem is a field ("eligibility.who") and a reason.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, TypeVar

from babel import Locale, UnknownLocaleError
from pydantic import BaseModel, ValidationError

from content.catalogue.age_claims import age_claims_disagree
from content.catalogue.schema import Area, Category, Offer, Situation, SituationKind, Source

M = TypeVar("M", bound=BaseModel)
FieldProblem = tuple[str, str]


class InvalidData(ValueError):
    """Data that does not fit a model; `problems` are (field, reason) pairs."""

    def __init__(self, problems: list[FieldProblem]):
        super().__init__("; ".join(f"{f}: {r}" for f, r in problems))
        self.problems = problems


def parse(model: type[M], data: Any) -> M:
    """`data` as a `model`, or InvalidData naming each bad field in plain words."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        problems = []
        for err in exc.errors():
            loc = ".".join(str(part) for part in err["loc"]) or "(file)"
            reason = err["msg"]
            if err["type"] == "missing":
                reason = "required field is missing"
            elif err["type"] == "extra_forbidden":
                reason = "unknown field"
            problems.append((loc, reason))
        raise InvalidData(problems) from None


@dataclass(frozen=True)
class OfferRules:
    """What an offer's ids must refer to: the areas, categories, situations and sources that exist."""

    areas: dict[str, Area]
    category_ids: frozenset[str]
    statuses: frozenset[str]
    doings: frozenset[str]
    source_files: frozenset[str]

    @classmethod
    def of(cls, areas: Iterable[Area], categories: Iterable[Category], situations: Iterable[Situation],
           sources: Iterable[Source]) -> OfferRules:
        situations = list(situations)
        return cls(
            {a.id: a for a in areas},
            frozenset(c.id for c in categories),
            frozenset(s.id for s in situations if s.kind is SituationKind.STATUS),
            frozenset(s.id for s in situations if s.kind is SituationKind.SITUATION),
            frozenset(s.file for s in sources),
        )


def offer_problems(offer: Offer, rules: OfferRules) -> list[FieldProblem]:
    """Everything wrong with an offer that its model alone cannot see (ids that must exist, age claims)."""
    problems: list[FieldProblem] = []
    if offer.category not in rules.category_ids:
        problems.append(("category", f"unknown category {offer.category!r}"))
    statuses = ", ".join(sorted(rules.statuses))
    for who in offer.eligibility.who:
        if who not in rules.statuses:
            problems.append(("eligibility.who", f"unknown status {who!r} (one of: {statuses})"))
    for sit in offer.eligibility.situations:
        if sit not in rules.doings:
            problems.append(("eligibility.situations", f"unknown situation {sit!r}"))
    for sit in offer.eligibility.older_if:
        if sit not in rules.doings:
            problems.append(("eligibility.older_if", f"unknown situation {sit!r}"))
    problems.extend(age_claims_disagree(offer))
    area = rules.areas.get(offer.area)
    district_ids = {d.id for d in area.districts} if area else set()
    for district in offer.eligibility.districts:
        if district not in district_ids:
            problems.append(("eligibility.districts", f"{district!r} is not a district of {offer.area}"))
    if offer.source not in rules.source_files:
        problems.append(("source", f"unknown source document {offer.source!r} (see content/sources.yaml)"))
    for locale in offer.translations:
        try:
            Locale.parse(locale)
        except (UnknownLocaleError, ValueError):
            problems.append((f"translations.{locale}", "unknown language code"))
    return problems


def sharing_problems(offer: Offer, rules: OfferRules, taken: set[tuple[str, str]]) -> list[FieldProblem]:
    """What is wrong with showing the offer in the areas of its `also_in` (`taken`: offers that exist there)."""
    problems: list[FieldProblem] = []
    for other in offer.also_in:
        if other not in rules.areas:
            problems.append(("also_in", f"unknown area {other!r} (not in content/areas.yaml)"))
        elif other == offer.area:
            problems.append(("also_in", f"{other!r} is this offer's own area"))
        elif offer.eligibility.districts:
            problems.append(("also_in", "an offer limited to some districts belongs to one area"))
        elif (other, offer.slug) in taken:
            problems.append(("also_in", f"{other} already has an offer {offer.slug!r}"))
    return problems


def shown_in(offer: Offer) -> list[Offer]:
    """The offer as each area in `also_in` shows it: the same words, that area's id, and where it is written."""
    return [offer.model_copy(update={"area": other, "also_in": [], "shared_from": offer.area})
            for other in offer.also_in]

""""What can I get?": the offers a young person can get, and the money they add up to."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from content.catalogue.schema import Eligibility, Offer, Period, Qualifier


@dataclass(frozen=True)
class YoungPerson:
    """What a young person told us. Nothing here is stored."""

    age: int
    status: str  # a status id from situations.yaml, e.g. "care-leaver"
    situations: frozenset[str] = frozenset()
    district: str | None = None  # None: not known; district-limited offers are then included


@dataclass(frozen=True)
class MoneyTotal:
    period: Period
    pounds: Decimal
    includes_up_to: bool  # some of it is an "up to" amount
    includes_at_least: bool  # some of it is an "at least" amount


def age_fits(rules: Eligibility, age: int, situations: Iterable[str] = ()) -> bool:
    """True when `age` is inside the offer's ages, counting the longer limit only for those it names."""
    if not rules.min_age <= age <= rules.max_age:
        return False
    if rules.usual_max_age is not None and age > rules.usual_max_age:
        return not set(rules.older_if).isdisjoint(situations)
    return True


def can_get(offer: Offer, person: YoungPerson) -> bool:
    """True when `person` meets the offer's age, status, situation and district rules."""
    rules = offer.eligibility
    if not age_fits(rules, person.age, person.situations):
        return False
    if person.status not in rules.who:
        return False
    if rules.situations and not person.situations.intersection(rules.situations):
        return False
    if rules.districts and person.district is not None and person.district not in rules.districts:
        return False
    return True


def offers_for(offers: Iterable[Offer], person: YoungPerson) -> list[Offer]:
    """The offers `person` can get, money first (largest first), then by title."""
    found = [o for o in offers if can_get(o, person)]
    return sorted(found, key=lambda o: (o.amount is None, -(o.amount.pounds if o.amount else 0), o.title.lower()))


def money_totals(offers: Iterable[Offer]) -> list[MoneyTotal]:
    """Money per period (one-off, per year, per week); amounts of different periods never mix."""
    totals: dict[Period, list[Offer]] = {}
    for offer in offers:
        if offer.amount is not None:
            totals.setdefault(offer.amount.period, []).append(offer)
    return [
        MoneyTotal(
            period,
            sum((o.amount.pounds for o in group if o.amount), Decimal(0)),
            any(o.amount and o.amount.qualifier is Qualifier.UP_TO for o in group),
            any(o.amount and o.amount.qualifier is Qualifier.AT_LEAST for o in group),
        )
        for period in Period
        if (group := totals.get(period))
    ]

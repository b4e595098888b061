""""What can I get?" rules against the shipped offers."""

from __future__ import annotations

from decimal import Decimal

import pytest

from content.catalogue.eligibility import MoneyTotal, YoungPerson, can_get, money_totals, offers_for
from content.catalogue.schema import Amount, Period, Qualifier


def slugs(bundle, area, person):
    return {o.slug for o in offers_for([o for o in bundle.offers if o.area == area], person)}


def test_care_leaver_at_university_in_the_city(shipped_bundle):
    person = YoungPerson(age=19, status="care-leaver", situations=frozenset({"at-university"}))
    found = slugs(shipped_bundle, "nottingham", person)
    assert {"higher-education-bursary", "university-holiday-accommodation"} <= found
    assert "staying-put" not in found  # needs to live with a foster carer


def test_situation_limited_offers_need_the_situation(shipped_bundle):
    person = YoungPerson(age=19, status="care-leaver")
    assert "higher-education-bursary" not in slugs(shipped_bundle, "nottingham", person)


def test_looked_after_16_year_old_in_the_county(shipped_bundle):
    person = YoungPerson(age=16, status="looked-after")
    found = slugs(shipped_bundle, "nottinghamshire", person)
    assert "care-2-work" in found
    assert "council-tax-exemption" not in found  # care leavers from 18


def test_age_limits_are_inclusive(shipped_bundle):
    offer = next(o for o in shipped_bundle.offers if o.slug == "council-tax-exemption")
    assert can_get(offer, YoungPerson(age=24, status="care-leaver"))
    assert not can_get(offer, YoungPerson(age=25, status="care-leaver"))
    assert not can_get(offer, YoungPerson(age=17, status="care-leaver"))


def test_district_limits(shipped_bundle):
    offer = next(o for o in shipped_bundle.offers if o.slug == "council-tax-exemption")
    limited = offer.model_copy(update={"eligibility": offer.eligibility.model_copy(update={"districts": ["ashfield"]})})
    assert can_get(limited, YoungPerson(age=19, status="care-leaver", district="ashfield"))
    assert not can_get(limited, YoungPerson(age=19, status="care-leaver", district="gedling"))
    assert can_get(limited, YoungPerson(age=19, status="care-leaver", district=None))


def test_money_adds_up_per_period_and_keeps_qualifiers(shipped_bundle):
    person = YoungPerson(age=19, status="care-leaver", situations=frozenset({"at-university"}))
    city = offers_for([o for o in shipped_bundle.offers if o.area == "nottingham"], person)
    totals = {t.period: t for t in money_totals(city)}
    expected = sum(o.amount.pounds for o in city if o.amount and o.amount.period is Period.NOT_STATED)
    assert totals[Period.NOT_STATED].pounds == expected > Decimal(0)
    assert totals[Period.NOT_STATED].includes_at_least  # "at least £2,000", the source says not how often


def test_status_is_a_rule_on_its_own(shipped_bundle):
    """Every shipped offer, at every age it allows: only the statuses it names can get it."""
    statuses = {s.id for s in shipped_bundle.situations if s.kind == "status"}
    checked = 0
    for offer in shipped_bundle.offers:
        rules = offer.eligibility
        situations = frozenset(rules.situations) | frozenset(rules.older_if)
        for age in range(rules.min_age, rules.max_age + 1):
            for status in statuses:
                person = YoungPerson(age=age, status=status, situations=situations,
                                     district=rules.districts[0] if rules.districts else None)
                assert can_get(offer, person) == (status in rules.who), (offer.slug, age, status)
                checked += status not in rules.who
    assert checked > 100  # the shipped content has offers that some statuses cannot get


def test_an_offer_for_looked_after_young_people_is_not_shown_to_a_care_leaver(shipped_bundle):
    offer = next(o for o in shipped_bundle.offers if o.slug == "council-tax-exemption")
    only_in_care = offer.model_copy(update={"eligibility": offer.eligibility.model_copy(
        update={"who": ["looked-after"], "min_age": 16})})
    assert can_get(only_in_care, YoungPerson(age=17, status="looked-after"))
    assert not can_get(only_in_care, YoungPerson(age=17, status="care-leaver"))
    assert offers_for([only_in_care], YoungPerson(age=19, status="care-leaver")) == []


@pytest.fixture
def offer(shipped_bundle):
    """An offer any 19-year-old care leaver can get, with the title and money a test gives it."""
    base = next(o for o in shipped_bundle.offers if o.slug == "council-tax-exemption")

    def make(slug, title, pounds=None, period=Period.ONE_OFF, qualifier=Qualifier.EXACTLY):
        amount = Amount(pounds=Decimal(pounds), period=period, qualifier=qualifier) if pounds else None
        return base.model_copy(update={"slug": slug, "title": title, "amount": amount})

    return make


def test_money_first_largest_first_then_by_title_in_any_case(offer):
    offers = [offer("bus", "Bus pass"), offer("bursary", "Bursary", "500"), offer("advice", "advice"),
              offer("home", "Setting up home grant", "2000")]
    found = offers_for(offers, YoungPerson(age=19, status="care-leaver"))
    assert [o.slug for o in found] == ["home", "bursary", "advice", "bus"]


def test_totals_per_period_say_whether_some_of_it_is_up_to_or_at_least(offer):
    offers = [offer("a", "A", "500", qualifier=Qualifier.UP_TO), offer("b", "B", "1000"), offer("c", "C"),
              offer("d", "D", "30", Period.PER_WEEK), offer("e", "E", "2000", Period.PER_YEAR, Qualifier.AT_LEAST)]
    assert money_totals(offers) == [
        MoneyTotal(Period.ONE_OFF, Decimal("1500"), includes_up_to=True, includes_at_least=False),
        MoneyTotal(Period.PER_YEAR, Decimal("2000"), includes_up_to=False, includes_at_least=True),
        MoneyTotal(Period.PER_WEEK, Decimal("30"), includes_up_to=False, includes_at_least=False),
    ]
    assert money_totals([offer("c", "C")]) == []


@pytest.mark.parametrize(("age", "situations", "expected"), [
    (20, set(), True),  # usually until the 21st birthday
    (21, set(), False),
    (22, {"disabled"}, True),  # source 002: up to seven more years with a disability
    (24, {"at-university"}, True),  # ... or in full-time education
    (25, {"disabled"}, False),
    (22, {"in-work"}, False),
])
def test_staying_put_lasts_longer_only_for_those_the_source_names(shipped_bundle, age, situations, expected):
    offer = next(o for o in shipped_bundle.offers if o.slug == "staying-put")
    person = YoungPerson(age=age, status="care-leaver", situations=frozenset({"with-foster-carer", *situations}))
    assert can_get(offer, person) is expected

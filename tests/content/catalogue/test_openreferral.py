"""The Open Referral UK records and API functions, without the web: query parsing, paging, filters,
and record details the shipped content does not reach (a district-limited offer)."""

from __future__ import annotations

import datetime as dt

import pytest

from content.catalogue.openreferral import offer_terms, service_id, service_record, service_summary
from content.catalogue.openreferral_api import BadQuery, Paging, ServiceFilter, paged, parse_date_time, services_page
from content.catalogue.snapshot import catalogue_from_bundle

UTC = dt.UTC


@pytest.fixture(scope="module")
def catalogue(shipped_bundle):
    return catalogue_from_bundle(shipped_bundle)


def page_url(offer) -> str:
    return f"https://example.org/{offer.area}/offers/{offer.slug}"


@pytest.mark.parametrize(("text", "expected"), [
    ("2025-01-31T10:20:30Z", dt.datetime(2025, 1, 31, 10, 20, 30, tzinfo=UTC)),
    ("2025-01-31t10:20:30z", dt.datetime(2025, 1, 31, 10, 20, 30, tzinfo=UTC)),
    ("2025-01-31", dt.datetime(2025, 1, 31, tzinfo=UTC)),
    ("2025-01-31T10:20:30", dt.datetime(2025, 1, 31, 10, 20, 30, tzinfo=UTC)),
    ("2025-01-31T10:20:30.1234567+01:00",
     dt.datetime(2025, 1, 31, 10, 20, 30, 123456, tzinfo=dt.timezone(dt.timedelta(hours=1)))),
    ("2025-01-31T10:20:30 01:00", dt.datetime(2025, 1, 31, 9, 20, 30, tzinfo=UTC)),  # "+" sent unencoded
    ("2025-01-31T10:20:30-05:30", dt.datetime(2025, 1, 31, 15, 50, 30, tzinfo=UTC)),
    ("2016-12-31T23:59:60Z", dt.datetime(2016, 12, 31, 23, 59, 59, tzinfo=UTC)),  # a leap second
])
def test_date_times_that_are_accepted(text, expected):
    assert parse_date_time(text) == expected


@pytest.mark.parametrize("text", ["yesterday", "2025-13-01", "2025-02-30", "31/01/2025", "2025-01-31T25:00:00Z",
                                  "2025-01-31T10:20Z", "２０２５-01-31"])
def test_date_times_that_are_refused(text):
    with pytest.raises(ValueError):
        parse_date_time(text)


def test_paging_defaults_and_limits():
    assert Paging.from_args({}) == Paging(1, 50)
    assert Paging.from_args({"page": " 3 ", "per_page": "100"}) == Paging(3, 100)
    assert Paging.from_args({"page": ""}) == Paging(1, 50)
    for args in ({"page": "0"}, {"page": "+1"}, {"page": "1_0"}, {"per_page": "101"}, {"per_page": "-1"}):
        with pytest.raises(BadQuery, match=f"^{next(iter(args))} must be a whole number from 1 to "):
            Paging.from_args(args)


@pytest.mark.parametrize("args", [{"minimum_age": "abc"}, {"maximum_age": "nan"}, {"minimum_age": "-inf"},
                                  {"modified_after": "soon"}])
def test_bad_filters_name_the_parameter(args):
    with pytest.raises(BadQuery, match=f"^{next(iter(args))} must be"):
        ServiceFilter.from_args(args)


def test_an_empty_list_is_one_empty_first_and_last_page():
    assert paged([], Paging(), dict) == {"total_items": 0, "total_pages": 0, "page_number": 1, "size": 0,
                                         "first_page": True, "last_page": True, "empty": True, "contents": []}


def test_pages_split_the_list_without_gaps_or_repeats():
    items = list(range(23))
    seen = [x for p in (1, 2, 3) for x in paged(items, Paging(p, 10), lambda x: {"x": x})["contents"]]
    assert [s["x"] for s in seen] == items
    last = paged(items, Paging(3, 10), lambda x: {"x": x})
    assert (last["size"], last["last_page"], last["total_pages"]) == (3, True, 3)


def nulls(value: object) -> bool:
    if isinstance(value, dict):
        return any(v is None or nulls(v) for v in value.values())
    if isinstance(value, list):
        return any(v is None or nulls(v) for v in value)
    return False


def test_no_record_holds_a_null(catalogue):
    for offer in catalogue.offers:
        assert not nulls(service_record(catalogue, offer, page_url)), offer.slug
        assert not nulls(service_summary(catalogue, offer, page_url)), offer.slug


def test_money_is_described_as_paid_to_the_young_person(catalogue):
    ykym = catalogue.offer("nottinghamshire", "you-know-your-mind")
    record = service_record(catalogue, ykym, page_url)
    assert record["fees"] == "Free. You are paid, not charged: up to £500."
    assert record["cost_options"][0]["amount_description"] == "Up to £500, paid to the young person"
    assert service_record(catalogue, catalogue.offer("nottingham", "advocacy"), page_url)["fees"] == "Free"


def test_service_areas(catalogue):
    county = catalogue.offer("nottinghamshire", "you-know-your-mind")
    assert len(service_record(catalogue, county, page_url)["service_areas"]) == 7  # every district
    limited = county.model_copy(update={"eligibility": county.eligibility.model_copy(
        update={"districts": ["gedling", "mansfield"]})})
    areas = service_record(catalogue, limited, page_url)["service_areas"]
    assert [a["service_area"] for a in areas] == ["Gedling", "Mansfield"]
    city = service_record(catalogue, catalogue.offer("nottingham", "advocacy"), page_url)["service_areas"]
    assert [a["service_area"] for a in city] == ["Nottingham"]


def test_terms_of_an_offer(catalogue):
    staying_put = catalogue.offer("nottingham", "staying-put")
    terms = offer_terms(catalogue, staying_put)
    assert [(t.link_type, t.code, t.name) for t in terms] == [
        ("category", "housing", "Housing"), ("eligibility", "care-leaver", "Care leaver"),
        ("eligibility", "with-foster-carer", "With foster carer")]
    languages = service_record(catalogue, staying_put, page_url)["languages"]
    assert [(lang["code"], lang["name"]) for lang in languages] == [
        ("en", "English"), ("ar", "Arabic"), ("fa", "Persian"), ("ps", "Pashto")]


def test_service_ids_keep_their_scheme(catalogue):
    ykym = catalogue.offer("nottinghamshire", "you-know-your-mind")
    assert service_id(ykym) == "29d927b3-f64f-5554-aaf2-c3bd6cc0d585"


def test_filters_on_the_catalogue(catalogue):
    def names(**args: str) -> set[str]:
        return {s["name"] for s in services_page(catalogue, "nottingham", page_url, {"per_page": "100", **args})
                ["contents"]}

    every = {o.title for o in catalogue.offers_in("nottingham")}
    assert names() == every
    assert names(minimum_age="17", maximum_age="20") == {o.title for o in catalogue.offers_in("nottingham")
                                                        if o.eligibility.min_age >= 17 and o.eligibility.max_age <= 20}
    assert names(search="  STAYING   put ") == {"Staying Put with your foster carer after 18"}  # every word, any case
    assert names(search="staying nowhere") == set()
    assert names(modified_after="2999-01-01") == set()

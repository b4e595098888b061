"""An offer in another language: translated words where there are some, English field by field otherwise."""

from __future__ import annotations

import datetime as dt

import pytest
from pydantic import ValidationError

from content.catalogue.schema import Eligibility, LocalisedOffer, OfferTranslation


@pytest.fixture
def offer(shipped_bundle):
    base = next(o for o in shipped_bundle.offers if o.slug == "council-tax-exemption")
    return base.model_copy(update={"translations": {
        "ar": OfferTranslation(title="إعفاء", summary="ملخص", body="النص", how_to_get_it=["اسأل"]),
        "fa": OfferTranslation(title="معافیت", summary="خلاصه"),
        "ps": OfferTranslation(title="معافیت", summary="لنډیز", body="متن"),
    }})


def test_a_full_translation(offer):
    assert offer.localised("ar") == LocalisedOffer("إعفاء", "ملخص", "النص", ("اسأل",), True, False)


def test_what_is_not_translated_is_shown_in_english(offer):
    assert offer.localised("fa") == LocalisedOffer("معافیت", "خلاصه", offer.body, tuple(offer.how_to_get_it), False,
                                                   False)
    assert offer.localised("ps") == LocalisedOffer("معافیت", "لنډیز", "متن", tuple(offer.how_to_get_it), False,
                                                   False)


def test_a_language_with_no_translation_is_english(offer):
    assert offer.localised("en") == LocalisedOffer(offer.title, offer.summary, offer.body,
                                                   tuple(offer.how_to_get_it), False, True)


def test_a_checked_translation_says_who_and_when(offer):
    checked = OfferTranslation(title="إعفاء", summary="ملخص", checked_by="A. Fluent reader", checked_on="2026-11-24")
    assert offer.model_copy(update={"translations": {"ar": checked}}).localised("ar").checked
    with pytest.raises(ValueError, match="checked_by and checked_on go together"):
        OfferTranslation(title="إعفاء", summary="ملخص", checked_by="A. Fluent reader")


def test_an_offer_may_have_ended_only_after_its_last_year(offer):
    assert not offer.model_copy(update={"running_until": None}).may_have_ended(dt.date(2099, 1, 1))
    dated = offer.model_copy(update={"running_until": 2026})
    assert not dated.may_have_ended(dt.date(2026, 12, 31))  # still its last year
    assert dated.may_have_ended(dt.date(2027, 1, 1))


@pytest.mark.parametrize(("usual", "refused"), [(16, False), (20, False), (24, True), (15, True)])
def test_the_usual_age_limit_runs_from_the_lowest_age_to_below_the_highest(usual, refused):
    rules = {"min_age": 16, "max_age": 24, "usual_max_age": usual, "older_if": ["at-university"],
             "who": ["care-leaver"]}
    if not refused:
        assert Eligibility.model_validate(rules).usual_max_age == usual
        return
    with pytest.raises(ValidationError, match="usual_max_age must be from min_age to below max_age"):
        Eligibility.model_validate(rules)

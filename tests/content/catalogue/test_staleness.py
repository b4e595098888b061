"""Offers that need checking: a year after their last review, or after the last year their source gives."""

from __future__ import annotations

import datetime as dt

from content.catalogue.staleness import stale_offers


def by_key(stale):
    return {(s.offer.area, s.offer.slug): s.reasons for s in stale}


def test_a_year_after_the_last_review_an_offer_is_due(shipped_bundle):
    offer = next(o for o in shipped_bundle.offers if o.slug == "council-tax-exemption")
    reviewed = offer.last_reviewed
    assert by_key(stale_offers([offer], reviewed + dt.timedelta(days=364))) == {}
    due = by_key(stale_offers([offer], reviewed + dt.timedelta(days=365)))
    assert due == {("nottinghamshire", "council-tax-exemption"): (
        f"review due since {(reviewed + dt.timedelta(days=365)).isoformat()} (last checked {reviewed.isoformat()})",)}


def test_after_the_last_year_its_source_gives_it_may_have_ended(shipped_bundle):
    offer = next(o for o in shipped_bundle.offers if o.slug == "care-2-work")
    assert by_key(stale_offers([offer], dt.date(2023, 12, 31))) == {}
    assert by_key(stale_offers([offer], dt.date(2024, 1, 1))) == {
        ("nottinghamshire", "care-2-work"): ("may have ended: its source says it ran until 2023",)}


def test_an_offer_shown_in_two_areas_is_listed_once(shipped_bundle):
    later = dt.date(2030, 1, 1)
    keys = by_key(stale_offers(shipped_bundle.offers, later))
    assert ("nottinghamshire", "ntu-care-leaver-bursary") in keys
    assert ("nottingham", "ntu-care-leaver-bursary") not in keys

"""Offers that need checking: past their yearly review, or past the last year their source says they run.

The sources describe young people and workers reviewing the offer every year, so an offer whose facts
were last confirmed more than a year ago is due. Listed by `flask content report` and on the staff
dashboard's "Needs checking" page, with each offer's source.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from content.catalogue.schema import Offer

REVIEW_EVERY = dt.timedelta(days=365)


@dataclass(frozen=True)
class StaleOffer:
    offer: Offer
    reasons: tuple[str, ...]

    @property
    def review_due(self) -> dt.date:
        return self.offer.last_reviewed + REVIEW_EVERY


def stale_offers(offers: Iterable[Offer], today: dt.date) -> list[StaleOffer]:
    """Each offer written in an area's folder (not its copies in other areas) that needs checking, oldest first."""
    found = []
    for offer in offers:
        if offer.shared_from is not None:
            continue
        reasons = []
        if today >= offer.last_reviewed + REVIEW_EVERY:
            reasons.append(f"review due since {(offer.last_reviewed + REVIEW_EVERY).isoformat()} "
                           f"(last checked {offer.last_reviewed.isoformat()})")
        if offer.may_have_ended(today):
            reasons.append(f"may have ended: its source says it ran until {offer.running_until}")
        if reasons:
            found.append(StaleOffer(offer, tuple(reasons)))
    return sorted(found, key=lambda s: (s.offer.last_reviewed, s.offer.area, s.offer.slug))

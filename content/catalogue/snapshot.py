"""The content as the running service reads it: an in-memory snapshot of the database.

Pages and chat answers are served from this snapshot, not from a query per request: it keeps
an offer page fast, and keeps it working for a while if the database goes away.
`read_catalogue` builds one from the database; `CatalogueCache` swaps in a new one when the
content fingerprint in the database changes (after `flask content load`).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, TypeVar

from pydantic import BaseModel
from sqlalchemy import select
from sqlalchemy.orm import Session

from content.catalogue.loader import ContentBundle, fingerprint
from content.catalogue.schema import Area, Category, CrisisLine, Offer, Situation, SituationKind, Source
from content.catalogue.tables import (
    AreaRow,
    CategoryRow,
    ContentStateRow,
    CrisisLineRow,
    LearnedQuestionRow,
    OfferRow,
    SituationRow,
    SourceRow,
)

M = TypeVar("M", bound=BaseModel)


class UnknownArea(LookupError):
    pass


@dataclass(frozen=True)
class Catalogue:
    fingerprint: str
    areas: tuple[Area, ...]
    categories: tuple[Category, ...]
    situations: tuple[Situation, ...]
    crisis_lines: tuple[CrisisLine, ...]
    sources: dict[str, Source]
    offers: tuple[Offer, ...]
    _by_key: dict[tuple[str, str], Offer] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self._by_key.update({(o.area, o.slug): o for o in self.offers})

    def area(self, area_id: str) -> Area:
        for area in self.areas:
            if area.id == area_id:
                return area
        raise UnknownArea(area_id)

    def has_area(self, area_id: str) -> bool:
        return any(a.id == area_id for a in self.areas)

    def category(self, category_id: str) -> Category | None:
        return next((c for c in self.categories if c.id == category_id), None)

    def offers_in(self, area_id: str, category_id: str | None = None) -> list[Offer]:
        """An area's offers (optionally one category), in title order."""
        found = [
            o for o in self.offers if o.area == area_id and (category_id is None or o.category == category_id)
        ]
        return sorted(found, key=lambda o: o.title.lower())

    def categories_in(self, area_id: str) -> list[tuple[Category, int]]:
        """The categories that have offers in an area, with how many, in the file's order."""
        counts: dict[str, int] = {}
        for o in self.offers:
            if o.area == area_id:
                counts[o.category] = counts.get(o.category, 0) + 1
        return [(c, counts[c.id]) for c in self.categories if c.id in counts]

    def offer(self, area_id: str, slug: str) -> Offer | None:
        return self._by_key.get((area_id, slug))

    def statuses(self) -> list[Situation]:
        return [s for s in self.situations if s.kind is SituationKind.STATUS]

    def doings(self) -> list[Situation]:
        return [s for s in self.situations if s.kind is SituationKind.SITUATION]


def catalogue_from_bundle(bundle: ContentBundle) -> Catalogue:
    """A snapshot straight from checked files, for tools that run without a database."""
    return Catalogue(
        fingerprint(bundle),
        bundle.areas,
        bundle.categories,
        bundle.situations,
        bundle.crisis_lines,
        {s.file: s for s in bundle.sources},
        bundle.offers,
    )


def read_catalogue(session: Session) -> Catalogue:
    """Build a snapshot of everything in the content tables."""
    state = session.get(ContentStateRow, 1)
    areas = _read_ordered(session, AreaRow, Area)
    categories = _read_ordered(session, CategoryRow, Category)
    situations = _read_ordered(session, SituationRow, Situation)
    crisis = _read_ordered(session, CrisisLineRow, CrisisLine)
    sources = {r.file: Source(file=r.file, title=r.title) for r in session.scalars(select(SourceRow))}
    learned: dict[tuple[str, str], list[str]] = {}
    for row in session.scalars(select(LearnedQuestionRow).order_by(LearnedQuestionRow.id)):
        learned.setdefault((row.area_id, row.offer_slug), []).append(row.text)
    offers = tuple(
        _with_learned(_offer_from_row(r), learned)
        for r in session.scalars(select(OfferRow).order_by(OfferRow.id))
    )
    return Catalogue(state.fingerprint if state else "", areas, categories, situations, crisis, sources, offers)


def read_written_offers(session: Session) -> list[Offer]:
    """The offers as their files hold them: written in their own area, without taught questions."""
    rows = session.scalars(select(OfferRow).where(OfferRow.shared_from.is_(None)).order_by(OfferRow.id))
    return [_offer_from_row(r) for r in rows]


def written_offer(session: Session, area: str, slug: str) -> Offer | None:
    """One offer as its file holds it (written in this area, without taught questions), or None."""
    row = session.scalar(select(OfferRow).where(OfferRow.area_id == area, OfferRow.slug == slug,
                                                OfferRow.shared_from.is_(None)))
    return _offer_from_row(row) if row is not None else None


def _read_ordered(session: Session, row_type: type[Any], model: type[M]) -> tuple[M, ...]:
    """Rows of a table in file order, as domain objects (the row's columns less `position`)."""
    rows = session.scalars(select(row_type).order_by(row_type.position))
    return tuple(model.model_validate(_columns(r, exclude={"position"})) for r in rows)


def _with_learned(offer: Offer, learned: dict[tuple[str, str], list[str]]) -> Offer:
    """The offer with questions staff taught the matcher added to its example questions."""
    extra = learned.get((offer.area, offer.slug))
    if not extra:
        return offer
    return offer.model_copy(update={"example_questions": [*offer.example_questions, *extra]})


def _columns(row: object, exclude: set[str]) -> dict[str, object]:
    table = row.__table__  # type: ignore[attr-defined]
    return {c.key: getattr(row, c.key) for c in table.columns if c.key not in exclude}


def _offer_from_row(row: OfferRow) -> Offer:
    amount = None
    if row.amount_pounds is not None:
        amount = {"pounds": Decimal(row.amount_pounds), "period": row.amount_period, "qualifier": row.amount_qualifier}
    return Offer.model_validate(
        {
            "area": row.area_id,
            "slug": row.slug,
            "title": row.title,
            "summary": row.summary,
            "body": row.body,
            "category": row.category_id,
            "amount": amount,
            "eligibility": {
                "min_age": row.min_age,
                "max_age": row.max_age,
                "usual_max_age": row.usual_max_age,
                "older_if": row.older_if,
                "who": row.who,
                "situations": row.situations,
                "districts": row.districts,
            },
            "how_to_get_it": row.how_to_get_it,
            "contact": row.contact,
            "keywords": row.keywords,
            "example_questions": row.example_questions,
            "source": row.source,
            "last_reviewed": row.last_reviewed,
            "running_until": row.running_until,
            "also_in": row.also_in,
            "shared_from": row.shared_from,
            "translations": row.translations,
        }
    )


class CatalogueCache:
    """Holds the current Catalogue; checks the database fingerprint at most every `check_every` s.

    If the database cannot be reached, the last good snapshot keeps being served.
    """

    def __init__(self, session_factory: Callable[[], Session], check_every: float = 30.0):
        self._session_factory = session_factory
        self._check_every = check_every
        self._lock = threading.Lock()
        self._current: Catalogue | None = None
        self._checked_at = 0.0

    def get(self) -> Catalogue:
        now = time.monotonic()
        if self._current is not None and now - self._checked_at < self._check_every:
            return self._current
        with self._lock:
            if self._current is not None and now - self._checked_at < self._check_every:
                return self._current
            self._checked_at = now
            try:
                self._refresh()
            except Exception:
                # A database outage must not take pages down while we hold a good snapshot.
                if self._current is None:
                    raise
            assert self._current is not None
            return self._current

    def invalidate(self) -> None:
        self._checked_at = 0.0

    def _refresh(self) -> None:
        with self._session_factory() as session:
            state = session.get(ContentStateRow, 1)
            fp = state.fingerprint if state else ""
            if self._current is None or self._current.fingerprint != fp:
                self._current = read_catalogue(session)

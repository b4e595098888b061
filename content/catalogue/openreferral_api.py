"""The Open Referral UK 3.0 API of an area, as plain functions: paging, filters, and look-ups by id.

Query parameters arrive as strings (any mapping of name to value); anything the API cannot use raises
`BadQuery` with a message that names the parameter and says what it must be, so a directory's developer
can fix the call. A parameter given empty counts as not given: some clients send every field of a form.
Filters follow the profile's OpenAPI document (schema/openapi.json): `minimum_age` keeps services whose
minimum age is at least the value, `maximum_age` those whose maximum age is at most the value.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from content.catalogue.openreferral import (
    TAXONOMIES,
    PageUrl,
    last_modified,
    offer_terms,
    service_id,
    service_record,
    service_summary,
    taxonomy_id,
    taxonomy_record,
    term_record,
    terms,
)
from content.catalogue.schema import Offer
from content.catalogue.snapshot import Catalogue

T = TypeVar("T")

DEFAULT_PER_PAGE = 50
MAX_PER_PAGE = 100
MAX_PAGE = 1_000_000  # far past any real listing; a bound keeps the documented range finite

# RFC 3339 date-time (any case of T and Z, any number of fraction digits, a leap second), or a bare date.
# The offset's sign may be a space: an unencoded "+" in a query string arrives as one.
_DATE_TIME = re.compile(
    r"([0-9]{4})-([0-9]{2})-([0-9]{2})"
    r"(?:[Tt ]([0-9]{2}):([0-9]{2}):([0-9]{2})(?:\.([0-9]+))?([Zz]|[-+ ][0-9]{2}:[0-9]{2})?)?"
)


class BadQuery(ValueError):
    """A query parameter the API cannot use; the message names it and says what it must be."""


def _given(args: Mapping[str, str], name: str) -> str | None:
    value = args.get(name)
    return value.strip() if value and value.strip() else None


def _whole_number(args: Mapping[str, str], name: str, default: int, highest: int) -> int:
    value = _given(args, name)
    if value is None:
        return default
    # Only ASCII digits: int() would also take "+1", "1_000" and other scripts' digits.
    if not re.fullmatch(r"[0-9]{1,9}", value) or not 1 <= int(value) <= highest:
        raise BadQuery(f"{name} must be a whole number from 1 to {highest:,}")
    return int(value)


def _number(args: Mapping[str, str], name: str) -> float | None:
    value = _given(args, name)
    if value is None:
        return None
    try:
        number = float(value)
    except ValueError:
        number = math.nan
    if not math.isfinite(number):
        raise BadQuery(f"{name} must be a number, such as 18")
    return number


def parse_date_time(value: str) -> dt.datetime:
    """An RFC 3339 date-time or a date, as an aware datetime (UTC when no offset is given)."""
    found = _DATE_TIME.fullmatch(value)
    if not found:
        raise ValueError(value)
    year, month, day, hour, minute, second, fraction, offset = found.groups()
    zone = dt.UTC
    if offset and offset.upper() != "Z":
        sign = -1 if offset[0] == "-" else 1
        zone = dt.timezone(sign * dt.timedelta(hours=int(offset[1:3]), minutes=int(offset[4:6])))
    return dt.datetime(
        int(year), int(month), int(day), int(hour or 0), int(minute or 0),
        min(int(second or 0), 59),  # a leap second (:60) counts as the second before it
        int((fraction or "0")[:6].ljust(6, "0")), tzinfo=zone,
    )


@dataclass(frozen=True)
class Paging:
    page: int = 1
    per_page: int = DEFAULT_PER_PAGE

    @classmethod
    def from_args(cls, args: Mapping[str, str]) -> Paging:
        page = _whole_number(args, "page", 1, MAX_PAGE)
        return cls(page, _whole_number(args, "per_page", DEFAULT_PER_PAGE, MAX_PER_PAGE))


def paged(items: Sequence[T], paging: Paging, record: Callable[[T], dict[str, Any]]) -> dict[str, Any]:
    """One page in the profile's envelope. A page past the end is empty, not the last page again,
    so a client that reads until `empty` stops."""
    total_pages = math.ceil(len(items) / paging.per_page)
    start = (paging.page - 1) * paging.per_page
    chunk = items[start : start + paging.per_page]
    return {
        "total_items": len(items),
        "total_pages": total_pages,
        "page_number": paging.page,
        "size": len(chunk),
        "first_page": paging.page == 1,
        "last_page": paging.page >= total_pages,
        "empty": not chunk,
        "contents": [record(item) for item in chunk],
    }


@dataclass(frozen=True)
class ServiceFilter:
    """The profile's `/services` filters that apply to offers. Schedules (day, start_time, end_time)
    and places (postcode, proximity) do not: offers have neither, so those parameters are ignored."""

    modified_after: dt.datetime | None = None
    taxonomy_term_id: str | None = None
    taxonomy_id: str | None = None
    minimum_age: float | None = None
    maximum_age: float | None = None
    search: tuple[str, ...] = ()

    @classmethod
    def from_args(cls, args: Mapping[str, str]) -> ServiceFilter:
        modified_after = None
        if (value := _given(args, "modified_after")) is not None:
            try:
                modified_after = parse_date_time(value)
            except ValueError:
                raise BadQuery("modified_after must be a date-time such as 2025-01-31T00:00:00Z, "
                               "or a date such as 2025-01-31") from None
        term = _given(args, "taxonomy_term_id")
        taxonomy = _given(args, "taxonomy_id")
        return cls(
            modified_after=modified_after,
            taxonomy_term_id=term.lower() if term else None,
            taxonomy_id=taxonomy.lower() if taxonomy else None,
            minimum_age=_number(args, "minimum_age"),
            maximum_age=_number(args, "maximum_age"),
            search=tuple((_given(args, "search") or "").casefold().split()),
        )

    def matches(self, catalogue: Catalogue, offer: Offer) -> bool:
        rules = offer.eligibility
        if self.modified_after is not None and last_modified(offer) < self.modified_after:
            return False
        if self.minimum_age is not None and rules.min_age < self.minimum_age:
            return False
        if self.maximum_age is not None and rules.max_age > self.maximum_age:
            return False
        if self.taxonomy_term_id or self.taxonomy_id:
            found = offer_terms(catalogue, offer)
            if self.taxonomy_term_id and self.taxonomy_term_id not in {t.id for t in found}:
                return False
            if self.taxonomy_id and self.taxonomy_id not in {taxonomy_id(t.taxonomy) for t in found}:
                return False
        if self.search:
            text = " ".join([offer.title, offer.summary, offer.body, *offer.keywords]).casefold()
            return all(word in text for word in self.search)
        return True


def services_page(catalogue: Catalogue, area_id: str, page_url: PageUrl, args: Mapping[str, str]) -> dict[str, Any]:
    """`/services`: the area's offers (title order) that pass the filters, one page of one-to-one records."""
    paging, wanted = Paging.from_args(args), ServiceFilter.from_args(args)
    offers = [o for o in catalogue.offers_in(area_id) if wanted.matches(catalogue, o)]
    return paged(offers, paging, lambda o: service_summary(catalogue, o, page_url))


def service(catalogue: Catalogue, area_id: str, sid: str, page_url: PageUrl) -> dict[str, Any] | None:
    """`/services/{id}`: the fully nested service, or None when the area has no service with that id."""
    found = next((o for o in catalogue.offers_in(area_id) if service_id(o) == sid.lower()), None)
    return service_record(catalogue, found, page_url) if found else None


def taxonomies_page(catalogue: Catalogue, args: Mapping[str, str]) -> dict[str, Any]:
    return paged(list(TAXONOMIES), Paging.from_args(args), lambda t: taxonomy_record(catalogue, t, with_terms=False))


def taxonomy(catalogue: Catalogue, tid: str) -> dict[str, Any] | None:
    found = next((t for t in TAXONOMIES if taxonomy_id(t) == tid.lower()), None)
    return taxonomy_record(catalogue, found, with_terms=True) if found else None


def taxonomy_terms_page(catalogue: Catalogue, args: Mapping[str, str]) -> dict[str, Any]:
    return paged(terms(catalogue), Paging.from_args(args), term_record)


def taxonomy_term(catalogue: Catalogue, term_id: str) -> dict[str, Any] | None:
    found = next((t for t in terms(catalogue) if t.id == term_id.lower()), None)
    return term_record(found) if found else None

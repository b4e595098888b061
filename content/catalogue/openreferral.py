"""Open Referral UK 3.0 records: an area's offers as ORUK services, so council directories can import them.

The records follow the UK profile (OpenReferralUK/uk-profile, HSDS-UK-3.0) and its compiled schemas:
a key with no value is left out, never null, because the profile types every field and null is not a
string. Who an offer is for and its category are taxonomy terms, linked by the service's `attributes`
(HSDS 3.0 dropped the old `eligibilitys` and `service_taxonomys` lists); ages sit on the service.

Ids are UUIDs made from the area and slug in this service's namespace, so they are the same after every
content load and an import can update a record rather than duplicate it. Rows that belong to one service
(cost options, contacts, ...) include the slug, so no two rows in a directory's tables share an id.
`openreferral_api.py` pages and filters these records; the web layer only serves them.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from babel import Locale

from content.catalogue.money import amount_text
from content.catalogue.schema import Area, Offer, Situation
from content.catalogue.snapshot import Catalogue

NAMESPACE = uuid.UUID("6f1f1d2e-6a2b-4c8e-9d0a-2c6f0b3a5e17")  # this service's; never change it

# The ORUK validator reads `version` from the API's "/" to choose the standard it tests against;
# "HSDS-UK-3.0" is the form it documents. `openapi_url` names the profile's own OpenAPI document,
# since that (not this project's /api/v1/openapi.json) describes the paths under each area's base.
ORUK_VERSION = "HSDS-UK-3.0"
PROFILE_URL = "https://github.com/OpenReferralUK/uk-profile"
PROFILE_OPENAPI_URL = "https://raw.githubusercontent.com/OpenReferralUK/uk-profile/main/schema/openapi.json"

CATEGORIES = "local-offer-categories"
ELIGIBILITY = "local-offer-eligibility"
TAXONOMIES: dict[str, tuple[str, str]] = {  # id part -> (name, description)
    CATEGORIES: ("Local offer categories", "The groups the local offer for care leavers is shown in."),
    ELIGIBILITY: ("Who a local offer is for", "Care status (in care, care leaver) and situations "
                                              "(at university, in work, ...) of the young people an offer is for."),
}

PageUrl = Callable[[Offer], str]


def stable_id(*parts: str) -> str:
    return str(uuid.uuid5(NAMESPACE, "/".join(parts)))


def service_id(offer: Offer) -> str:
    """The service's id; the scheme is the one the first export used, so directories keep their records."""
    return stable_id("service", offer.area, offer.slug)


def taxonomy_id(taxonomy: str) -> str:
    return stable_id("taxonomy", taxonomy)


@dataclass(frozen=True)
class Term:
    """One taxonomy term: a category, or a care status or situation an offer is for."""

    taxonomy: str  # CATEGORIES or ELIGIBILITY
    code: str  # the content's own id: "housing", "care-leaver"
    name: str
    description: str

    @property
    def id(self) -> str:
        return stable_id("taxonomy_term", self.taxonomy, self.code)

    @property
    def link_type(self) -> str:
        return "category" if self.taxonomy == CATEGORIES else "eligibility"


def _situation_term(situation: Situation) -> Term:
    # Labels are written for young people ("I have left care"); directories list terms by name,
    # so the name comes from the id ("Care leaver") and the label becomes the description.
    return Term(ELIGIBILITY, situation.id, situation.id.replace("-", " ").capitalize(), situation.label)


def terms(catalogue: Catalogue) -> list[Term]:
    """Every term: the categories, then the care statuses and situations, in the content files' order."""
    categories = [Term(CATEGORIES, c.id, c.name, c.description) for c in catalogue.categories]
    return categories + [_situation_term(s) for s in catalogue.situations]


def offer_terms(catalogue: Catalogue, offer: Offer) -> list[Term]:
    """The offer's category, then who it is for (care statuses, then situations)."""
    by_key = {(t.taxonomy, t.code): t for t in terms(catalogue)}
    keys = [(CATEGORIES, offer.category)]
    keys += [(ELIGIBILITY, code) for code in offer.eligibility.who + offer.eligibility.situations]
    # A code missing from the vocabulary cannot happen after the loader's checks; skip rather than invent.
    return [by_key[k] for k in keys if k in by_key]


def term_record(term: Term) -> dict[str, Any]:
    return {"id": term.id, "name": term.name, "description": term.description, "taxonomy": term.taxonomy,
            "taxonomy_id": taxonomy_id(term.taxonomy), "term": term.code}


def taxonomy_record(catalogue: Catalogue, taxonomy: str, with_terms: bool) -> dict[str, Any]:
    name, description = TAXONOMIES[taxonomy]
    record: dict[str, Any] = {"id": taxonomy_id(taxonomy), "name": name, "description": description}
    if with_terms:
        record["taxonomy_terms"] = [term_record(t) for t in terms(catalogue) if t.taxonomy == taxonomy]
    return record


def api_meta() -> dict[str, str]:
    """The body of an area's ORUK "/": the standard it follows, and where that is defined."""
    return {"version": ORUK_VERSION, "profile": PROFILE_URL, "openapi_url": PROFILE_OPENAPI_URL}


def last_modified(offer: Offer) -> dt.datetime:
    """When the offer last changed, as far as the content says: the day it was last reviewed (UTC)."""
    return dt.datetime.combine(offer.last_reviewed, dt.time(), tzinfo=dt.UTC)


def organization_record(area: Area) -> dict[str, Any]:
    return {
        "id": stable_id("organization", area.id),
        "name": area.council,
        "description": f"{area.council} publishes the local offer for care leavers in {area.name}: "
                       "what young people in and leaving its care can get.",
        "website": area.local_offer_url,
    }


def _present(record: dict[str, Any]) -> dict[str, Any]:
    """The record without keys that have no value: the profile allows a missing key, never null."""
    return {k: v for k, v in record.items() if v is not None}


def _sentence_case(text: str) -> str:
    return text[:1].lower() + text[1:]


def _fees(offer: Offer) -> str:
    # An amount is money the young person is given (a grant, a bursary), not a charge: say so
    # here, where directories show the cost, so £500 is not read as a price.
    if offer.amount is None:
        return "Free"
    return f"Free. You are paid, not charged: {_sentence_case(amount_text(offer.amount, str))}."


def service_summary(catalogue: Catalogue, offer: Offer, page_url: PageUrl) -> dict[str, Any]:
    """The service's one-to-one fields and its organisation, as the profile's `/services` list carries them."""
    area = catalogue.area(offer.area)
    return _present({
        "id": service_id(offer),
        "organization_id": stable_id("organization", area.id),
        "name": offer.title,
        "description": f"{offer.summary}\n\n{offer.body}",
        "url": page_url(offer),
        "email": offer.contact.email,
        "status": "active",
        "fees": _fees(offer),
        "minimum_age": offer.eligibility.min_age,
        "maximum_age": offer.eligibility.max_age,
        "assured_date": offer.last_reviewed.isoformat(),
        "last_modified": last_modified(offer).isoformat().replace("+00:00", "Z"),
        # HSDS 3.0's field for "how to get it"; the UK profile has none, and directories that know HSDS use it.
        "application_process": " ".join(f"{i}. {step}" for i, step in enumerate(offer.how_to_get_it, 1)),
        "organization": organization_record(area),
    })


def service_record(catalogue: Catalogue, offer: Offer, page_url: PageUrl) -> dict[str, Any]:
    """The fully nested service of the profile's `/services/{id}`."""
    sid = service_id(offer)
    key = (offer.area, offer.slug)
    return {
        **service_summary(catalogue, offer, page_url),
        "service_areas": _service_areas(catalogue.area(offer.area), offer, sid),
        "languages": [{"id": stable_id("language", *key, code), "service_id": sid, "code": code,
                       "name": Locale.parse(code).get_display_name("en")} for code in ["en", *offer.translations]],
        "cost_options": _cost_options(offer, sid),
        "contacts": [_contact(offer, sid)],
        "attributes": [{"id": stable_id("attribute", *key, t.taxonomy, t.code), "link_id": sid,
                        "link_type": t.link_type, "link_entity": "service", "taxonomy_term_id": t.id,
                        "taxonomy_term": term_record(t)} for t in offer_terms(catalogue, offer)],
    }


def _service_areas(area: Area, offer: Offer, sid: str) -> list[dict[str, Any]]:
    """The districts the offer is limited to; else all the area's districts; else the area itself."""
    names = {d.id: d.name for d in area.districts}
    codes = offer.eligibility.districts or list(names)
    places = [(code, names.get(code, code)) for code in codes] or [(area.id, area.name)]
    return [{"id": stable_id("service_area", offer.area, offer.slug, code), "service_id": sid,
             "name": name, "service_area": name} for code, name in places]


def _cost_options(offer: Offer, sid: str) -> list[dict[str, Any]]:
    if offer.amount is None:
        return []
    amount = offer.amount
    return [{
        "id": stable_id("cost", offer.area, offer.slug),
        "service_id": sid,
        "option": amount.period.value,
        "amount": float(amount.pounds),
        "currency": "GBP",
        "amount_description": f"{amount_text(amount, str)}, paid to the young person",
    }]


def _contact(offer: Offer, sid: str) -> dict[str, Any]:
    key = (offer.area, offer.slug)
    contact = offer.contact
    phones = [{"id": stable_id("phone", *key), "number": contact.phone}] if contact.phone else None
    # The UK profile's contact has no email or phones; HSDS 3.0's has both, so they go there when known.
    return _present({"id": stable_id("contact", *key), "service_id": sid, "name": contact.who,
                     "email": contact.email, "phones": phones})

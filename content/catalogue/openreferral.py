"""Open Referral UK (ORUK) export: an area's offers as ORUK services, so council directories can import them.

Follows the ORUK service record (id, name, description, url, status, organization, eligibilitys,
cost_options, contacts, service_areas, languages) in the paginated envelope of the ORUK API.
Ids are stable UUIDs made from the area and slug, so an import can update rather than duplicate.
"""

from __future__ import annotations

import uuid
from typing import Any

from babel import Locale

from content.catalogue.schema import Offer
from content.catalogue.snapshot import Catalogue

NAMESPACE = uuid.UUID("6f1f1d2e-6a2b-4c8e-9d0a-2c6f0b3a5e17")  # this service's; never change it


def stable_id(*parts: str) -> str:
    return str(uuid.uuid5(NAMESPACE, "/".join(parts)))


def _service(catalogue: Catalogue, offer: Offer, page_url: str) -> dict[str, Any]:
    area = catalogue.area(offer.area)
    sid = stable_id("service", offer.area, offer.slug)
    category = catalogue.category(offer.category)
    who = {s.id: s.label for s in catalogue.situations}
    eligibility = "; ".join(who.get(w, w) for w in offer.eligibility.who + offer.eligibility.situations)
    cost_options = []
    if offer.amount:
        cost_options.append({
            "id": stable_id("cost", offer.area, offer.slug),
            "option": offer.amount.period.value,
            "amount": float(offer.amount.pounds),
            "currency": "GBP",
            "amount_description": f"{offer.amount.qualifier.value.replace('-', ' ')} £{offer.amount.pounds} "
                                  f"({offer.amount.period.value}), paid to the young person",
        })
    contact = offer.contact
    districts = {d.id: d.name for d in area.districts}
    service_areas = [{"id": stable_id("area", offer.area, d), "service_area": districts.get(d, d)}
                     for d in offer.eligibility.districts] or [{"id": stable_id("area", offer.area),
                                                                "service_area": area.council}]
    return {
        "id": sid,
        "name": offer.title,
        "description": f"{offer.summary}\n\n{offer.body}",
        "url": page_url,
        "email": contact.email,
        "status": "active",
        "fees": "Free" if not offer.amount else None,
        "organization": {"id": stable_id("organization", area.id), "name": area.council,
                         "url": area.local_offer_url},
        "eligibilitys": [{
            "id": stable_id("eligibility", offer.area, offer.slug),
            "eligibility": eligibility,
            "minimum_age": offer.eligibility.min_age,
            "maximum_age": offer.eligibility.max_age,
        }],
        "cost_options": cost_options,
        "contacts": [{
            "id": stable_id("contact", offer.area, offer.slug),
            "name": contact.who,
            "phones": [{"id": stable_id("phone", offer.area, offer.slug), "number": contact.phone}]
            if contact.phone else [],
        }],
        "service_areas": service_areas,
        "languages": [{"id": stable_id("language", offer.area, offer.slug, code), "language": Locale.parse(code)
                       .get_display_name("en")} for code in ["en", *offer.translations]],
        "service_taxonomys": [{"id": stable_id("taxonomy", offer.category),
                               "taxonomy": {"id": offer.category, "name": category.name if category else offer.category,
                                            "vocabulary": "local-offer-categories"}}],
        "how_to_access": " ".join(f"{i}. {step}" for i, step in enumerate(offer.how_to_get_it, 1)),
        "source": offer.source,
        "assured_date": offer.last_reviewed.isoformat(),
    }


def services_page(catalogue: Catalogue, area_id: str, page_url, page: int = 1, per_page: int = 50) -> dict[str, Any]:
    """One page of the area's services in the ORUK API envelope. `page_url(offer)` gives each offer's page."""
    offers = catalogue.offers_in(area_id)
    total_pages = max(1, -(-len(offers) // per_page))
    page = min(max(1, page), total_pages)
    chunk = offers[(page - 1) * per_page : page * per_page]
    return {
        "total_items": len(offers),
        "total_pages": total_pages,
        "page_number": page,
        "size": len(chunk),
        "first_page": page == 1,
        "last_page": page == total_pages,
        "empty": not chunk,
        "contents": [_service(catalogue, o, page_url(o)) for o in chunk],
    }

"""Round trip: a council directory imports both areas' Open Referral UK feeds into a fresh store of its own,
reading ORUK fields only (nothing of our content files), and every offer's title, amount, ages, service
areas, category and who it is for come out as the content says.

The store is SQLite tables shaped like the profile's tabular form, with primary and foreign keys, so an
id used twice or an attribute pointing at a term the feed does not list fails the import.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from decimal import Decimal

import pytest

AREAS = ["nottingham", "nottinghamshire"]

TABLES = """
CREATE TABLE organization (id TEXT PRIMARY KEY, name TEXT NOT NULL, description TEXT NOT NULL);
CREATE TABLE taxonomy_term (id TEXT PRIMARY KEY, taxonomy TEXT NOT NULL, term TEXT NOT NULL, name TEXT NOT NULL);
CREATE TABLE service (id TEXT PRIMARY KEY, feed TEXT NOT NULL, name TEXT NOT NULL,
                      organization_id TEXT NOT NULL REFERENCES organization (id),
                      minimum_age REAL, maximum_age REAL);
CREATE TABLE cost_option (id TEXT PRIMARY KEY, service_id TEXT NOT NULL REFERENCES service (id),
                          option TEXT, amount REAL);
CREATE TABLE service_area (id TEXT PRIMARY KEY, service_id TEXT NOT NULL REFERENCES service (id),
                           service_area TEXT NOT NULL);
CREATE TABLE attribute (id TEXT PRIMARY KEY, link_id TEXT NOT NULL REFERENCES service (id),
                        taxonomy_term_id TEXT NOT NULL REFERENCES taxonomy_term (id), link_type TEXT NOT NULL);
"""


def pages(client, url: str) -> Iterator[dict]:
    """Every item of a paged ORUK list, following the envelope until its last page."""
    page = 1
    while True:
        data = client.get(f"{url}?page={page}&per_page=10").get_json()
        yield from data["contents"]
        if data["last_page"]:
            return
        page += 1


def import_feed(store: sqlite3.Connection, client, feed: str, base: str) -> int:
    """What a directory does with a feed's base URL; returns how many services it imported."""
    assert client.get(base + "/").get_json()["version"] == "HSDS-UK-3.0"
    for term in pages(client, f"{base}/taxonomy_terms"):
        # Both feeds list the same vocabulary: a term seen again must be the same term.
        store.execute("INSERT INTO taxonomy_term VALUES (?, ?, ?, ?) ON CONFLICT (id) DO NOTHING",
                      (term["id"], term["taxonomy"], term["term"], term["name"]))
        assert store.execute("SELECT term, name FROM taxonomy_term WHERE id = ?", (term["id"],)).fetchone() == (
            term["term"], term["name"])
    count = 0
    for listed in pages(client, f"{base}/services"):
        service = client.get(f"{base}/services/{listed['id']}").get_json()
        org = service["organization"]
        store.execute("INSERT INTO organization VALUES (?, ?, ?) ON CONFLICT (id) DO NOTHING",
                      (org["id"], org["name"], org["description"]))
        store.execute("INSERT INTO service VALUES (?, ?, ?, ?, ?, ?)",
                      (service["id"], feed, service["name"], service["organization_id"],
                       service.get("minimum_age"), service.get("maximum_age")))
        store.executemany("INSERT INTO cost_option VALUES (?, ?, ?, ?)",
                          [(c["id"], service["id"], c.get("option"), c.get("amount")) for c in service["cost_options"]])
        store.executemany("INSERT INTO service_area VALUES (?, ?, ?)",
                          [(a["id"], service["id"], a["service_area"]) for a in service["service_areas"]])
        store.executemany("INSERT INTO attribute VALUES (?, ?, ?, ?)",
                          [(a["id"], a["link_id"], a["taxonomy_term_id"], a["link_type"])
                           for a in service["attributes"]])
        count += 1
    return count


def imported(store: sqlite3.Connection) -> dict[tuple[str, str], dict]:
    """Each imported service's facts, read back from the store by (feed, name)."""
    found = {}
    for sid, feed, name, low, high in store.execute("SELECT id, feed, name, minimum_age, maximum_age FROM service"):
        terms = store.execute("SELECT a.link_type, t.term FROM attribute a JOIN taxonomy_term t "
                              "ON t.id = a.taxonomy_term_id WHERE a.link_id = ?", (sid,)).fetchall()
        found[(feed, name)] = {
            "ages": (low, high),
            "money": store.execute("SELECT amount, option FROM cost_option WHERE service_id = ?", (sid,)).fetchall(),
            "areas": sorted(r[0] for r in store.execute("SELECT service_area FROM service_area WHERE service_id = ?",
                                                         (sid,))),
            "category": [term for link, term in terms if link == "category"],
            "for": sorted(term for link, term in terms if link == "eligibility"),
        }
    return found


@pytest.fixture
def store() -> Iterator[sqlite3.Connection]:
    connection = sqlite3.connect(":memory:")
    connection.execute("PRAGMA foreign_keys = ON")
    connection.executescript(TABLES)
    yield connection
    connection.close()


def test_both_feeds_import_and_every_offer_survives(client, store, shipped_bundle):
    counts = {area: import_feed(store, client, area, f"/api/v1/areas/{area}/openreferral") for area in AREAS}
    areas = {a.id: a for a in shipped_bundle.areas}
    offers = [o for o in shipped_bundle.offers if o.area in AREAS]
    assert counts == {area: sum(o.area == area for o in offers) for area in AREAS}
    found = imported(store)
    assert set(found) == {(o.area, o.title) for o in offers}  # every title, once, in its own feed
    for offer in offers:
        got = found[(offer.area, offer.title)]
        assert got["ages"] == (offer.eligibility.min_age, offer.eligibility.max_age), offer.slug
        money = [(Decimal(str(amount)), option) for amount, option in got["money"]]
        assert money == ([(offer.amount.pounds, offer.amount.period.value)] if offer.amount else []), offer.slug
        # Service areas: the districts the offer is limited to, else every district, else the area itself.
        districts = {d.id: d.name for d in areas[offer.area].districts}
        expected = [districts[d] for d in offer.eligibility.districts] or list(districts.values())
        assert got["areas"] == sorted(expected or [areas[offer.area].name]), offer.slug
        assert got["category"] == [offer.category], offer.slug
        assert got["for"] == sorted(offer.eligibility.who + offer.eligibility.situations), offer.slug
    organizations = store.execute("SELECT name FROM organization ORDER BY name").fetchall()
    assert organizations == [("Nottingham City Council",), ("Nottinghamshire County Council",)]

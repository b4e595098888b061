"""One file format for offers: the files in git, `flask content export` and the dashboard's diffs.

The database is the truth once loaded; the export writes it back. These tests show that an export in
which nothing changed changes no byte, and that what changed in the database reaches the files.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import yaml
from sqlalchemy import delete, select

from content.catalogue.loader import CONTENT_ROOT, load_content, read_content
from content.catalogue.offer_files import offer_file_text, write_offer_files
from content.catalogue.snapshot import read_written_offers
from content.catalogue.tables import OfferRow
from tests.conftest import content_copy


def test_every_shipped_offer_file_is_in_the_export_format(shipped_bundle):
    # A hand edit in another style fails here: `flask content format` rewrites it.
    for offer in shipped_bundle.offers:
        if offer.shared_from is None:
            path = CONTENT_ROOT / "offers" / offer.area / f"{offer.slug}.yaml"
            assert path.read_text(encoding="utf-8") == offer_file_text(offer), f"{path}: run flask content format"


def test_export_after_a_load_changes_no_byte(sessions, shipped_bundle, tmp_path: Path):
    root = content_copy(tmp_path)
    before = {p: p.read_bytes() for p in (root / "offers").glob("*/*.yaml")}
    with sessions() as s:
        load_content(s, shipped_bundle)
    with sessions() as s:
        offers = read_written_offers(s)
    written, removed = write_offer_files(root, offers)
    assert (written, removed) == ([], [])
    assert {p: p.read_bytes() for p in (root / "offers").glob("*/*.yaml")} == before


def test_a_change_in_the_database_reaches_only_its_file(sessions, shipped_bundle, tmp_path: Path):
    root = content_copy(tmp_path)
    with sessions() as s:
        load_content(s, shipped_bundle)
    with sessions() as s, s.begin():
        row = s.scalar(select(OfferRow).where(OfferRow.area_id == "nottingham", OfferRow.slug == "staying-put"))
        row.summary = "A new summary in plain words."
        row.amount_pounds, row.amount_period, row.amount_qualifier = "12.50", "per-week", "up-to"
        s.execute(delete(OfferRow).where(OfferRow.area_id == "nottinghamshire", OfferRow.slug == "volunteering"))
    with sessions() as s:
        written, removed = write_offer_files(root, read_written_offers(s))
    assert written == [root / "offers/nottingham/staying-put.yaml"]
    assert removed == [root / "offers/nottinghamshire/volunteering.yaml"]
    data = yaml.safe_load(written[0].read_text(encoding="utf-8"))
    assert data["summary"] == "A new summary in plain words."
    assert data["amount"] == {"pounds": 12.5, "period": "per-week", "qualifier": "up-to"}
    again = read_content(root)
    staying = next(o for o in again.offers if (o.area, o.slug) == ("nottingham", "staying-put"))
    assert staying.amount is not None and staying.amount.pounds == Decimal("12.50")
    assert not any(o.slug == "volunteering" for o in again.offers)


def test_files_read_back_to_the_same_offers(shipped_bundle):
    for offer in shipped_bundle.offers:
        if offer.shared_from is None:
            data = yaml.safe_load(offer_file_text(offer))
            assert type(offer).model_validate({**data, "area": offer.area, "slug": offer.slug}) == offer

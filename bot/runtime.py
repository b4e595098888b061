"""Building an engine for a bot process or tool from the environment (DATABASE_URL, SITE_URL)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from bot.engine import Engine
from content.catalogue.loader import read_content
from content.catalogue.snapshot import Catalogue, CatalogueCache, catalogue_from_bundle
from content.db import make_engine, make_sessionmaker
from content.feedback.records import RecordStore
from content.feedback.spool import EventSpool
from content.migrate import upgrade

DEFAULT_DB = f"sqlite:///{Path(__file__).resolve().parent.parent / 'instance' / 'local-offer.db'}"


def database_url() -> str:
    return os.environ.get("DATABASE_URL", DEFAULT_DB)


def safeguarding_spool() -> EventSpool:
    """The same file as the web app's by default, so either process writes what the other kept."""
    default = Path(__file__).resolve().parent.parent / "instance" / "safeguarding-spool.jsonl"
    return EventSpool(Path(os.environ.get("SAFEGUARDING_SPOOL") or default))


def site_url() -> str:
    return os.environ.get("SITE_URL", "http://127.0.0.1:5000")


def engine_from_files() -> Engine:
    """An engine on the content files, with no database: for evaluation and matching tools."""
    snapshot = catalogue_from_bundle(read_content())
    return Engine(lambda: snapshot, records=None, site_url=site_url())


def engine_from_database(url: str | None = None, update_channels: frozenset[str] = frozenset()) -> Engine:
    """An engine on the loaded content, recording to the same database (the bot process)."""
    url = url or database_url()
    if url.startswith("sqlite:///"):
        Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    db = make_engine(url)
    upgrade(db)  # the release step normally has; this makes `make bot` work on a new database
    sessions = make_sessionmaker(db)
    cache = CatalogueCache(sessions, check_every=float(os.environ.get("CONTENT_CHECK_SECONDS", "2")))

    def catalogue() -> Catalogue:
        snapshot = cache.get()
        if not snapshot.offers:
            sys.exit("No content in the database: run `flask --app web content load` first.")
        return snapshot

    records = RecordStore(sessions, spool=safeguarding_spool())
    return Engine(catalogue, records=records, site_url=site_url(), update_channels=update_channels)

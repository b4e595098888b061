from __future__ import annotations

import pytest

from bot.engine import Engine
from content.catalogue.snapshot import catalogue_from_bundle
from content.db import make_engine, make_sessionmaker
from content.feedback.records import RecordStore
from content.store import create_tables


@pytest.fixture(scope="session")
def snapshot(shipped_bundle):
    return catalogue_from_bundle(shipped_bundle)


@pytest.fixture(scope="session")
def file_engine(snapshot) -> Engine:
    """An engine on the shipped content that records nothing (for matching and evaluation)."""
    return Engine(lambda: snapshot, records=None, site_url="https://example.test")


@pytest.fixture
def records(tmp_path) -> RecordStore:
    db = make_engine(f"sqlite:///{tmp_path / 'records.db'}")
    create_tables(db)
    return RecordStore(make_sessionmaker(db))


@pytest.fixture
def engine(snapshot, records) -> Engine:
    return Engine(lambda: snapshot, records=records, site_url="https://example.test")

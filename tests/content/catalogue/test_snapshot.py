"""The in-memory snapshot: built from the database, refreshed on a new load, kept when the DB is gone."""

from __future__ import annotations

from content.catalogue.loader import load_content
from content.catalogue.snapshot import CatalogueCache
from content.db import make_engine, make_sessionmaker
from content.store import create_tables


def test_cache_swaps_in_new_content_after_a_load(sessions, shipped_bundle):
    load_content(sessions(), shipped_bundle)
    cache = CatalogueCache(sessions, check_every=0)
    first = cache.get()
    assert len(first.offers) == len(shipped_bundle.offers)
    smaller = type(shipped_bundle)(*[getattr(shipped_bundle, f) for f in ("sources", "areas", "categories",
                                     "situations", "crisis_lines")], shipped_bundle.offers[1:])
    load_content(sessions(), smaller)
    assert len(cache.get().offers) == len(shipped_bundle.offers) - 1


def test_cache_keeps_serving_when_the_database_is_gone(tmp_path, shipped_bundle):
    path = tmp_path / "gone.db"
    engine = make_engine(f"sqlite:///{path}")
    create_tables(engine)
    sessions = make_sessionmaker(engine)
    load_content(sessions(), shipped_bundle)
    cache = CatalogueCache(sessions, check_every=0)
    before = cache.get()
    engine.dispose()
    for suffix in ("", "-wal", "-shm"):
        (tmp_path / f"gone.db{suffix}").unlink(missing_ok=True)
    assert cache.get() is before  # the empty new file has no tables: the refresh fails, the snapshot stays

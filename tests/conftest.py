"""Shared fixtures: databases (SQLite always, PostgreSQL when TEST_DATABASE_URL is set) and apps."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url

from content.catalogue.loader import load_content, read_content
from content.db import make_engine, make_sessionmaker
from content.migrate import upgrade
from content.store import create_tables

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


def _postgres_engine(base_url: str) -> Iterator[Engine]:
    """A fresh database inside the TEST_DATABASE_URL server, dropped afterwards."""
    url = make_url(base_url)
    name = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    engine = make_engine(url.set(database=name).render_as_string(hide_password=False))
    try:
        yield engine
    finally:
        engine.dispose()
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def missing(reason: str) -> None:
    """A service a test needs is missing: skip it, or fail when REQUIRE_SERVICES=1 (as in CI), so a
    missing install step cannot hide behind a skip."""
    if os.environ.get("REQUIRE_SERVICES") == "1":
        pytest.fail(f"REQUIRE_SERVICES=1 but {reason}")
    pytest.skip(reason)


DATABASES = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


@pytest.fixture(params=DATABASES)
def engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    """An empty database with the tables made: SQLite, and PostgreSQL if TEST_DATABASE_URL is set."""
    if request.param == "sqlite":
        eng = make_engine(f"sqlite:///{tmp_path / 'test.db'}")
        create_tables(eng)
        yield eng
        eng.dispose()
        return
    base = os.environ.get("TEST_DATABASE_URL")
    if not base:
        missing("TEST_DATABASE_URL is not set")
    for eng in _postgres_engine(base):
        create_tables(eng)
        yield eng


@pytest.fixture
def sessions(engine: Engine):
    return make_sessionmaker(engine)


@pytest.fixture(scope="session")
def shipped_bundle():
    return read_content()


def content_copy(dest: Path) -> Path:
    """A private copy of the shipped content files under `dest`, for tests that break them."""
    import shutil

    from content.catalogue.loader import CONTENT_ROOT

    root = dest / "content"
    shutil.copytree(CONTENT_ROOT, root, ignore=shutil.ignore_patterns("*.py", "__pycache__", "migrations"))
    return root


def loaded_sqlite(path: Path, bundle) -> str:
    """A new SQLite file at `path`, migrated as in production, with `bundle` loaded; returns its URL."""
    url = f"sqlite:///{path}"
    eng = make_engine(url)
    upgrade(eng)
    with make_sessionmaker(eng)() as session:
        load_content(session, bundle)
    eng.dispose()
    return url


@pytest.fixture(scope="session")
def site_db(tmp_path_factory: pytest.TempPathFactory, shipped_bundle) -> str:
    """A SQLite file with the shipped content loaded once, for read-only page tests."""
    return loaded_sqlite(tmp_path_factory.mktemp("site") / "site.db", shipped_bundle)


@pytest.fixture(scope="session")
def app(site_db: str):
    from web import create_app

    return create_app("test", {"DATABASE_URL": site_db})


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def limits_on():
    """Rate limits for one test; the limiter is shared by every app in the process, so reset it after."""
    from web.extensions import limiter

    yield
    limiter.reset()
    limiter.enabled = False

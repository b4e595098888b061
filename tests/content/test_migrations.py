"""Migrations make exactly the tables the models describe, on SQLite and PostgreSQL."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from content.migrate import upgrade
from content.store import metadata


def test_migrations_match_the_models(engine):
    # `engine` comes with tables made by create_all: start from nothing instead.
    metadata.drop_all(engine)
    upgrade(engine)
    upgrade(engine)  # a second run changes nothing
    with engine.connect() as connection:
        diff = compare_metadata(MigrationContext.configure(connection, opts={"compare_type": True}), metadata)
    assert diff == []
    assert "alembic_version" in inspect(engine).get_table_names()

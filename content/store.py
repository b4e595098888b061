"""The whole store: every part of the domain's tables on one metadata.

Migrations (content/migrations/env.py) and test databases start here, so that no table is missed.
"""

from __future__ import annotations

from sqlalchemy import Engine

from content.accounts import tables as accounts_tables
from content.catalogue import tables as catalogue_tables
from content.db import Base
from content.feedback import tables as feedback_tables

TABLE_MODULES = (catalogue_tables, accounts_tables, feedback_tables)
metadata = Base.metadata


def create_tables(engine: Engine) -> None:
    """Create any missing tables (used by tests and `make run`; production uses migrations)."""
    metadata.create_all(engine)

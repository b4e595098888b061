"""How the web app reaches the content store: one engine and one catalogue cache per app."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from flask import Flask, current_app
from sqlalchemy import Engine as DbEngine
from sqlalchemy.orm import Session, sessionmaker

from bot.engine import Engine
from content.catalogue.snapshot import Catalogue, CatalogueCache
from content.db import make_engine, make_sessionmaker
from content.feedback.records import RecordStore
from content.feedback.spool import EventSpool
from content.understanding.matcher import Language, OfferMatcher


@dataclass
class ContentAccess:
    engine: DbEngine
    sessions: sessionmaker[Session]
    cache: CatalogueCache
    spool: EventSpool | None = None
    _matcher: tuple[str, OfferMatcher] | None = None

    def records(self) -> RecordStore:
        """Where the site and the web chat leave feedback and safeguarding events."""
        return RecordStore(self.sessions, spool=self.spool)

    def catalogue(self) -> Catalogue:
        return self.cache.get()

    def matcher(self) -> OfferMatcher:
        """A matcher for the current catalogue, rebuilt only when the content changes."""
        catalogue = self.catalogue()
        if self._matcher is None or self._matcher[0] != catalogue.fingerprint:
            self._matcher = (catalogue.fingerprint, OfferMatcher(catalogue.offers, Language.load()))
        return self._matcher[1]


def init_app(app: Flask) -> None:
    engine = make_engine(app.config["DATABASE_URL"])
    sessions = make_sessionmaker(engine)
    spool = app.config["SAFEGUARDING_SPOOL"]
    app.extensions["content"] = ContentAccess(
        engine, sessions, CatalogueCache(sessions, check_every=app.config["CONTENT_CHECK_SECONDS"]),
        spool=EventSpool(Path(spool)) if spool else None,
    )


def content() -> ContentAccess:
    return current_app.extensions["content"]


def catalogue() -> Catalogue:
    return content().catalogue()


def chat_engine() -> Engine:
    """The chat engine, built once per app on the same catalogue and database as the site."""
    app = current_app
    if "chat_engine" not in app.extensions:
        access = content()
        app.extensions["chat_engine"] = Engine(
            access.catalogue, records=access.records(), site_url=app.config["SITE_URL"]
        )
    return app.extensions["chat_engine"]

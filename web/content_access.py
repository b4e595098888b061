"""How the web app reaches the content store: one engine and one catalogue cache per app."""

from __future__ import annotations

from dataclasses import dataclass

from flask import Flask, current_app
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from content.catalogue import Catalogue, CatalogueCache
from content.db import make_engine, make_sessionmaker
from content.matcher import Language, OfferMatcher


@dataclass
class ContentAccess:
    engine: Engine
    sessions: sessionmaker[Session]
    cache: CatalogueCache
    _matcher: tuple[str, OfferMatcher] | None = None

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
    app.extensions["content"] = ContentAccess(
        engine, sessions, CatalogueCache(sessions, check_every=app.config["CONTENT_CHECK_SECONDS"])
    )


def content() -> ContentAccess:
    return current_app.extensions["content"]


def catalogue() -> Catalogue:
    return content().catalogue()

"""Configuration, only from environment variables. One class per environment, picked by APP_ENV."""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import urlsplit

INSTANCE_DIR = Path(__file__).resolve().parent.parent / "instance"


def trusted_hosts(site_url: str, extra: str) -> list[str] | None:
    """SITE_URL's host and the extra ones; None (any host) when neither is set, as in development."""
    hosts = [h.strip() for h in extra.split(",") if h.strip()]
    if site_url:
        hosts.insert(0, urlsplit(site_url).hostname or "")
    return [h for h in hosts if h] or None


class Config:
    APP_ENV = "development"
    SECRET_KEY: str | None = os.environ.get("SECRET_KEY")
    DATABASE_URL = os.environ.get("DATABASE_URL", f"sqlite:///{INSTANCE_DIR / 'local-offer.db'}")
    # Seconds between checks for newly loaded content (the snapshot is served from memory).
    CONTENT_CHECK_SECONDS = float(os.environ.get("CONTENT_CHECK_SECONDS", "2"))
    FORCE_HTTPS = os.environ.get("FORCE_HTTPS", "0") == "1"
    # The public address of the site (https://...), for links in chat answers, the API and letters.
    SITE_URL = os.environ.get("SITE_URL", "")
    # Host names this app answers to: SITE_URL's, plus any in TRUSTED_HOSTS (comma-separated).
    # Anything else gets 400, so a forged Host header cannot reach a link or a redirect.
    TRUSTED_HOSTS = trusted_hosts(SITE_URL, os.environ.get("TRUSTED_HOSTS", ""))
    SESSION_COOKIE_SECURE = FORCE_HTTPS
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    MAX_CONTENT_LENGTH = 256 * 1024
    JSON_LOGS = os.environ.get("JSON_LOGS", "0") == "1"
    # How many proxies in front set X-Forwarded-For/-Proto (0: none; never more than there are).
    TRUSTED_PROXIES = int(os.environ.get("TRUSTED_PROXIES", "0"))
    MAX_FORM_MEMORY_SIZE = 256 * 1024
    BABEL_DEFAULT_LOCALE = "en"
    BABEL_TRANSLATION_DIRECTORIES = str(Path(__file__).resolve().parent / "translations")
    WTF_CSRF_TIME_LIMIT = None
    # Safeguarding events said while the database is away wait in this file (no text, no identity).
    SAFEGUARDING_SPOOL = os.environ.get("SAFEGUARDING_SPOOL", str(INSTANCE_DIR / "safeguarding-spool.jsonl"))
    FEEDBACK_RETENTION_MONTHS = int(os.environ.get("FEEDBACK_RETENTION_MONTHS", "24"))
    # With REDIS_URL, rate-limit counts are shared by every process; sessions are signed cookies,
    # so they already work across processes.
    RATELIMIT_STORAGE_URI = os.environ.get("RATELIMIT_STORAGE_URI") or os.environ.get("REDIS_URL") or "memory://"
    RATELIMIT_ENABLED = os.environ.get("RATELIMIT_ENABLED", "1") == "1"
    RATELIMIT_HEADERS_ENABLED = True
    # Staff sessions: signed out after 8 hours, or 30 minutes without doing anything.
    PERMANENT_SESSION_LIFETIME = 8 * 3600
    STAFF_IDLE_SECONDS = 30 * 60
    STAFF_SESSION_SECONDS = 8 * 3600  # from signing in, however busy
    REMEMBER_COOKIE_DURATION = 0
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    # Preference cookies (area, language): a year, then asked again.
    PREFERENCE_COOKIE_MAX_AGE = 365 * 24 * 3600


class DevelopmentConfig(Config):
    SECRET_KEY = Config.SECRET_KEY or "dev-only-not-secret"


class TestConfig(Config):
    APP_ENV = "test"
    TESTING = True
    RATELIMIT_ENABLED = False  # tests that check limits switch them on
    SECRET_KEY = "test-only-not-secret"  # noqa: S105 - tests only
    DATABASE_URL = "sqlite://"  # replaced per test
    SAFEGUARDING_SPOOL = ""  # none, unless a test gives its own file
    CONTENT_CHECK_SECONDS = 0.0


class ProductionConfig(Config):
    APP_ENV = "production"
    JSON_LOGS = os.environ.get("JSON_LOGS", "1") == "1"
    FORCE_HTTPS = os.environ.get("FORCE_HTTPS", "1") == "1"
    SESSION_COOKIE_SECURE = True


CONFIGS: dict[str, type[Config]] = {
    "development": DevelopmentConfig,
    "test": TestConfig,
    "production": ProductionConfig,
}


def config_for(env: str | None) -> type[Config]:
    """The config class for APP_ENV; production refuses to start without a real secret key."""
    name = env or os.environ.get("APP_ENV", "development")
    if name not in CONFIGS:
        raise RuntimeError(f"APP_ENV must be one of {', '.join(CONFIGS)}, not {name!r}")
    config = CONFIGS[name]
    if name == "production" and (not config.SECRET_KEY or len(config.SECRET_KEY) < 32):
        raise RuntimeError("SECRET_KEY must be set to a random string of 32+ characters in production")
    if name == "production" and not config.SITE_URL.startswith("https://"):
        raise RuntimeError("SITE_URL must be set to the site's https:// address in production "
                           "(links and trusted hosts are built from it)")
    return config

"""Absolute addresses (the API's links, the printed letter) built from SITE_URL.

Never from the request's Host header: anyone can send any Host, and the address would then point
young people at someone else's site. Requests for other hosts are refused (TRUSTED_HOSTS, set from
SITE_URL in web.config), and links use SITE_URL even when a proxy passes another name.
"""

from __future__ import annotations

from typing import Any

from flask import Flask, current_app, url_for


def absolute_url(endpoint: str, **values: Any) -> str:
    """The full address of `endpoint`: SITE_URL and the path (the request's own host only in development)."""
    base = current_app.config["SITE_URL"].rstrip("/")
    if base:
        return base + url_for(endpoint, **values)
    return url_for(endpoint, _external=True, **values)


def init_app(app: Flask) -> None:
    app.jinja_env.globals["absolute_url"] = absolute_url

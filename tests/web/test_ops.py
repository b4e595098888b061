"""Health and readiness, and logs without personal data."""

from __future__ import annotations

import json
import logging

from tests.conftest import loaded_sqlite
from web import create_app
from web.ops import JsonFormatter


def test_healthz(client):
    assert client.get("/healthz").get_json() == {"status": "ok"}


def test_readyz_when_ready(client):
    assert client.get("/readyz").get_json() == {"status": "ok", "database": True, "content": True}


def test_readyz_without_content(tmp_path):
    from content.db import make_engine
    from content.migrate import upgrade

    url = f"sqlite:///{tmp_path / 'empty.db'}"
    upgrade(make_engine(url))
    app = create_app("test", {"DATABASE_URL": url})
    response = app.test_client().get("/readyz")
    assert response.status_code == 503 and response.get_json()["content"] is False


def test_readyz_without_a_database(tmp_path):
    app = create_app("test", {"DATABASE_URL": "postgresql+psycopg://nobody@127.0.0.1:1/none"})
    response = app.test_client().get("/readyz")
    assert response.status_code == 503 and response.get_json()["database"] is False


def test_request_logs_are_json_and_leave_out_what_people_typed(tmp_path, shipped_bundle, caplog):
    app = create_app("test", {"DATABASE_URL": loaded_sqlite(tmp_path / "log.db", shipped_bundle)})
    with caplog.at_level(logging.INFO, logger="local_offer.access"):
        app.test_client().get("/nottingham/search?q=i+live+at+12+acacia+road+07700900123")
    [record] = [r for r in caplog.records if r.name == "local_offer.access"]
    line = json.loads(JsonFormatter().format(record))
    assert line["path"] == "/nottingham/search" and line["status"] == 200 and line["endpoint"] == "site.search"
    assert "acacia" not in json.dumps(line) and "07700" not in json.dumps(line)

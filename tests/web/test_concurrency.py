"""Nothing lost: 200 feedback posts from 20 concurrent clients against gunicorn store exactly 200 rows,
on SQLite and on PostgreSQL."""

from __future__ import annotations

import http.cookiejar
import os
import re
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from sqlalchemy import func, select

from content.catalogue.loader import load_content
from content.db import make_engine, make_sessionmaker
from content.feedback.tables import FeedbackItemRow
from content.migrate import upgrade
from tests.conftest import _postgres_engine, missing
from tests.serving import start_gunicorn

CLIENTS, POSTS_EACH = 20, 10


def serve(db_url: str, tmp_path: Path):  # type: ignore[no-untyped-def]
    env = {**os.environ, "DATABASE_URL": db_url, "RATELIMIT_ENABLED": "0", "APP_ENV": "development"}
    log_path = tmp_path / "gunicorn.log"
    log = open(log_path, "w")  # noqa: SIM115 - closed by the caller
    proc, port = start_gunicorn(["-w", "2", "--threads", "4", "web:create_app()"], env, log, log_path)
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(base + "/privacy", timeout=2).close()
            return proc, log, base
        except OSError:
            time.sleep(0.1)
    proc.terminate()
    raise AssertionError("gunicorn did not answer: " + log_path.read_text())


def client_posts(base: str, n: int, client: int) -> list[int]:
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = opener.open(base + "/nottingham/feedback", timeout=10).read().decode()
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    codes = []
    for i in range(n):
        body = urllib.parse.urlencode({"csrf_token": token, "message": f"client {client} idea {i}"}).encode()
        with opener.open(base + "/nottingham/feedback", data=body, timeout=30) as response:
            codes.append(response.status)
    return codes


@pytest.mark.parametrize("backend", ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def test_200_posts_from_20_clients_store_200_rows(backend, tmp_path, shipped_bundle, request):
    if backend == "sqlite":
        url = f"sqlite:///{tmp_path / 'load.db'}"
        engine = make_engine(url)
    else:
        base_url = os.environ.get("TEST_DATABASE_URL")
        if not base_url:
            missing("TEST_DATABASE_URL is not set")
        databases = _postgres_engine(base_url)  # a throwaway database, dropped at the end
        engine = next(databases)
        request.addfinalizer(lambda: next(databases, None))
        url = engine.url.render_as_string(hide_password=False)
    upgrade(engine)
    with make_sessionmaker(engine)() as session:
        load_content(session, shipped_bundle)
    proc, log, base = serve(url, tmp_path)
    try:
        with ThreadPoolExecutor(CLIENTS) as pool:
            results = list(pool.map(lambda c: client_posts(base, POSTS_EACH, c), range(CLIENTS)))
    finally:
        proc.terminate()
        proc.wait(10)
        log.close()
    assert [code for codes in results for code in codes] == [200] * (CLIENTS * POSTS_EACH)
    with make_sessionmaker(engine)() as session:
        texts = session.scalars(select(FeedbackItemRow.text)).all()
        assert session.scalar(select(func.count()).select_from(FeedbackItemRow)) == CLIENTS * POSTS_EACH
    assert len(set(texts)) == CLIENTS * POSTS_EACH
    engine.dispose()


def test_rate_limits_are_shared_by_processes_through_redis(tmp_path, shipped_bundle):
    """Two separate servers, one Redis: the 11th feedback post within a minute is refused by either."""
    from tests.bot.test_webhook_gunicorn import REDIS_URL, redis_or_skip
    from tests.conftest import loaded_sqlite

    redis_or_skip()
    url = loaded_sqlite(tmp_path / "rl.db", shipped_bundle)
    servers = []
    try:
        for n in range(2):
            env = {**os.environ, "DATABASE_URL": url, "REDIS_URL": REDIS_URL, "APP_ENV": "development"}
            env.pop("RATELIMIT_ENABLED", None)
            log_path = tmp_path / f"g{n}.log"
            log = open(log_path, "w")  # noqa: SIM115 - closed below
            proc, port = start_gunicorn(["-w", "1", "web:create_app()"], env, log, log_path)
            servers.append((proc, log, f"http://127.0.0.1:{port}"))
        for _, _, base in servers:
            for _ in range(100):
                try:
                    urllib.request.urlopen(base + "/healthz", timeout=1).close()
                    break
                except OSError:
                    time.sleep(0.1)

        def post(base: str) -> int:
            jar = http.cookiejar.CookieJar()
            opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
            page = opener.open(base + "/nottingham/feedback", timeout=10).read().decode()
            token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
            body = urllib.parse.urlencode({"csrf_token": token, "message": "an idea"}).encode()
            try:
                with opener.open(base + "/nottingham/feedback", data=body, timeout=10) as response:
                    return response.status
            except urllib.error.HTTPError as exc:
                return exc.code

        codes = [post(servers[i % 2][2]) for i in range(11)]
        assert codes[:10] == [200] * 10 and codes[10] == 429
    finally:
        for proc, log, _ in servers:
            proc.terminate()
            proc.wait(10)
            log.close()

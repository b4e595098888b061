"""Load test: gunicorn (2 workers) on PostgreSQL, loaded by wrk from a second process on loopback.

Offer page, search, a chat message and a feedback post, each at 100 connections, next to a
hello-world route on the same server in the same run. Prints requests/second, p50/p99 and errors.
Needs wrk (apt-get install wrk) and the PostgreSQL on 127.0.0.1:5432 (a throwaway database is made
and dropped). Rate limits are switched off for the run: a load from one address is not a person.

    .venv/bin/python bench/load_bench.py            (BENCH_SECONDS=10 by default)
"""

from __future__ import annotations

import http.cookiejar
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.site_bench import free_port, wait_up  # noqa: E402
from content.catalogue.loader import load_content, read_content  # noqa: E402
from content.db import make_engine, make_sessionmaker  # noqa: E402
from content.migrate import upgrade  # noqa: E402

PG_ADMIN = os.environ.get("BENCH_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
CONNECTIONS = 100
POST_LUA = """
wrk.method = "POST"
wrk.body = os.getenv("WRK_BODY")
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Cookie"] = os.getenv("WRK_COOKIE")
wrk.headers["Accept"] = os.getenv("WRK_ACCEPT") or "text/html"
"""


def wrk(url: str, seconds: int, script: Path | None = None, env: dict[str, str] | None = None) -> dict:
    cmd = ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{seconds}s", "--latency", "--timeout", "10s"]
    if script:
        cmd += ["-s", str(script)]
    out = subprocess.run([*cmd, url], capture_output=True, text=True, check=True,
                         env={**os.environ, **(env or {})}).stdout
    errors = sum(int(n) for n in re.findall(r"Non-2xx or 3xx responses: (\d+)", out))
    socket_errors = re.search(r"Socket errors: (.*)", out)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "p50": re.search(r"^\s+50%\s+(\S+)", out, re.M).group(1),
        "p99": re.search(r"^\s+99%\s+(\S+)", out, re.M).group(1),
        "errors": errors,
        "socket_errors": socket_errors.group(1) if socket_errors else "none",
    }


def session_token(base: str, path: str) -> tuple[str, str]:
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    html = opener.open(base + path, timeout=10).read().decode()
    token = re.search(r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"', html).group(1)
    cookie = "; ".join(f"{c.name}={c.value}" for c in jar)
    return token, cookie


def main() -> None:
    if not shutil.which("wrk"):
        raise SystemExit("wrk is not installed: apt-get install wrk")
    from sqlalchemy import create_engine, text

    name = f"bench_{uuid.uuid4().hex[:8]}"
    admin = create_engine(PG_ADMIN, isolation_level="AUTOCOMMIT")
    with admin.connect() as c:
        c.execute(text(f'CREATE DATABASE "{name}"'))
    url = PG_ADMIN.rsplit("/", 1)[0] + "/" + name
    engine = make_engine(url)
    upgrade(engine)
    with make_sessionmaker(engine)() as s:
        load_content(s, read_content())
    engine.dispose()
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = {**os.environ, "DATABASE_URL": url, "APP_ENV": "development", "RATELIMIT_ENABLED": "0"}
    server = subprocess.Popen([str(Path(sys.executable).parent / "gunicorn"), "-w", "2", "-b", f"127.0.0.1:{port}",
                               "--log-level", "warning", "bench.hello_app:create()"], cwd=ROOT, env=env)
    tmp = Path(tempfile.mkdtemp())
    script = tmp / "post.lua"
    script.write_text(POST_LUA)
    seconds = int(os.environ.get("BENCH_SECONDS", "10"))
    try:
        wait_up(base + "/bench/hello")
        for path in ("/nottinghamshire/offers/you-know-your-mind", "/nottingham/search?q=councel+tax"):
            urllib.request.urlopen(base + path).read()
        results = {}
        results["hello world"] = wrk(base + "/bench/hello", seconds)
        results["offer page"] = wrk(base + "/nottinghamshire/offers/you-know-your-mind", seconds)
        results["search"] = wrk(base + "/nottingham/search?q=councel+tax", seconds)
        token, cookie = session_token(base, "/nottingham/chat")
        body = urllib.parse.urlencode({"csrf_token": token, "message": "bus fare to my interview"})
        results["chat message"] = wrk(base + "/nottingham/chat", seconds, script,
                                      {"WRK_BODY": body, "WRK_COOKIE": cookie, "WRK_ACCEPT": "application/json"})
        token, cookie = session_token(base, "/nottingham/feedback")
        body = urllib.parse.urlencode({"csrf_token": token, "message": "an idea from the load test"})
        results["feedback post"] = wrk(base + "/nottingham/feedback", seconds, script,
                                       {"WRK_BODY": body, "WRK_COOKIE": cookie})
        print(f"gunicorn -w 2 on PostgreSQL; wrk -t2 -c{CONNECTIONS} -d{seconds}s from a second process, "
              f"same run ({time.strftime('%Y-%m-%d %H:%M')})")
        print(f"  {'route':<14}{'req/s':>9}  {'p50':>9}  {'p99':>9}  errors")
        for label, r in results.items():
            print(f"  {label:<14}{r['rps']:>9,.0f}  {r['p50']:>9}  {r['p99']:>9}  "
                  f"{r['errors']} non-2xx/3xx, sockets: {r['socket_errors']}")
        ratio = results["offer page"]["rps"] / results["hello world"]["rps"]
        print(f"  offer page / hello world = {ratio:.2f}")
    finally:
        server.terminate()
        server.wait(10)
        shutil.rmtree(tmp, ignore_errors=True)
        with admin.connect() as c:
            c.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


if __name__ == "__main__":
    main()

"""Faults: with the database stopped, offer pages and chat answers keep working from memory, feedback
posts get a friendly 503 with the text kept, and all recovers without a restart when it returns.
The test starts, stops and restarts a throwaway PostgreSQL cluster of its own."""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from content.catalogue.loader import load_content
from content.db import make_engine, make_sessionmaker
from content.feedback.records import RecordStore
from content.migrate import upgrade
from tests.conftest import missing
from web import create_app
from web.content_access import content

pytestmark = pytest.mark.postgres
BIN = sorted(glob.glob("/usr/lib/postgresql/*/bin"))
AS_POSTGRES = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []


class Cluster:
    def __init__(self, base: Path):
        self.dir = base / "pgdata"
        # A Unix socket in the cluster's own folder, no TCP port: nothing else can take it first.
        self.port = 5432
        self.bin = Path(BIN[-1])

    def run(self, *args: str) -> None:
        subprocess.run([*AS_POSTGRES, *args], check=True, capture_output=True, timeout=60)

    def init(self) -> None:
        self.dir.parent.mkdir(parents=True, exist_ok=True)
        if AS_POSTGRES:
            shutil.chown(self.dir.parent, "postgres")
        self.run(str(self.bin / "initdb"), "-D", str(self.dir), "-A", "trust", "-U", "postgres")

    def start(self) -> None:
        self.run(str(self.bin / "pg_ctl"), "-D", str(self.dir), "-w", "-l", str(self.dir / "log"),
                 "-o", f"-p {self.port} -k {self.dir} -c listen_addresses=''", "start")

    def stop(self) -> None:
        self.run(str(self.bin / "pg_ctl"), "-D", str(self.dir), "-w", "-m", "fast", "stop")

    @property
    def url(self) -> str:
        return f"postgresql+psycopg://postgres@/postgres?host={self.dir}&port={self.port}"


@pytest.fixture
def cluster(tmp_path_factory):
    if not BIN:
        missing("the PostgreSQL server binaries are not installed")
    if not os.environ.get("TEST_DATABASE_URL"):
        missing("TEST_DATABASE_URL is not set (PostgreSQL tests run with it, as in CI)")
    base = Path(tempfile.mkdtemp(prefix="pg-outage-", dir="/tmp"))
    c = Cluster(base)
    c.init()
    c.start()
    yield c
    with contextlib.suppress(subprocess.CalledProcessError):
        c.stop()
    shutil.rmtree(base, ignore_errors=True)


def test_pages_and_chat_survive_a_database_outage(cluster, shipped_bundle, tmp_path):
    engine = make_engine(cluster.url)
    upgrade(engine)
    with make_sessionmaker(engine)() as s:
        load_content(s, shipped_bundle)
    engine.dispose()
    app = create_app("test", {"DATABASE_URL": cluster.url, "CONTENT_CHECK_SECONDS": 0.0, "WTF_CSRF_ENABLED": False,
                              "SAFEGUARDING_SPOOL": str(tmp_path / "spool.jsonl")})
    client = app.test_client()
    assert client.get("/nottingham/offers/staying-put").status_code == 200  # the snapshot is taken

    cluster.stop()
    page = client.get("/nottingham/offers/staying-put")
    assert page.status_code == 200 and "foster" in page.get_data(as_text=True)
    assert client.get("/nottinghamshire/search?q=councel+tax").status_code == 200
    reply = client.post("/nottingham/chat", data={"message": "clothes for my interview"},
                        headers={"Accept": "application/json"}).get_json()
    assert "interview-clothes" in " ".join(reply["html"]) or "interview clothes" in reply["parts"][0]
    crisis = client.post("/nottingham/chat", data={"message": "i want to end my life tonight"},
                         headers={"Accept": "application/json"}).get_json()
    assert "safeguarding" in crisis["flags"]  # crisis help first, database or not
    assert (tmp_path / "spool.jsonl").read_text().count("\n") == 1  # the event waits on disk
    down = client.post("/nottingham/feedback", data={"message": "please add driving lessons"})
    assert down.status_code == 503
    soup = BeautifulSoup(down.get_data(as_text=True), "html.parser")
    assert soup.select_one("#message").text == "please add driving lessons"  # kept for them
    assert "could not save" in soup.select_one(".error-summary").text
    assert client.get("/readyz").status_code == 503
    staff = client.get("/staff/login")
    assert staff.status_code == 200

    cluster.start()  # back, with no restart of the app
    assert client.get("/readyz").status_code == 200
    up = client.post("/nottingham/feedback", data={"message": "please add driving lessons"})
    assert up.status_code == 200
    with app.app_context():
        [row] = RecordStore(content().sessions).of_kind("feedback")
        [event] = RecordStore(content().sessions).of_kind("safeguarding")  # written with the next write
        content().engine.dispose()  # close the pool's connections before the cluster goes
    assert row.text == "please add driving lessons"
    assert event.risk_kind == "suicide" and event.text is None
    assert (tmp_path / "spool.jsonl").read_text() == ""

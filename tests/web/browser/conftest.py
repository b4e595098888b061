"""Real-browser fixtures: Playwright driving Debian's Chromium against the app on a local port.

Without Chromium these tests are skipped, unless REQUIRE_BROWSER=1 (as in CI), when they fail.
"""

from __future__ import annotations

import os
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from flask import Flask
from werkzeug.serving import make_server

from content.accounts.staff import create_staff
from tests.conftest import loaded_sqlite
from web import create_app
from web.content_access import content

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"


def pytest_collection_modifyitems(config, items):
    if os.path.exists(CHROMIUM):
        return
    if os.environ.get("REQUIRE_BROWSER") == "1":
        raise pytest.UsageError(f"REQUIRE_BROWSER=1 but no Chromium at {CHROMIUM}: apt-get install chromium")
    skip = pytest.mark.skip(reason=f"no Chromium at {CHROMIUM}")
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {
        **browser_context_args,
        "viewport": {"width": 375, "height": 667},
        "is_mobile": True,
        "has_touch": True,
        "device_scale_factor": 2,
    }


@contextmanager
def serving(app: Flask) -> Iterator[str]:
    """`app` on a port the OS chose (bound here, so no other process can take it first)."""
    from web.content_access import chat_engine

    with app.app_context():  # as at a real start (web.warm_chat), but waited for: tests expect in 5 s
        chat_engine().semantic()
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(5)


@pytest.fixture(scope="session")
def live_server(app) -> Iterator[str]:
    with serving(app) as url:
        yield url


@pytest.fixture
def own_server(tmp_path, shipped_bundle) -> Iterator[str]:
    """A server of its own, with CSRF on and one worker (wendy@notts.test), for whole journeys."""
    app = create_app("test", {"DATABASE_URL": loaded_sqlite(tmp_path / "journey.db", shipped_bundle),
                              "WTF_CSRF_ENABLED": True})
    with app.app_context(), content().sessions() as s:
        create_staff(s, "wendy@notts.test", "Wendy Worker", "a long worker password", "worker",
                     areas=["nottingham", "nottinghamshire"])
        s.commit()
    with serving(app) as url:
        yield url

"""Starting gunicorn for a test with no port race: it binds port 0 itself and the test reads the port
it got from its log ("Listening at: http://127.0.0.1:NNNNN"). Picking a free port first and binding
it later lets another process take it in between."""

from __future__ import annotations

import re
import subprocess
import sys
import time
from pathlib import Path
from typing import IO

from tests.conftest import ROOT

_LISTENING = re.compile(r"Listening at: http://127\.0\.0\.1:(\d+)")


def start_gunicorn(args: list[str], env: dict[str, str], log: IO[str], log_path: Path,
                   timeout: float = 30) -> tuple[subprocess.Popen[bytes], int]:
    """Run gunicorn with `args` (its options and app, without -b) and return it with its port."""
    proc = subprocess.Popen([str(Path(sys.executable).parent / "gunicorn"), "-b", "127.0.0.1:0", *args],
                            cwd=ROOT, env=env, stdout=log, stderr=log)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = _LISTENING.search(log_path.read_text())
        if found:
            return proc, int(found.group(1))
        if proc.poll() is not None:
            break
        time.sleep(0.05)
    proc.terminate()
    raise AssertionError("gunicorn did not start: " + log_path.read_text())

"""Page weights per page type, and requests/second for the offer page next to a hello-world
route, both on gunicorn with 2 workers, measured in one run. Prints numbers; asserts nothing.

    make bench            (needs wrk: apt-get install wrk)
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGE_TYPES = {
    "choose area": "/?choose=1",
    "area home": "/nottinghamshire/",
    "category": "/nottinghamshire/categories/money",
    "offer": "/nottinghamshire/offers/you-know-your-mind",
    "offer (Arabic)": "/nottinghamshire/offers/council-tax-exemption?lang=ar",
    "search": "/nottingham/search?q=councel+tax",
    "what can I get (answered)": "/nottingham/what-can-i-get?age=19&status=care-leaver",
    "get help now": "/nottingham/help",
}
OFFER = PAGE_TYPES["offer"]
HELLO = "/bench/hello"


class Assets(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "link" and a.get("rel") in ("stylesheet", "manifest", "icon") and a.get("href"):
            self.urls.append(a["href"] or "")
        if tag in ("script", "img") and a.get("src"):
            self.urls.append(a["src"] or "")


def fetch(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=10) as r:
        return r.read()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_up(url: str) -> None:
    for _ in range(100):
        try:
            fetch(url)
            return
        except OSError:
            time.sleep(0.1)
    raise SystemExit(f"server did not start at {url}")


def wrk(url: str, seconds: int, connections: int) -> tuple[float, str, str]:
    out = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", url],
        capture_output=True, text=True, check=True,
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p50 = re.search(r"^\s+50%\s+(\S+)", out, re.M).group(1)
    p99 = re.search(r"^\s+99%\s+(\S+)", out, re.M).group(1)
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)|Socket errors: (.*)", out)
    return rps, f"p50 {p50} p99 {p99}", errors.group(0) if errors else "no errors"


def main() -> None:
    tmp = Path(tempfile.mkdtemp())
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp / 'bench.db'}", "APP_ENV": "development",
           "FLASK_APP": "web"}
    bin_dir = Path(sys.executable).parent
    subprocess.run([bin_dir / "flask", "content", "load"], env=env, check=True, cwd=ROOT, capture_output=True)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [bin_dir / "gunicorn", "-w", "2", "-b", f"127.0.0.1:{port}", "--log-level", "warning",
         "bench.hello_app:create()"],
        env=env, cwd=ROOT,
    )
    try:
        wait_up(base + HELLO)
        print("Page weight, first visit, uncompressed bytes (HTML + CSS + JS + manifest + icon):")
        for name, path in PAGE_TYPES.items():
            html = fetch(base + path)
            parser = Assets()
            parser.feed(html.decode())
            assets = sum(len(fetch(base + u)) for u in parser.urls)
            print(f"  {name:<28} {len(html) + assets:>7,} B  (HTML {len(html):,} B + {len(parser.urls)} files)")
        if not shutil.which("wrk"):
            print("wrk not installed (apt-get install wrk): no throughput numbers")
            return
        seconds = int(os.environ.get("BENCH_SECONDS", "10"))
        print(f"\nThroughput, gunicorn 2 workers, wrk -t2 -c50 -d{seconds}s, same server, one run:")
        for _ in range(2):  # warm both workers' snapshots and matchers
            fetch(base + OFFER)
        results = {}
        for label, path in (("hello world", HELLO), ("offer page", OFFER), ("search", PAGE_TYPES["search"])):
            rps, latency, errors = wrk(base + path, seconds, 50)
            results[label] = rps
            print(f"  {label:<12} {rps:>9,.0f} req/s  {latency}  {errors}")
        print(f"  offer page / hello world = {results['offer page'] / results['hello world']:.2f}")
    finally:
        server.terminate()
        server.wait(10)
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()

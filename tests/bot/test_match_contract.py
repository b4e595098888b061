"""`python -m bot match`: JSON lines in, one JSON line out per input, in order."""

from __future__ import annotations

import json
import subprocess
import sys

from tests.conftest import ROOT


def run_match(lines: list[str]) -> list[dict]:
    done = subprocess.run(
        [sys.executable, "-m", "bot", "match"], input="\n".join(lines) + "\n", capture_output=True, text=True,
        cwd=ROOT, check=True, timeout=120,
    )
    return [json.loads(line) for line in done.stdout.splitlines()]


def test_contract_order_and_fields():
    inputs = [
        {"text": "councel tax?", "area": "nottinghamshire"},
        {"text": "who won the match", "area": "nottingham"},
        {"text": "i want to end it all", "area": "nottingham"},
        {"text": "interview", "area": "nottingham"},
    ] * 250
    out = run_match([json.dumps(i) for i in inputs])
    assert len(out) == 1000
    first, oos, risk, close = out[:4]
    assert first["slug"] == "council-tax-exemption" and first["area"] == "nottinghamshire"
    assert first["candidates"][0]["slug"] == "council-tax-exemption" and len(first["candidates"]) <= 3
    assert oos["slug"] is None and oos["safeguarding"] is False
    assert risk["safeguarding"] is True
    assert close["slug"] is None and len(close["candidates"]) >= 2  # a tie is not answered outright
    assert out[4:8] == out[:4]


def test_bad_lines_get_an_error_line_in_place():
    good = json.dumps({"text": "free gym", "area": "nottinghamshire"})
    out = run_match(["not json", json.dumps({"text": "gym"}), good])
    assert out[0]["error"].startswith("line 1:")
    assert out[1]["error"].startswith("line 2:")
    assert out[2]["slug"] == "free-leisure-access"

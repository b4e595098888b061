"""What the safeguarding check says about every tuning example, kept in a file so a list edit shows its effect.

The word lists hold thousands of entries; a test per entry would test the regex engine, not the
service. Instead the check's outcome (family and tier, or nothing) on each of the ~5,000 tuning
examples is recorded in tests/content/understanding/safeguarding_outcomes.tsv, and a test compares.
An edit that changes any outcome fails that test with the messages it changed: the editor reads them,
and if every change is right, records the new outcomes:

    python -m bot safeguarding-outcomes --write

Only tuning examples are listed (content/safeguarding/examples/), never a held-out set. Messages are
keyed by a hash of their text, so the file holds no message twice.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from bot.evaluate_safeguarding import EXAMPLES_DIR, ROOT, load_sets

OUTCOMES_FILE = ROOT / "tests" / "content" / "understanding" / "safeguarding_outcomes.tsv"
HEADER = "# key\tfamily\ttier  (python -m bot safeguarding-outcomes --write; see bot/safeguarding_outcomes.py)"


def key(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def current_outcomes() -> dict[str, tuple[str, str]]:
    """Each tuning example's key -> (family, tier), "-" for none."""
    from content.understanding.safeguarding import RiskDetector

    detector = RiskDetector.load()
    found = {}
    for message in load_sets(EXAMPLES_DIR):
        risk = detector.assess(str(message["text"]))
        found[key(str(message["text"]))] = (risk.id, risk.level) if risk else ("-", "-")
    return found


def texts_by_key() -> dict[str, str]:
    return {key(str(m["text"])): str(m["text"]) for m in load_sets(EXAMPLES_DIR)}


def read_outcomes(path: Path = OUTCOMES_FILE) -> dict[str, tuple[str, str]]:
    rows = (line.split("\t") for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("#"))
    return {k: (family, tier) for k, family, tier in rows}


def write_outcomes(path: Path = OUTCOMES_FILE) -> int:
    outcomes = current_outcomes()
    lines = [HEADER] + [f"{k}\t{f}\t{t}" for k, (f, t) in sorted(outcomes.items())]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return len(outcomes)

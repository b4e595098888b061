"""Mutation testing of the modules where a silent bug hurts a young person (issue 15).

    make mutate                    # every group
    make mutate MODULE=redaction   # one group (several: MODULE="redaction csv")

mutmut reads [tool.mutmut] in pyproject.toml (the files it mutates, the tests it may run); this script
runs the chosen groups afresh (it removes mutants/ first) and prints one score per group and file:
killed / total. A timeout counts as killed (the mutant hung the code); "survived" and "no tests" do
not. Survivors that are harmless are listed, with the reason, in docs/mutation-testing.md.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MUTMUT = str(Path(sys.executable).parent / "mutmut")
GOAL = 90.0  # per cent killed, in every group

GROUPS = {
    "redaction": ["content/feedback/redaction.py"],
    "eligibility": ["content/catalogue/eligibility.py", "content/catalogue/money.py"],
    "csv": ["content/feedback/csv_export.py"],
    "staff": ["web/staff/auth.py", "content/accounts/staff.py", "web/staff/areas.py"],
    "loader": ["content/catalogue/loader.py", "content/catalogue/schema.py"],
    "safeguarding": ["content/understanding/safeguarding.py"],
}
KILLED = {"killed", "timeout", "segfault", "caught by type check"}


def module_of(path: str) -> str:
    return path.removesuffix(".py").replace("/", ".")


def statuses() -> dict[str, str]:
    """Every mutant's name and its status, as `mutmut results --all` prints them."""
    out = subprocess.run([MUTMUT, "results", "--all", "true"], cwd=ROOT, check=True, capture_output=True, text=True)
    pairs = (line.strip().rpartition(": ") for line in out.stdout.splitlines() if ": " in line)
    return {name: status for name, _, status in pairs}


def table(groups: list[str], found: dict[str, str]) -> bool:
    """Print the score of each group and each of its files; True when every group meets the goal."""
    print(f"\n{'group / file':<40} {'killed':>6} {'survived':>8} {'no tests':>8} {'total':>6} {'score':>7}")
    all_met = True
    for group in groups:
        rows = [(path, [s for n, s in found.items() if n.startswith(module_of(path) + ".")]) for path in GROUPS[group]]
        every = [s for _, found_here in rows for s in found_here]
        for label, got in [(group, every)] + [("  " + path, got) for path, got in rows]:
            killed = sum(s in KILLED for s in got)
            score = 100 * killed / len(got) if got else 0.0
            print(f"{label:<40} {killed:>6} {got.count('survived'):>8} {got.count('no tests'):>8} {len(got):>6}"
                  f" {score:>6.1f}%")
        all_met &= bool(every) and 100 * sum(s in KILLED for s in every) / len(every) >= GOAL
    return all_met


def main(chosen: list[str]) -> int:
    unknown = [g for g in chosen if g not in GROUPS]
    if unknown:
        print(f"Unknown group {', '.join(unknown)}; groups: {', '.join(GROUPS)}")
        return 2
    groups = chosen or list(GROUPS)
    configured = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["mutmut"]["only_mutate"]
    missing = [p for g in groups for p in GROUPS[g] if p not in configured]
    if missing:
        print(f"Add {', '.join(missing)} to only_mutate in [tool.mutmut] in pyproject.toml")
        return 2
    start = time.monotonic()
    # Afresh: mutmut never refreshes its copy of the files it does not mutate, and keeps old verdicts.
    shutil.rmtree(ROOT / "mutants", ignore_errors=True)
    names = [module_of(p) + ".*" for g in groups for p in GROUPS[g]]
    run = subprocess.run([MUTMUT, "run", "--max-children", "2", *names], cwd=ROOT, check=False)
    if run.returncode:
        return run.returncode
    met = table(groups, statuses())
    print(f"\n{time.monotonic() - start:.0f} s. Survivors: `{MUTMUT} results`, then `{MUTMUT} show <name>`.")
    if not met:
        print(f"Below the goal of {GOAL:.0f}% killed in some group.")
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

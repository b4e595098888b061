"""The layout is the architecture: import-linter checks the contracts in pyproject.toml.

web uses bot, bot uses content, nothing runs back up; inside content the arrows run
feedback -> accounts, understanding -> catalogue -> db; content never imports Flask or Telegram.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"


def lint_imports(project: Path) -> subprocess.CompletedProcess[str]:
    # PYTHONPATH first, so a copy of the packages is analysed rather than the installed ones.
    env = {**os.environ, "PYTHONPATH": str(project)}
    return subprocess.run([str(LINT_IMPORTS), "--no-cache"], cwd=project, env=env, capture_output=True,
                          text=True, timeout=120, check=False)


def test_the_contracts_hold():
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


@pytest.fixture(scope="module")
def project_copy(tmp_path_factory) -> Path:
    dest = tmp_path_factory.mktemp("project")
    for package in ("content", "bot", "web"):
        shutil.copytree(ROOT / package, dest / package, ignore=shutil.ignore_patterns("*.yaml", "offers", "static",
                                                                                          "translations", "templates"))
    shutil.copy(ROOT / "pyproject.toml", dest / "pyproject.toml")
    return dest


@pytest.mark.parametrize(("module", "line", "contract"), [
    ("content/catalogue/money.py", "import flask", "The domain knows nothing of Flask or Telegram"),
    ("content/understanding/matcher.py", "import telegram", "The domain knows nothing of Flask or Telegram"),
    ("content/catalogue/eligibility.py", "import bot.engine", "web uses bot, bot uses content"),
    ("bot/replies.py", "import web.formatting", "web uses bot, bot uses content"),
    ("content/catalogue/schema.py", "import content.feedback.records", "Inside the domain, arrows run one way"),
    ("content/accounts/staff.py", "import content.understanding.matcher", "Inside the domain, arrows run one way"),
    ("bot/engine.py", "import telegram", "Only the Telegram adapter"),
    ("web/chat/routes.py", "import bot.telegram_adapter", "The site never calls the Telegram adapter"),
])
def test_a_wrong_arrow_breaks_a_contract(project_copy, module, line, contract):
    path = project_copy / module
    original = path.read_text(encoding="utf-8")
    try:
        path.write_text(original + f"\n{line}  # noqa\n", encoding="utf-8")
        result = lint_imports(project_copy)
    finally:
        path.write_text(original, encoding="utf-8")
    assert result.returncode != 0, result.stdout
    broken = [ln for ln in result.stdout.splitlines() if " BROKEN" in ln]
    assert any(ln.startswith(contract) for ln in broken), result.stdout

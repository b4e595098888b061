"""Every shipped language has every message translated, with its placeholders intact."""

from __future__ import annotations

import re

import pytest
from babel.messages.pofile import read_po

from web.cli import POT, TRANSLATIONS
from web.languages import LANGUAGES

PLACEHOLDER = re.compile(r"%\(\w+\)[sd]")


@pytest.mark.parametrize("code", [lang.code for lang in LANGUAGES if lang.code != "en"])
def test_catalog_is_complete(code):
    with open(TRANSLATIONS / code / "LC_MESSAGES" / "messages.po", "rb") as f:
        catalog = read_po(f)
    with open(POT, "rb") as f:
        template = read_po(f)
    missing = [m.id for m in template if m.id and (m.id not in catalog or not catalog[m.id].string)]
    assert missing == [], f"untranslated in {code}: run `flask translate extract` and translate"
    for message in catalog:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        wanted = set(PLACEHOLDER.findall(ids[0])) | (set(PLACEHOLDER.findall(ids[-1])) if len(ids) > 1 else set())
        for s in strings:
            assert set(PLACEHOLDER.findall(s)) <= wanted | {"%(num)d"}, (code, message.id, s)
            assert set(PLACEHOLDER.findall(s)) >= wanted - {"%(num)d"}, (code, message.id, s)


def test_the_template_holds_every_message_the_code_and_content_use(tmp_path):
    """A message changed in the code or content but not extracted would stay untranslated unseen: the
    catalogs are checked against messages.pot, so messages.pot must be what extraction gives today."""
    import subprocess
    import sys

    from web.cli import WEB_DIR

    fresh = tmp_path / "messages.pot"
    subprocess.run([sys.executable, "-m", "babel.messages.frontend", "extract", "-F", str(WEB_DIR / "babel.cfg"),
                    "-k", "_l", "--no-wrap", "-o", str(fresh), "."], check=True, cwd=WEB_DIR.parent,
                   capture_output=True)
    with open(fresh, "rb") as f:
        wanted = {m.id for m in read_po(f) if m.id}
    with open(POT, "rb") as f:
        shipped = {m.id for m in read_po(f) if m.id}
    assert sorted(map(str, wanted - shipped)) == [], "run `flask translate extract` and translate"
    assert sorted(map(str, shipped - wanted)) == [], "run `flask translate extract`: messages no longer used"

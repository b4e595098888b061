"""Which offers in different areas are about the same thing (content/same_topic.yaml)."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from content.yaml_files import read_yaml

SAME_TOPIC_FILE = Path(__file__).resolve().parent.parent / "same_topic.yaml"
_OFFER_REF = re.compile(r"^[a-z0-9-]+/[a-z0-9-]+$")


class SameTopicError(ValueError):
    """A broken same_topic.yaml: names the file, the entry and the reason."""


def load_same_topic(path: Path = SAME_TOPIC_FILE) -> dict[str, str]:
    """Each offer ("area/slug") mapped to its pair in another area."""
    try:
        data = read_yaml(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        raise SameTopicError(f"{path.name}: not valid YAML: {exc}") from exc
    pairs = data.get("pairs") if isinstance(data, dict) else None
    if not isinstance(pairs, list):
        raise SameTopicError(f"{path.name}: field 'pairs': must be a list of [area/slug, area/slug]")
    found: dict[str, str] = {}
    for n, pair in enumerate(pairs, 1):
        if not (isinstance(pair, list) and len(pair) == 2 and all(isinstance(p, str) and _OFFER_REF.match(p)
                                                                  for p in pair)):
            raise SameTopicError(f"{path.name}: pairs entry {n}: must be two offers written as area/slug")
        first, second = pair
        if first.split("/")[0] == second.split("/")[0]:
            raise SameTopicError(f"{path.name}: pairs entry {n}: both offers are in the same area")
        for ref in pair:
            if ref in found:
                raise SameTopicError(f"{path.name}: pairs entry {n}: {ref} is already paired")
        found[first], found[second] = second, first
    return found

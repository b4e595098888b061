"""Reading YAML: with libyaml's C parser when PyYAML has it (the content's files parse ten times faster, which
is most of a process's start), else PyYAML's own. Both are safe loaders: plain data, never objects."""

from __future__ import annotations

from typing import Any

import yaml

FastSafeLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_yaml(text: str) -> Any:
    """The data in YAML `text`, as `yaml.safe_load` gives it."""
    return yaml.load(text, Loader=FastSafeLoader)  # noqa: S506 (a safe loader)

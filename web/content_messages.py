"""A Babel extractor for the short, shared strings in content files (category names, situation
labels, crisis line descriptions), so they are translated in the same catalogs as the site.
Offers carry their own translations inside their files instead."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, BinaryIO

import yaml

TRANSLATED_FIELDS = ("name", "description", "label", "what", "hours")


def extract_content_yaml(
    fileobj: BinaryIO, keywords: Any, comment_tags: Any, options: dict[str, Any]
) -> Iterator[tuple[int, str, str, list[str]]]:
    """Yield (line, function, message, comments) for each translatable field of each item."""
    root = yaml.compose(fileobj.read().decode("utf-8"))
    if root is None:
        return
    for _, items in root.value:
        for item in getattr(items, "value", []):
            if not isinstance(item, yaml.MappingNode):
                continue
            for key, value in item.value:
                if key.value in TRANSLATED_FIELDS and isinstance(value, yaml.ScalarNode):
                    yield value.start_mark.line + 1, "gettext", value.value, [f"content: {key.value}"]


def extract_offer_contacts(
    fileobj: BinaryIO, keywords: Any, comment_tags: Any, options: dict[str, Any]
) -> Iterator[tuple[int, str, str, list[str]]]:
    """Yield an offer's `contact.who` ("Your social worker or Personal Adviser (PA)"): short, shared by
    many offers, and shown on every offer page, so translated in the catalogs, not in each file."""
    root = yaml.compose(fileobj.read().decode("utf-8"))
    if not isinstance(root, yaml.MappingNode):
        return
    for key, value in root.value:
        if key.value == "contact" and isinstance(value, yaml.MappingNode):
            for field, text in value.value:
                if field.value == "who" and isinstance(text, yaml.ScalarNode):
                    yield text.start_mark.line + 1, "gettext", text.value, ["content: contact.who"]

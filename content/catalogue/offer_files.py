"""An offer as its YAML file: one format for the files in git, `flask content export` and the dashboard's diffs.

The files in git are kept in exactly this format (a test reads every file and writes it back), so an
export in which nothing changed changes no byte, and a diff between two versions shows only what an
editor changed.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

from content.catalogue.schema import Offer, OfferFile

# Short lists of ids (and keywords) sit on one line, as people write them; everything else one item a line.
_ONE_LINE_LISTS = frozenset({"keywords", "who", "situations", "districts", "older_if", "also_in"})
# Empty lists the files leave out (they are the default); `situations` and `districts` are always
# written, so an editor sees that the offer is open to every situation and district.
_LEFT_OUT_WHEN_EMPTY = frozenset({"older_if", "also_in", "translations"})


# What an offer is comes first: title, summary and category, then the words, then the rules.
_FIRST = ("title", "summary", "category")
_FIELD_ORDER = (*_FIRST, *(f for f in OfferFile.model_fields if f not in _FIRST))


class _OneLine(list):  # type: ignore[type-arg]
    pass


class _OfferDumper(yaml.SafeDumper):
    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        # List items indented under their key ("  - step"), as the files were written by hand.
        super().increase_indent(flow, False)


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    if "\n" in value:
        # "|" with the closing line break, as people write it; reading strips that break again.
        return dumper.represent_scalar("tag:yaml.org,2002:str", value + "\n", style="|")
    return dumper.represent_str(value)


def _one_line(dumper: yaml.SafeDumper, value: _OneLine) -> yaml.SequenceNode:
    return dumper.represent_sequence("tag:yaml.org,2002:seq", value, flow_style=True)


_OfferDumper.add_representer(str, _text)
_OfferDumper.add_representer(_OneLine, _one_line)


def _pounds(value: Decimal) -> int | float:
    # A whole amount is written 1000, a part amount 12.50: both read back to the same Decimal.
    return int(value) if value == value.to_integral_value() else float(f"{value:.2f}")


def _shaped(key: str, value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _shaped(k, v) for k, v in value.items() if not (k in _LEFT_OUT_WHEN_EMPTY and v in ([], {}))}
    if isinstance(value, list):
        items = [_shaped(key, v) for v in value]
        return _OneLine(items) if key in _ONE_LINE_LISTS else items
    return value


def offer_file_data(offer: OfferFile) -> dict[str, Any]:
    """What the offer's file holds, in the file's field order, without empty optional fields."""
    data = offer.model_dump(mode="json", include=set(OfferFile.model_fields), exclude_none=True)
    data["last_reviewed"] = offer.last_reviewed
    if offer.amount is not None:
        data["amount"]["pounds"] = _pounds(offer.amount.pounds)
    for locale, translation in offer.translations.items():
        if translation.checked_on is not None:
            data["translations"][locale]["checked_on"] = translation.checked_on
    ordered = {name: data[name] for name in _FIELD_ORDER if name in data}
    return _shaped("", ordered)


def offer_file_text(offer: OfferFile) -> str:
    """The offer's file, byte for byte."""
    return yaml.dump(offer_file_data(offer), Dumper=_OfferDumper, sort_keys=False, allow_unicode=True,
                     width=1_000_000, default_flow_style=False)


def offer_path(root: Path, offer: Offer) -> Path:
    return root / "offers" / offer.area / f"{offer.slug}.yaml"


def write_offer_files(root: Path, offers: list[Offer]) -> tuple[list[Path], list[Path]]:
    """Make `root/offers` hold exactly these offers' files (the ones written in their own area).

    Returns the files written (new or changed) and the files removed (offers retired). A file whose
    text is already right is not touched, so its modification time says nothing changed either.
    """
    own = [o for o in offers if o.shared_from is None]
    wanted = {offer_path(root, o): offer_file_text(o) for o in own}
    written = []
    for path, text in sorted(wanted.items()):
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            written.append(path)
    removed = [p for p in sorted((root / "offers").glob("*/*.yaml")) if p not in wanted]
    for path in removed:
        path.unlink()
    return written, removed


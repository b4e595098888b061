"""Read and check the content files, then make the database equal to them.

Two steps, kept apart so that nothing touches the database unless every file is good:

1. `read_content(root)` parses and validates every file and cross-checks them (an offer's
   category exists, its districts belong to its area, ...). All problems are collected and
   raised together as one `ContentError`, one line per problem: file, field, reason.
2. `load_content(session, bundle)` adds, updates and removes rows in one transaction, so a
   failed load leaves the previous content being served. Running it twice changes nothing.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel
from sqlalchemy import select
from sqlalchemy.orm import Session

from content.catalogue.offer_checks import InvalidData, OfferRules, offer_problems, parse, sharing_problems, shown_in
from content.catalogue.schema import (
    Area,
    AreasFile,
    CategoriesFile,
    Category,
    CrisisFile,
    CrisisLine,
    Offer,
    Situation,
    SituationsFile,
    Source,
    SourcesFile,
)
from content.catalogue.tables import (
    AreaRow,
    CategoryRow,
    ContentStateRow,
    CrisisLineRow,
    OfferRow,
    SituationRow,
    SourceRow,
)
from content.catalogue.versions import (
    FROM_FILES,
    add_version,
    latest_version,
    mark_exported,
    offer_data,
    unexported_offers,
)
from content.db import Base
from content.yaml_files import FastSafeLoader

CONTENT_ROOT = Path(__file__).resolve().parent.parent
M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True)
class Problem:
    file: str
    field: str
    reason: str

    def __str__(self) -> str:
        return f"{self.file}: {self.field}: {self.reason}"


class ContentError(Exception):
    """Raised when any content file is bad; `problems` lists every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


@dataclass(frozen=True)
class ContentBundle:
    """Every content file, parsed and checked."""

    sources: tuple[Source, ...]
    areas: tuple[Area, ...]
    categories: tuple[Category, ...]
    situations: tuple[Situation, ...]
    crisis_lines: tuple[CrisisLine, ...]
    offers: tuple[Offer, ...]


@dataclass
class LoadReport:
    kept: list[tuple[str, str]] = field(default_factory=list)  # offers changed in the dashboard, not exported
    added: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)
    removed: dict[str, int] = field(default_factory=dict)

    @property
    def changed(self) -> bool:
        return any(self.added.values()) or any(self.updated.values()) or any(self.removed.values())

    def __str__(self) -> str:
        kinds = sorted(set(self.added) | set(self.updated) | set(self.removed))
        parts = [
            f"{k}: +{self.added.get(k, 0)} ~{self.updated.get(k, 0)} -{self.removed.get(k, 0)}" for k in kinds
        ]
        return "; ".join(parts) if self.changed else "no changes"


class _PlainLoader(FastSafeLoader):  # type: ignore[misc,valid-type]
    """A safe loader that leaves dates as text, so a bad date is reported against its field."""


class _PlainExplainingLoader(yaml.SafeLoader):
    """The same in pure Python, only for a file the fast one refused: its messages name the right line and
    what it expected ("expected ',' or ']', but got ':'"), where libyaml's are vaguer."""


_PlainLoader.yaml_implicit_resolvers = _PlainExplainingLoader.yaml_implicit_resolvers = {
    key: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _display(path: Path, root: Path) -> str:
    try:
        return str(Path("content") / path.relative_to(root))
    except ValueError:
        return str(path)


def _read_yaml(path: Path, root: Path, problems: list[Problem]) -> Any:
    name = _display(path, root)
    try:
        text = path.read_text(encoding="utf-8")
        try:
            data = yaml.load(text, Loader=_PlainLoader)  # noqa: S506 - safe loader subclass
        except yaml.YAMLError:
            data = yaml.load(text, Loader=_PlainExplainingLoader)  # noqa: S506 - raises the clearer message
    except FileNotFoundError:
        problems.append(Problem(name, "(file)", "file is missing"))
        return None
    except UnicodeDecodeError:
        problems.append(Problem(name, "(file)", "file is not UTF-8 text"))
        return None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}" if mark is not None else "(file)"
        reason = getattr(exc, "problem", None) or str(exc)
        problems.append(Problem(name, where, f"malformed YAML: {reason}"))
        return None
    if not isinstance(data, dict):
        problems.append(Problem(name, "(file)", "expected a mapping of field: value, found " + type(data).__name__))
        return None
    return data


def _validate(model: type[M], data: Any, name: str, problems: list[Problem]) -> M | None:
    try:
        return parse(model, data)
    except InvalidData as exc:
        problems.extend(Problem(name, loc, reason) for loc, reason in exc.problems)
        return None


def _duplicates(ids: Iterable[str]) -> Iterator[str]:
    seen: set[str] = set()
    for item in ids:
        if item in seen:
            yield item
        seen.add(item)


def read_content(root: Path = CONTENT_ROOT) -> ContentBundle:
    """Parse and check every content file under `root`; raise ContentError listing all problems."""
    problems: list[Problem] = []

    def read_list(filename: str, model: type[BaseModel], attr: str) -> tuple[Any, ...]:
        path = root / filename
        data = _read_yaml(path, root, problems)
        parsed = _validate(model, data, _display(path, root), problems) if data is not None else None
        items = tuple(getattr(parsed, attr)) if parsed is not None else ()
        key = "file" if attr == "sources" else "id"
        for dup in _duplicates(getattr(i, key) for i in items):
            problems.append(Problem(_display(path, root), attr, f"duplicate id {dup!r}"))
        return items

    sources = read_list("sources.yaml", SourcesFile, "sources")
    areas = read_list("areas.yaml", AreasFile, "areas")
    categories = read_list("categories.yaml", CategoriesFile, "categories")
    situations = read_list("situations.yaml", SituationsFile, "situations")
    crisis_lines = read_list("crisis.yaml", CrisisFile, "lines")

    area_by_id = {a.id: a for a in areas}
    areas_name = _display(root / "areas.yaml", root)
    for area in areas:
        for dup in _duplicates(d.id for d in area.districts):
            problems.append(Problem(areas_name, f"{area.id}.districts", f"duplicate id {dup!r}"))
        if area.source not in {s.file for s in sources}:
            problems.append(Problem(areas_name, f"{area.id}.source", f"unknown source {area.source!r}"))

    offers = tuple(_read_offers(root, area_by_id, categories, situations, sources, problems))

    if problems:
        raise ContentError(problems)
    return ContentBundle(sources, areas, categories, situations, crisis_lines, offers)


def _read_offers(
    root: Path,
    area_by_id: dict[str, Area],
    categories: tuple[Category, ...],
    situations: tuple[Situation, ...],
    sources: tuple[Source, ...],
    problems: list[Problem],
) -> Iterator[Offer]:
    offers_dir = root / "offers"
    rules = OfferRules.of(area_by_id.values(), categories, situations, sources)
    seen: dict[tuple[str, str], str] = {}

    for path in sorted(offers_dir.glob("*/*")):
        name = _display(path, root)
        if path.suffix not in (".yaml", ".yml"):
            problems.append(Problem(name, "(file)", "offer files must end in .yaml"))
            continue
        area_id, slug = path.parent.name, path.stem
        area = area_by_id.get(area_id)
        if area is None:
            problems.append(Problem(name, "(path)", f"unknown area {area_id!r} (not in content/areas.yaml)"))
            continue
        if (area_id, slug) in seen:
            problems.append(Problem(name, "(path)", f"duplicate slug {slug!r}: also {seen[area_id, slug]}"))
            continue
        seen[area_id, slug] = name

        data = _read_yaml(path, root, problems)
        if data is None:
            continue
        offer = _validate(Offer, {**data, "area": area_id, "slug": slug}, name, problems)
        if offer is None:
            continue
        # `area` and `slug` come from the path; refuse them inside the file so there is one truth.
        for key in ("area", "slug"):
            if key in data:
                problems.append(Problem(name, key, "unknown field (the path gives the area and slug)"))
        if "shared_from" in data:
            problems.append(Problem(name, "shared_from", "unknown field (use also_in in the home area's file)"))

        for field_name, reason in offer_problems(offer, rules):
            problems.append(Problem(name, field_name, reason))
        yield offer
        yield from _shown_in_other_areas(offer, rules, seen, name, problems)


def _shown_in_other_areas(offer: Offer, rules: OfferRules, seen: dict[tuple[str, str], str], name: str,
                          problems: list[Problem]) -> Iterator[Offer]:
    """The copies of the offer shown in other areas, once `also_in` is found good."""
    found = sharing_problems(offer, rules, set(seen))
    for field_name, reason in found:
        # Name the file that already has the slug, as the editor will look for it.
        problems.append(Problem(name, field_name, _with_file(reason, offer, seen)))
    if found:
        return
    for copy in shown_in(offer):
        seen[copy.area, copy.slug] = name
        yield copy


def _with_file(reason: str, offer: Offer, seen: dict[tuple[str, str], str]) -> str:
    for other in offer.also_in:
        if reason == f"{other} already has an offer {offer.slug!r}":
            return f"{reason}: {seen[other, offer.slug]}"
    return reason


# --- loading into the database ---------------------------------------------------------------


def offer_row_values(offer: Offer) -> dict[str, Any]:
    """The columns of an offer's row in the offers table."""
    data = offer.model_dump(mode="json")
    amount = data.pop("amount")
    eligibility = data.pop("eligibility")
    data["area_id"] = data.pop("area")
    data["category_id"] = data.pop("category")
    data["last_reviewed"] = offer.last_reviewed
    data["amount_pounds"] = str(offer.amount.pounds) if offer.amount else None
    data["amount_period"] = amount["period"] if amount else None
    data["amount_qualifier"] = amount["qualifier"] if amount else None
    data.update(eligibility)
    return data


def _rows(bundle: ContentBundle, kept: set[tuple[str, str]] = frozenset()  # type: ignore[assignment]
          ) -> list[tuple[type[Base], str, dict[Any, dict[str, Any]]]]:
    """Each table in parent-before-child order, with the rows the files ask for, by key (less `kept` offers)."""

    def by_id(items: Iterable[BaseModel], key: str = "id") -> dict[Any, dict[str, Any]]:
        return {
            getattr(item, key): {**item.model_dump(mode="json"), "position": pos}
            for pos, item in enumerate(items)
        }

    sources = {s.file: s.model_dump(mode="json") for s in bundle.sources}
    offers = {(o.area, o.slug): offer_row_values(o) for o in bundle.offers
              if (o.area, o.slug) not in kept and (o.shared_from, o.slug) not in kept}
    return [
        (SourceRow, "sources", sources),
        (AreaRow, "areas", by_id(bundle.areas)),
        (CategoryRow, "categories", by_id(bundle.categories)),
        (SituationRow, "situations", by_id(bundle.situations)),
        (CrisisLineRow, "crisis lines", by_id(bundle.crisis_lines)),
        (OfferRow, "offers", offers),
    ]


def _key(row: Base) -> Any:
    if isinstance(row, OfferRow):
        return (row.area_id, row.slug)
    if isinstance(row, SourceRow):
        return row.file
    return row.id  # type: ignore[attr-defined]


def fingerprint(bundle: ContentBundle) -> str:
    """A hash of everything in the bundle: equal bundles, equal fingerprints."""
    tables = [(kind, sorted(rows.items(), key=lambda kv: str(kv[0]))) for _, kind, rows in _rows(bundle)]
    blob = json.dumps(tables, sort_keys=True, default=str)
    return hashlib.sha256(blob.encode()).hexdigest()


def load_content(session: Session, bundle: ContentBundle, discard_dashboard_edits: bool = False) -> LoadReport:
    """Make the database equal to `bundle` in one transaction; returns what changed.

    An offer changed in the dashboard and not yet written back by `flask content export` is kept as
    it is (listed in `report.kept`), so a deploy cannot undo a worker's published change, unless
    `discard_dashboard_edits`. Each offer the files add, change or remove gets a version in its history.
    """
    report = LoadReport()
    with session.begin():
        kept = set() if discard_dashboard_edits else unexported_offers(session)
        report.kept = sorted(kept)
        tables = _rows(bundle, kept)
        before = {k: _offer_file_values(r) for k, r in _existing(session, OfferRow).items() if r.shared_from is None}
        # Add and update parents before children, then remove children before parents,
        # so foreign keys hold at every step.
        for model, kind, wanted in tables:
            existing = _existing(session, model)
            report.added[kind] = report.updated[kind] = 0
            for key, values in wanted.items():
                row = existing.get(key)
                if row is None:
                    session.add(model(**values))
                    report.added[kind] += 1
                elif any(getattr(row, col) != val for col, val in values.items()):
                    for col, val in values.items():
                        setattr(row, col, val)
                    report.updated[kind] += 1
            session.flush()
        for model, kind, wanted in reversed(tables):
            stale = [row for key, row in _existing(session, model).items()
                     if key not in wanted and not _is_kept(row, kept)]
            for row in stale:
                session.delete(row)
            report.removed[kind] = len(stale)
            session.flush()
        _record_versions(session, bundle, before, kept)
        if discard_dashboard_edits:
            mark_exported(session)
        state = session.get(ContentStateRow, 1)
        new_print = fingerprint(bundle)
        if kept:
            latest = [(k, latest_version(session, k).number) for k in sorted(kept)]  # type: ignore[union-attr]
            new_print = hashlib.sha256(f"{new_print}{latest}".encode()).hexdigest()
        if state is None:
            session.add(ContentStateRow(id=1, fingerprint=new_print, loaded_at=_now()))
        elif state.fingerprint != new_print:
            state.fingerprint, state.loaded_at = new_print, _now()
    return report


def _is_kept(row: Base, kept: set[tuple[str, str]]) -> bool:
    if not isinstance(row, OfferRow):
        return False
    return (row.area_id, row.slug) in kept or (row.shared_from, row.slug) in kept


def _offer_file_values(row: OfferRow) -> dict[str, Any]:
    return {c.key: getattr(row, c.key) for c in row.__table__.columns if c.key != "id"}


def _record_versions(session: Session, bundle: ContentBundle, before: dict[tuple[str, str], dict[str, Any]],
                     kept: set[tuple[str, str]]) -> None:
    """A version for each offer the files added, changed or removed, and a first one for any without."""
    now_written = {(o.area, o.slug): o for o in bundle.offers if o.shared_from is None}
    for key, offer in now_written.items():
        if key in kept:
            continue
        changed = before.get(key) != offer_row_values(offer)
        last = latest_version(session, key)
        if changed or last is None or last.retired:
            add_version(session, key, offer_data(offer), reason="loaded from the content files",
                        changed_by=FROM_FILES, exported=True)
    for key in before.keys() - now_written.keys() - kept:
        last = latest_version(session, key)
        if last is not None and not last.retired:
            add_version(session, key, last.data, reason="removed from the content files", changed_by=FROM_FILES,
                        retired=True, exported=True)


def _existing(session: Session, model: type[Base]) -> dict[Any, Base]:
    return {_key(row): row for row in session.scalars(select(model))}


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


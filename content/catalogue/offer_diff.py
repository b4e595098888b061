"""Two versions of an offer side by side, line by line, for the reviewer.

Both sides are the offer's file text (content.catalogue.offer_files), so the reviewer reads what an
editor wrote, field by field, with unchanged stretches folded away.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass


@dataclass(frozen=True)
class DiffRow:
    kind: str  # same | changed | removed | added | folded
    old_no: int | None = None
    old: str = ""
    new_no: int | None = None
    new: str = ""
    folded: int = 0  # for "folded": how many unchanged lines are hidden


def side_by_side(old: str, new: str, context: int = 2) -> list[DiffRow]:
    """Rows for a two-column table: changed lines paired, unchanged ones folded beyond `context`."""
    a, b = old.splitlines(), new.splitlines()
    rows: list[DiffRow] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if tag == "equal":
            rows.extend(_fold([DiffRow("same", i + 1, a[i], j + 1, b[j]) for i, j in zip(range(i1, i2), range(j1, j2),
                                                                                          strict=True)], context,
                              first=i1 == 0, last=i2 == len(a)))
            continue
        for k in range(max(i2 - i1, j2 - j1)):
            i, j = i1 + k, j1 + k
            left = (i + 1, a[i]) if i < i2 else (None, "")
            right = (j + 1, b[j]) if j < j2 else (None, "")
            kind = "changed" if left[0] and right[0] else ("removed" if left[0] else "added")
            rows.append(DiffRow(kind, left[0], left[1], right[0], right[1]))
    return rows


def _fold(same: list[DiffRow], context: int, first: bool, last: bool) -> list[DiffRow]:
    keep_before = 0 if first else context
    keep_after = 0 if last else context
    if len(same) <= keep_before + keep_after + 1:
        return same
    hidden = len(same) - keep_before - keep_after
    return [*same[:keep_before], DiffRow("folded", folded=hidden), *same[len(same) - keep_after:]]


def changed_lines(rows: list[DiffRow]) -> int:
    return sum(1 for r in rows if r.kind not in ("same", "folded"))

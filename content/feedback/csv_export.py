"""CSV export of feedback for spreadsheets, with formula injection neutralised."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from content.feedback.tables import FeedbackItemRow

COLUMNS = ("id", "created_at", "area", "kind", "channel", "theme", "status", "offer", "helpful", "topic",
           "age_band", "text")
# A cell starting with one of these is run as a formula by spreadsheet programs.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "|", "%")


def safe_cell(value: object) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def feedback_csv(items: Iterable[FeedbackItemRow]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    for i in items:
        row = (i.id, i.created_at.isoformat(timespec="seconds"), i.area_id, i.kind, i.channel, i.theme, i.status,
               i.offer_slug, "" if i.helpful is None else ("yes" if i.helpful else "no"), i.topic, i.age_band, i.text)
        writer.writerow([safe_cell(v) for v in row])
    return out.getvalue()

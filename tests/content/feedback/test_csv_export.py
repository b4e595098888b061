"""CSV export: a cell that a spreadsheet would run as a formula is made plain text."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest

from content.feedback.csv_export import COLUMNS, feedback_csv, safe_cell
from content.feedback.tables import FeedbackItemRow

# Every character that makes Excel, LibreOffice or Google Sheets read a cell as a formula or a
# command (OWASP "CSV injection"), each followed by a payload.
DANGEROUS = ["=HYPERLINK(\"http://x\")", "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)", "\t=1+1", "\r=1+1",
             "|calc", "%0A=1"]


@pytest.mark.parametrize("text", DANGEROUS)
def test_each_formula_start_is_neutralised(text):
    assert safe_cell(text) == "'" + text


@pytest.mark.parametrize("text", ["bus fares are too high", "£500 for uni", "07700 900123", "", "a=b", "1-2"])
def test_ordinary_cells_are_left_alone(text):
    assert safe_cell(text) == text


def test_the_whole_export_neutralises_young_peoples_text():
    rows = [FeedbackItemRow(id=n, kind="feedback", area_id="nottingham", channel="site", text=text, status="new",
                            created_at=dt.datetime(2026, 11, 23, 9, 0))
            for n, text in enumerate(DANGEROUS, start=1)]
    parsed = list(csv.reader(io.StringIO(feedback_csv(rows))))
    assert parsed[0] == list(COLUMNS)
    text_column = COLUMNS.index("text")
    assert [row[text_column] for row in parsed[1:]] == ["'" + t for t in DANGEROUS]

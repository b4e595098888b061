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


def test_each_row_holds_the_item_and_empty_cells_for_what_is_not_known():
    rows = [
        FeedbackItemRow(id=7, kind="helpful", area_id="nottingham", channel="telegram", status="in-review",
                        offer_slug="council-tax-exemption", helpful=True, topic="money", age_band="18-20",
                        theme="money", text="it helped", created_at=dt.datetime(2026, 11, 23, 9, 5, 30, 123)),
        FeedbackItemRow(id=8, kind="helpful", area_id="nottinghamshire", channel="site", status="new",
                        offer_slug="care-2-work", helpful=False, created_at=dt.datetime(2026, 11, 24, 18, 0)),
        FeedbackItemRow(id=9, kind="feedback", area_id=None, channel="site", status="new", text=None,
                        created_at=dt.datetime(2026, 11, 25, 7, 0)),
    ]
    parsed = [dict(zip(COLUMNS, row, strict=True)) for row in csv.reader(io.StringIO(feedback_csv(rows)))][1:]
    assert parsed[0] == {"id": "7", "created_at": "2026-11-23T09:05:30", "area": "nottingham", "kind": "helpful",
                         "channel": "telegram", "theme": "money", "status": "in-review",
                         "offer": "council-tax-exemption", "helpful": "yes", "topic": "money", "age_band": "18-20",
                         "text": "it helped"}
    assert parsed[1]["helpful"] == "no"
    not_known = ("area", "theme", "offer", "helpful", "topic", "age_band", "text")
    assert [parsed[2][column] for column in not_known] == [""] * len(not_known)


def test_an_empty_cell_stays_empty():
    assert safe_cell(None) == ""
    assert safe_cell(0) == "0"

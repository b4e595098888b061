"""Text at the edge: control characters and direction overrides never reach the store."""

from __future__ import annotations

from content.feedback.records import Record, RecordStore
from content.feedback.tables import FeedbackItemRow
from content.understanding.input_text import plain_text


def test_control_and_direction_characters_are_removed_and_the_rest_kept():
    assert plain_text("hi\x00 there\x07\x1b[31m") == "hi there[31m"
    assert plain_text("invoice\u202egnp.exe") == "invoicegnp.exe"
    assert plain_text("line one\r\nline two\rthree\tfour") == "line one\nline two\nthree\tfour"
    assert plain_text("می\u200cخوام 👍🏽") == "می\u200cخوام 👍🏽"  # Persian's joiner and emoji stay


def test_nul_is_stored_without_error_on_every_database(sessions):
    """On PostgreSQL a NUL once gave a 503 that promised a retry that could never succeed."""
    store = RecordStore(sessions)
    item = store.add(Record("feedback", "nottingham", "site", text="more\x00 money\u202e please", contact="a\x00@b.co"))
    with sessions() as session:
        row = session.get(FeedbackItemRow, item)
        assert row.text == "more money please"
        assert row.contact.contact == "a@b.co"

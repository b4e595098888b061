"""Retention: old feedback goes, recent stays; a person's data can be exported where they gave contact."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select

from content.feedback.records import Record, RecordStore
from content.feedback.retention import export_person, purge_older_than
from content.feedback.tables import ContactRow, FeedbackItemRow, FeedbackNoteRow


def test_purge_keeps_recent_and_deletes_old_with_notes_and_contacts(sessions):
    store = RecordStore(sessions)
    old = store.add(Record("feedback", "nottingham", "site", text="old idea", contact="07700 900123"))
    new = store.add(Record("feedback", "nottingham", "site", text="new idea"))
    with sessions() as s:
        s.get(FeedbackItemRow, old).created_at = dt.datetime(2020, 1, 1)
        s.add(FeedbackNoteRow(item_id=old, text="a note"))
        s.commit()
    with sessions() as s:
        assert purge_older_than(s, 24, now=dt.datetime(2026, 11, 22)) == 1
        s.commit()
    with sessions() as s:
        assert [i.id for i in s.scalars(select(FeedbackItemRow))] == [new]
        assert s.scalar(select(func.count()).select_from(ContactRow)) == 0
        assert s.scalar(select(func.count()).select_from(FeedbackNoteRow)) == 0


def test_export_person(sessions):
    store = RecordStore(sessions)
    store.add(Record("feedback", "nottingham", "site", text="first", contact="Sam@Example.com"))
    store.add(Record("feedback", "nottingham", "site", text="second", contact="sam@example.com"))
    store.add(Record("feedback", "nottingham", "site", text="someone else", contact="jo@example.com"))
    with sessions() as s:
        data = export_person(s, "  SAM@example.com ")
    assert [d["what_you_said"] for d in data] == ["first", "second"]


def test_export_person_finds_a_phone_number_however_it_was_typed(sessions):
    store = RecordStore(sessions)
    store.add(Record("feedback", "nottingham", "site", text="one", contact="07700 900123"))
    store.add(Record("feedback", "nottingham", "site", text="two", contact="+44 7700 900 123"))
    store.add(Record("feedback", "nottingham", "site", text="three", contact="(07700) 900-123"))
    store.add(Record("feedback", "nottingham", "site", text="not them", contact="07700 900124"))
    with sessions() as s:
        s.add(ContactRow(item_id=store.add(Record("feedback", "nottingham", "site", text="old row")),
                         contact="0770 0900 123"))  # stored before contacts were normalised
        s.commit()
        data = export_person(s, "077009 00123")
    assert [d["what_you_said"] for d in data] == ["one", "two", "three", "old row"]

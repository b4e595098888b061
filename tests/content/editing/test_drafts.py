"""Workers change offers: draft, a second person's review, publish, history and restore, on SQLite and PostgreSQL.

Everything here runs on a real database loaded with the shipped content, and reads the result the
way the site does (read_catalogue), not through the editing code.
"""

from __future__ import annotations

import pytest
from sqlalchemy import select

from content.accounts.staff import create_staff
from content.catalogue.loader import load_content
from content.catalogue.snapshot import read_catalogue
from content.catalogue.tables import ContentStateRow, OfferDraftRow
from content.catalogue.versions import mark_exported, versions_of
from content.editing.drafts import (
    EditError,
    discard,
    mark_translation_checked,
    publish,
    save_draft,
    send_back,
    start_draft,
    submit_for_review,
)

AREA, SLUG = "nottinghamshire", "ntu-care-leaver-bursary"  # also shown in nottingham


@pytest.fixture
def db(sessions, shipped_bundle):
    with sessions() as s:
        load_content(s, shipped_bundle)
    with sessions() as s:
        create_staff(s, "wendy@notts.test", "Wendy Worker", "a long worker password", "worker",
                     areas=["nottingham", "nottinghamshire"])
        create_staff(s, "ray@notts.test", "Ray Reviewer", "another long password", "worker", areas=["nottinghamshire"])
        s.commit()
    return sessions


def people(s):
    from content.accounts.tables import StaffUserRow

    by_email = {u.email: u for u in s.scalars(select(StaffUserRow))}
    return by_email["wendy@notts.test"], by_email["ray@notts.test"]


def edited(draft, **changes):
    return {**draft.data, **changes}


def draft_and_submit(s, author, action="edit", area=AREA, slug=SLUG, reason="New summary from the 2026 leaflet",
                     **changes):
    cat = read_catalogue(s)
    draft = start_draft(s, cat, author, area, slug, action)
    if action != "retire":
        save_draft(s, cat, draft, edited(draft, **changes), reason, author)
    else:
        save_draft(s, cat, draft, draft.data, reason, author)
    submit_for_review(s, cat, draft, author)
    return draft


def test_a_second_person_publishes_and_every_area_sees_it_with_its_history(db):
    with db() as s:
        wendy, ray = people(s)
        fingerprint = s.get(ContentStateRow, 1).fingerprint
        draft = draft_and_submit(s, wendy, summary="NTU gives you a £1,000 bursary each year you study there.")
        with pytest.raises(EditError, match="second person"):
            publish(s, read_catalogue(s), draft, wendy)
        version = publish(s, read_catalogue(s), draft, ray)
        s.commit()
    with db() as s:
        cat = read_catalogue(s)
        assert cat.fingerprint != fingerprint
        for area in ("nottinghamshire", "nottingham"):  # written in one, shown in both
            assert cat.offer(area, SLUG).summary == "NTU gives you a £1,000 bursary each year you study there."
        assert cat.offer("nottingham", SLUG).shared_from == AREA
        history = versions_of(s, (AREA, SLUG))
        assert [v.number for v in history] == [2, 1]
        assert (history[0].changed_by, history[0].approved_by) == ("Wendy Worker", "Ray Reviewer")
        assert history[0].reason == "New summary from the 2026 leaflet"
        assert history[1].changed_by == "the content files"
        assert version.exported is False


def test_a_bad_field_is_named_and_nothing_is_saved(db):
    with db() as s:
        wendy, _ = people(s)
        cat = read_catalogue(s)
        draft = start_draft(s, cat, wendy, AREA, SLUG, "edit")
        before = dict(draft.data)
        bad = edited(draft, category="nonsense", eligibility={**draft.data["eligibility"], "min_age": "eighteen"})
        with pytest.raises(EditError) as caught:
            save_draft(s, cat, draft, bad, "typo", wendy)
        fields = {f for f, _ in caught.value.problems}
        assert "eligibility.min_age" in fields
        assert draft.data == before and draft.reason == ""
        with pytest.raises(EditError) as caught:
            save_draft(s, cat, draft, edited(draft, category="nonsense"), "typo", wendy)
        assert caught.value.problems == [("category", "unknown category 'nonsense'")]


def test_submitting_needs_a_reason(db):
    with db() as s:
        wendy, _ = people(s)
        cat = read_catalogue(s)
        draft = start_draft(s, cat, wendy, AREA, SLUG, "edit")
        with pytest.raises(EditError, match="Say why"):
            submit_for_review(s, cat, draft, wendy)
        assert draft.status == "draft"


def test_sent_back_with_a_note_then_fixed_and_published(db):
    with db() as s:
        wendy, ray = people(s)
        draft = draft_and_submit(s, wendy, title="NTU bursary")
        with pytest.raises(EditError, match="what should change"):
            send_back(s, draft, ray, "  ")
        send_back(s, draft, ray, "Keep the amount in the title.")
        assert draft.status == "sent-back" and draft.review_note == "Keep the amount in the title."
        cat = read_catalogue(s)
        save_draft(s, cat, draft, edited(draft, title="NTU bursary: £1,000 a year"), "Shorter title", wendy)
        submit_for_review(s, cat, draft, wendy)
        publish(s, cat, draft, ray)
        s.commit()
        assert read_catalogue(s).offer(AREA, SLUG).title == "NTU bursary: £1,000 a year"


def test_an_earlier_version_is_restored_through_review(db):
    with db() as s:
        wendy, ray = people(s)
        original = read_catalogue(s).offer(AREA, SLUG)
        publish(s, read_catalogue(s), draft_and_submit(s, wendy, summary="A wrong summary, sadly."), ray)
        s.commit()
        cat = read_catalogue(s)
        restore = start_draft(s, cat, wendy, AREA, SLUG, "restore", restore_number=1)
        save_draft(s, cat, restore, restore.data, "Put back the checked text", wendy)
        submit_for_review(s, cat, restore, wendy)
        publish(s, cat, restore, ray)
        s.commit()
        assert read_catalogue(s).offer(AREA, SLUG) == original
        assert [v.number for v in versions_of(s, (AREA, SLUG))] == [3, 2, 1]


def test_retired_offer_leaves_every_area_and_can_come_back(db):
    with db() as s:
        wendy, ray = people(s)
        publish(s, read_catalogue(s), draft_and_submit(s, wendy, "retire", reason="The bursary has ended"), ray)
        s.commit()
        cat = read_catalogue(s)
        assert cat.offer(AREA, SLUG) is None and cat.offer("nottingham", SLUG) is None
        assert versions_of(s, (AREA, SLUG))[0].retired
        back = start_draft(s, cat, wendy, AREA, SLUG, "restore", restore_number=1)
        save_draft(s, cat, back, back.data, "It runs again", wendy)
        submit_for_review(s, cat, back, wendy)
        publish(s, cat, back, ray)
        s.commit()
        assert read_catalogue(s).offer("nottingham", SLUG) is not None


def test_a_draft_made_before_another_change_is_not_published_over_it(db):
    with db() as s:
        wendy, ray = people(s)
        first = draft_and_submit(s, wendy, summary="First change to this offer.")
        second = draft_and_submit(s, ray, summary="Second change to this offer.")
        publish(s, read_catalogue(s), first, ray)
        with pytest.raises(EditError, match="changed since this draft began"):
            publish(s, read_catalogue(s), second, wendy)
        assert read_catalogue(s).offer(AREA, SLUG).summary == "First change to this offer."


def test_a_new_offer_needs_a_new_address_and_passes_the_same_checks(db):
    with db() as s:
        wendy, ray = people(s)
        cat = read_catalogue(s)
        with pytest.raises(EditError, match="already an offer"):
            start_draft(s, cat, wendy, AREA, SLUG, "new")
        template = start_draft(s, cat, wendy, AREA, "staying-put", "edit").data
        draft = start_draft(s, cat, wendy, AREA, "bike-repair-vouchers", "new")
        data = {**template, "title": "Bike repair vouchers", "also_in": []}
        save_draft(s, cat, draft, data, "Young people asked for it", wendy)
        submit_for_review(s, cat, draft, wendy)
        publish(s, cat, draft, ray)
        s.commit()
        assert read_catalogue(s).offer(AREA, "bike-repair-vouchers").title == "Bike repair vouchers"


def test_a_load_keeps_dashboard_changes_until_they_are_exported(db, shipped_bundle):
    with db() as s:
        wendy, ray = people(s)
        publish(s, read_catalogue(s), draft_and_submit(s, wendy, summary="Changed in the dashboard."), ray)
        s.commit()
    with db() as s:
        report = load_content(s, shipped_bundle)
    assert report.kept == [(AREA, SLUG)]
    with db() as s:
        assert read_catalogue(s).offer(AREA, SLUG).summary == "Changed in the dashboard."
        mark_exported(s)  # as `flask content export` does, once the files hold it
        s.commit()
    with db() as s:
        report = load_content(s, shipped_bundle)  # files without the change: now they win
    with db() as s:
        assert report.kept == []
        assert read_catalogue(s).offer(AREA, SLUG).summary != "Changed in the dashboard."
        assert versions_of(s, (AREA, SLUG))[0].changed_by == "the content files"


def test_discarded_draft_cannot_be_published(db):
    with db() as s:
        wendy, ray = people(s)
        draft = draft_and_submit(s, wendy, summary="Never mind this one.")
        discard(s, draft, wendy)
        with pytest.raises(EditError):
            publish(s, read_catalogue(s), draft, ray)
        assert s.get(OfferDraftRow, draft.id).status == "discarded"


def test_checking_a_translation_is_recorded_in_the_history(db):
    with db() as s:
        wendy, _ = people(s)
        assert read_catalogue(s).offer(AREA, SLUG).localised("ar").checked is False
        mark_translation_checked(s, read_catalogue(s), AREA, SLUG, "ar", wendy)
        s.commit()
        ar = read_catalogue(s).offer(AREA, SLUG).translations["ar"]
        assert ar.checked_by == "Wendy Worker" and ar.checked_on is not None
        assert versions_of(s, (AREA, SLUG))[0].reason == "ar translation checked"

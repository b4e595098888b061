"""Per-area access: a worker sees and changes only their areas' feedback; an admin sees all."""

from __future__ import annotations

import pytest

from content.accounts.staff import create_staff
from tests.web.staff.conftest import sign_in, soup_of, token
from tests.web.staff.test_review import add
from web.content_access import content

CITY_WORKER = ("city@notts.test", "a long city worker password")


@pytest.fixture
def city(staff_app):
    """A worker of Nottingham City only."""
    with staff_app.app_context(), content().sessions() as s:
        create_staff(s, CITY_WORKER[0], "Cal City", CITY_WORKER[1], "worker", areas=["nottingham"])
        s.commit()
    client = staff_app.test_client()
    sign_in(client, CITY_WORKER)
    return client


def test_a_worker_sees_only_their_areas_items_and_items_with_no_area(staff_app, city, admin):
    mine = add(staff_app, kind="feedback", text="city bus passes please")
    theirs = add(staff_app, kind="feedback", text="county leisure card question", area="nottinghamshire")
    nowhere = add(staff_app, kind="feedback", text="no area given here", area=None)
    theirs_risk = add(staff_app, kind="safeguarding", risk_kind="nowhere-to-sleep", area="nottinghamshire")
    queue = soup_of(city.get("/staff/")).get_text()
    assert "city bus passes" in queue and "no area given" in queue
    assert "county leisure card" not in queue
    assert "Nowhere to sleep" not in queue
    assert city.get(f"/staff/items/{theirs}").status_code == 404
    assert city.get(f"/staff/items/{theirs_risk}").status_code == 404
    assert city.get(f"/staff/items/{mine}").status_code == 200
    assert city.get(f"/staff/items/{nowhere}").status_code == 200
    everything = soup_of(admin.get("/staff/")).get_text()
    assert "county leisure card" in everything and "Nowhere to sleep" in everything


def test_a_worker_cannot_change_another_areas_item(staff_app, city):
    theirs = add(staff_app, kind="feedback", text="county question", area="nottinghamshire")
    t = token(city, "/staff/")
    assert city.post(f"/staff/items/{theirs}", data={"csrf_token": t, "status": "dismissed", "theme": "money",
                                                     "note": "sneaky"}).status_code == 404
    city.post("/staff/items/bulk", data={"csrf_token": t, "ids": [str(theirs)], "action": "dismissed"})
    with staff_app.app_context(), content().sessions() as s:
        from content.feedback.tables import FeedbackItemRow

        item = s.get(FeedbackItemRow, theirs)
        assert item.status == "new" and not item.notes


def test_filters_forms_and_exports_offer_only_their_areas(staff_app, city):
    add(staff_app, kind="feedback", text="county only words", area="nottinghamshire")
    add(staff_app, kind="unanswered", text="county unanswered thing", area="nottinghamshire")
    area_filter = [o["value"] for o in soup_of(city.get("/staff/")).select("select[name=area] option") if o["value"]]
    assert area_filter == ["nottingham"]
    assert "county only words" not in city.get("/staff/export.csv").get_data(as_text=True)
    assert "county only words" not in soup_of(city.get("/staff/?area=nottinghamshire")).get_text()
    assert "county unanswered thing" not in soup_of(city.get("/staff/unanswered")).get_text()
    assert "county unanswered thing" not in soup_of(city.get("/staff/insights")).get_text()
    publish_areas = [o["value"] for o in soup_of(city.get("/staff/publish")).select("select[name=area] option")]
    assert publish_areas == ["nottingham"]


def test_an_admin_changes_a_workers_areas(staff_app, city, admin):
    theirs = add(staff_app, kind="feedback", text="county question two", area="nottinghamshire")
    with staff_app.app_context(), content().sessions() as s:
        from sqlalchemy import select

        from content.accounts.tables import StaffUserRow

        user_id = s.scalar(select(StaffUserRow.id).where(StaffUserRow.email == CITY_WORKER[0]))
    t = token(admin, "/staff/people")
    refused = admin.post(f"/staff/people/{user_id}/areas", data={"csrf_token": t}, follow_redirects=True)
    assert "Choose at least one area" in soup_of(refused).get_text()
    admin.post(f"/staff/people/{user_id}/areas",
               data={"csrf_token": t, f"u{user_id}-areas": ["nottingham", "nottinghamshire"]})
    assert city.get(f"/staff/items/{theirs}").status_code == 200  # at once, in the same session
    assert "staff.areas" in soup_of(admin.get("/staff/audit")).get_text()

"""Who may do what on /staff: anonymous users nothing, workers the queue, admins also people."""

from __future__ import annotations

import pytest

from tests.web.staff.conftest import ADMIN, WORKER, sign_in, soup_of, token

GET_ROUTES = ["/staff/", "/staff/items/1", "/staff/publish", "/staff/export.csv", "/staff/people", "/staff/audit",
              "/staff/unanswered", "/staff/insights", "/staff/needs-checking", "/staff/password",
              "/staff/people/1/password"]
POST_ROUTES = ["/staff/logout", "/staff/items/1", "/staff/items/1/handled", "/staff/items/bulk", "/staff/publish",
               "/staff/people",
               "/staff/people/1/deactivate", "/staff/unanswered/teach", "/staff/unanswered/gap",
               "/staff/password", "/staff/people/1/password"]
ADMIN_ROUTES = ["/staff/people", "/staff/audit", "/staff/people/1/password"]


@pytest.mark.parametrize("path", GET_ROUTES)
def test_anonymous_gets_are_sent_to_login(staff_app, path):
    response = staff_app.test_client().get(path)
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/staff/login")


@pytest.mark.parametrize("path", POST_ROUTES)
def test_anonymous_posts_are_refused(staff_app, path):
    client = staff_app.test_client()
    response = client.post(path, data={"csrf_token": token(client), "status": "dismissed", "note": "x"})
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/staff/login")


@pytest.mark.parametrize("path", POST_ROUTES)
def test_posts_without_csrf_are_refused_even_when_signed_in(worker, path):
    assert worker.post(path, data={"status": "dismissed", "note": "x"}).status_code == 400


@pytest.mark.parametrize("path", ADMIN_ROUTES)
def test_workers_cannot_use_admin_pages(worker, path):
    assert worker.get(path).status_code == 403


def test_worker_cannot_make_accounts(worker):
    response = worker.post("/staff/people", data={"csrf_token": token(worker, "/staff/"), "name": "X",
                                                  "email": "x@notts.test", "role": "admin",
                                                  "password": "another long password"})
    assert response.status_code == 403


def test_admin_makes_an_account_and_errors_keep_what_was_typed(admin):
    t = token(admin, "/staff/people")
    bad = admin.post("/staff/people", data={"csrf_token": t, "name": "New Person", "email": "not-an-email",
                                            "role": "worker", "password": "short"})
    assert bad.status_code == 400
    soup = soup_of(bad)
    assert soup.select_one("#email-error").text.startswith("Enter an email")
    assert soup.select_one("#email")["value"] == "not-an-email"
    assert soup.select_one("#name")["value"] == "New Person"
    no_area = admin.post("/staff/people", data={"csrf_token": t, "name": "New Person", "email": "new@notts.test",
                                                "role": "worker", "password": "a good long password"})
    assert no_area.status_code == 400
    assert soup_of(no_area).select_one("#areas-error").text.startswith("Choose at least one area")
    good = admin.post("/staff/people", data={"csrf_token": t, "name": "New Person", "email": "new@notts.test",
                                             "role": "worker", "areas": "nottingham",
                                             "password": "a good long password"})
    assert good.status_code == 302
    assert "new@notts.test" in admin.get("/staff/people").get_data(as_text=True)
    audit = soup_of(admin.get("/staff/audit")).get_text()
    assert "staff.create" in audit


def _sign_in_error(client, email: str, password: str) -> str:
    response = client.post("/staff/login", data={"csrf_token": token(client), "email": email, "password": password})
    assert response.status_code == 400
    return soup_of(response).select_one(".error-summary").text


def test_every_sign_in_failure_gives_one_message(staff_app):
    client = staff_app.test_client()
    unknown = _sign_in_error(client, "nobody@notts.test", "wrong password here")
    wrong = [_sign_in_error(client, WORKER[0], "wrong password here") for _ in range(3)]
    waiting = _sign_in_error(client, WORKER[0], WORKER[1])  # the right password, but the account waits
    assert {unknown, waiting, *wrong} == {unknown}
    assert "locked" not in unknown.lower()


def test_a_copied_cookie_stops_working_after_sign_out(staff_app, worker):
    copied = staff_app.test_client()
    copied.set_cookie("session", worker.get_cookie("session").value)
    assert copied.get("/staff/").status_code == 200
    worker.post("/staff/logout", data={"csrf_token": token(worker, "/staff/")})
    assert copied.get("/staff/").status_code == 302


def test_eight_hours_from_sign_in_even_when_busy(worker, staff_app):
    with worker.session_transaction() as session:
        session["staff_signed_in"] -= staff_app.config["STAFF_SESSION_SECONDS"] + 5  # busy all day: seen just now
    response = worker.get("/staff/")
    assert response.status_code == 302 and "expired=long" in response.headers["Location"]
    assert "8 hours" in soup_of(worker.get(response.headers["Location"])).select_one(".notice").text


def test_turning_an_account_off_ends_its_sessions_at_once(staff_app, admin, worker):
    assert worker.get("/staff/").status_code == 200
    admin.post("/staff/people/1/deactivate", data={"csrf_token": token(admin, "/staff/people")})
    assert worker.get("/staff/").status_code == 302


def test_changing_your_password_ends_your_other_sessions(staff_app, worker):
    laptop = staff_app.test_client()
    sign_in(laptop, WORKER)
    t = token(worker, "/staff/password")
    bad = worker.post("/staff/password", data={"csrf_token": t, "current": "not it at all",
                                               "password": "tram stop velvet 42 onion",
                                               "confirm": "tram stop velvet 42 onion"})
    assert bad.status_code == 400
    assert soup_of(bad).select_one("#current-error").text == "That is not your current password."
    weak = worker.post("/staff/password", data={"csrf_token": t, "current": WORKER[1], "password": "password1234",
                                                "confirm": "password1234"})
    assert "harder to guess" in soup_of(weak).select_one("#password-error").text
    ok = worker.post("/staff/password", data={"csrf_token": t, "current": WORKER[1],
                                              "password": "tram stop velvet 42 onion",
                                              "confirm": "tram stop velvet 42 onion"})
    assert ok.status_code == 302
    assert worker.get("/staff/").status_code == 200  # this session goes on
    assert laptop.get("/staff/").status_code == 302  # the other one has ended
    sign_in(laptop, (WORKER[0], "tram stop velvet 42 onion"))


def test_an_admin_reset_signs_them_out_and_makes_them_choose(staff_app, admin, worker):
    t = token(admin, "/staff/people/1/password")
    assert "Wendy Worker" in soup_of(admin.get("/staff/people/1/password")).h1.text
    admin.post("/staff/people/1/password", data={"csrf_token": t, "password": "temporary pass phrase 77"})
    assert worker.get("/staff/").status_code == 302
    fresh = staff_app.test_client()
    sign_in(fresh, (WORKER[0], "temporary pass phrase 77"))
    response = fresh.get("/staff/")
    assert response.status_code == 302 and response.headers["Location"].endswith("/staff/password")
    assert "temporary password" in soup_of(fresh.get("/staff/password")).select_one(".notice").text
    fresh.post("/staff/password", data={"csrf_token": token(fresh, "/staff/password"),
                                        "current": "temporary pass phrase 77",
                                        "password": "my own choice of words", "confirm": "my own choice of words"})
    assert fresh.get("/staff/").status_code == 200


def test_a_weak_first_password_is_refused_next_to_the_field(admin):
    bad = admin.post("/staff/people", data={"csrf_token": token(admin, "/staff/people"), "name": "New Person",
                                            "email": "new@notts.test", "role": "worker", "areas": "nottingham",
                                                "password": "password1234"})
    assert bad.status_code == 400
    assert "harder to guess" in soup_of(bad).select_one("#password-error").text


def test_login_is_rate_limited(tmp_path, shipped_bundle, limits_on):
    from tests.conftest import loaded_sqlite
    from web import create_app

    app = create_app("test", {"DATABASE_URL": loaded_sqlite(tmp_path / "rl.db", shipped_bundle),
                              "RATELIMIT_ENABLED": True, "WTF_CSRF_ENABLED": False})
    client = app.test_client()
    codes = [client.post("/staff/login", data={"email": "a@b.co", "password": "x"}).status_code for _ in range(12)]
    assert codes[:10] == [400] * 10
    assert codes[10] == 429
    assert "Too many tries" in soup_of(client.post("/staff/login", data={"email": "a@b.co", "password": "x"})).h1.text


def test_idle_session_expires(worker, staff_app):
    with worker.session_transaction() as session:
        session["staff_seen"] = session["staff_seen"] - staff_app.config["STAFF_IDLE_SECONDS"] - 5
    response = worker.get("/staff/")
    assert response.status_code == 302 and "expired=idle" in response.headers["Location"]
    assert worker.get("/staff/").status_code == 302  # signed out for good


def test_staff_pages_are_not_cached_and_cookies_are_protected(staff_app):
    client = staff_app.test_client()
    response = client.post("/staff/login", data={"csrf_token": token(client), "email": ADMIN[0],
                                                  "password": ADMIN[1]})
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert "Expires=" in cookie  # 8 hours, not "until the browser closes", which can be days on a laptop
    assert client.get("/staff/").headers["Cache-Control"] == "no-store"


def test_production_cookies_are_secure(monkeypatch, tmp_path, site_db):
    """A real production app, over HTTPS: the cookies it sets are Secure, HttpOnly and SameSite."""
    import importlib

    import web.config

    monkeypatch.setenv("SECRET_KEY", "x" * 40)
    monkeypatch.setenv("SITE_URL", "https://offer.example.org")
    monkeypatch.setenv("DATABASE_URL", site_db)
    monkeypatch.setenv("SAFEGUARDING_SPOOL", str(tmp_path / "spool.jsonl"))
    try:
        importlib.reload(web.config)
        from web import create_app

        app = create_app("production")
        client = app.test_client()
        login = client.get("/staff/login", base_url="https://offer.example.org")
        area = client.get("/nottingham/?lang=ar", base_url="https://offer.example.org")
        cookies = login.headers.getlist("Set-Cookie") + area.headers.getlist("Set-Cookie")
        assert {c.split("=")[0] for c in cookies} >= {"session", "area"}
        for cookie in cookies:
            assert "; Secure" in cookie and "; HttpOnly" in cookie and "SameSite=Lax" in cookie, cookie
    finally:
        monkeypatch.undo()  # before reloading: the settings are read from the environment at import
        importlib.reload(web.config)


def test_signing_out(worker):
    worker.post("/staff/logout", data={"csrf_token": token(worker, "/staff/")})
    assert worker.get("/staff/").status_code == 302


def test_account_turned_off_cannot_sign_in(admin, staff_app):
    people = soup_of(admin.get("/staff/people"))
    form = next(f for f in people.select("form[action*=deactivate]"))
    admin.post(form["action"], data={"csrf_token": token(admin, "/staff/people")})
    other = staff_app.test_client()
    response = other.post("/staff/login", data={"csrf_token": token(other), "email": WORKER[0],
                                                "password": WORKER[1]})
    assert response.status_code == 400
    assert admin.get("/staff/people").status_code == 200  # the admin who turned it off goes on


@pytest.mark.parametrize("path", ["/staff/items/2147483648", "/staff/items/99999999999999999999"])
def test_ids_beyond_the_database_range_are_not_found(worker, path):
    assert worker.get(path).status_code == 404
    t = token(worker, "/staff/")
    assert worker.post(path, data={"csrf_token": t, "note": "x"}).status_code == 404


def test_forged_ids_in_forms_and_query_strings_are_refused_not_errors(worker):
    t = token(worker, "/staff/")
    bulk = worker.post("/staff/items/bulk", data={"csrf_token": t, "ids": ["2147483648"], "action": "dismiss"})
    assert bulk.status_code == 302  # back to the queue with "Tick at least one item"
    assert "Tick at least one item" in soup_of(worker.get(bulk.headers["Location"])).get_text()
    assert worker.get("/staff/publish?ids=99999999999999999999").status_code == 200
    page = soup_of(worker.get("/staff/?status=new&_method=DELETE&endpoint=x"))
    csv_link = next(a["href"] for a in page.select("a") if "CSV" in a.get_text())
    assert "_method" not in csv_link and "endpoint" not in csv_link and "status=new" in csv_link


def test_signed_in_staff_get_the_friendly_page_while_the_database_is_away(staff_app, worker, tmp_path):
    from web.content_access import content

    assert worker.get("/staff/").status_code == 200
    with staff_app.app_context():
        content().engine.dispose()
    (tmp_path / "staff.db").rename(tmp_path / "away.db")  # the database is gone; SQLite finds no tables
    (tmp_path / "staff.db").mkdir()  # and cannot make a new file in its place
    response = worker.get("/staff/")
    assert response.status_code == 503
    assert "not working just now" in soup_of(response).get_text()


def test_sign_out_clears_what_the_browser_kept(worker):
    response = worker.post("/staff/logout", data={"csrf_token": token(worker, "/staff/")})
    assert response.status_code == 302 and response.headers["Location"] == "/staff/login"
    assert response.headers["Clear-Site-Data"] == '"cache", "storage"'


def test_idle_expiry_clears_what_the_browser_kept(worker, staff_app):
    with worker.session_transaction() as session:
        session["staff_seen"] = session["staff_seen"] - staff_app.config["STAFF_IDLE_SECONDS"] - 5
    assert worker.get("/staff/").headers["Clear-Site-Data"] == '"cache", "storage"'


@pytest.mark.parametrize("user_id", ["x.1", "1.x", "1", "999.0", "2147483648.0", "99999999999999999999.0"])
def test_a_forged_or_stale_session_is_signed_out_not_an_error(worker, user_id):
    with worker.session_transaction() as session:  # a signed-in session, so only the account id is wrong
        session["_user_id"] = user_id
    response = worker.get("/staff/")
    assert response.status_code == 302 and response.headers["Location"].startswith("/staff/login")


def test_the_largest_account_id_the_database_holds_can_sign_in(staff_app):
    from sqlalchemy import update

    from content.accounts.tables import StaffUserRow
    from web.content_access import content

    with staff_app.app_context(), content().sessions() as s:
        s.execute(update(StaffUserRow).where(StaffUserRow.email == WORKER[0]).values(id=2**31 - 1))
        s.commit()
    client = staff_app.test_client()
    sign_in(client, WORKER)
    assert client.get("/staff/").status_code == 200


def test_an_account_id_beyond_the_database_range_is_refused_from_a_cookie(staff_app):
    """From 2**31 an id is refused before the database is asked (PostgreSQL's integers end there)."""
    from sqlalchemy import update

    from content.accounts.tables import StaffUserRow
    from web.content_access import content

    with staff_app.app_context(), content().sessions() as s:
        s.execute(update(StaffUserRow).where(StaffUserRow.email == WORKER[0]).values(id=2**31))
        s.commit()
    client = staff_app.test_client()
    sign_in(client, WORKER)  # SQLite holds the id, so the password check passes ...
    assert client.get("/staff/").headers["Location"].startswith("/staff/login")  # ... but the cookie is refused


def test_the_sign_out_button_names_who_is_signed_in(worker):
    button = soup_of(worker.get("/staff/")).select_one("form[action='/staff/logout'] button")
    assert button.get_text(strip=True) == "Sign out Wendy Worker"


def test_the_sign_in_page_opens_and_signing_in_leads_to_the_dashboard(staff_app):
    client = staff_app.test_client()
    assert client.get("/staff/login").status_code == 200
    response = client.post("/staff/login", data={"csrf_token": token(client), "email": WORKER[0],
                                                  "password": WORKER[1]})
    assert response.status_code == 302 and response.headers["Location"] == "/staff/"


def test_idle_and_too_long_at_once_says_8_hours(worker, staff_app):
    with worker.session_transaction() as session:
        session["staff_seen"] -= staff_app.config["STAFF_IDLE_SECONDS"] + 5
        session["staff_signed_in"] -= staff_app.config["STAFF_SESSION_SECONDS"] + 5
    response = worker.get("/staff/")
    assert response.status_code == 302 and "expired=long" in response.headers["Location"]


@pytest.mark.parametrize("missing", ["staff_seen", "staff_signed_in"])
def test_a_session_without_its_times_is_ended_not_an_error(worker, missing):
    with worker.session_transaction() as session:
        del session[missing]
    response = worker.get("/staff/")
    assert response.status_code == 302 and response.headers["Location"].startswith("/staff/login?expired=")


def test_each_request_counts_as_being_active(worker, staff_app):
    with worker.session_transaction() as session:
        session["staff_seen"] -= staff_app.config["STAFF_IDLE_SECONDS"] - 60  # idle for 29 of the 30 minutes
        before = session["staff_seen"]
    assert worker.get("/staff/").status_code == 200
    with worker.session_transaction() as session:
        assert session["staff_seen"] > before + staff_app.config["STAFF_IDLE_SECONDS"] - 120  # the clock restarted


def test_an_account_that_does_not_exist_is_not_found_on_the_admin_pages(admin):
    t = token(admin, "/staff/people")
    assert admin.get("/staff/people/999/password").status_code == 404
    missing = admin.post("/staff/people/999/areas", data={"csrf_token": t, "u999-areas": ["nottingham"]})
    assert missing.status_code == 404

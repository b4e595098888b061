"""Who may do what on /staff: anonymous users nothing, workers the queue, admins also people."""

from __future__ import annotations

import pytest

from tests.web.staff.conftest import ADMIN, WORKER, sign_in, soup_of, token

GET_ROUTES = ["/staff/", "/staff/items/1", "/staff/publish", "/staff/export.csv", "/staff/people", "/staff/audit",
              "/staff/unanswered", "/staff/insights"]
POST_ROUTES = ["/staff/logout", "/staff/items/1/status", "/staff/items/1/theme", "/staff/items/1/note",
               "/staff/items/1/handled", "/staff/items/bulk", "/staff/publish", "/staff/people",
               "/staff/people/1/deactivate", "/staff/unanswered/teach", "/staff/unanswered/gap"]
ADMIN_ROUTES = ["/staff/people", "/staff/audit"]


@pytest.mark.parametrize("path", GET_ROUTES)
def test_anonymous_gets_are_sent_to_login(staff_app, path):
    response = staff_app.test_client().get(path)
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/staff/login")


@pytest.mark.parametrize("path", POST_ROUTES)
def test_anonymous_posts_are_refused(staff_app, path):
    client = staff_app.test_client()
    response = client.post(path, data={"csrf_token": token(client), "status": "dismissed", "note": "x"})
    assert response.status_code in (302, 401)
    if response.status_code == 302:
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
    good = admin.post("/staff/people", data={"csrf_token": t, "name": "New Person", "email": "new@notts.test",
                                             "role": "worker", "password": "a good long password"})
    assert good.status_code == 302
    assert "new@notts.test" in admin.get("/staff/people").get_data(as_text=True)
    audit = soup_of(admin.get("/staff/audit")).get_text()
    assert "staff.create" in audit


def test_wrong_password_and_lockout(staff_app):
    client = staff_app.test_client()
    for _ in range(5):
        response = client.post("/staff/login", data={"csrf_token": token(client), "email": WORKER[0],
                                                      "password": "wrong password here"})
        assert response.status_code == 400
    soup = soup_of(client.post("/staff/login", data={"csrf_token": token(client), "email": WORKER[0],
                                                     "password": WORKER[1]}))
    assert "locked" in soup.select_one(".error-summary").text  # even the right password, for now


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
    assert response.status_code == 302 and "expired=1" in response.headers["Location"]
    assert worker.get("/staff/").status_code == 302  # signed out for good


def test_staff_pages_are_not_cached_and_cookies_are_protected(staff_app):
    client = staff_app.test_client()
    response = client.post("/staff/login", data={"csrf_token": token(client), "email": ADMIN[0],
                                                  "password": ADMIN[1]})
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert client.get("/staff/").headers["Cache-Control"] == "no-store"


def test_production_cookies_are_secure(monkeypatch):
    monkeypatch.setenv("SECRET_KEY", "x" * 40)
    import importlib

    import web.config

    config = importlib.reload(web.config).config_for("production")
    assert config.SESSION_COOKIE_SECURE is True
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
    _ = sign_in  # the admin can still sign in: checked by the fixture


@pytest.mark.parametrize("path", ["/staff/items/2147483648", "/staff/items/99999999999999999999"])
def test_ids_beyond_the_database_range_are_not_found(worker, path):
    assert worker.get(path).status_code == 404
    t = token(worker, "/staff/")
    assert worker.post(path + "/note", data={"csrf_token": t, "note": "x"}).status_code == 404


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
    assert response.status_code == 302
    assert response.headers["Clear-Site-Data"] == '"cache", "storage"'


def test_idle_expiry_clears_what_the_browser_kept(worker, staff_app):
    with worker.session_transaction() as session:
        session["staff_seen"] = session["staff_seen"] - staff_app.config["STAFF_IDLE_SECONDS"] - 5
    assert worker.get("/staff/").headers["Clear-Site-Data"] == '"cache", "storage"'

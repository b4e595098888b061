"""Security headers on every response, and hostile input that must give 400/404, never 500."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

PATHS = ["/", "/nottingham/", "/nottingham/offers/staying-put", "/api/v1/areas", "/sw.js", "/no-such-page"]


@pytest.mark.parametrize("path", PATHS)
def test_security_headers(client, path):
    with client.get(path) as response:  # closes the file behind /sw.js
        headers = response.headers
    csp = headers["Content-Security-Policy"]
    for directive in ("default-src 'self'", "script-src 'self'", "object-src 'none'", "frame-ancestors 'none'"):
        assert directive in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Referrer-Policy"] == "no-referrer"


def test_preference_cookies_are_httponly_and_lax(client):
    response = client.get("/nottingham/?lang=ar")
    cookies = response.headers.getlist("Set-Cookie")
    assert len(cookies) == 2
    for cookie in cookies:
        assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


HOSTILE = [
    ("/nottingham/search?q=" + "a" * 100_000, 200),
    ("/nottingham/search?q=%00%ff%fe", 200),
    ("/nottingham/search?q=<script>alert(1)</script>", 200),
    ("/nottingham/search?q='; DROP TABLE offers; --", 200),
    ("/nottingham/search?q=%F0%9F%98%AD%F0%9F%98%AD", 200),
    ("/nottingham/what-can-i-get?age=99999999999999999999&status=care-leaver", 200),
    ("/nottingham/what-can-i-get?age=-5&status=care-leaver", 200),
    ("/nottingham/what-can-i-get?age=18&status=../../etc", 200),
    ("/nottingham/what-can-i-get?age=18&status=care-leaver&situations=nope&situations=", 200),
    ("/nottinghamshire/what-can-i-get?age=18&status=care-leaver&district=%3Cb%3E", 200),
    ("/nottingham/?lang=../../etc/passwd", 200),
    ("/nottingham/?lang=%00", 200),
    ("/../../etc/passwd", 404),
    ("/%00/", 404),
    ("/nottingham/offers/%2e%2e%2f%2e%2e", 404),
    ("/nottingham/offers/" + "x" * 5000, 404),
    ("/nottingham/categories/<script>", 404),
    ("/api/v1/areas/nottingham/offers/<script>", 404),
    ("/api/v1/areas/%00/offers", 404),
]


@pytest.mark.parametrize(("path", "status"), HOSTILE)
def test_hostile_paths_and_queries(client, path, status):
    response = client.get(path)
    assert response.status_code == status
    assert b"<script>alert(1)</script>" not in response.data


@pytest.mark.parametrize(
    "headers",
    [
        {"Cookie": "area=" + "x" * 5000},
        {"Cookie": "lang=\x00; area=\xff"},
        {"Accept-Language": "ar;q=abc,,,"},
        {"Host": "evil.example"},
        {"X-Forwarded-For": "not-an-ip"},
        {"Content-Type": "multipart/form-data; boundary="},
    ],
)
def test_hostile_headers(client, headers):
    # Each is ignored or read safely: the page is served as usual (a forged Host with SITE_URL set
    # is refused: test_a_forged_host_is_refused_before_any_link_or_redirect_is_built).
    response = client.get("/nottingham/", headers=headers)
    assert response.status_code == 200
    assert BeautifulSoup(response.get_data(as_text=True), "html.parser").h1.text == "Nottingham local offer"


def test_post_to_a_page_is_refused_cleanly(client):
    response = client.post("/nottingham/")
    assert response.status_code == 405
    assert BeautifulSoup(response.get_data(as_text=True), "html.parser").h1.text


def test_error_page_escapes_and_has_no_trace(client):
    response = client.get("/nottingham/offers/<img src=x onerror=alert(1)>")
    assert response.status_code == 404
    assert b"<img src=x" not in response.data  # escaped wherever the path is echoed
    assert b"Traceback" not in response.data


def test_behind_a_proxy_each_client_has_its_own_rate_limit(tmp_path, shipped_bundle, limits_on):
    from tests.conftest import loaded_sqlite
    from web import create_app

    app = create_app("test", {"DATABASE_URL": loaded_sqlite(tmp_path / "px.db", shipped_bundle),
                              "RATELIMIT_ENABLED": True, "WTF_CSRF_ENABLED": False, "TRUSTED_PROXIES": 1})
    client = app.test_client()

    def post(ip: str) -> int:
        return client.post("/nottingham/feedback", data={"message": "hi"},
                           headers={"X-Forwarded-For": ip}).status_code

    assert [post("203.0.113.1") for _ in range(11)][-1] == 429
    assert post("203.0.113.2") == 200  # another young person is not blocked


@pytest.fixture
def public_app(site_db):
    from web import create_app

    return create_app("test", {"DATABASE_URL": site_db, "SITE_URL": "https://offer.example.org",
                               "TRUSTED_HOSTS": ["offer.example.org", "app.internal"]})


@pytest.mark.parametrize("path", ["/privacy", "/nottingham", "/api/v1/areas", "/nottingham/you-said-we-did/print",
                                  "/staff/login", "/no-such-page"])
def test_a_forged_host_is_refused_before_any_link_or_redirect_is_built(public_app, path):
    response = public_app.test_client().get(path, headers={"Host": "evil.example"})
    assert response.status_code == 400
    assert "evil.example" not in response.get_data(as_text=True)
    assert "Location" not in response.headers


def test_links_use_site_url_whatever_trusted_host_asked(public_app):
    client = public_app.test_client()
    areas = client.get("/api/v1/areas", headers={"Host": "app.internal"}).get_json()["areas"]
    assert areas and all(a["offers_url"].startswith("https://offer.example.org/api/v1/") for a in areas)
    offer = client.get("/api/v1/areas/nottingham/offers/staying-put", headers={"Host": "app.internal"}).get_json()
    assert offer["page_url"] == "https://offer.example.org/nottingham/offers/staying-put"
    letter = BeautifulSoup(client.get("/nottingham/you-said-we-did/print", headers={"Host": "app.internal"})
                           .get_data(as_text=True), "html.parser")
    assert "https://offer.example.org/nottingham/feedback" in letter.select_one(".more").text


def test_production_needs_an_https_site_url(monkeypatch):
    import importlib

    import web.config

    monkeypatch.setenv("SECRET_KEY", "x" * 40)
    monkeypatch.setenv("SITE_URL", "")
    try:
        with pytest.raises(RuntimeError, match="SITE_URL"):
            importlib.reload(web.config).config_for("production")
        monkeypatch.setenv("SITE_URL", "https://offer.example.org")
        config = importlib.reload(web.config).config_for("production")
        assert config.TRUSTED_HOSTS == ["offer.example.org"]
    finally:
        monkeypatch.undo()
        importlib.reload(web.config)


def test_each_app_keeps_its_own_https_setting(monkeypatch, tmp_path, app):
    """A production app made in the same process (as a test or a CLI command does) must not turn the
    other apps' plain-HTTP pages into redirects: the security headers' settings belong to each app."""
    import importlib

    import web.config

    monkeypatch.setenv("SECRET_KEY", "x" * 40)
    monkeypatch.setenv("SITE_URL", "https://offer.example.org")
    monkeypatch.setenv("DATABASE_URL", app.config["DATABASE_URL"])
    monkeypatch.setenv("SAFEGUARDING_SPOOL", str(tmp_path / "spool.jsonl"))
    try:
        importlib.reload(web.config)
        from web import create_app

        production = create_app("production")
    finally:
        monkeypatch.undo()
        importlib.reload(web.config)
    plain = production.test_client().get("/privacy", base_url="http://offer.example.org")
    assert plain.status_code == 302 and plain.headers["Location"].startswith("https://")
    assert app.test_client().get("/privacy").status_code == 200
    assert app.test_client().get("/api/v1/areas/nottingham/openreferral/").get_json()["version"] == "HSDS-UK-3.0"

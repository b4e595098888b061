from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from web.languages import LANGUAGES


@pytest.fixture
def get_page(client):
    """GET a page, check the status and the invariants every HTML page keeps, return parsed HTML."""

    def get(path: str, status: int = 200, lang: str | None = None) -> BeautifulSoup:
        if lang:
            path += ("&" if "?" in path else "?") + f"lang={lang}"
        response = client.get(path)
        assert response.status_code == status, (path, response.status_code)
        assert response.mimetype == "text/html"
        soup = BeautifulSoup(response.get_data(as_text=True), "html.parser")
        check_page_invariants(soup, response, lang or "en")
        return soup

    return get


def check_page_invariants(soup: BeautifulSoup, response, lang: str) -> None:
    html = soup.find("html")
    language = next(la for la in LANGUAGES if la.code == lang)
    assert html["lang"] == lang
    assert html["dir"] == ("rtl" if language.rtl else "ltr")
    h1 = soup.find_all("h1")
    assert len(h1) == 1, "one h1 per page"
    assert soup.title.text.startswith(h1[0].get_text(strip=True)[:20])
    # Crisis help is one tap away on every page.
    assert soup.select_one("header a.help-now")["href"].endswith("help")
    # No inline script, nothing from other sites.
    for script in soup.find_all("script"):
        assert script.get("src", "").startswith("/static/"), script
        assert not script.string
    for tag in soup.find_all(["link", "img", "script"]):
        ref = tag.get("href") or tag.get("src") or ""
        assert not ref.startswith(("http:", "https:", "//")), ref
    assert not soup.find(style=True)
    assert not soup.find("style")
    for form in soup.find_all("form"):
        assert form.get("action"), form
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp

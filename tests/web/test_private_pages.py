"""Pages with what a young person typed or chose are never cached; public pages may be kept offline."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

PRIVATE_GETS = [
    "/nottingham/search?q=money+for+uni",
    "/nottingham/search",
    "/nottingham/what-can-i-get",
    "/nottingham/what-can-i-get?age=19&status=care-leaver",
    "/nottingham/what-can-i-get?age=abc",
    "/nottingham/feedback",
    "/nottingham/chat",
]
PUBLIC = ["/nottingham/", "/nottingham/offers/staying-put", "/nottingham/categories/money", "/nottingham/help"]


@pytest.mark.parametrize("path", PRIVATE_GETS)
def test_private_pages_are_no_store(client, path):
    assert client.get(path).headers["Cache-Control"] == "no-store"


def _token(client, path: str) -> str:
    soup = BeautifulSoup(client.get(path).get_data(as_text=True), "html.parser")
    return soup.select_one("input[name=csrf_token]")["value"]


def test_private_posts_are_no_store(client):
    token = _token(client, "/nottingham/feedback")
    sent = [
        client.post("/nottingham/feedback", data={"csrf_token": token, "message": "the drop-in should open later"}),
        client.post("/nottingham/feedback", data={"csrf_token": token, "message": ""}),  # the form, with its error
        client.post("/nottingham/chat", data={"csrf_token": token, "message": "rent help"}),
        client.post("/nottingham/offers/staying-put/helpful", data={"csrf_token": token, "helpful": "yes"}),
    ]
    assert [r.status_code for r in sent] == [200, 400, 303, 303]
    assert [r.headers.get("Cache-Control") for r in sent] == ["no-store"] * len(sent)


@pytest.mark.parametrize("path", PUBLIC)
def test_public_pages_may_be_kept(client, path):
    assert "no-store" not in client.get(path).headers.get("Cache-Control", "")


def test_offline_list_holds_public_pages_only(client):
    urls = client.get("/nottingham/offline.json").get_json()["urls"]
    assert urls
    for url in urls:
        assert url.split("/")[-1] not in {"what-can-i-get", "search", "chat", "feedback", "privacy"}, url
        assert url == "/offline" or url.startswith("/nottingham/")


def test_offline_page_has_a_place_for_a_kept_message(client):
    soup = BeautifulSoup(client.get("/offline").get_data(as_text=True), "html.parser")
    kept = soup.select_one("#kept-draft")
    assert kept.has_attr("hidden")  # shown by the page script only when a message was kept
    assert kept.select_one("[data-draft-text]") is not None
    assert soup.select_one("a[href='tel:999']") or "999" in soup.get_text()

"""The app's routes, compared with a checked-in list, so a page cannot vanish unnoticed."""

from __future__ import annotations

EXPECTED = {
    "/",
    "/<area_id>/",
    "/<area_id>/categories/<category_id>",
    "/<area_id>/offers/<slug>",
    "/<area_id>/search",
    "/<area_id>/what-can-i-get",
    "/<area_id>/chat",
    "/<area_id>/help",
    "/help",
    "/privacy",
    "/sw.js",
    "/manifest.webmanifest",
    "/<area_id>/offline.json",
    "/offline",
    "/api/v1/areas",
    "/api/v1/areas/<area_id>/offers",
    "/api/v1/areas/<area_id>/offers/<slug>",
    "/api/v1/openapi.json",
    "/static/<path:filename>",
    "/<area_id>/offers/<slug>/helpful",
    "/<area_id>/feedback",
    "/<area_id>/you-said-we-did",
    "/<area_id>/you-said-we-did/print",
    "/staff/login",
    "/staff/logout",
    "/staff/",
    "/staff/export.csv",
    "/staff/items/<id:item_id>",
    "/staff/items/<id:item_id>/handled",
    "/staff/items/bulk",
    "/staff/publish",
    "/staff/people",
    "/staff/people/<id:user_id>/deactivate",
    "/staff/people/<id:user_id>/password",
    "/staff/password",
    "/staff/audit",
    "/staff/unanswered",
    "/staff/unanswered/teach",
    "/staff/unanswered/gap",
    "/staff/insights",
    "/staff/needs-checking",
    "/staff/people/<id:user_id>/areas",
    "/staff/offers",
    "/staff/offers/<area>/<slug>",
    "/staff/offers/<area>/<slug>/draft",
    "/staff/offers/<area>/new",
    "/staff/offers/<area>/<slug>/translations/<locale>/checked",
    "/staff/drafts/<id:draft_id>",
    "/staff/drafts/<id:draft_id>/review",
    "/staff/drafts/<id:draft_id>/publish",
    "/staff/drafts/<id:draft_id>/send-back",
    "/staff/drafts/<id:draft_id>/discard",
    "/healthz",
    "/api/v1/areas/<area_id>/openreferral/",
    "/api/v1/areas/<area_id>/openreferral/services",
    "/api/v1/areas/<area_id>/openreferral/services/<service_id>",
    "/api/v1/areas/<area_id>/openreferral/taxonomies",
    "/api/v1/areas/<area_id>/openreferral/taxonomies/<taxonomy_id>",
    "/api/v1/areas/<area_id>/openreferral/taxonomy_terms",
    "/api/v1/areas/<area_id>/openreferral/taxonomy_terms/<term_id>",
    "/readyz",
}


def test_routes_match_the_list(app):
    assert {rule.rule for rule in app.url_map.iter_rules()} == EXPECTED


def test_offline_list_names_every_offer_page(client, shipped_bundle):
    urls = client.get("/nottingham/offline.json").get_json()["urls"]
    for offer in shipped_bundle.offers:
        if offer.area == "nottingham":
            assert f"/nottingham/offers/{offer.slug}" in urls
    assert "/nottingham/help" in urls


def test_manifest_and_service_worker(client):
    manifest = client.get("/manifest.webmanifest")
    assert manifest.mimetype == "application/manifest+json"
    assert manifest.get_json()["start_url"] == "/"
    with client.get("/sw.js") as sw:
        assert sw.status_code == 200
        assert sw.headers["Cache-Control"] == "no-cache"
        assert "javascript" in sw.mimetype

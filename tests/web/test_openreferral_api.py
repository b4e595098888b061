"""Each area as an Open Referral UK 3.0 API, checked against the profile's own schemas (offline copies in
tests/web/openreferral_schema) with format checking: every service of both areas, the taxonomies, the
envelope, the filters, and clear errors for bad input."""

from __future__ import annotations

import json
import uuid

import pytest

from tests.web.openreferral_schema import FORMATS, HERE, errors, response_validator, schema_validator

AREAS = ["nottingham", "nottinghamshire"]
# Required by the profile: the service's id, name and status; its organisation's description; a term's description.
MISSING = [("organization", "description"), ("name",), ("id",), ("status",), ("organization", "name"),
           ("attributes", 0, "taxonomy_term", "description"), ("service_areas", 0, "id")]


def base(area: str) -> str:
    return f"/api/v1/areas/{area}/openreferral"


def get_json(client, path: str, status: int = 200) -> dict:
    response = client.get(path)
    assert response.status_code == status, (path, response.status_code, response.get_data(as_text=True)[:300])
    assert response.mimetype == "application/json"
    return response.get_json()


def all_pages(client, path: str, per_page: int) -> list[dict]:
    """Read a paged list to the end, as a directory would, checking each page against the profile."""
    validator = response_validator(path.split("/openreferral")[1])
    items: list[dict] = []
    page = 1
    while True:
        data = get_json(client, f"{path}?page={page}&per_page={per_page}")
        assert errors(validator, data) == []
        assert data["page_number"] == page and data["size"] == len(data["contents"]) <= per_page
        assert data["first_page"] == (page == 1)
        items += data["contents"]
        if data["last_page"]:
            assert data["total_items"] == len(items) and data["total_pages"] == page
            return items
        page += 1


def nulls(value: object, where: str = "") -> list[str]:
    """Where a null hides in a record (the profile types every field, so none may)."""
    if value is None:
        return [where]
    if isinstance(value, dict):
        return [n for k, v in value.items() for n in nulls(v, f"{where}/{k}")]
    if isinstance(value, list):
        return [n for i, v in enumerate(value) for n in nulls(v, f"{where}/{i}")]
    return []


@pytest.fixture(scope="module")
def services(app) -> dict[str, list[dict]]:
    """Every service of each area, fully nested, read through the API."""
    client = app.test_client()
    return {area: [get_json(client, f"{base(area)}/services/{s['id']}")
                   for s in all_pages(client, f"{base(area)}/services", per_page=7)] for area in AREAS}


@pytest.mark.parametrize("area", AREAS)
def test_every_service_validates_against_the_profile(services, shipped_bundle, area):
    offers = [o for o in shipped_bundle.offers if o.area == area]
    assert len(services[area]) == len(offers) > 0
    full = schema_validator("schema/compiled/service.json")
    by_id = response_validator("/services/{id}")
    for service in services[area]:
        assert errors(full, service) == [], service["name"]
        assert errors(by_id, service) == [], service["name"]
        assert nulls(service) == []
        # What the issue asks each record to carry, beyond what the profile requires.
        assert service["organization"]["description"] and service["service_areas"] and service["languages"]
        assert service["contacts"] and {"minimum_age", "maximum_age", "last_modified"} <= set(service)
        link_types = {a["link_type"] for a in service["attributes"]}
        assert link_types == {"category", "eligibility"}, service["name"]
    assert len({s["id"] for s in services[area]}) == len(offers)
    with_money = [s["name"] for s in services[area] if s["cost_options"]]
    assert sorted(with_money) == sorted(o.title for o in offers if o.amount)


def test_the_profiles_own_example_validates():
    """The validation set-up accepts what the profile publishes, so a failure above is ours."""
    example = json.loads((HERE / "examples" / "service_full.json").read_text())
    assert errors(schema_validator("schema/compiled/service.json"), example) == []


@pytest.mark.parametrize("missing", MISSING, ids=lambda path: "/".join(map(str, path)))
def test_validation_fails_when_a_required_field_is_removed(services, missing):
    service = json.loads(json.dumps(services["nottinghamshire"][0]))
    *parents, key = missing
    holder = service
    for parent in parents:
        holder = holder[parent]
    del holder[key]
    assert errors(schema_validator("schema/compiled/service.json"), service) != []


@pytest.mark.parametrize(("field", "bad"), [("email", None), ("fees", None), ("id", "not-a-uuid"),
                                            ("url", "not a web address"), ("email", "nobody"),
                                            ("last_modified", "2025-02-30T00:00:00Z"), ("minimum_age", "16")])
def test_validation_fails_on_a_null_or_a_wrong_format(services, field, bad):
    service = {**services["nottingham"][0], field: bad}
    assert errors(schema_validator("schema/compiled/service.json"), service) != []


def test_format_checking_is_on_for_the_profiles_formats():
    assert {"uuid", "uri", "email", "date-time", "date"} <= set(FORMATS.checkers)


@pytest.mark.parametrize("area", AREAS)
def test_api_root_names_the_standard(client, area):
    for path in (base(area), base(area) + "/"):  # directories are given the base both ways
        response = client.get(path)
        assert response.status_code == 200
        assert response.headers["Access-Control-Allow-Origin"] == "*"
        data = response.get_json()
        assert errors(response_validator("/"), data) == []
        assert data["version"] == "HSDS-UK-3.0"
        assert data["openapi_url"].endswith("uk-profile/main/schema/openapi.json")


def test_taxonomies_and_terms(client, services):
    root = base("nottingham")
    taxonomies = all_pages(client, f"{root}/taxonomies", per_page=1)
    terms = all_pages(client, f"{root}/taxonomy_terms", per_page=4)
    assert {t["name"] for t in taxonomies} == {"Local offer categories", "Who a local offer is for"}
    for taxonomy in taxonomies:
        full = get_json(client, f"{root}/taxonomies/{taxonomy['id']}")
        assert errors(response_validator("/taxonomies/{id}"), full) == []
        assert full["taxonomy_terms"] == [t for t in terms if t["taxonomy_id"] == taxonomy["id"]]
    for term in terms:
        assert get_json(client, f"{root}/taxonomy_terms/{term['id']}") == term
        assert errors(response_validator("/taxonomy_terms/{id}"), term) == []
    # Every term a service is tagged with is in the vocabulary, exactly as listed there.
    by_id = {t["id"]: t for t in terms}
    for area in AREAS:
        for service in services[area]:
            for attribute in service["attributes"]:
                assert by_id[attribute["taxonomy_term_id"]] == attribute["taxonomy_term"]
    assert {"care-leaver", "looked-after", "housing", "money"} <= {t["term"] for t in terms}
    care_leaver = next(t for t in terms if t["term"] == "care-leaver")
    assert care_leaver["name"] == "Care leaver"


def test_ids_are_stable(services):
    """Service ids keep the first export's scheme (uuid5 of area and slug), so directories keep their records."""
    ykym = next(s for s in services["nottinghamshire"] if s["name"].startswith("You Know Your Mind"))
    assert ykym["id"] == "29d927b3-f64f-5554-aaf2-c3bd6cc0d585"
    assert ykym["url"].endswith("/nottinghamshire/offers/you-know-your-mind")
    assert ykym["minimum_age"] == 16 and ykym["maximum_age"] == 24
    assert ykym["cost_options"][0]["amount"] == 500
    assert ykym["fees"].startswith("Free")
    every = [s["id"] for area in AREAS for s in services[area]]
    every += [row["id"] for area in AREAS for s in services[area]
              for key in ("service_areas", "languages", "cost_options", "contacts", "attributes") for row in s[key]]
    assert len(every) == len(set(every))  # no two rows of a directory's tables would share an id


BAD = ["page=0", "page=abc", "page=-1", "page=1.5", "page=%C2%B2", "per_page=0", "per_page=-5",
       "per_page=100000", "per_page=abc", "modified_after=yesterday", "modified_after=2025-13-01",
       "minimum_age=abc", "maximum_age=nan", "maximum_age=inf"]


@pytest.mark.parametrize("query", BAD)
def test_bad_input_is_a_clear_400(client, query):
    data = get_json(client, f"{base('nottingham')}/services?{query}", status=400)
    name = query.split("=")[0]
    assert data["status"] == 400 and data["error"].startswith(f"{name} must be")


@pytest.mark.parametrize("path", ["taxonomies", "taxonomy_terms"])
def test_bad_paging_of_taxonomies_is_a_400(client, path):
    assert get_json(client, f"{base('nottingham')}/{path}?per_page=1000", status=400)["status"] == 400


def test_unknown_things_are_404_json(client, services):
    other_area = services["nottingham"][0]["id"]
    for path in [f"services/{uuid.uuid4()}", "services/nope", f"services/{other_area}",
                 f"taxonomies/{uuid.uuid4()}", "taxonomy_terms/nope"]:
        assert get_json(client, f"{base('nottinghamshire')}/{path}", status=404) == {"error": "Not Found",
                                                                                      "status": 404}
    for path in ["", "/services", "/taxonomies", f"/services/{other_area}"]:
        assert get_json(client, base("derby") + path, status=404)["status"] == 404


def test_a_page_past_the_end_is_empty(client):
    data = get_json(client, f"{base('nottingham')}/services?page=99")
    assert errors(response_validator("/services"), data) == []
    assert data["empty"] and data["contents"] == [] and data["last_page"] and not data["first_page"]


def ids(client, query: str) -> set[str]:
    data = get_json(client, f"{base('nottinghamshire')}/services?per_page=100&{query}")
    assert errors(response_validator("/services"), data) == []
    return {s["name"] for s in data["contents"]}


def test_filters(client, services, shipped_bundle):
    offers = [o for o in shipped_bundle.offers if o.area == "nottinghamshire"]
    titles = {o.title for o in offers}
    reviewed = max(o.last_reviewed for o in offers)
    terms = {a["taxonomy_term"]["term"]: a["taxonomy_term_id"]
             for s in services["nottinghamshire"] for a in s["attributes"]}
    assert ids(client, "modified_after=2000-01-01T00:00:00Z") == titles
    assert ids(client, f"modified_after={reviewed.isoformat()}") == {o.title for o in offers
                                                                      if o.last_reviewed == reviewed}
    assert ids(client, f"modified_after={reviewed.isoformat()}T00:00:01%2B00:00") == set()
    assert ids(client, f"taxonomy_term_id={terms['housing']}") == {o.title for o in offers if o.category == "housing"}
    assert ids(client, f"taxonomy_term_id={terms['care-leaver']}") == {o.title for o in offers
                                                                        if "care-leaver" in o.eligibility.who}
    assert ids(client, f"taxonomy_term_id={uuid.uuid4()}") == set()
    category_taxonomy = services["nottinghamshire"][0]["attributes"][0]["taxonomy_term"]["taxonomy_id"]
    assert ids(client, f"taxonomy_id={category_taxonomy}") == titles
    assert ids(client, "minimum_age=18") == {o.title for o in offers if o.eligibility.min_age >= 18}
    assert ids(client, "maximum_age=17") == {o.title for o in offers if o.eligibility.max_age <= 17}
    assert ids(client, "search=BURSARY") == {o.title for o in offers if "bursary" in
                                             (o.title + o.summary + o.body + " ".join(o.keywords)).lower()} != set()
    assert ids(client, "search=&minimum_age=") == titles  # empty parameters count as not given

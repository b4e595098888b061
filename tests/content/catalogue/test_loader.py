"""The loader: each kind of bad file is refused with file, field and reason; loads are exact,
repeatable and all-or-nothing, on SQLite and PostgreSQL."""

from __future__ import annotations

import dataclasses
import datetime as dt
import shutil
from pathlib import Path

import pytest
import yaml
from sqlalchemy import func, select

from content.catalogue.loader import ContentError, LoadReport, fingerprint, load_content, read_content
from content.catalogue.snapshot import read_catalogue
from content.catalogue.tables import ContentStateRow, OfferRow
from tests.conftest import content_copy

OFFER = "offers/nottinghamshire/council-tax-exemption.yaml"


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """A private copy of the shipped content to break."""
    return content_copy(tmp_path)


def edit(root: Path, rel: str, change) -> None:
    path = root / rel
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def only_problem(root: Path) -> str:
    with pytest.raises(ContentError) as caught:
        read_content(root)
    problems = [str(p) for p in caught.value.problems]
    assert len(problems) == 1, problems
    return problems[0]


def test_shipped_content_reads(root):
    bundle = read_content(root)
    assert {a.id for a in bundle.areas} == {"nottingham", "nottinghamshire"}


def test_unknown_field(root):
    edit(root, OFFER, lambda d: d.update(colour="red"))
    assert only_problem(root) == f"content/{OFFER}: colour: unknown field"


def test_missing_field(root):
    edit(root, OFFER, lambda d: d.pop("summary"))
    assert only_problem(root) == f"content/{OFFER}: summary: required field is missing"


def test_wrong_type(root):
    edit(root, OFFER, lambda d: d["eligibility"].update(min_age="eighteen"))
    line = only_problem(root)
    assert line.startswith(f"content/{OFFER}: eligibility.min_age: ")
    assert "integer" in line


def test_list_expected(root):
    edit(root, OFFER, lambda d: d.update(how_to_get_it="ask your PA"))
    assert only_problem(root).startswith(f"content/{OFFER}: how_to_get_it: ")


def test_bad_date(root):
    edit(root, OFFER, lambda d: d.update(last_reviewed="2026-13-45"))
    line = only_problem(root)
    assert line.startswith(f"content/{OFFER}: last_reviewed: ")
    assert "date" in line


def test_too_few_example_questions(root):
    edit(root, OFFER, lambda d: d.update(example_questions=d["example_questions"][:2]))
    assert only_problem(root).startswith(f"content/{OFFER}: example_questions: ")


def test_ages_out_of_order(root):
    edit(root, OFFER, lambda d: d["eligibility"].update(min_age=24, max_age=18))
    assert only_problem(root) == f"content/{OFFER}: eligibility: Value error, min_age must not be more than max_age"


def test_unknown_area(root):
    (root / "offers" / "derby").mkdir()
    shutil.copy(root / OFFER, root / "offers" / "derby" / "council-tax-exemption.yaml")
    assert only_problem(root) == (
        "content/offers/derby/council-tax-exemption.yaml: (path): unknown area 'derby' (not in content/areas.yaml)"
    )


def test_unknown_category(root):
    edit(root, OFFER, lambda d: d.update(category="sweets"))
    assert only_problem(root) == f"content/{OFFER}: category: unknown category 'sweets'"


def test_unknown_district(root):
    edit(root, OFFER, lambda d: d["eligibility"].update(districts=["derby"]))
    assert only_problem(root) == f"content/{OFFER}: eligibility.districts: 'derby' is not a district of nottinghamshire"


def test_unknown_status(root):
    edit(root, OFFER, lambda d: d["eligibility"].update(who=["astronaut"]))
    assert only_problem(root) == (
        f"content/{OFFER}: eligibility.who: unknown status 'astronaut' (one of: care-leaver, looked-after)"
    )


def test_unknown_situation(root):
    edit(root, OFFER, lambda d: d["eligibility"].update(situations=["on-the-moon"]))
    assert only_problem(root) == f"content/{OFFER}: eligibility.situations: unknown situation 'on-the-moon'"


def test_unknown_source(root):
    edit(root, OFFER, lambda d: d.update(source="999_0000000000000000.txt"))
    assert "source: unknown source document" in only_problem(root)


def test_duplicate_slug(root):
    shutil.copy(root / OFFER, root / OFFER.replace(".yaml", ".yml"))
    line = only_problem(root)
    assert "duplicate slug 'council-tax-exemption'" in line


def test_duplicate_area_id(root):
    edit(root, "areas.yaml", lambda d: d["areas"].append(dict(d["areas"][0])))
    assert only_problem(root) == "content/areas.yaml: areas: duplicate id 'nottingham'"


def test_bad_slug_in_file_name(root):
    shutil.move(root / OFFER, root / "offers/nottinghamshire/Council Tax.yaml")
    assert "slug" in only_problem(root)


def test_malformed_yaml_names_the_line(root):
    path = root / OFFER
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[1] = "summary: [this list never closes"
    path.write_text("\n".join(lines), encoding="utf-8")
    assert only_problem(root) == f"content/{OFFER}: line 3: malformed YAML: expected ',' or ']', but got ':'"


def test_empty_file(root):
    (root / OFFER).write_text("", encoding="utf-8")
    assert only_problem(root).startswith(f"content/{OFFER}: (file): expected a mapping")


def test_unknown_translation_language(root):
    edit(root, OFFER, lambda d: d.update(translations={"zz": {"title": "x", "summary": "y"}}))
    assert only_problem(root) == f"content/{OFFER}: translations.zz: unknown language code"


def test_several_problems_are_all_reported(root):
    edit(root, OFFER, lambda d: d.update(colour="red"))
    edit(root, "offers/nottingham/complaints.yaml", lambda d: d.update(category="sweets"))
    with pytest.raises(ContentError) as caught:
        read_content(root)
    assert len(caught.value.problems) == 2
    assert str(caught.value).count("\n") == 1  # one line per problem


def all_problems(root: Path) -> list[str]:
    with pytest.raises(ContentError) as caught:
        read_content(root)
    lines = [str(p) for p in caught.value.problems]
    assert str(caught.value) == "\n".join(lines)  # one line per problem, nothing else
    return lines


def test_a_bad_file_does_not_stop_the_checks_of_the_files_after_it(root):
    offers = root / "offers"
    (offers / "derby").mkdir()
    shutil.copy(offers / "nottingham/complaints.yaml", offers / "derby/complaints.yaml")  # unknown area
    (offers / "nottingham/a-note.txt").write_text("not an offer", encoding="utf-8")  # not .yaml
    shutil.copy(offers / "nottingham/complaints.yaml", offers / "nottingham/complaints.yml")  # duplicate slug
    (offers / "nottingham/big-it-up.yaml").write_text("title: [never closed", encoding="utf-8")  # malformed
    edit(root, "offers/nottingham/emotional-health-support.yaml", lambda d: d.pop("title"))  # invalid
    edit(root, OFFER, lambda d: d.update(category="sweets"))  # the last file of all
    assert all_problems(root) == [
        "content/offers/derby/complaints.yaml: (path): unknown area 'derby' (not in content/areas.yaml)",
        "content/offers/nottingham/a-note.txt: (file): offer files must end in .yaml",
        "content/offers/nottingham/big-it-up.yaml: line 1: malformed YAML: expected ',' or ']', but got '<stream end>'",
        "content/offers/nottingham/complaints.yml: (path): duplicate slug 'complaints': also "
        "content/offers/nottingham/complaints.yaml",
        "content/offers/nottingham/emotional-health-support.yaml: title: required field is missing",
        f"content/{OFFER}: category: unknown category 'sweets'",
    ]


@pytest.mark.parametrize("key", ["area", "slug"])
def test_area_and_slug_come_only_from_the_path(root, key):
    edit(root, OFFER, lambda d: d.update({key: "nottingham"}))
    assert only_problem(root) == f"content/{OFFER}: {key}: unknown field (the path gives the area and slug)"


@pytest.mark.parametrize(
    ("write", "problem"),
    [
        (lambda path: path.unlink(), "(file): file is missing"),
        (lambda path: path.write_bytes(b"lines: \xff\xfe\n"), "(file): file is not UTF-8 text"),
        (lambda path: path.write_text("- a\n- b\n"), "(file): expected a mapping of field: value, found list"),
        (lambda path: path.write_text("lines:\n  - id: a\x07b\n"),  # a control character: no line to name
         '(file): malformed YAML: unacceptable character #x0007: special characters are not allowed\n'
         '  in "<unicode string>", position 16'),
    ],
)
def test_a_file_that_cannot_be_read_is_named(root, write, problem):
    write(root / "crisis.yaml")
    assert all_problems(root) == [f"content/crisis.yaml: {problem}"]


def test_area_problems_name_the_area(root):
    def change(d):
        d["areas"][1]["districts"].append(dict(d["areas"][1]["districts"][0]))
        d["areas"][0]["source"] = "999_0000000000000000.txt"

    edit(root, "areas.yaml", change)
    assert all_problems(root) == [
        "content/areas.yaml: nottingham.source: unknown source '999_0000000000000000.txt'",
        "content/areas.yaml: nottinghamshire.districts: duplicate id 'ashfield'",
    ]


def test_equal_ages_are_one_age(root):
    edit(root, "offers/nottinghamshire/free-leisure-access.yaml",
         lambda d: d["eligibility"].update(min_age=18, max_age=18))
    offer = next(o for o in read_content(root).offers if o.slug == "free-leisure-access")
    assert (offer.eligibility.min_age, offer.eligibility.max_age) == (18, 18)


def test_ages_the_text_does_not_state_are_refused_with_the_words(root):
    edit(root, OFFER, lambda d: d["eligibility"].update(max_age=20))
    with pytest.raises(ContentError) as refused:
        read_content(root)
    lines = str(refused.value).splitlines()
    assert lines[0].startswith(f"content/{OFFER}: eligibility.max_age: the text says \"until you are 25\"")


def test_a_longer_limit_needs_the_situations_that_allow_it(root):
    edit(root, "offers/nottingham/staying-put.yaml", lambda d: d["eligibility"].update(older_if=[]))
    assert only_problem(root).endswith("usual_max_age and older_if go together: the usual limit, and who may "
                                       "stay longer")
    edit(root, "offers/nottingham/staying-put.yaml", lambda d: d["eligibility"].update(older_if=["flying"]))
    assert only_problem(root) == ("content/offers/nottingham/staying-put.yaml: eligibility.older_if: "
                                  "unknown situation 'flying'")


def test_a_summary_is_one_short_sentence(root):
    edit(root, OFFER, lambda d: d.update(summary="x" * 200))
    read_content(root)
    edit(root, OFFER, lambda d: d.update(summary="x" * 201))
    assert only_problem(root) == (
        f"content/{OFFER}: summary: Value error, summary must be one short sentence (200 characters at most)"
    )


def test_a_crisis_line_needs_a_phone_or_a_text_number(root):
    def text_only(d):
        d["lines"][0].pop("phone")
        d["lines"][0]["text"] = "85258"

    edit(root, "crisis.yaml", text_only)
    assert read_content(root).crisis_lines[0].text == "85258"
    edit(root, "crisis.yaml", lambda d: d["lines"][0].pop("text"))
    assert only_problem(root) == (
        "content/crisis.yaml: lines.0: Value error, a crisis line needs a phone number or a text number"
    )


# --- loading into a database (both SQLite and PostgreSQL) -------------------------------------


def count_offers(sessions) -> int:
    with sessions() as s:
        return s.scalar(select(func.count()).select_from(OfferRow))


def test_load_then_load_again_changes_nothing(sessions, shipped_bundle):
    first = load_content(sessions(), shipped_bundle)
    assert first.added["offers"] == len(shipped_bundle.offers)
    second = load_content(sessions(), shipped_bundle)
    assert not second.changed, str(second)
    assert str(second) == "no changes"
    assert count_offers(sessions) == len(shipped_bundle.offers)


def test_database_equals_files(sessions, shipped_bundle):
    load_content(sessions(), shipped_bundle)
    with sessions() as s:
        catalogue = read_catalogue(s)
    assert {(o.area, o.slug): o for o in catalogue.offers} == {(o.area, o.slug): o for o in shipped_bundle.offers}
    assert catalogue.areas == shipped_bundle.areas
    assert catalogue.crisis_lines == shipped_bundle.crisis_lines


def test_load_adds_updates_and_removes(sessions, root):
    load_content(sessions(), read_content(root))
    edit(root, OFFER, lambda d: d.update(title="A new title"))
    edit(root, "offers/nottingham/advocacy.yaml", lambda d: d.update(title="Another new title"))
    (root / "offers/nottingham/complaints.yaml").unlink()
    shutil.copy(root / OFFER, root / "offers/nottinghamshire/a-new-offer.yaml")
    report = load_content(sessions(), read_content(root))
    assert str(report) == ("areas: +0 ~0 -0; categories: +0 ~0 -0; crisis lines: +0 ~0 -0; offers: +1 ~2 -1; "
                           "situations: +0 ~0 -0; sources: +0 ~0 -0")
    with sessions() as s:
        catalogue = read_catalogue(s)
    assert catalogue.offer("nottinghamshire", "council-tax-exemption").title == "A new title"
    assert catalogue.offer("nottingham", "complaints") is None
    assert catalogue.offer("nottinghamshire", "a-new-offer") is not None


def test_a_report_gives_each_kind_that_appears_with_its_counts():
    report = LoadReport(added={"offers": 2}, updated={"areas": 1}, removed={"sources": 3})
    assert str(report) == "areas: +0 ~1 -0; offers: +2 ~0 -0; sources: +0 ~0 -3"


def content_state(sessions) -> tuple[str, dt.datetime]:
    with sessions() as s:
        state = s.get(ContentStateRow, 1)
        return state.fingerprint, state.loaded_at


def test_running_processes_can_tell_a_new_load_from_the_same_one_again(sessions, root):
    load_content(sessions(), read_content(root))
    first = content_state(sessions)
    load_content(sessions(), read_content(root))
    assert content_state(sessions) == first
    edit(root, OFFER, lambda d: d.update(title="A new title"))
    changed = read_content(root)
    load_content(sessions(), changed)
    assert content_state(sessions)[0] == fingerprint(changed) != first[0]


def test_the_fingerprint_is_of_the_content_not_of_the_order_of_the_offer_files(shipped_bundle):
    reordered = dataclasses.replace(shipped_bundle, offers=tuple(reversed(shipped_bundle.offers)))
    retitled = shipped_bundle.offers[0].model_copy(update={"title": "A new title"})
    changed = dataclasses.replace(shipped_bundle, offers=(retitled, *shipped_bundle.offers[1:]))
    assert fingerprint(reordered) == fingerprint(shipped_bundle) != fingerprint(changed)


def test_failed_load_leaves_previous_content(sessions, shipped_bundle, monkeypatch):
    load_content(sessions(), shipped_bundle)
    with sessions() as s:
        before = read_catalogue(s)
    # A bundle whose last table write fails (an offer pointing at a category that is not there)
    # must roll back everything it had already changed.
    broken_offer = shipped_bundle.offers[0].model_copy(update={"category": "not-a-category", "title": "Changed"})
    broken = type(shipped_bundle)(
        shipped_bundle.sources,
        shipped_bundle.areas,
        shipped_bundle.categories[:-1],  # removing a category is also part of the same transaction
        shipped_bundle.situations,
        shipped_bundle.crisis_lines,
        (broken_offer, *shipped_bundle.offers[1:]),
    )
    with pytest.raises(Exception):
        load_content(sessions(), broken)
    with sessions() as s:
        after = read_catalogue(s)
    assert after == before


NTU = "offers/nottinghamshire/ntu-care-leaver-bursary.yaml"


def test_an_offer_for_both_areas_is_written_once_and_shown_in_each(root):
    offers = {(o.area, o.slug): o for o in read_content(root).offers}
    county, city = offers["nottinghamshire", "ntu-care-leaver-bursary"], offers["nottingham", "ntu-care-leaver-bursary"]
    assert (county.shared_from, city.shared_from) == (None, "nottinghamshire")
    assert city.title == county.title and city.source == county.source
    edit(root, NTU, lambda d: d.update(title="NTU bursary, changed once"))
    offers = {(o.area, o.slug): o for o in read_content(root).offers}
    assert offers["nottingham", "ntu-care-leaver-bursary"].title == "NTU bursary, changed once"


@pytest.mark.parametrize(("also_in", "reason"), [
    (["derby"], "unknown area 'derby' (not in content/areas.yaml)"),
    (["nottinghamshire"], "'nottinghamshire' is this offer's own area"),
])
def test_a_wrong_also_in_is_refused(root, also_in, reason):
    edit(root, NTU, lambda d: d.update(also_in=also_in))
    assert only_problem(root) == f"content/{NTU}: also_in: {reason}"


def test_also_in_may_not_hide_the_other_areas_own_offer(root):
    shutil.copy(root / "offers" / "nottingham" / "complaints.yaml",
                root / "offers" / "nottingham" / "ntu-care-leaver-bursary.yaml")
    assert only_problem(root).startswith(f"content/{NTU}: also_in: nottingham already has an offer "
                                         "'ntu-care-leaver-bursary'")


def test_shared_from_is_not_written_by_hand(root):
    edit(root, NTU, lambda d: d.update(shared_from="nottingham"))
    assert only_problem(root) == f"content/{NTU}: shared_from: unknown field (use also_in in the home area's file)"


# --- the version history the loader keeps (content/catalogue/versions.py) -------------------------------

KEY = ("nottinghamshire", "council-tax-exemption")


def history(sessions, key=KEY) -> list[tuple[int, str, bool, bool, str]]:
    from content.catalogue.versions import versions_of

    with sessions() as s:
        return [(v.number, v.reason, v.retired, v.exported, v.data.get("title", "")) for v in versions_of(s, key)]


def test_a_first_load_records_version_1_of_each_offer_written_in_the_files(sessions, root):
    bundle = read_content(root)
    load_content(sessions(), bundle)
    [(number, reason, retired, exported, title)] = history(sessions)
    assert (number, reason, retired, exported) == (1, "loaded from the content files", False, True)
    assert title == next(o.title for o in bundle.offers if (o.area, o.slug) == KEY)
    shared = next(o for o in bundle.offers if o.shared_from is not None)
    assert history(sessions, (shared.area, shared.slug)) == []  # a copy shown in another area has no history


def test_loading_the_same_files_again_adds_no_version_and_a_change_adds_one(sessions, root):
    load_content(sessions(), read_content(root))
    load_content(sessions(), read_content(root))
    assert [v[0] for v in history(sessions)] == [1]
    edit(root, OFFER, lambda d: d.update(title="A new title"))
    load_content(sessions(), read_content(root))
    assert history(sessions)[0] == (2, "loaded from the content files", False, True, "A new title")
    assert history(sessions, ("nottingham", "advocacy"))[0][0] == 1  # the others unchanged


def test_an_offer_removed_from_the_files_is_retired_with_its_text_and_can_come_back(sessions, root):
    load_content(sessions(), read_content(root))
    saved = (root / OFFER).read_text(encoding="utf-8")
    (root / OFFER).unlink()
    load_content(sessions(), read_content(root))
    first, retired = history(sessions)[1], history(sessions)[0]
    assert retired == (2, "removed from the content files", True, True, first[4])
    load_content(sessions(), read_content(root))  # still gone: not retired twice
    assert len(history(sessions)) == 2
    (root / OFFER).write_text(saved, encoding="utf-8")
    load_content(sessions(), read_content(root))
    assert history(sessions)[0][:3] == (3, "loaded from the content files", False)


def test_an_offer_changed_in_the_dashboard_is_kept_by_a_load_until_exported(sessions, root):
    from content.catalogue.versions import add_version, latest_version, mark_exported

    load_content(sessions(), read_content(root))
    loaded = content_state(sessions)[0]
    with sessions() as s:
        row = s.scalar(select(OfferRow).where(OfferRow.area_id == KEY[0], OfferRow.slug == KEY[1]))
        data = dict(latest_version(s, KEY).data, title="Changed in the dashboard")
        row.title = "Changed in the dashboard"
        add_version(s, KEY, data, reason="a staff edit", changed_by="Wendy", exported=False)
        s.commit()
    report = load_content(sessions(), read_content(root))  # the same files, with the older text
    assert report.kept == [KEY]
    with sessions() as s:
        assert read_catalogue(s).offer(*KEY).title == "Changed in the dashboard"
    assert [v[1] for v in history(sessions)] == ["a staff edit", "loaded from the content files"]
    # Running processes must notice the kept edit: the state's fingerprint is of the files and the kept versions.
    assert content_state(sessions)[0] != loaded
    kept_once = content_state(sessions)[0]
    with sessions() as s:  # a second staff edit, the files the same again: still a new state
        add_version(s, KEY, dict(data, title="Changed again"), reason="another edit", changed_by="Wendy",
                    exported=False)
        s.commit()
    load_content(sessions(), read_content(root))
    assert content_state(sessions)[0] not in (loaded, kept_once)
    (root / OFFER).unlink()  # nor may a removal from the files undo it
    load_content(sessions(), read_content(root))
    with sessions() as s:
        assert read_catalogue(s).offer(*KEY).title == "Changed in the dashboard"
        mark_exported(s)
        s.commit()
    report = load_content(sessions(), read_content(root))
    assert report.kept == []
    with sessions() as s:
        assert read_catalogue(s).offer(*KEY) is None  # exported, so the files decide now


def test_a_shared_offer_may_not_take_a_slug_the_other_area_has_and_the_message_names_both_files(root):
    edit(root, "offers/nottingham/complaints.yaml", lambda d: d.update(also_in=["nottinghamshire"]))
    assert only_problem(root) == ("content/offers/nottinghamshire/complaints.yaml: (path): duplicate slug "
                                  "'complaints': also content/offers/nottingham/complaints.yaml")


def test_a_crisis_line_removed_from_the_files_is_removed_by_a_load(sessions, root):
    from content.catalogue.tables import CrisisLineRow

    load_content(sessions(), read_content(root))
    edit(root, "crisis.yaml", lambda d: d.update(lines=d["lines"][:-1]))
    report = load_content(sessions(), read_content(root))
    assert report.removed["crisis lines"] == 1 and sum(report.removed.values()) == 1
    with sessions() as s:
        assert s.scalar(select(func.count()).select_from(CrisisLineRow)) == len(read_content(root).crisis_lines)


def test_a_kept_offer_does_not_stop_the_others_getting_versions(sessions, root):
    from content.catalogue.versions import add_version, latest_version

    load_content(sessions(), read_content(root))
    with sessions() as s:  # council-tax-exemption kept; pathway-plan comes after it
        add_version(s, KEY, latest_version(s, KEY).data, reason="a staff edit", changed_by="Wendy", exported=False)
        s.commit()
    edit(root, "offers/nottinghamshire/pathway-plan.yaml", lambda d: d.update(title="A new title"))
    load_content(sessions(), read_content(root))
    assert history(sessions, ("nottinghamshire", "pathway-plan"))[0][:2] == (2, "loaded from the content files")


def test_a_load_told_to_discard_dashboard_edits_lets_the_files_win(sessions, root):
    from content.catalogue.versions import add_version, latest_version, unexported_offers

    load_content(sessions(), read_content(root))
    with sessions() as s:
        row = s.scalar(select(OfferRow).where(OfferRow.area_id == KEY[0], OfferRow.slug == KEY[1]))
        row.title = "Changed in the dashboard"
        add_version(s, KEY, dict(latest_version(s, KEY).data, title=row.title), reason="a staff edit",
                    changed_by="Wendy", exported=False)
        s.commit()
    report = load_content(sessions(), read_content(root), discard_dashboard_edits=True)
    assert report.kept == []
    with sessions() as s:
        assert read_catalogue(s).offer(*KEY).title != "Changed in the dashboard"
        assert unexported_offers(s) == set()

"""The shipped content: valid, complete against the offer catalogue, and written to the rules."""

from __future__ import annotations

import re

import pytest
import yaml

from content.catalogue.loader import read_content
from tests.conftest import ROOT, SHARED


def catalogue_offers() -> list[tuple[str, str]]:
    """(area, slug) pairs listed in ../shared/offer-catalogue.md."""
    text = (SHARED / "offer-catalogue.md").read_text(encoding="utf-8")
    pairs, area = [], None
    for line in text.splitlines():
        if m := re.match(r"^## (\w+)", line):
            area = m.group(1)
        elif area and (m := re.match(r"^\| ([a-z0-9][a-z0-9-]*) \|", line)) and m.group(1) != "slug":
            pairs.append((area, m.group(1)))
    return pairs


REQUIRED = catalogue_offers()


def test_catalogue_lists_both_areas():
    assert {a for a, _ in REQUIRED} == {"nottingham", "nottinghamshire"}
    assert len(REQUIRED) >= 30


@pytest.mark.parametrize(("area", "slug"), REQUIRED, ids=[f"{a}/{s}" for a, s in REQUIRED])
def test_every_catalogue_offer_exists(shipped_bundle, area, slug):
    assert any(o.area == area and o.slug == slug for o in shipped_bundle.offers)


def test_every_offer_names_a_source_document_that_exists(shipped_bundle):
    for offer in shipped_bundle.offers:
        assert (SHARED / "sources" / offer.source).is_file(), (offer.area, offer.slug, offer.source)


def test_offers_are_plain_and_short(shipped_bundle):
    for offer in shipped_bundle.offers:
        words = re.findall(r"\w+", offer.body)
        # Sentences and list items: both are units a young person reads in one go.
        sentences = [s for s in re.split(r"[.!?]+\s|\n+", offer.body) if s.strip()]
        assert len(words) <= 220, (offer.slug, len(words))
        assert len(words) / len(sentences) <= 20, (offer.slug, "sentences too long on average")
        assert "you" in offer.body.lower(), offer.slug


def test_money_amounts_appear_in_the_source(shipped_bundle):
    """No invented amounts: every amount is written in the offer's source document."""
    for offer in shipped_bundle.offers:
        if offer.amount is None:
            continue
        source = (SHARED / "sources" / offer.source).read_text(encoding="utf-8")
        figure = f"£{int(offer.amount.pounds):,}"
        assert figure in source or figure.replace(",", "") in source, (offer.slug, figure)


def test_no_phone_numbers_outside_crisis_and_area_files():
    """Phone numbers live only where they are checked (crisis.yaml, areas.yaml)."""
    for path in (ROOT / "content" / "offers").rglob("*.yaml"):
        assert not re.search(r"\b0\d{3,4} ?\d{3} ?\d{3,4}\b", path.read_text(encoding="utf-8")), path


def test_example_questions_are_distinct_within_an_area(shipped_bundle):
    seen: dict[tuple[str, str], str] = {}
    for offer in shipped_bundle.offers:
        for q in offer.example_questions:
            key = (offer.area, q.lower().strip(" ?"))
            assert key not in seen, (offer.slug, seen.get(key), q)
            seen[key] = offer.slug


def test_read_content_is_repeatable():
    assert read_content() == read_content()


def _numbers(text: str) -> set[str]:
    """Every number in `text`, with Arabic-Indic and Persian digits read as 0-9 and thousands commas dropped."""
    digits = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
    return set(re.findall(r"\d+", text.translate(digits).replace(",", "").replace("٬", "")))


def test_every_translation_keeps_the_english_amounts_ages_and_numbers(shipped_bundle):
    lost = {}
    for offer in shipped_bundle.offers:
        english = _numbers(" ".join([offer.title, offer.summary, offer.body, *offer.how_to_get_it]))
        for lang, t in offer.translations.items():
            words = " ".join([t.title, t.summary, t.body or offer.body, *(t.how_to_get_it or offer.how_to_get_it)])
            if missing := english - _numbers(words):
                lost[f"{offer.area}/{offer.slug} ({lang})"] = sorted(missing)
    assert lost == {}
    assert _numbers("£۲٬۰۰۰ و 21") == {"2000", "21"}


GLOSSARY = ROOT / "content" / "language" / "glossary.yaml"


def test_every_translation_keeps_the_glossarys_care_terms(shipped_bundle):
    """Personal Adviser, Pathway Plan, Staying Put...: rendered the same way in every offer of a language."""
    terms = yaml.safe_load(GLOSSARY.read_text(encoding="utf-8"))["terms"]

    def flat(*texts: str) -> str:
        return " ".join(" ".join(texts).split()).lower()  # line breaks inside a term do not count

    lost = []
    for offer in (o for o in shipped_bundle.offers if o.shared_from is None):
        english = flat(offer.title, offer.summary, offer.body, *offer.how_to_get_it)
        for lang, t in offer.translations.items():
            words = flat(t.title, t.summary, t.body or offer.body, *(t.how_to_get_it or offer.how_to_get_it))
            for term in terms:
                forms = term["forms"] if isinstance(term["forms"], list) else term["forms"][lang]
                if term["en"].lower() in english and not any(f.lower() in words for f in forms):
                    lost.append(f"{offer.area}/{offer.slug} ({lang}): {term['en']}")
    assert lost == []

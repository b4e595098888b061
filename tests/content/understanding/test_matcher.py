"""Search over the shipped content: typo-tolerant, area-bound, quiet on nonsense."""

from __future__ import annotations

import pytest

from content.understanding.matcher import OfferMatcher, normalise


@pytest.fixture(scope="module")
def matcher(shipped_bundle):
    return OfferMatcher(shipped_bundle.offers)


def test_normalise_strips_case_punctuation_emoji_and_repeats():
    assert normalise("Councilll TAX??? 😭😭") == "council tax"
    assert normalise("  what's   the £500 for  ") == "whats the £500 for"


@pytest.mark.parametrize(
    ("area", "text", "slug"),
    [
        ("nottinghamshire", "councel tax", "council-tax-exemption"),
        ("nottinghamshire", "COUNCIL TAX", "council-tax-exemption"),
        ("nottinghamshire", "free gym", "free-leisure-access"),
        ("nottinghamshire", "swiming", "free-leisure-access"),
        ("nottingham", "staying with my foster carer after 18", "staying-put"),
        ("nottingham", "clothes for an interview", "interview-clothes"),
        ("nottingham", "bus fare to my interview", "interview-travel-costs"),
        ("nottingham", "complain", "complaints"),
    ],
)
def test_finds_the_right_offer_first(matcher, area, text, slug):
    best = matcher.match(area, text)[0]
    assert best.offer.slug == slug
    assert best.score >= 70


def test_results_stay_in_the_area(matcher):
    for m in matcher.match("nottingham", "council tax", limit=10):
        assert m.offer.area == "nottingham"


@pytest.mark.parametrize("text", ["", "   ", "???", "the and of"])
def test_empty_or_meaningless_text_matches_nothing(matcher, text):
    assert matcher.match("nottingham", text) == []


def test_correct_uses_the_content_vocabulary(matcher):
    assert matcher.correct("councel") == "council"
    assert matcher.correct("xq") == "xq"


@pytest.mark.parametrize(("area", "slug"), [("nottingham", "higher-education-bursary"),
                                            ("nottinghamshire", "ntu-care-leaver-bursary")])
def test_a_one_letter_typo_in_a_short_word_is_corrected(matcher, area, slug):
    assert matcher.correct("mony") == "money"
    assert matcher.match(area, "mony for uni")[0].offer.slug == slug


@pytest.mark.parametrize("word", ["sister", "dear", "felt", "pool"])
def test_a_real_word_we_do_not_use_is_not_taken_for_a_typo(matcher, word):
    assert matcher.correct(word) == word


def test_english_words_in_arabic_letters_are_read_as_english(matcher):
    assert matcher.prepare("کانسل تکس باید بدم؟")[:2] == ["council", "tax"]
    assert matcher.with_english_loans("انترفيو عندي") == "interview عندي"
    assert "sister" in matcher.prepare("sister")  # English text untouched

"""An offer's text and its age rules must agree: the loader refuses an offer whose words state an age
limit its eligibility does not have."""

from __future__ import annotations

import pytest

from content.catalogue.age_claims import age_claims, age_claims_disagree


def offer_with(shipped_bundle, slug, body=None, **rules):
    offer = next(o for o in shipped_bundle.offers if o.slug == slug)
    update = {"eligibility": offer.eligibility.model_copy(update=rules)}
    if body is not None:
        update["body"] = body
    return offer.model_copy(update=update)


@pytest.mark.parametrize(("text", "lowest", "highest"), [
    ("support from 18 until their 25th birthday", 18, 24),
    ("you do not have to pay it until you turn 25", None, 24),
    ("for young people in care aged 16 and 17", 16, 17),
    ("if you are aged 21 to 24", 21, 24),
    ("it ends on or before your 21st birthday", None, 20),
    ("for anyone under 19", None, 18),
])
def test_age_statements_are_read_as_ages(text, lowest, highest):
    claims = age_claims(text)
    assert min((c.lowest for c in claims if c.lowest is not None), default=None) == lowest
    assert max((c.highest for c in claims if c.highest is not None), default=None) == highest


def test_advice_about_timing_is_not_an_age_rule():
    assert age_claims("Start talking about it well before your 18th birthday.") == []


def test_the_old_staying_put_rules_are_refused(shipped_bundle):
    """max_age 20 with a text that says it can last longer hid Staying Put from a disabled 22-year-old."""
    old = offer_with(shipped_bundle, "staying-put", max_age=20, usual_max_age=None, older_if=[])
    assert [field for field, _reason in age_claims_disagree(old)] == ["eligibility.usual_max_age"]


def test_an_upper_age_the_rules_do_not_have_is_named(shipped_bundle):
    wrong = offer_with(shipped_bundle, "council-tax-exemption", max_age=20)
    problems = age_claims_disagree(wrong)
    assert problems and all(field == "eligibility.max_age" for field, _ in problems)
    assert problems[0][1] == 'the text says "until you are 25" (up to age 24), but the age limits are 20'


def test_a_lower_age_the_rules_do_not_have_is_named(shipped_bundle):
    wrong = offer_with(shipped_bundle, "21plus-service", min_age=18)
    assert ("eligibility.min_age" in {field for field, _ in age_claims_disagree(wrong)})


def test_every_shipped_offer_agrees_with_its_text(shipped_bundle):
    assert {o.slug: age_claims_disagree(o) for o in shipped_bundle.offers if age_claims_disagree(o)} == {}

"""Issue 9's blind sets (tests/bot/blind/): written by helpers who saw neither the code, the content
files, the offers' example questions nor each other's sets. Only the tuning half was ever read; the
frozen held-out sets (heldout-9, the measure now, written on 2026-11-25 after heldout-8 was spent, and heldout-7,
a guard, written on 2026-11-24, both from the offers' titles and summaries) are measured, never read; heldout-6 and
heldout-5, measured six times each, are printed by `make evaluate` only. heldout-3-spent was measured too often
in one day, and its labels predate 11 new offers; heldout-4-spent had parts of a few texts printed into a session;
heldout-8-spent had a word list edited just after one of its figures fell (see README, Understanding).

The floors below are what the bot reaches now on the held-out half, so a change that makes it worse
fails. The issue's own floors are not met yet: they are strict expected failures, so meeting one fails
the test too, and the floor is raised then.
"""

from __future__ import annotations

import pytest

from bot.evaluate_blind import BLIND_DIR, FLOORS, REGRESSION_FLOORS, evaluate_folder, floor_failures, load_sets

HELD_OUT = BLIND_DIR / "heldout-9"  # the issue's floors are checked here; heldout-7 only guards against falling


@pytest.fixture(scope="module")
def figures(file_engine):
    return evaluate_folder(file_engine, HELD_OUT).figures()


@pytest.fixture(scope="module")
def figures_7(file_engine):
    return evaluate_folder(file_engine, BLIND_DIR / "heldout-7").figures()


def test_the_sets_are_big_enough_in_every_language():
    messages, stories = [], []
    for part in ("tuning", "heldout-3-spent", "heldout-4-spent", "heldout-5", "heldout-6", "heldout-7",
                 "heldout-9"):
        m, s = load_sets(BLIND_DIR / part)
        messages += m
        stories += s
    assert len(messages) >= 400 and len(stories) >= 60
    for lang in ("ar", "fa", "ps"):
        assert len([m for m in messages if m["language"] == lang]) >= 60
    held_messages, held_stories = load_sets(HELD_OUT)
    assert len(held_messages) >= 200 and len(held_stories) >= 30


@pytest.mark.parametrize("held_out", ["heldout-5", "heldout-6", "heldout-7", "heldout-9"])
def test_held_out_and_tuning_halves_share_no_message(held_out):
    tuning, _ = load_sets(BLIND_DIR / "tuning")
    held, _ = load_sets(BLIND_DIR / held_out)
    # Written apart, a few short messages may coincide ("hi"); the count only: never print held-out texts.
    shared = len({m["text"] for m in tuning} & {m["text"] for m in held})
    allowed = max(2, len(held) // 100)
    del held  # so that a failure's report cannot show a held-out message
    assert shared <= allowed, f"{shared} messages are in both"


@pytest.mark.parametrize("key", sorted(REGRESSION_FLOORS["heldout-9"]))
def test_held_out_figures_do_not_fall(figures, key):
    assert floor_failures(figures, {key: REGRESSION_FLOORS["heldout-9"][key]}) == []


@pytest.mark.parametrize("key", sorted(REGRESSION_FLOORS["heldout-7"]))
def test_earlier_held_out_figures_do_not_fall(figures_7, key):
    assert floor_failures(figures_7, {key: REGRESSION_FLOORS["heldout-7"][key]}) == []


# The issue's floors met so far (on held-out 9).
MET: set[str] = {"answered_wrong", "first_right_ar", "first_right_fa", "first_right_ps"}
NOT_MET = pytest.mark.xfail(strict=True, reason="issue 9 floor not met yet: see README, Understanding")


@pytest.mark.parametrize("key", [k if k in MET else pytest.param(k, marks=NOT_MET) for k in sorted(FLOORS)])
def test_issue_floors(figures, key):
    assert floor_failures(figures, {key: FLOORS[key]}) == []


def test_a_message_that_is_word_for_word_an_example_question_is_left_out(file_engine):
    from bot.evaluate_blind import unseen

    offer = file_engine.catalogue().offers[0]
    asked = [{"text": f"  {offer.example_questions[0].upper()} "}, {"text": "a message no offer has as an example"}]
    assert unseen(file_engine, asked) == asked[1:]

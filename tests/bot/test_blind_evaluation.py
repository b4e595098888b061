"""Issue 9's blind sets (tests/bot/blind/): written by helpers who saw neither the code, the content
files, the offers' example questions nor each other's sets. Only the tuning half was ever read; the
frozen held-out set (heldout-4, written on 2026-11-24 against the 50 offers) is measured, never read.
heldout-3-spent was measured too often in one day, and its labels predate 11 new offers.

The floors below are what the bot reaches now on the held-out half, so a change that makes it worse
fails. The issue's own floors are not met yet: they are strict expected failures, so meeting one fails
the test too, and the floor is raised then.
"""

from __future__ import annotations

import pytest

from bot.evaluate_blind import BLIND_DIR, FLOORS, evaluate_folder, load_sets

HELD_OUT = BLIND_DIR / "heldout-4"


@pytest.fixture(scope="module")
def figures(file_engine):
    return evaluate_folder(file_engine, HELD_OUT).figures()


def test_the_sets_are_big_enough_in_every_language():
    messages, stories = [], []
    for part in ("tuning", "heldout-3-spent", "heldout-4"):
        m, s = load_sets(BLIND_DIR / part)
        messages += m
        stories += s
    assert len(messages) >= 400 and len(stories) >= 60
    for lang in ("ar", "fa", "ps"):
        assert len([m for m in messages if m["language"] == lang]) >= 60
    held_messages, held_stories = load_sets(HELD_OUT)
    assert len(held_messages) >= 200 and len(held_stories) >= 30


def test_held_out_and_tuning_halves_share_no_message():
    tuning, _ = load_sets(BLIND_DIR / "tuning")
    held, _ = load_sets(HELD_OUT)
    # Written apart, a short message may coincide (one does); the count only: never print held-out texts.
    shared = len({m["text"] for m in tuning} & {m["text"] for m in held})
    assert shared <= 2, f"{shared} messages are in both"


# Held-out 4, measured once on 2026-11-24 (50 offers; words and the n-gram offer classifier, follow-ups,
# area switching): answered right 0.743, wrong 0.044, first right 0.903, not ours answered 0.110,
# other area right 0.833, story turns 0.538, first right ar/fa/ps 0.781/0.844/0.938. Floors a little
# below, so a change that makes it worse fails. (Held-out 3, now spent, was at 0.670, 0.058, 0.839, ...)
REGRESSION_FLOORS = {
    "answered_right": (">=", 0.73),
    "answered_wrong": ("<=", 0.05),
    "first_right": (">=", 0.89),
    "not_ours_answered": ("<=", 0.12),
    "first_right_ar": (">=", 0.76),
    "first_right_fa": (">=", 0.82),
    "first_right_ps": (">=", 0.92),
    "story_turns_right": (">=", 0.52),
    "other_area_right": (">=", 0.8),
}


@pytest.mark.parametrize("key", sorted(REGRESSION_FLOORS))
def test_held_out_figures_do_not_fall(figures, key):
    op, bound = REGRESSION_FLOORS[key]
    assert figures[key] >= bound if op == ">=" else figures[key] <= bound


MET: set[str] = {"first_right_ps"}  # the issue's floors met so far (on held-out 4)
NOT_MET = pytest.mark.xfail(strict=True, reason="issue 9 floor not met yet: see README, Understanding")


@pytest.mark.parametrize("key", [k if k in MET else pytest.param(k, marks=NOT_MET) for k in sorted(FLOORS)])
def test_issue_floors(figures, key):
    op, bound = FLOORS[key]
    assert figures[key] >= bound if op == ">=" else figures[key] <= bound

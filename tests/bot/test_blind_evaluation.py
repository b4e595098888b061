"""Issue 9's blind sets (tests/bot/blind/): written by helpers who saw neither the code, the content
files, the offers' example questions nor each other's sets. Only the tuning half was ever read; the
frozen held-out half (heldout-3) is measured, never read.

The floors below are what the bot reaches now on the held-out half, so a change that makes it worse
fails. The issue's own floors are not met yet: they are strict expected failures, so meeting one fails
the test too, and the floor is raised then.
"""

from __future__ import annotations

import pytest

from bot.evaluate_blind import BLIND_DIR, FLOORS, evaluate_folder, load_sets

HELD_OUT = BLIND_DIR / "heldout-3"


@pytest.fixture(scope="module")
def figures(file_engine):
    return evaluate_folder(file_engine, HELD_OUT).figures()


def test_the_sets_are_big_enough_in_every_language():
    messages, stories = [], []
    for part in ("tuning", "heldout-3"):
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
    assert not {m["text"] for m in tuning} & {m["text"] for m in held}


# Measured on 2026-11-24 (words and the n-gram offer classifier, follow-ups, area switching). Later that
# day NTU's bursary and Next Steps sessions joined the City's offers (issue 10: they are for City care
# leavers too): a City question about money for university may now be asked back ("did you mean") rather
# than answered. Arabic first-right fell from 0.677 to 0.645 (one message) and story turns from 0.470 to
# 0.452, while answered-right rose from 0.629 to 0.674; the two floors were lowered to those figures.
# With the audited offer texts and the classifier run to convergence, first-right was 0.839 (two
# questions fewer). Held-out 3 has now been measured too often to be evidence: it stays as a regression
# check, and held-out 4 is written for the next round (README, Understanding).
REGRESSION_FLOORS = {
    "answered_right": (">=", 0.66),
    "answered_wrong": ("<=", 0.065),
    "first_right": (">=", 0.83),
    "not_ours_answered": ("<=", 0.11),
    "first_right_ar": (">=", 0.64),
    "first_right_fa": (">=", 0.72),
    "first_right_ps": (">=", 0.82),
    "story_turns_right": (">=", 0.45),
    "other_area_right": (">=", 0.69),
}


@pytest.mark.parametrize("key", sorted(REGRESSION_FLOORS))
def test_held_out_figures_do_not_fall(figures, key):
    op, bound = REGRESSION_FLOORS[key]
    assert figures[key] >= bound if op == ">=" else figures[key] <= bound


MET: set[str] = set()  # the issue's floors met so far
NOT_MET = pytest.mark.xfail(strict=True, reason="issue 9 floor not met yet: see README, Understanding")


@pytest.mark.parametrize("key", [k if k in MET else pytest.param(k, marks=NOT_MET) for k in sorted(FLOORS)])
def test_issue_floors(figures, key):
    op, bound = FLOORS[key]
    assert figures[key] >= bound if op == ">=" else figures[key] <= bound

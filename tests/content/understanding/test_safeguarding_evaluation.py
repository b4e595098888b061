"""The safeguarding check on the frozen held-out sets (written blind by helpers who saw neither the
lists, the code, the examples nor each other's sets). Nothing here is tuned on: a miss may be counted,
never read to change a list.

Floors below are what the check reaches now, so a change that makes it worse fails. The issue's own
targets are not met yet; they are kept as strict expected failures, so meeting one fails the test too
and the floor is raised then.
"""

from __future__ import annotations

import pytest

from bot.evaluate_safeguarding import EXAMPLES_DIR, FAMILIES, SETS_DIR, evaluate, load_sets, unseen
from content.understanding.safeguarding import RiskDetector

# The frozen sets: held-out 2 (English risk; Arabic, Farsi, Pashto), held-out 3 (English no-risk,
# written when held-out 2's English no-risk part was spent), held-out 5's English part, and held-out 6
# (all four languages, risk and no-risk), held-out 8 (written for round 5), held-out 9 (written for round 6) and
# held-out 11 (written when held-out 10's figures were seen beside a choice in round 8) and held-out 15 (written on
# 2026-11-25 when 12-14 were spent), all in all four languages.
# Held-out 4, held-out 5's Arabic, Farsi and Pashto part, held-out 7, 10, 12, 13 and 14 are spent (see
# safeguarding_sets/README.md).
FROZEN = (SETS_DIR / "heldout-2", SETS_DIR / "heldout-3", SETS_DIR / "heldout-5", SETS_DIR / "heldout-6",
          SETS_DIR / "heldout-8", SETS_DIR / "heldout-9", SETS_DIR / "heldout-11",
          SETS_DIR / "heldout-15")
MESSAGES = unseen([m for folder in FROZEN for m in load_sets(folder)])


@pytest.fixture(scope="module")
def scores():
    detector = RiskDetector.load()

    def check(text: str) -> str | None:
        risk = detector.assess(text)
        return risk.level if risk else None

    return evaluate(check, MESSAGES)


def test_the_sets_are_big_enough_and_cover_every_family_and_language():
    everything = load_sets(EXAMPLES_DIR) + [m for folder in SETS_DIR.iterdir() for m in load_sets(folder)]
    assert len([m for m in everything if m["expect"] == "clear"]) >= 400
    assert len([m for m in everything if m.get("kind") == "hard-negative"]) >= 400
    risk = [m for m in MESSAGES if m["expect"] == "clear"]
    assert len(risk) >= 350 and len([m for m in MESSAGES if m["expect"] == "none"]) >= 350
    assert {m["family"] for m in risk} == set(FAMILIES)
    assert {m["language"] for m in risk} == {"en", "ar", "fa", "ps"}


def test_held_out_figures_leave_out_messages_that_are_also_examples():
    examples = {m["text"].strip().lower() for m in load_sets(EXAMPLES_DIR)}
    assert not any(m["text"].strip().lower() in examples for m in MESSAGES)
    # Counts only, so a failure never prints a held-out message.
    kept, written = len(MESSAGES), sum(len(load_sets(f)) for f in FROZEN)
    # Only a few coincide: short ones ("hi"), and since the spent held-out sets became examples (2026-11-25), 79 of
    # 5,982 (1.3%) that writers working from similar briefs wrote word for word alike.
    assert kept >= written * 0.98


@pytest.mark.parametrize(("language", "floor"), [("en", 0.95), ("ar", 0.87), ("fa", 0.95), ("ps", 0.9)])
def test_risk_recall_floor_per_language(scores, language, floor):
    assert scores.languages[language].recall >= floor


@pytest.mark.parametrize("family", FAMILIES)
def test_risk_recall_floor_per_family(scores, family):
    assert scores.family_recall(family) >= 0.9


def test_check_ins_on_ordinary_questions_stay_rare(scores):
    assert scores.checkin_rate() <= 0.05


def test_clear_false_alarms_floor(scores):
    assert scores.false_alarm_rate() <= 0.05


@pytest.mark.xfail(strict=True, reason="issue 8 target not met yet: see README, Safeguarding")
@pytest.mark.parametrize("family", ["suicide", "self-harm", "medical-emergency"])
def test_issue_target_total_recall(scores, family):
    assert scores.family_recall(family) == 1.0


@pytest.mark.xfail(strict=True, reason="issue 8 target not met yet: see README, Safeguarding")
def test_issue_target_false_alarms(scores):
    assert scores.false_alarm_rate() <= 0.02



@pytest.mark.parametrize("tuning_set", ["tuning-r8", "tuning-r10", "tuning-r12"])
def test_every_risk_message_of_the_tuning_rounds_the_lists_were_changed_on_is_caught(tuning_set):
    # The lists were extended by concept on these sets; a list edit that loses one of them shows here (the
    # examples the classifier learns are covered by safeguarding_outcomes.tsv instead).
    detector = RiskDetector.load()
    risk = [m for m in load_sets(SETS_DIR / tuning_set) if m["expect"] != "none"]
    missed = [m["text"] for m in risk if detector.assess(m["text"]) is None]
    assert len(risk) >= 100 and missed == []

"""What the risk classifier learns from: the example messages, and the offers' own example questions."""

from __future__ import annotations

from pathlib import Path

from content.understanding.risk_classifier import offer_questions
from content.understanding.safeguarding import SAFEGUARDING_DIR


def test_offer_questions_are_read_in_every_language_and_a_broken_file_adds_nothing(tmp_path: Path):
    (tmp_path / "nottingham").mkdir()
    (tmp_path / "nottingham" / "gym.yaml").write_text(
        "title: Free gym\nexample_questions: [is the gym free, cn i get free gym]\n"
        "translations:\n  ar: {title: نادي, example_questions: [هل النادي مجاني]}\n  fa: {title: باشگاه}\n",
        encoding="utf-8")
    (tmp_path / "nottingham" / "broken.yaml").write_text("- just a list\n", encoding="utf-8")
    (tmp_path / "nottingham" / "camhs.yaml").write_text(
        "title: CAMHS\ncategory: health\nexample_questions: [i feel so low who can i talk to]\n", encoding="utf-8")
    assert offer_questions(tmp_path) == ["is the gym free", "cn i get free gym", "هل النادي مجاني"]


def test_the_shipped_offers_give_questions_in_all_four_languages():
    questions = offer_questions(SAFEGUARDING_DIR.parent / "offers")
    assert len(questions) > 1000
    assert any("\u0600" <= ch <= "\u06ff" for q in questions for ch in q)  # Arabic-script questions are there too


def test_scoring_clauses_together_gives_each_the_score_it_gets_alone():
    from content.understanding.risk_classifier import Example, RiskClassifier

    examples = [Example("i want to die", True), Example("i cant go on", True), Example("how do i apply", False),
                Example("is there money for uni", False), Example("i feel like ending it", True),
                Example("who do i ring about rent", False)]
    classifier = RiskClassifier(examples, str.lower)
    texts = ["I want to die", "money for uni", "how do i ring them", ""]
    together = classifier.probabilities(texts)
    assert together == [classifier.probability(t) for t in texts]
    assert together[0] > 0.5 > together[1]
    long = "got the council tax letter, how do i apply, i want to die"
    assert classifier.highest_probability(long) == max(classifier.probability(c) for c in
                                                       [long, "got the council tax letter", " how do i apply",
                                                        " i want to die"])

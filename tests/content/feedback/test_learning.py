"""Grouping unanswered questions: the same question in other words meets; different ones that share a
word ("licence") stay apart."""

from __future__ import annotations

from content.feedback.learning import group_questions
from content.feedback.tables import FeedbackItemRow


def items(*texts: str, area: str = "nottingham") -> list[FeedbackItemRow]:
    return [FeedbackItemRow(id=i, kind="unanswered", area_id=area, text=t) for i, t in enumerate(texts, 1)]


def texts(groups) -> list[list[str]]:
    return [[i.text for i in g.items] for g in groups]


def test_questions_sharing_only_one_word_stay_apart():
    asked = ("help with my TV licence", "help with my provisional licence", "tv licence", "provisional licence")
    groups = group_questions(items(*asked))
    assert texts(groups) == [["help with my TV licence", "tv licence"],
                             ["help with my provisional licence", "provisional licence"]]


def test_the_same_question_in_other_words_is_grouped():
    groups = group_questions(items("how do i get a bus pass", "gas bill help", "Bus pass?? how", "help with gas bills"))
    assert texts(groups) == [["how do i get a bus pass", "Bus pass?? how"], ["gas bill help", "help with gas bills"]]


def test_areas_are_never_grouped_together():
    both = items("bus pass please") + items("bus pass please", area="nottinghamshire")
    assert len(group_questions(both)) == 2

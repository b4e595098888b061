"""Ages a young person gives in passing: the age now, not one to come."""

from __future__ import annotations

import pytest

from content.understanding.details import stated_age


@pytest.mark.parametrize(("text", "age"), [
    ("im 17 in foster care", 17),
    ("im 16 in a childrens home", 16),
    ("i am 19", 19),
    ("aged 22", 22),
    ("22yo and at uni", 22),
    ("im 18 in march", None),  # 17 now: found trying the chat ("You said you are 18, so your age fits")
    ("im 21 next month", None),
    ("im 18 in 2 weeks", None),
    ("im 25 soon", None),
    ("i am 30 pounds short", None),
])
def test_the_age_now_is_read_and_an_age_to_come_is_not(text, age):
    assert stated_age(text) == age

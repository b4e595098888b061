"""A word-list edit shows its effect: the check's outcome on every tuning example is recorded, and compared.

See bot/safeguarding_outcomes.py. A failure lists each changed message with its old and new outcome;
if every change is right, record them with `python -m bot safeguarding-outcomes --write`.
"""

from __future__ import annotations

from bot.safeguarding_outcomes import current_outcomes, read_outcomes, texts_by_key


def test_every_tuning_example_gets_the_recorded_outcome():
    recorded, now, texts = read_outcomes(), current_outcomes(), texts_by_key()
    changed = [f"{texts.get(k, k)!r}: {recorded.get(k)} -> {now.get(k)}"
               for k in sorted(set(recorded) | set(now)) if recorded.get(k) != now.get(k)]
    assert not changed, f"{len(changed)} outcomes changed:\n" + "\n".join(changed[:40])

"""Score the matcher on the labelled messages (tests/bot/messages.yaml), next to a plain baseline.

Figures: top-1 and top-3 accuracy on offer questions, the share of out-of-scope messages answered
with an offer, safeguarding recall and false alarms; then the misses and which offer was taken for
which. The baseline is rapidfuzz WRatio against offer titles, answering when it scores 60 or more.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from rapidfuzz import fuzz

from bot.engine import Engine
from content.yaml_files import read_yaml

DEFAULT_SET = Path(__file__).resolve().parent.parent / "tests" / "bot" / "messages.yaml"
BASELINE_ANSWER_SCORE = 60


@dataclass
class Scores:
    name: str
    offer_total: int = 0
    rank1: int = 0
    wrong_answers: int = 0
    top1: int = 0
    top3: int = 0
    oos_total: int = 0
    oos_answered: int = 0
    sg_total: int = 0
    sg_found: int = 0
    non_sg_total: int = 0
    false_alarms: int = 0
    misses: list[str] = field(default_factory=list)
    confusions: Counter[tuple[str, str]] = field(default_factory=Counter)

    def figures(self) -> dict[str, float]:
        def share(a: int, b: int) -> float:
            return a / b if b else 0.0

        return {
            "top1": share(self.top1, self.offer_total),
            "rank1": share(self.rank1, self.offer_total),
            "wrong_answers": share(self.wrong_answers, self.offer_total),
            "top3": share(self.top3, self.offer_total),
            "oos_answered": share(self.oos_answered, self.oos_total),
            "sg_recall": share(self.sg_found, self.sg_total),
            "false_alarms": share(self.false_alarms, self.non_sg_total),
        }


# A scorer takes (area, text) and returns (answered slug or None, top-3 slugs, safeguarding flag).
Scorer = Callable[[str, str], tuple[str | None, list[str], bool]]


def engine_scorer(engine: Engine) -> Scorer:
    def score(area: str, text: str) -> tuple[str | None, list[str], bool]:
        c = engine.classify(area, text)
        if engine.intents.match(text) and not c.safeguarding:  # the chat answers "hows ur day" as small talk
            return None, [m.offer.slug for m in c.candidates], c.safeguarding
        return c.slug, [m.offer.slug for m in c.candidates], c.safeguarding

    return score


def baseline_scorer(engine: Engine) -> Scorer:
    offers = engine._catalogue().offers

    def score(area: str, text: str) -> tuple[str | None, list[str], bool]:
        ranked = sorted(
            ((fuzz.WRatio(text, o.title, processor=str.lower), o.slug) for o in offers if o.area == area),
            reverse=True,
        )[:3]
        answered = ranked[0][1] if ranked and ranked[0][0] >= BASELINE_ANSWER_SCORE else None
        return answered, [slug for _, slug in ranked], False

    return score


def evaluate(name: str, scorer: Scorer, messages: list[dict]) -> Scores:
    s = Scores(name)
    for m in messages:
        answered, top3, risk = scorer(m["area"], m["text"])
        if m["kind"] == "safeguarding":
            s.sg_total += 1
            s.sg_found += risk
        else:
            s.non_sg_total += 1
            s.false_alarms += risk
        if m["kind"] == "offer":
            s.offer_total += 1
            hit1 = answered == m["expect"]
            s.top1 += hit1
            s.rank1 += bool(top3) and top3[0] == m["expect"]
            s.wrong_answers += answered is not None and not hit1
            s.top3 += m["expect"] in top3
            if not hit1:
                s.misses.append(f"{m['area']}/{m['expect']} <- {m['text']!r} (got {answered}, top 3 {top3})")
                if answered:
                    s.confusions[(m["expect"], answered)] += 1
        elif m["kind"] == "out-of-scope":
            s.oos_total += 1
            if answered:
                s.oos_answered += 1
                s.misses.append(f"out of scope answered with {answered}: {m['text']!r}")
    return s


def load_messages(path: Path = DEFAULT_SET) -> list[dict]:
    return read_yaml(path.read_text(encoding="utf-8"))


def report(ours: Scores, baseline: Scores, messages: list[dict], show_misses: bool = True) -> str:
    kinds = Counter(m["kind"] for m in messages)
    lines = [
        f"Labelled messages: {len(messages)} ({kinds['offer']} offer, {kinds['out-of-scope']} out of scope, "
        f"{kinds['safeguarding']} safeguarding)",
        "",
        f"{'figure':<34}{ours.name:>10}{baseline.name:>10}",
    ]
    labels = {
        "top1": "top-1 accuracy (answered outright)",
        "rank1": "first candidate right",
        "wrong_answers": "answered outright, wrongly",
        "top3": "top-3 accuracy",
        "oos_answered": "out of scope answered with offer",
        "sg_recall": "safeguarding recall",
        "false_alarms": "safeguarding false alarms",
    }
    a, b = ours.figures(), baseline.figures()
    for key, label in labels.items():
        lines.append(f"{label:<34}{a[key]:>10.3f}{b[key]:>10.3f}")
    if not show_misses:
        return "\n".join([*lines, "", f"({len(ours.misses)} misses, not shown: this set is held out)"])
    lines += ["", f"Misses ({ours.name}):"] + [f"  {m}" for m in ours.misses]
    lines += ["", "Confusions (expected -> answered):"]
    lines += [f"  {exp} -> {got}: {n}" for (exp, got), n in ours.confusions.most_common()]
    return "\n".join(lines)

"""Score the safeguarding check on the blind sets: recall per risk family and per language,
false alarms on hard negatives, check-ins on ordinary messages.

Sets: the examples in content/safeguarding/examples/ (the lists were tuned on them and the classifier
learns from them: their figures are optimistic), and the held-out sets in
tests/content/understanding/safeguarding_sets/ (README there: which are frozen and which are spent).

A risk message counts as caught when the check raises either tier (both show crisis contacts one tap
away); the share caught at the clear tier is shown beside it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from content.yaml_files import read_yaml

ROOT = Path(__file__).resolve().parent.parent
SETS_DIR = ROOT / "tests" / "content" / "understanding" / "safeguarding_sets"
EXAMPLES_DIR = ROOT / "content" / "safeguarding" / "examples"
# (name, folder, whether misses may be printed: never for a frozen held-out set)
PARTS = (
    ("examples (tuned on: optimistic)", EXAMPLES_DIR, True),
    ("round 8 (tuned on: the lists were changed on it; the classifier does not learn from it)",
     SETS_DIR / "tuning-r8", True),
    ("round 10 (tuned on: long, quiet risk and long emotional questions; the lists were changed on it, the classifier "
     "does not learn from it)", SETS_DIR / "tuning-r10", True),
    ("round 12 (tuned on: the weaker families, self-harm, sexual and domestic abuse, threats; the lists were changed "
     "on it, the classifier does not learn from it)", SETS_DIR / "tuning-r12", True),
    ("held-out 2 (frozen: English risk, and Arabic, Farsi, Pashto)", SETS_DIR / "heldout-2", False),
    ("held-out 3 (frozen: English no-risk messages)", SETS_DIR / "heldout-3", False),
    ("held-out 5, English (frozen: with emotional ordinary questions; for round 4)", SETS_DIR / "heldout-5", False),
    ("held-out 6 (frozen: all four languages; written 2026-11-24)", SETS_DIR / "heldout-6", False),
    ("held-out 8 (frozen: all four languages; measured before and after round 5, and after round 6)",
     SETS_DIR / "heldout-8", False),
    ("held-out 9 (frozen: all four languages; written for round 6, measured before and after it)",
     SETS_DIR / "heldout-9", False),
    ("held-out 11 (frozen: all four languages; measured before round 7, twice in round 8, and after round 9)",
     SETS_DIR / "heldout-11", False),
    ("held-out 15 (frozen: all four languages; written 2026-11-25 after 12-14 were spent)",
     SETS_DIR / "heldout-15", False),
)
FAMILIES = (
    "suicide", "self-harm", "medical-emergency", "sexual-abuse", "criminal-exploitation", "domestic-abuse",
    "abuse", "threats", "homeless-tonight", "destitution", "missing-trafficked", "risk-to-others",
)
LANGUAGES = ("en", "ar", "fa", "ps")

# A check takes a message and returns the tier it raises: "clear", "possible" or None.
Check = Callable[[str], str | None]


@dataclass
class Tally:
    total: int = 0
    caught: int = 0  # either tier
    clear: int = 0

    def add(self, level: str | None) -> None:
        self.total += 1
        self.caught += level is not None
        self.clear += level == "clear"

    @property
    def recall(self) -> float:
        return self.caught / self.total if self.total else 0.0

    @property
    def clear_share(self) -> float:
        return self.clear / self.total if self.total else 0.0


@dataclass
class SafeguardingScores:
    families: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    languages: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    distress: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    hard_negatives: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    ordinary: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    misses: list[str] = field(default_factory=list)
    alarms: list[str] = field(default_factory=list)

    def family_recall(self, family: str) -> float:
        return self.families[family].recall

    def false_alarm_rate(self) -> float:
        """Clear-tier alarms on every message labelled as no risk (hard negatives and ordinary ones)."""
        tallies = [*self.hard_negatives.values(), *self.ordinary.values()]
        total = sum(t.total for t in tallies)
        return sum(t.clear for t in tallies) / total if total else 0.0

    def checkin_rate(self) -> float:
        """Any tier raised on ordinary questions (a check-in there is an interruption)."""
        total = sum(t.total for t in self.ordinary.values())
        return sum(t.caught for t in self.ordinary.values()) / total if total else 0.0


def load_sets(folder: Path) -> list[dict]:
    """Every message of the sets in `folder`, each with the file it came from."""
    messages = []
    for path in sorted(folder.glob("*.yaml")):
        data = read_yaml(path.read_text(encoding="utf-8"))
        for m in data["messages"]:
            messages.append({**m, "set": path.stem})
    return messages


def unseen(messages: list[dict]) -> list[dict]:
    """`messages` less any that is word for word an example the check learnt from ("hi", "im not ok"):
    short messages written independently can coincide, and a held-out figure must be about unseen ones."""
    seen = {m["text"].strip().lower() for m in load_sets(EXAMPLES_DIR)}
    return [m for m in messages if m["text"].strip().lower() not in seen]


def evaluate(check: Check, messages: Iterable[dict]) -> SafeguardingScores:
    s = SafeguardingScores()
    for m in messages:
        level = check(m["text"])
        lang = m.get("language", "en")
        kind = m.get("kind") or ("risk" if m["expect"] == "clear" else "distress" if m["expect"] == "possible"
                                 else "hard-negative")
        if m["expect"] == "clear":
            s.families[m["family"]].add(level)
            s.languages[lang].add(level)
            if level is None:
                s.misses.append(f"[{lang} {m['family']}] {m['text']}")
        elif m["expect"] == "possible":
            s.distress[lang].add(level)
        elif kind == "ordinary":
            s.ordinary[lang].add(level)
            if level is not None:
                s.alarms.append(f"[{lang} ordinary, {level}] {m['text']}")
        else:
            s.hard_negatives[lang].add(level)
            if level == "clear":
                s.alarms.append(f"[{lang} hard negative, clear] {m['text']}")
    return s


def report(name: str, s: SafeguardingScores, show_examples: bool) -> str:
    lines = [f"Safeguarding, {name}", "", f"{'risk family':<24}{'n':>5}{'caught':>9}{'clear':>8}"]
    for fam in FAMILIES:
        t = s.families.get(fam)
        if t and t.total:
            lines.append(f"{fam:<24}{t.total:>5}{t.recall:>9.3f}{t.clear_share:>8.3f}")
    lines += ["", f"{'language':<10}{'risk n':>7}{'caught':>8}{'distress':>10}{'hard neg n':>11}{'clear alarm':>12}"
              f"{'ordinary n':>11}{'any alarm':>10}"]
    for lang in LANGUAGES:
        r, d = s.languages.get(lang, Tally()), s.distress.get(lang, Tally())
        h, o = s.hard_negatives.get(lang, Tally()), s.ordinary.get(lang, Tally())
        if r.total or h.total:
            lines.append(f"{lang:<10}{r.total:>7}{r.recall:>8.3f}{d.recall:>10.3f}{h.total:>11}{h.clear_share:>12.3f}"
                         f"{o.total:>11}{o.recall:>10.3f}")
    lines += ["", f"clear-tier false alarms on no-risk messages: {s.false_alarm_rate():.3f}",
              f"check-ins (any tier) on ordinary questions:   {s.checkin_rate():.3f}"]
    if show_examples:
        lines += ["", f"Missed ({len(s.misses)}):"] + [f"  {m}" for m in s.misses]
        lines += ["", f"Alarms on no-risk messages ({len(s.alarms)}):"] + [f"  {m}" for m in s.alarms]
    else:
        lines += ["", f"{len(s.misses)} misses and {len(s.alarms)} alarms not shown: this part is frozen."]
    return "\n".join(lines)


def detector_check() -> Check:
    from content.understanding.safeguarding import RiskDetector

    detector = RiskDetector.load()

    def check(text: str) -> str | None:
        risk = detector.assess(text)
        return risk.level if risk else None

    return check


def print_all() -> int:
    check = detector_check()
    for name, folder, show in PARTS:
        if folder.is_dir():
            messages = load_sets(folder)
            if folder != EXAMPLES_DIR:
                kept = unseen(messages)
                name += f", {len(messages) - len(kept)} messages also among the examples left out"
                messages = kept
            print(report(name, evaluate(check, messages), show_examples=show))
            print()
    return 0

"""Spotting messages that show risk, by risk family, from word lists in content/safeguarding/.

The check runs on every message before anything else and errs towards safety: a false alarm shows
crisis contacts to someone who did not need them; a miss could leave someone alone.

How it reads a message (the same steps are applied to the lists, so both meet in one form):
1. normalise: lower case, no accents, emoji or punctuation; Arabic and Persian letters in one form;
2. expand text speak (content/language/text_speak.yaml) and the lists' own short-word spellings;
3. remove harmless idioms ("killing it", "phone died") so their risk words cannot match;
4. look for each family's phrases, and for its `together` rules: every group present, close together,
   so "i honestly think i might just actually end it" and "took ... loads of ... tablets" are found
   with words in between; then the same on a copy with long misspelt words corrected.
Families are checked in the order of families.yaml; the first that matches names the risk. A `clear`
family gets crisis contacts first; the `possible` tier gets a check-in. When no list matches, a
classifier learnt from example messages (risk_classifier.py) may still raise the `possible` tier; when
a list matches a message the classifier finds very unlike any risk example, the alarm drops to the
`possible` tier (a check-in with crisis contacts), never to nothing.
"""

from __future__ import annotations

import itertools
import re
import threading
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError
from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from content.understanding import risk_classifier as rc
from content.understanding.english_words import english_words, word_count
from content.understanding.languages import guess_language
from content.understanding.matcher import Language, normalise
from content.understanding.risk_classifier import CLEAR_VETO, Example, RiskClassifier, offer_questions, read_examples
from content.understanding.risk_classifier import THRESHOLD as RISK_CHANCE
from content.yaml_files import read_yaml

SAFEGUARDING_DIR = Path(__file__).resolve().parent.parent / "safeguarding"
LANGUAGES = ("en", "ar", "fa", "ps")
MAX_CHARS = 5000  # longer messages are checked on their first 5,000 characters
MAX_COMBINATIONS = 4000  # of matches tried for one `together` rule; plenty for any real message
KNOWN_WORD_FREQUENCY = 50  # in pyspellchecker's English list: a real word, not a typo
CRISIS_REQUEST_MAX_WORDS = 6  # "emergency" alone asks for help; "is the emergency fund open" does not
# A message hardly longer than the phrase it matched ("mikham bemiram") has no other words that could
# make it harmless: the full alarm stands.
VETO_MIN_WORDS = 5
CLASSIFIER_MIN_WORDS = 2  # one word ("no", "nope") is too little for the classifier: the lists decide

Level = Literal["clear", "possible"]

# One form for letters that Arabic, Persian and Pashto writers type in several ways.
_SCRIPT = str.maketrans({
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ة": "ه", "ى": "ی", "ي": "ی", "ك": "ک", "ـ": None,
    **{chr(0x0660 + i): str(i) for i in range(10)}, **{chr(0x06F0 + i): str(i) for i in range(10)},
})
_ARABIC_LETTERS = re.compile(r"[\u0600-\u06FF]")
_PERSIAN_PREFIX = re.compile(r"(?:(?<=\s)|^)(ن?می)\s+(?=\S)")

RECENT_MESSAGES = 64  # answers kept per process, by message text (a message is checked twice)


class SafeguardingFileError(ValueError):
    """A word list that cannot be used; the message names the file, the field and the reason."""


class _Together(BaseModel):
    model_config = ConfigDict(extra="forbid")
    within: int | None = Field(default=None, ge=1, le=60)
    groups: list[list[str]] = Field(min_length=2)


class _Words(BaseModel):
    model_config = ConfigDict(extra="forbid")
    phrases: list[str] = []
    together: list[_Together] = []


class _FamilyWords(_Words):
    maybe: _Words | None = None  # words that only suggest this risk: a check-in, not a full alarm


class _PastAndBetter(BaseModel):
    """Risk told as over ("I used to self harm years ago, doing great now"): words for each part."""

    model_config = ConfigDict(extra="forbid")
    past: list[str] = Field(min_length=1)  # "used to", "years ago"
    better: list[str] = Field(min_length=1)  # "doing great now", "been fine for ages"
    not_if: list[str] = []  # "again", "still", "tonight": it is not over


class _NotAboutThem(BaseModel):
    """Words that put a risk word in another setting: a question about what a word means ("what does
    cuckooing mean"), or a story, a course or the news ("that eastenders storyline")."""

    model_config = ConfigDict(extra="forbid")
    words: list[str] = Field(min_length=1)  # "what does * mean", "یعنی چی"; "storyline", "coursework"
    not_if: list[str] = []  # "me", "tonight": it is about them, now


class _WordsFile(BaseModel):
    model_config = ConfigDict(extra="forbid")
    language: str
    concepts: dict[str, list[str]] = {}
    families: dict[str, _FamilyWords]
    harmless: list[str] = []
    past_and_better: _PastAndBetter | None = None
    asks_what_it_means: _NotAboutThem | None = None
    about_a_story: _NotAboutThem | None = None
    crisis_words: list[str] = []
    crisis_followups: list[str] = []
    spellings: dict[str, str] = {}
    notes: str | None = None


class _FamilyEntry(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str
    label: str
    framework: str
    tier: Level
    lines: list[str] = []
    offer_categories: list[str] = []


class _FamiliesFile(BaseModel):
    model_config = ConfigDict(extra="forbid")
    families: list[_FamilyEntry] = Field(min_length=1)


@dataclass(frozen=True)
class Family:
    id: str
    label: str
    tier: Level
    lines: tuple[str, ...]  # crisis line ids to show first
    offer_categories: tuple[str, ...]  # offers that may follow crisis help, as choices


@dataclass(frozen=True)
class Risk:
    family: Family
    language: str  # the language of the list that matched (or of the message): crisis help is given in it
    level: Level
    by_examples: bool = False  # raised by the classifier alone, no list matched: the weakest sign there is

    @property
    def id(self) -> str:
        return self.family.id


@dataclass(frozen=True)
class _Rule:
    groups: tuple[re.Pattern[str], ...]
    within: int | None  # words from the first match to the last; None: anywhere in the message
    where: str  # the file and field it came from, for `RiskDetector.why`
    level: Level
    # Per group, the words one of its entries must start with (whole words, and word beginnings for "kill*"), or
    # None when an entry can start anywhere ("*", "#", "*ing"): most groups are ruled out by a set lookup, not a
    # regex scan of the message, which is most of the check's time.
    first_words: tuple[tuple[frozenset[str], frozenset[str]] | None, ...] = ()

    def could_match(self, words: frozenset[str], beginnings: frozenset[str]) -> bool:
        return all(keys is None or not keys[0].isdisjoint(words) or not keys[1].isdisjoint(beginnings)
                   for keys in self.first_words)


def _read(path: Path, model: type[BaseModel]) -> BaseModel:
    try:
        data = read_yaml(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise SafeguardingFileError(f"{path}: cannot be read: {exc}") from exc
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(str(p) for p in e['loc']) or '(file)'}: {e['msg']}" for e in exc.errors())
        raise SafeguardingFileError(f"{path}: {problems}") from exc


def prepare_script(text: str) -> str:
    """Normalise `text`, with Arabic-script letters in one form and Persian "می" joined to its verb."""
    text = normalise(text.translate(_SCRIPT))
    return _PERSIAN_PREFIX.sub(r"\1", text)


class RiskDetector:
    @classmethod
    def load(cls) -> RiskDetector:
        """The shipped lists and examples, read (and the classifier trained) once per process."""
        return _shipped_detector()

    def __init__(self, directory: Path = SAFEGUARDING_DIR, language: Language | None = None):
        self.language = language or Language.load()
        self._recent: dict[str, tuple[Risk, str] | None] = {}
        self._recent_lock = threading.Lock()
        families_file = _read(directory / "families.yaml", _FamiliesFile)
        assert isinstance(families_file, _FamiliesFile)
        self.families = {
            f.id: Family(f.id, f.label, f.tier, tuple(f.lines), tuple(f.offer_categories))
            for f in families_file.families
        }
        self._spellings: dict[str, str] = {}
        harmless: list[str] = []
        vocab: set[str] = set()
        rules: dict[str, list[tuple[str, _Rule]]] = {fid: [] for fid in self.families}
        self._crisis_words: list[tuple[str, re.Pattern[str]]] = []
        self._followups: list[tuple[str, re.Pattern[str]]] = []
        self._past_and_better: list[tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str] | None]] = []
        self._not_about_them: list[tuple[str, re.Pattern[str], re.Pattern[str] | None]] = []
        for lang in LANGUAGES:
            path = directory / f"{lang}.yaml"
            words = _read(path, _WordsFile)
            assert isinstance(words, _WordsFile)
            self._spellings.update({self._plain(k): self._plain(v) for k, v in words.spellings.items()})
            for fid, family_words in words.families.items():
                if fid not in self.families:
                    raise SafeguardingFileError(f"{path}: families.{fid}: not a family in families.yaml")
                tier = self.families[fid].tier
                parts: list[tuple[str, _Words, Level]] = [(f"families.{fid}", family_words, tier)]
                if family_words.maybe is not None:
                    parts.append((f"families.{fid}.maybe", family_words.maybe, "possible"))
                for field, part, level in parts:
                    if part.phrases:
                        where = f"{path.name}: {field}.phrases"
                        pattern = self._pattern(part.phrases, words.concepts, vocab, where)
                        keys = (self._first_words(part.phrases, words.concepts),)
                        rules[fid].append((lang, _Rule((pattern,), None, where, level, keys)))
                    for n, together in enumerate(part.together):
                        where = f"{path.name}: {field}.together.{n}"
                        groups = tuple(self._pattern(g, words.concepts, vocab, where) for g in together.groups)
                        keys = tuple(self._first_words(g, words.concepts) for g in together.groups)
                        rules[fid].append((lang, _Rule(groups, together.within, where, level, keys)))
            harmless += words.harmless
            if words.past_and_better is not None:
                where = f"{path.name}: past_and_better"
                told = words.past_and_better
                self._past_and_better.append((
                    self._pattern(told.past, words.concepts, set(), f"{where}.past"),
                    self._pattern(told.better, words.concepts, set(), f"{where}.better"),
                    self._pattern(told.not_if, words.concepts, set(), f"{where}.not_if") if told.not_if else None))
            for field, why in (("asks_what_it_means", "asks what a word means"),
                               ("about_a_story", "about a story, a course or the news")):
                setting = getattr(words, field)
                if setting is not None:
                    where = f"{path.name}: {field}"
                    self._not_about_them.append((why,
                        self._pattern(setting.words, words.concepts, set(), f"{where}.words"),
                        self._pattern(setting.not_if, words.concepts, set(), f"{where}.not_if") if setting.not_if
                        else None))
            if words.crisis_words:
                crisis = self._pattern(words.crisis_words, {}, set(), f"{path}: crisis_words")
                self._crisis_words.append((lang, crisis))
            if words.crisis_followups:
                followups = self._pattern(words.crisis_followups, {}, set(), f"{path}: crisis_followups")
                self._followups.append((lang, followups))
        # Every rule in the order they are tried (family by family), and which of them could start on a given word:
        # a message is checked against the few rules its words could start, not all of them.
        self._ordered = [(fid, lang, rule) for fid, family_rules in rules.items() for lang, rule in family_rules]
        self._any_start: set[int] = set()
        self._by_first_word: dict[str, set[int]] = {}
        for n, (_fid, _lang, rule) in enumerate(self._ordered):
            keys = rule.first_words[0] if rule.first_words else None
            if keys is None:
                self._any_start.add(n)
                continue
            for word in keys[0] | keys[1]:
                self._by_first_word.setdefault(word, set()).add(n)
        self._harmless = self._pattern(harmless, {}, set(), "harmless") if harmless else None
        # Correction candidates by first letter (typos rarely change it), and corrections made so far.
        self._by_letter: dict[str, tuple[str, ...]] = {}
        for word in sorted(w for w in vocab if len(w) >= 5 and w.isascii() and w.isalpha()):
            self._by_letter[word[0]] = (*self._by_letter.get(word[0], ()), word)
        self._vocab = frozenset(vocab)
        self._corrections: dict[str, str] = {}
        english_words()  # loaded now, not on the first message (it takes a few hundred ms)
        if "distress" not in self.families:
            raise SafeguardingFileError(f"{directory / 'families.yaml'}: families: needs a `distress` family")
        try:
            examples = read_examples(directory / "examples")
            # The offers' example questions teach it what questions about the offer look like, less any a list
            # reads as risk ("i feel really low, is there someone to talk to" stays a risk example's business).
            examples += [Example(q, risk=False) for q in offer_questions(directory.parent / "offers")
                         if not self._listed(q)]
            # The classifier reads numbers as it was chosen with (text speak's "4" -> "for" everywhere): a change
            # of reading retrains it, and moves outcomes near its threshold that no tuning set asked to move.
            self._classifier = RiskClassifier(examples, lambda text: " ".join(self._words(text, numbers=False)))
        except ValueError as exc:
            raise SafeguardingFileError(f"{directory / 'examples'}: {exc}") from exc

    # --- reading the lists ---------------------------------------------------------------------------

    def _plain(self, text: str, numbers: bool = True) -> str:
        """A list entry or message in the one form both are compared in."""
        speak = self.language.text_speak
        words = prepare_script(text).split()
        if numbers and _ARABIC_LETTERS.search(text):
            # "٤ سنين" is "4 years": text speak's "4" -> "for" is English, and must not take the number away.
            return " ".join(w if w.isdigit() else speak.get(w, w) for w in words)
        return " ".join(speak.get(w, w) for w in words)

    def _pattern(self, entries: list[str], concepts: dict[str, list[str]], vocab: set[str], where: str,
                 ) -> re.Pattern[str]:
        """One regex matching any entry as whole words; `*` at a word's edge is any letters, alone any word."""
        alternatives = set()
        for entry in entries:
            entry = str(entry).strip()
            if entry.startswith("@"):
                name = entry[1:]
                if name not in concepts:
                    raise SafeguardingFileError(f"{where}: {entry}: no such concept under `concepts`")
                alternatives.add(self._pattern(concepts[name], {}, vocab, where).pattern)
                continue
            parts = []
            for raw in entry.split():
                if raw in ("*", "#"):  # any one word; any number
                    parts.append(r"\S+" if raw == "*" else r"\d+")
                    continue
                core = self._plain(raw.strip("*"))
                if not core:
                    raise SafeguardingFileError(f"{where}: {entry!r}: has no letters after normalising")
                vocab.update(core.split())
                parts.append((r"\w*" if raw.startswith("*") else "") + re.escape(core) +
                             (r"\w*" if raw.endswith("*") else ""))
            if not parts:
                raise SafeguardingFileError(f"{where}: an empty entry")
            alternatives.add(" ".join(parts))
        body = "|".join(sorted(alternatives, key=len, reverse=True))
        return re.compile(r"(?:(?<=\s)|^)(?:" + body + r")(?=\s|$)")

    def _first_words(self, entries: list[str], concepts: dict[str, list[str]],
                     ) -> tuple[frozenset[str], frozenset[str]] | None:
        """The whole first words, and first-word beginnings ("kill*"), that the entries start with; None when an
        entry may start with any word. Read like `_pattern`, which has already checked the entries."""
        whole: set[str] = set()
        beginnings: set[str] = set()
        for entry in entries:
            entry = str(entry).strip()
            if entry.startswith("@"):
                keys = self._first_words(concepts[entry[1:]], {})
                if keys is None:
                    return None
                whole |= keys[0]
                beginnings |= keys[1]
                continue
            raw = entry.split()[0]
            if raw in ("*", "#") or raw.startswith("*"):
                return None
            first = self._plain(raw.strip("*")).split()
            if raw.endswith("*") and len(first) == 1:
                beginnings.add(first[0])
            elif raw.endswith("*"):
                return None  # text speak made it several words: let the regex decide
            else:
                whole.add(first[0])
        return frozenset(whole), frozenset(beginnings)

    # --- reading a message ----------------------------------------------------------------------------

    def _words(self, text: str, numbers: bool = True) -> list[str]:
        words = self._plain(text[:MAX_CHARS], numbers).split()
        return [self._spellings.get(w, w) for w in words]

    def _correct(self, word: str) -> str:
        """A misspelt risk word ("sucidal", "unconcious") to the word in the lists; others unchanged.

        A real English word is never corrected ("starting" must not become "starving").
        """
        if len(word) < 5 or word in self._vocab or not word.isascii() or _is_english_word(word):
            return word
        found = self._corrections.get(word)
        if found is None:
            candidates = self._by_letter.get(word[0], ())
            best = process.extractOne(word, candidates, scorer=Levenshtein.normalized_similarity, score_cutoff=0.8)
            found = best[0] if best else word
            if len(self._corrections) > 50_000:  # bounded: made-up words must not grow memory for ever
                self._corrections.clear()
            self._corrections[word] = found
        return found

    def _masked(self, words: list[str]) -> str:
        text = " ".join(words)
        return self._harmless.sub("_", text) if self._harmless else text

    def _first_match(self, texts: list[str], tier: Level) -> tuple[Risk, str] | None:
        read = []
        for text in texts:
            words = frozenset(text.split())
            beginnings = frozenset(w[:n] for w in words for n in range(1, len(w) + 1))
            possible = set(self._any_start)
            for word in words | beginnings:
                possible |= self._by_first_word.get(word, set())
            read.append((text, words, beginnings, possible))
        for n, (fid, lang, rule) in enumerate(self._ordered):
            if rule.level != tier:
                continue
            for text, words, beginnings, possible in read:
                if n in possible and rule.could_match(words, beginnings) and _rule_matches(rule, text):
                    return Risk(self.families[fid], lang, tier), f"{rule.where} in {text!r}"
        return None

    def _match(self, text: str) -> tuple[Risk, str] | None:
        # One message is checked more than once per reply (the reply and the classification both ask):
        # the last few answers are kept, by text, in this process only.
        with self._recent_lock:
            if text in self._recent:
                return self._recent[text]
        found = self._match_uncached(text)
        with self._recent_lock:
            self._recent[text] = found
            while len(self._recent) > RECENT_MESSAGES:
                self._recent.pop(next(iter(self._recent)))
        return found

    def _match_uncached(self, text: str) -> tuple[Risk, str] | None:
        words = self._words(text)
        texts = [self._masked(words)]
        # Spelling is checked after the harmless phrases are masked: "begiram" (I get) is one letter from "bemiram"
        # (I die), and a word listed as harmless must not be read as the risk word it resembles.
        kept = texts[0].split()
        corrected = [self._correct(w) for w in kept]
        if corrected != kept:
            texts.append(self._masked(corrected))
        found = self._first_match(texts, "clear") or self._first_match(texts, "possible")
        if found is None:
            if len(words) < CLASSIFIER_MIN_WORDS:
                return None
            chance = self._classifier.probability(text)
            if chance >= RISK_CHANCE:
                risk = Risk(self.families["distress"], guess_language(text), "possible", by_examples=True)
                found = risk, f"examples, chance {chance:.2f}"
        elif found[0].level == "possible" and found[0].id == "distress":
            # A feeling said on the way to a practical question ("feel like a failure, can I still get the
            # bursary") reads like the ordinary examples as a whole: answer it. Vague distress alone still
            # gets the check-in.
            chance = self._classifier.probability(text)
            if chance < rc.DISTRESS_VETO:
                return None
        elif found[0].level == "clear" and self._told_as_over(texts[0]):
            # "I used to self harm years ago, doing great now": most likely over, but a check-in (crisis
            # contacts one tap away, "no, I'm not safe" escalates) costs little if it is not.
            risk, where = found
            found = Risk(risk.family, risk.language, "possible"), f"{where}; told as past and better now"
        elif found[0].level == "clear" and (setting := self._not_about_them_now(texts[0])):
            # "what does county lines mean", "that eastenders storyline": most likely a word heard at college, on
            # TV or online, but it may be said for a reason, so a check-in (crisis contacts one tap away).
            risk, where = found
            found = Risk(risk.family, risk.language, "possible"), f"{where}; {setting}"
        elif found[0].level == "clear" and len(words) >= VETO_MIN_WORDS and not self._told_as_back(texts[0]):
            # A list phrase in a message that reads, as a whole and in every clause, like the harmless examples
            # (an essay on county lines, "my phone is about to die") gets the check-in, not the full alarm: crisis
            # contacts one tap away, and "no, I'm not safe" escalates.
            chance = self._classifier.highest_probability(text)
            if chance < CLEAR_VETO:
                risk, where = found
                found = Risk(risk.family, risk.language, "possible"), f"{where}; examples disagree, chance {chance:.2f}"
        return found

    def _told_as_over(self, text: str) -> bool:
        """The message tells of the risk as past and better now, with nothing saying it is back."""
        return any(past.search(text) and better.search(text) and not (not_if and not_if.search(text))
                   for past, better, not_if in self._past_and_better)

    def _told_as_back(self, text: str) -> bool:
        """Risk told as past and then as back ("I used to self harm, got better, but started again": each
        language's `past_and_better.past` and `.not_if`). The harmless examples include risk told as over,
        so the examples' veto must not apply to risk that is back."""
        return any(past.search(text) and not_if is not None and not_if.search(text)
                   for past, _better, not_if in self._past_and_better)

    def _listed(self, text: str) -> bool:
        """A list, of either tier, matches `text` as written."""
        masked = [self._masked(self._words(text))]
        return self._first_match(masked, "clear") is not None or self._first_match(masked, "possible") is not None

    def _not_about_them_now(self, text: str) -> str | None:
        """Why the message puts its risk words in another setting (a word's meaning, a story, a course), with
        nothing that makes it about them now; or None."""
        return next((why for why, setting, not_if in self._not_about_them
                     if setting.search(text) and not (not_if and not_if.search(text))), None)

    def assess(self, text: str) -> Risk | None:
        """The risk `text` shows (its family and tier), or None."""
        found = self._match(text)
        return found[0] if found else None

    def why(self, text: str) -> str | None:
        """Which list entry raised the risk, and on what text: for editors checking an alarm."""
        found = self._match(text)
        return f"{found[0].id} ({found[0].level}): {found[1]}" if found else None

    def asks_for_help(self, text: str) -> str | None:
        """The language of a short message asking for urgent help ("emergency", "get help now"), or None."""
        plain = " ".join(self._words(text))
        if not plain or len(plain.split()) > CRISIS_REQUEST_MAX_WORDS:
            return None
        # The help words must be most of the message: "emergency!" asks for help,
        # "is the emergency fund still running" asks about an offer.
        for lang, pattern in self._crisis_words:
            covered = sum(len(m.group(0).split()) for m in pattern.finditer(plain))
            if covered and covered * 2 >= len(plain.split()):
                return lang
        return None

    def is_crisis_followup(self, text: str) -> bool:
        """After crisis help: "what do I do", "help", "I'm scared" (short), in any language."""
        plain = " ".join(self._words(text))
        if not plain or len(plain.split()) > CRISIS_REQUEST_MAX_WORDS:
            return False
        return _first_language(self._followups, plain) is not None or self.asks_for_help(text) is not None


@lru_cache(maxsize=1)
def family_labels() -> dict[str, str]:
    """Each risk family's name for people ("Thoughts of suicide"), without loading the detector."""
    families_file = _read(SAFEGUARDING_DIR / "families.yaml", _FamiliesFile)
    assert isinstance(families_file, _FamiliesFile)
    return {f.id: f.label for f in families_file.families}


@lru_cache(maxsize=1)
def _shipped_detector() -> RiskDetector:
    return RiskDetector()


def _is_english_word(word: str) -> bool:
    return word_count(word) >= KNOWN_WORD_FREQUENCY


def _first_language(patterns: list[tuple[str, re.Pattern[str]]], text: str) -> str | None:
    return next((lang for lang, pattern in patterns if pattern.search(text)), None)


def _rule_matches(rule: _Rule, text: str) -> bool:
    if rule.within is None:
        return all(g.search(text) for g in rule.groups)
    spans_per_group = []
    for group in rule.groups:
        spans = [(m.start(), m.end()) for m in group.finditer(text)]
        if not spans:
            return False
        spans_per_group.append(spans)
    starts = [m.start() for m in re.finditer(r"\S+", text)]

    def word_at(offset: int) -> int:
        return bisect_right(starts, offset) - 1

    word_spans = [[(word_at(a), word_at(max(a, b - 1))) for a, b in spans] for spans in spans_per_group]
    for combo in itertools.islice(itertools.product(*word_spans), MAX_COMBINATIONS):
        if max(e for _s, e in combo) - min(s for s, _e in combo) <= rule.within:
            return True
    return False

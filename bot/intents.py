"""Recognising what a message asks for when it is not about one offer (greeting, "talk to a person",
"how do I get it", ...), from the examples in content/language/intents.yaml."""

from __future__ import annotations

from pathlib import Path

from rapidfuzz import fuzz, process

from content.understanding.matcher import Language, normalise
from content.yaml_files import read_yaml

INTENTS_FILE = Path(__file__).resolve().parent.parent / "content" / "language" / "intents.yaml"
MIN_SIMILARITY = 86  # whole-message similarity: "what can i get" must not catch "what can i get for uni"


class IntentMatcher:
    def __init__(self, path: Path = INTENTS_FILE, language: Language | None = None):
        self.language = language or Language.load()
        raw = read_yaml(path.read_text(encoding="utf-8"))
        data = raw["intents"]
        # Longest first, so "can you help me" goes before "can you help".
        self._around = sorted((self._prepare(str(w)) for w in raw.get("around") or ()), key=len, reverse=True)
        self._inside = [(intent, [self._prepare(str(p)) for p in spec.get("phrases") or ()],
                         {self._prepare(str(w)) for w in spec.get("context") or ()})
                        for intent, spec in (raw.get("inside") or {}).items()]
        self._examples: list[str] = []
        self._intents: list[str] = []
        for intent, examples in data.items():
            for example in examples:
                self._examples.append(self._prepare(str(example)))
                self._intents.append(intent)

    def _prepare(self, text: str) -> str:
        speak = self.language.text_speak
        return " ".join(speak.get(w, w) for w in normalise(text).split())

    def match(self, text: str) -> str | None:
        """The intent `text` expresses, or None."""
        prepared = self._prepare(text)
        if not prepared or len(prepared) > 80:
            return None
        for candidate in (prepared, self._trimmed(prepared)):
            if not candidate:
                continue
            best = process.extractOne(candidate, self._examples, scorer=fuzz.ratio, score_cutoff=MIN_SIMILARITY)
            if best:
                return self._intents[best[2]]
        return self._said_inside(prepared)

    def _said_inside(self, prepared: str) -> str | None:
        """An intent said inside a message whose other words only tell who is asking (intents.yaml, `inside`)."""
        padded = f" {prepared} "
        for intent, phrases, context in self._inside:
            for phrase in phrases:
                if f" {phrase} " in padded:
                    rest = padded.replace(f" {phrase} ", " ", 1).split()
                    if all(w in context or w.isdigit() for w in rest):
                        return intent
        return None

    def _trimmed(self, prepared: str) -> str:
        """`prepared` without the words that may surround an intent ("ok thank u" -> "thank you")."""
        text, changed = f" {prepared} ", True
        while changed:
            changed = False
            for word in self._around:
                if text.startswith(f" {word} ") or text.endswith(f" {word} "):
                    text = text.replace(f" {word} ", " ", 1) if text.startswith(f" {word} ") else \
                        text[: -len(word) - 1]
                    changed = True
        return text.strip()

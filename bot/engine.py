"""The conversation engine: `engine.respond(conversation, text)` -> Reply. Channel-free.

Telegram, the web chat and the console only translate to and from it. Order of work for a message:
1. safeguarding first: a message that shows risk gets crisis contacts before anything else;
2. commands (/start, /help, /area, /language, /feedback, /privacy, /forget);
3. a guided flow waiting for an answer ("What can I get?", a message for the team, feedback);
4. intents from data (greeting, "talk to a person", "how do I get it", ...);
5. matching the question to an offer: answer, "Did you mean", or say we do not know.

Follow-ups, age and situation, and other areas are in bot/context.py; the contact step after a message
for the team in bot/contact_step.py (the engine inherits both).
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import NamedTuple

from babel.support import NullTranslations
from sqlalchemy.exc import SQLAlchemyError

from bot import texts
from bot.contact_step import ContactStep
from bot.context import ConversationContext
from bot.conversation import Conversation
from bot.followups import (
    eligibility_answer,
    fits,
    followup_kind,
    points_back_only,
)
from bot.guided import WhatCanIGetFlow, answers_the_step
from bot.i18n import LANGUAGES, translations
from bot.intents import IntentMatcher
from bot.places import area_named, area_switch
from bot.replies import Button, Flag, Reply
from bot.topics import topic_kind
from content.catalogue.same_topic import load_same_topic
from content.catalogue.schema import Area, Offer
from content.catalogue.snapshot import Catalogue
from content.feedback.records import Record, RecordStore
from content.feedback.redaction import redact
from content.understanding.details import stated_age, stated_situations
from content.understanding.hybrid import DEFAULT_MEANING_MODEL, RULES, HybridRule, MeaningModel, fuse, outright
from content.understanding.input_text import plain_text
from content.understanding.languages import guess_language
from content.understanding.matcher import Language, Match, OfferMatcher, stem
from content.understanding.offer_classifier import OfferClassifier
from content.understanding.safeguarding import Risk, RiskDetector
from content.understanding.semantic import SemanticIndex

MAX_MESSAGE_CHARS = 1000
ELSEWHERE_MARGIN = 1.5  # another area's offer must have this many times the local best evidence
ELSEWHERE_EVIDENCE = 4.5  # ... and at least this much: named clearly ("what is growing lives")
TOPIC_COVERAGE = 0.4  # a question naming a no-offer topic is answered only if this much of it is about the offer
# A short question naming a care-life topic ("can i get help paying my fone bill") needs more of it about an offer:
# its few other words ("help", "paying") fit the council tax offer as well as any. A long message often names one in
# passing ("... on UC, do I really have to pay council tax"). Chosen on the tuning and spent sets: not-ours answered
# 16 -> 12 of 250, answered right unchanged.
CARE_LIFE_COVERAGE = 0.6
SHORT_TOPIC_QUESTION = 15  # words
FUSE_DEPTH = 20  # lexical candidates taken into the fused ranking
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Thresholds:
    """When to answer outright, tuned on tests/bot/messages.yaml (`python -m bot evaluate`), and `evidence` again on
    the blind tuning set (tests/bot/blind/tuning) when the example questions doubled (README, Understanding).

    The best-ranked offer is answered outright when the question shares a lot of meaning with it
    (evidence), or a fair share of the question's meaning is about it (coverage) with a little
    evidence. Below that, offers with some evidence become "Did you mean" buttons.
    """

    evidence: float = 5.75  # 4.5 until 2026-11-24: twice the example questions give more evidence (README)
    coverage: float = 0.35
    coverage_evidence: float = 0.5
    tie_ratio: float = 0.9  # in a short question, a second offer this close in evidence is a tie ...
    short_question: int = 2  # ... (this many meaningful words or fewer): ask, do not guess
    close_coverage: float = 0.25  # "Did you mean" needs this share of the question to be about the offer


class Classification(NamedTuple):
    slug: str | None  # answered outright with this offer
    candidates: list[Match]  # up to 3, best first
    safeguarding: bool
    risk_level: str | None = None  # "clear" | "possible" | None
    elsewhere: tuple[str, str] | None = None  # (area, slug): not answered here, but another area has it


class Engine(ConversationContext, ContactStep):
    def __init__(
        self,
        catalogue: Callable[[], Catalogue],
        records: RecordStore | None = None,
        site_url: str = "",
        thresholds: Thresholds | None = None,
        update_channels: frozenset[str] = frozenset(),
        meaning: str | None = None,
        rule: HybridRule | None = None,
    ):
        self._catalogue = catalogue
        self.records = records
        self.site_url = site_url
        self.thresholds = thresholds or Thresholds()
        self.update_channels = update_channels  # channels that can send an update back later
        language = Language.load()
        self.language = language
        self.detector = RiskDetector.load()
        self.intents = IntentMatcher(language=language)
        self.same_topic = load_same_topic()
        self._matcher: tuple[str, OfferMatcher] | None = None
        # What reads meaning beside the words: "ngram" (a classifier trained on the offers' words in four
        # languages), "e5" (sentence embeddings) or "off" (MEANING_MODEL; README, Understanding).
        self.meaning_model = meaning or os.environ.get("MEANING_MODEL", DEFAULT_MEANING_MODEL)
        if self.meaning_model not in RULES:
            raise ValueError(f"MEANING_MODEL must be one of {', '.join(sorted(RULES))}, not {self.meaning_model!r}")
        self.rule = rule or RULES[self.meaning_model]
        self._semantic: tuple[str, MeaningModel] | None = None
        if self.meaning_model == "ngram":  # train in the background now, not on the first question
            threading.Thread(target=self._warm, name="meaning-model", daemon=True).start()

    # --- understanding -------------------------------------------------------------------------

    def catalogue(self) -> Catalogue:
        """The content snapshot the engine answers from now."""
        return self._catalogue()

    def matcher(self) -> OfferMatcher:
        catalogue = self._catalogue()
        if self._matcher is None or self._matcher[0] != catalogue.fingerprint:
            self._matcher = (catalogue.fingerprint, OfferMatcher(catalogue.offers, self.language))
        return self._matcher[1]

    def _warm(self) -> None:
        try:
            self.semantic()
        except Exception:  # a failed warm-up is retried, and reported, on the first question
            log.warning("the meaning model could not be built in the background; retrying on first use")

    def semantic(self) -> MeaningModel | None:
        """What reads meaning for this content snapshot, or None when it is off."""
        if self.meaning_model == "off":
            return None
        catalogue = self._catalogue()
        if self._semantic is None or self._semantic[0] != catalogue.fingerprint:
            model = (SemanticIndex(catalogue.offers) if self.meaning_model == "e5"
                     else OfferClassifier.shared(catalogue.fingerprint, catalogue.offers))
            self._semantic = (catalogue.fingerprint, model)
        return self._semantic[1]

    def classify(self, area: str, text: str, meaning: bool = True) -> Classification:
        """What the bot makes of `text` in `area` (the contract of `python -m bot match`).

        `meaning` False: words only (after crisis help, which must never wait for a model to load).
        """
        risk = self.detector.assess(text)
        text = text[:MAX_MESSAGE_CHARS]
        words = self.matcher().prepare(text)
        candidates, best, by_words = self._understand(area, text, words, meaning)
        # A message that shows risk is never answered outright. Nor is one about a topic we know has no
        # offer ("how do i learn to drive" is near the work offers in meaning), unless its words are
        # mostly about an offer ("the maths on my council apprenticeship is killing me").
        topic = topic_kind(text, self.language)
        short = len(text.split()) <= SHORT_TOPIC_QUESTION
        bar = CARE_LIFE_COVERAGE if topic == "care_life" and short else TOPIC_COVERAGE
        no_offer_topic = topic is not None and (by_words is None or by_words.coverage < bar)
        slug = best.offer.slug if best is not None and risk is None and not no_offer_topic else None
        elsewhere = None
        if risk is None and (elsewhere := self._elsewhere(area, words, candidates)):
            slug = None  # clearly another area's offer: say so rather than answer with a weaker local one
        return Classification(slug, candidates[:3], risk is not None, risk.level if risk else None, elsewhere)

    def _understand(self, area: str, text: str, words: list[str], use_meaning: bool = True
                    ) -> tuple[list[Match], Match | None, Match | None]:
        """Offers of `area` ranked by words and meaning together, the one to answer outright (or None), and
        the one the words alone would answer (or None)."""
        lexical = self.matcher().match_words(area, words, limit=FUSE_DEPTH)
        lexical_answer = self._outright(area, words, lexical)
        index = self.semantic() if use_meaning else None
        # English words in Arabic letters ("کانسل تکس") read as English, as the word matcher reads them.
        asked = self.matcher().with_english_loans(text)
        meaning = index.scores(area, asked) if index is not None and text.strip() else {}
        if not meaning:
            return lexical, lexical_answer, lexical_answer
        offers = {o.slug: o for o in self._catalogue().offers if o.area == area}
        fused = fuse(lexical, meaning, offers)
        if self._tie(words, lexical):  # "interview": two offers fit a word or two equally; ask, never guess ...
            return fused, self._tie_broken(words, lexical), lexical_answer
        return fused, outright(lexical, lexical_answer, fused, meaning, self.rule), lexical_answer

    def _names_an_offer(self, area: str, text: str) -> bool:
        """Every meaningful word of `text` is in one offer's title: "whats big it up" names Big It Up, though its
        words are all follow-up words too ("how big", "what is it")."""
        matcher = self.matcher()
        asked = {stem(w) for w in matcher.prepare(text)}
        return bool(asked) and any(asked <= {stem(w) for w in matcher.prepare(o.title)}
                                   for o in self._catalogue().offers if o.area == area)

    def _tie_broken(self, words: list[str], lexical: list[Match]) -> Match | None:
        """... unless exactly one of the tied offers is named by its title ("personal adviser": the Personal
        Adviser offer, not the Leaving Care Service whose text also says it; "interview" names three)."""
        matcher = self.matcher()
        asked = {stem(w) for w in words}
        tied = [m for m in lexical if m.evidence >= self.thresholds.tie_ratio * lexical[0].evidence]
        named = [m for m in tied if asked <= {stem(w) for w in matcher.prepare(m.offer.title)}]
        if len(named) > 1:
            # "achievement service" is in "Achievement Service - help to get a job" and in "Volunteering through the
            # Achievement Service": it is the name of the one whose title starts with it ("interview" starts two).
            said = [stem(w) for w in words]
            named = [m for m in named if [stem(w) for w in matcher.prepare(m.offer.title)][:len(said)] == said]
        return named[0] if len(named) == 1 else None

    def _tie(self, words: list[str], lexical: list[Match]) -> bool:
        th = self.thresholds
        if len(words) > th.short_question or len(lexical) < 2:
            return False
        return lexical[1].evidence >= th.tie_ratio * lexical[0].evidence

    def _outright(self, area: str, words: list[str], candidates: list[Match] | None = None) -> Match | None:
        """The offer of `area` the lexical matcher alone would answer outright, or None."""
        if candidates is None:
            candidates = self.matcher().match_words(area, words, limit=3)
        if not candidates:
            return None
        best, th = candidates[0], self.thresholds
        second = candidates[1].evidence if len(candidates) > 1 else 0.0
        strong = best.evidence >= th.evidence or (
            best.coverage >= th.coverage and best.evidence >= th.coverage_evidence
        )
        tie = len(words) <= th.short_question and second >= th.tie_ratio * best.evidence
        return best if strong and not tie else None

    def _elsewhere(self, area: str, words: list[str], local: list[Match]) -> tuple[str, str] | None:
        """An offer that only another area has, which the question is clearly about ("staying put" asked
        in the County): so the answer can say where it exists instead of guessing a local one.

        Clearly: answered outright there, with strong evidence, and much more than any local offer has.
        """
        catalogue = self._catalogue()
        here = local[0].evidence if local else 0.0
        for other in catalogue.areas:
            if other.id == area:
                continue
            found = self._outright(other.id, words)
            if (found and catalogue.offer(area, found.offer.slug) is None
                    and found.evidence >= max(ELSEWHERE_EVIDENCE, ELSEWHERE_MARGIN * here)):
                return other.id, found.offer.slug
        return None

    # --- the conversation ----------------------------------------------------------------------

    def respond(
        self, conv: Conversation, text: str | None, channel: str = "console", chat_ref: str | None = None
    ) -> Reply:
        """Answer one message. `text` None means something that is not text (sticker, photo, voice)."""
        t = translations(conv.language)
        _ = t.gettext
        reply = Reply()
        if text is None:
            return reply.add(_("Sorry, I can only read words. Please type your question."))
        text = plain_text(text).strip()
        if not text:
            return reply.add(_("Type a question, for example: money for uni."))

        catalogue = self._catalogue()
        area = catalogue.area(conv.area) if conv.area and catalogue.has_area(conv.area) else None
        written_in = guess_language(text)
        if written_in != "en" and written_in != conv.language and written_in in LANGUAGES:
            # Written in Arabic, Farsi or Pashto letters: answer in that language from now on.
            conv.language = written_in
            t = translations(conv.language)
            _ = t.gettext
        conv.age = stated_age(text) or conv.age
        conv.situations = sorted(set(conv.situations) | stated_situations(text, self.language))
        if conv.flow == "checkin":  # waiting for "are you safe?": yes/no answer it; anything else moves on
            if self.intents.match(text) in ("affirm", "deny"):
                return self._check_in_answer(conv, text, reply, channel, chat_ref)
            conv.flow = None
        risk = self.detector.assess(text)
        if risk is not None and risk.by_examples and self._ordinary_turn(conv, text):
            risk = None  # "im 17 and a half", "okk ta very much": a turn of the chat, not a sign of danger
        if conv.crisis and (risk is None or risk.level == "possible") and self.detector.is_crisis_followup(text):
            # Still in crisis: "what do I do", "help", "I'm scared" get the urgent step again, not the menu.
            family = self.detector.families.get(conv.crisis)
            t = translations(conv.language)
            reply.add(texts.crisis_text(catalogue, self._areas(catalogue, area), t, family, conv.age))
            reply.flags.add(Flag.SAFEGUARDING)
            reply.buttons.append(Button(t.gettext("Talk to a person"), "do:talk_to_person"))
            return reply
        if risk is not None:
            t = self._speak_in(conv, risk.language)
            _ = t.gettext
            self._record(Record("safeguarding", conv.area, channel, risk_kind=risk.id))
            if risk.level == "clear":
                conv.crisis, conv.flow = risk.id, None
                reply.add(texts.crisis_text(catalogue, self._areas(catalogue, area), t, risk.family, conv.age))
            else:
                conv.flow = "checkin"
                reply.add(texts.check_in_text(t))
                reply.buttons += [Button(_("Yes, I am safe"), "checkin:safe"),
                                  Button(_("Not really"), "checkin:unsafe")]
            reply.flags.add(Flag.SAFEGUARDING)
            reply.buttons += [Button(_("Get help now"), "do:crisis"),
                              Button(_("Talk to a person"), "do:talk_to_person")]
        elif self.detector.asks_for_help(text) is not None:
            t = self._speak_in(conv, self.detector.asks_for_help(text) or conv.language)
            reply.add(texts.crisis_text(catalogue, self._areas(catalogue, area), t, None, conv.age))
            reply.buttons.append(Button(t.gettext("Talk to a person"), "do:talk_to_person"))
            return reply
        if len(text) > MAX_MESSAGE_CHARS:
            return reply.add(_("That is a long message. Can you tell me what you need in a few words?"))

        if text.startswith("/"):
            return self._command(conv, text, reply, channel, chat_ref)
        if conv.flow and conv.flow != "checkin":
            if self.intents.match(text) == "cancel":
                conv.flow, conv.answers = None, {}
                return reply.add(_("OK, stopped. What would you like to know?"))
            if not conv.flow.startswith("wcig:") or (answers_the_step(conv.flow, text)
                                                      and self.intents.match(text) is None):
                return self._flow_answer(conv, text, reply, channel, chat_ref)
            conv.flow, conv.answers = None, {}  # a new question or small talk: "What can I get?" stops

        intent = self.intents.match(text)
        if area is None and risk is None and (named := area_named(catalogue, text)):
            return self.press(conv, f"area:{named}", channel, chat_ref)
        if area is None:
            if intent not in ("greet", "help", "thanks") and risk is None:
                conv.pending_question = redact(text)[:300]  # kept in Redis or a cookie: no contact details
            return self._ask_area(conv, reply, catalogue, greet=intent == "greet")
        if risk is None and (moved := area_switch(catalogue, text, area.id, self.language)):
            return self._switch_area(conv, moved, text, reply, channel)
        if risk is None and (followup := self._followup_kind(conv, text, intent)):
            return self._followup(conv, followup, reply)
        if risk is None and (on_choices := self._followup_on_choices(conv, text, intent, reply)):
            return on_choices
        if (risk is None and intent is None and not conv.last_offer and points_back_only(text, self.language)
                and not self._names_an_offer(area.id, text)):
            return reply.add(_("Which support do you mean? Ask me about it in a few words."))
        if intent:
            return self._intent(conv, intent, reply, channel, chat_ref)
        if risk is not None:
            return self._after_crisis(conv, text, reply, risk)
        return self._answer_question(conv, text, reply, channel)

    def press(
        self,
        conv: Conversation,
        action: str,
        channel: str = "console",
        chat_ref: str | None = None,
        address: str | None = None,
    ) -> Reply:
        """Handle a button press (the button's `action`).

        `address` is the channel's own way back to this chat, already encrypted by the adapter; it is
        stored only when the young person asks for updates.
        """
        t = translations(conv.language)
        _ = t.gettext
        kind, _sep, value = action.partition(":")
        catalogue = self._catalogue()
        reply = Reply()
        if kind == "area" and catalogue.has_area(value):
            conv.area = value
            reply.add(_("OK: %(area)s.") % {"area": catalogue.area(value).name})
            pending, conv.pending_question = conv.pending_question, None
            if pending:
                return self._merge(reply, self.respond(conv, pending, channel, chat_ref))
            return self._menu(conv, reply)
        if kind == "lang" and value in LANGUAGES:
            conv.language = value
            return self._menu(conv, Reply().add(translations(value).gettext("OK. I will answer in English.")
                                                 if value == "en" else translations(value).gettext(
                                                     "OK. I will answer in your language where I can.")))
        if kind == "switch":  # "Show Nottingham's offer": move the chat to that area and answer
            new_area, _sep, slug = value.partition(":")
            offer = catalogue.offer(new_area, slug) if catalogue.has_area(new_area) else None
            if offer is not None:
                conv.area = new_area
                reply.intent = "switch_area"
                reply.add(_("OK, now for %(area)s.") % {"area": catalogue.area(new_area).name})
                return self._answer_offer(conv, offer, reply)
        if kind == "offer" and conv.area and catalogue.offer(conv.area, value):
            return self._answer_offer(conv, catalogue.offer(conv.area, value), reply)
        if kind == "cat" and conv.area:
            offers = catalogue.offers_in(conv.area, value)
            reply.add(_("Choose one:"))
            reply.buttons += [Button(o.localised(conv.language).title, f"offer:{o.slug}") for o in offers]
            return reply
        if kind == "do":
            return self._intent(conv, value, reply, channel, chat_ref)
        if kind == "checkin":
            conv.flow = None
            if value == "unsafe":
                conv.crisis = conv.crisis or "distress"
                area = catalogue.area(conv.area) if conv.area and catalogue.has_area(conv.area) else None
                family = self.detector.families.get(conv.crisis)
                reply.add(texts.crisis_text(catalogue, self._areas(catalogue, area), t, family, conv.age))
                reply.flags.add(Flag.SAFEGUARDING)
                reply.buttons.append(Button(_("Talk to a person"), "do:talk_to_person"))
                return reply
            reply.add(_("I am glad. If that changes, Get help now is always here."))
            return self._menu(conv, reply) if conv.area else reply
        if kind == "wcig":
            return WhatCanIGetFlow(self._catalogue(), self.site_url, conv, t).press(value, reply)
        if kind == "contact":
            return self._contact_choice(conv, value, reply, chat_ref)
        if kind == "talk":
            if value == "yes":
                conv.flow = "talk:message"
                return reply.add(_("Type your message for the team. Do not put anything private you would not "
                                   "want a worker to read."))
            return reply.add(_("OK. You can ask me something else any time."))
        if kind == "updates":
            verdict, _sep, item = value.partition(":")
            can_store = verdict == "yes" and item.isdigit() and address and chat_ref and self.records is not None
            if can_store and self.records.subscribe(int(item), chat_ref, address):  # type: ignore[union-attr]
                return reply.add(_("OK. I will send you a message here when it is done. /forget stops this."))
            return reply.add(_("OK, no messages about it."))
        if kind == "helpful":
            verdict, _sep, slug = value.partition(":")
            offer = catalogue.offer(conv.area or "", slug)
            if offer is None or verdict not in ("yes", "no"):  # a forged or stale button stores nothing
                return reply.add(_("Sorry, that button no longer works. What would you like to know?"))
            self._record(Record("helpful", conv.area, channel, offer_slug=slug, helpful=verdict == "yes",
                                chat_ref=chat_ref, offer_category=offer.category if offer else None))
            return reply.add(_("Thank you. This helps us make the service better."))
        return reply.add(_("Sorry, that button no longer works. What would you like to know?"))

    # --- pieces --------------------------------------------------------------------------------

    @staticmethod
    def _merge(first: Reply, second: Reply) -> Reply:
        card = (second.card[0] + len(first.parts), second.card[1]) if second.card else None
        return Reply(first.parts + second.parts, second.buttons, second.offers, first.flags | second.flags,
                     second.links, second.intent, second.about, card)

    def _record(self, record: Record) -> int | None:
        """Store a record; None when there is no store or it is down (the answer still goes out)."""
        if self.records is None:
            return None
        try:
            return self.records.add(record)
        except SQLAlchemyError:
            log.warning("could not store a %s record: database unavailable", record.kind)
            return None

    def _ask_area(self, conv: Conversation, reply: Reply, catalogue: Catalogue, greet: bool) -> Reply:
        _ = translations(conv.language).gettext
        if greet:
            reply.add(_("Hi! I can tell you what support you can get if you are in care or have left care: "
                        "money, housing, education, work, health and more. I am a computer, not a person, "
                        "and I cannot see your records."))
        reply.add(_("Which council looks after you, or looked after you?"))
        reply.buttons += [Button(a.name, f"area:{a.id}") for a in catalogue.areas]
        reply.flags.add(Flag.ASK_AREA)
        return reply

    def _menu(self, conv: Conversation, reply: Reply) -> Reply:
        _ = translations(conv.language).gettext
        reply.add(_("Ask me a question in your own words, for example: help with council tax. Or choose:"))
        reply.buttons += [
            Button(_("What can I get?"), "do:what_can_i_get"),
            Button(_("Talk to a person"), "do:talk_to_person"),
            Button(_("Get help now"), "do:crisis"),
        ]
        return reply

    def _command(self, conv: Conversation, text: str, reply: Reply, channel: str, chat_ref: str | None) -> Reply:
        _ = translations(conv.language).gettext
        command = text.split()[0][1:].split("@")[0].lower()
        catalogue = self._catalogue()
        conv.flow, conv.answers = None, {}
        if command == "start":
            return self._ask_area(conv, reply, catalogue, greet=True) if not conv.area else self._menu(
                conv, reply.add(_("Hi again!")))
        if command == "help":
            reply.add(_("I answer questions about the local offer for care leavers: what you can get and how "
                        "to get it. I cannot see your records or make decisions. For anything about you, talk "
                        "to your Personal Adviser (PA)."))
            reply.add(_("Commands: /area to change area, /language to change language, /feedback to tell us "
                        "what you think, /privacy for what we keep, /forget to delete it."))
            return self._menu(conv, reply) if conv.area else reply
        if command == "area":
            return self._ask_area(conv, reply, catalogue, greet=False)
        if command == "language":
            reply.add(_("Choose your language:"))
            reply.buttons += [Button(name, f"lang:{code}") for code, name in _LANGUAGE_NAMES.items()]
            return reply
        if command == "feedback":
            conv.flow = "feedback:text"
            return reply.add(_("Tell us what you think of this service, or what is missing. Do not include your "
                               "name or contact details. Type it now, or type cancel."))
        if command == "privacy":
            return reply.add(_("We keep your chosen area and language while you use the chat. We do not keep "
                               "your messages, except questions I could not answer (with phone numbers and "
                               "emails removed) and feedback you send us. /forget deletes what we hold about "
                               "this chat."))
        if command == "forget":
            removed = self.records.forget(chat_ref) if (self.records and chat_ref) else 0
            conv.__init__()  # type: ignore[misc]
            reply.flags.add(Flag.FORGOTTEN)
            return reply.add(_("Done. I have deleted everything I held about this chat (%(n)d saved items).")
                             % {"n": removed})
        return reply.add(_("Sorry, I do not know that command. Try /help."))

    def _flow_answer(self, conv: Conversation, text: str, reply: Reply, channel: str, chat_ref: str | None) -> Reply:
        _ = translations(conv.language).gettext
        flow = conv.flow or ""
        if flow.startswith("wcig:"):
            flow_step = WhatCanIGetFlow(self._catalogue(), self.site_url, conv, translations(conv.language))
            return flow_step.answer(text, reply)
        conv.flow = None
        if flow == "talk:message":
            item_id = self._record(Record("talk-to-person", conv.area, channel, text=text, chat_ref=chat_ref))
            if item_id is None and self.records is not None:
                conv.flow = "talk:message"  # keep the step: they can send it again
                return reply.add(_("Sorry, I could not save your message just now. Please send it again in a few "
                                   "minutes. If it is urgent, use the numbers in Get help now."))
            reply.add(_("Thank you. Your message is saved for the leaving care team. Someone will read it "
                        "during office hours on a working day, not straight away. If it is urgent, use "
                        "the numbers above or call 999 in an emergency."))
            if item_id is not None and chat_ref:
                conv.answers = {"talk_item": item_id}
                reply.add(_("How can the team reach you about it? They keep this only to reply to you, and delete it "
                            "when they are done. Phone numbers and emails in your message were taken out, so tell "
                            "me here."))
                reply.buttons += [Button(_("Phone or text me"), "contact:phone"),
                                  Button(_("Email me"), "contact:email"),
                                  Button(_("Through my PA"), "contact:pa"),
                                  Button(_("No need"), "contact:none")]
            return reply
        if flow in ("talk:contact:phone", "talk:contact:email"):
            return self._contact_answer(conv, flow.rsplit(":", 1)[1], text, reply, chat_ref)
        if flow == "feedback:text":
            item_id = self._record(Record("feedback", conv.area, channel, text=text, chat_ref=chat_ref))
            if item_id is None and self.records is not None:
                conv.flow = "feedback:text"
                return reply.add(_("Sorry, I could not save that just now. Please send it again in a few minutes."))
            reply.add(_("Thank you for telling us. Workers read all feedback and share what they change in "
                        "\"You said, we did\"."))
            if item_id is not None and chat_ref and channel in self.update_channels:
                reply.add(_("Would you like a message here when we do something about it?"))
                reply.buttons += [Button(_("Yes, tell me"), f"updates:yes:{item_id}"),
                                  Button(_("No thanks"), "updates:no")]
            return reply
        return self._answer_question(conv, text, reply, channel)

    def _intent(self, conv: Conversation, intent: str, reply: Reply, channel: str, chat_ref: str | None) -> Reply:
        t = translations(conv.language)
        _ = t.gettext
        catalogue = self._catalogue()
        area = catalogue.area(conv.area) if conv.area and catalogue.has_area(conv.area) else None
        last = catalogue.offer(conv.area, conv.last_offer) if conv.area and conv.last_offer else None
        reply.intent = intent
        if intent == "greet":
            return self._menu(conv, reply.add(_("Hi!")))
        if intent == "thanks":
            return reply.add(_("You are welcome. Ask me anything else any time."))
        if intent == "goodbye":
            return reply.add(_("Bye for now. You can come back any time."))
        if intent == "acknowledge":
            if conv.crisis:  # "ok" after crisis help is not the end of it: the urgent step stays in view
                reply.add(_("I am still here. If you are in danger now, call 999."))
                reply.buttons += [Button(_("Get help now"), "do:crisis"),
                                  Button(_("Talk to a person"), "do:talk_to_person")]
                return reply
            return self._menu(conv, reply.add(_("OK.")))
        if intent == "unhappy":
            reply.add(_("Sorry I did not help. You can talk to a person, or type /feedback to tell us what went "
                        "wrong, so we can fix it."))
            reply.buttons.append(Button(_("Talk to a person"), "do:talk_to_person"))
            return reply
        if intent == "help":
            return self._command(conv, "/help", reply, channel, chat_ref)
        if intent == "feedback":
            return self._command(conv, "/feedback", reply, channel, chat_ref)
        if intent == "crisis":
            reply.add(texts.crisis_text(catalogue, self._areas(catalogue, area), t, None, conv.age))
            return reply
        if intent == "what_can_i_get":
            return WhatCanIGetFlow(self._catalogue(), self.site_url, conv, t).start(reply)
        if intent == "talk_to_person" and area is not None:
            reply.add(texts.contacts_text(area, t))
            reply.add(_("Do you want to leave a message for the team? They read messages during office hours "
                        "on working days. It is not watched all the time."))
            reply.buttons += [Button(_("Yes, leave a message"), "talk:yes"), Button(_("No thanks"), "talk:no")]
            return reply
        if intent in ("how_to_get", "who_to_contact", "tell_me_more"):
            if last is None:
                return reply.add(_("Which support do you mean? Ask me about it in a few words."))
            if intent == "how_to_get":
                return reply.add(texts.how_to_text(last, conv.language, t))
            if intent == "who_to_contact":
                return reply.add(texts.contact_text(last, t))
            return reply.add(texts.more_text(last, conv.language, self.site_url))
        if intent == "changes":
            try:
                entries = self.records.latest_published(conv.area or "") if self.records else []
            except SQLAlchemyError:
                entries = []
            if not entries:
                return reply.add(_("Workers share what they changed because of what young people said in \"You "
                                   "said, we did\". Nothing has been published here yet."))
            lines = [_("The latest from \"You said, we did\":")]
            for e in entries:
                lines.append(f"• {_('You said')}: {e.you_said}\n  {_('We did')}: {e.we_did}")
            reply.links.append((_("You said, we did"), f"/{conv.area}/you-said-we-did"))
            return reply.add("\n".join(lines))
        if intent == "cancel":
            return self._menu(conv, reply.add(_("OK.")))
        if intent == "none":  # "None of these": the question is one we could not answer, for staff to see
            asked = conv.answers.pop("did_you_mean", None) if isinstance(conv.answers, dict) else None
            self._record(Record("unanswered", conv.area, channel, text=asked))
            reply.flags.add(Flag.UNANSWERED)
            reply.add(_("Sorry. I have noted your question for the team, so we can add what is missing. You can "
                        "ask it another way, or talk to a person."))
            reply.buttons.append(Button(_("Talk to a person"), "do:talk_to_person"))
            return reply
        return self._menu(conv, reply)

    def _after_crisis(self, conv: Conversation, text: str, reply: Reply, risk: Risk) -> Reply:
        """After crisis help, offers only as choices, and only ones that fit the risk (housing after
        homelessness): a guess here, or an unrelated offer, could read as not listening."""
        _ = translations(conv.language).gettext
        th = self.thresholds
        candidates = [m for m in self.classify(conv.area or "", text, meaning=False).candidates
                      if m.evidence >= 1.0 or m.meaning >= self.rule.close]
        if risk.level == "clear":
            candidates = [m for m in candidates if m.offer.category in risk.family.offer_categories]
        else:  # a check-in: the question's own offers, only where the question is mostly about them
            candidates = [m for m in candidates if m.coverage >= th.close_coverage or m.meaning >= self.rule.close]
        if candidates[:3]:
            reply.add(_("If you also wanted to ask about support, choose:"))
            reply.buttons += [Button(m.offer.localised(conv.language).title, f"offer:{m.offer.slug}")
                              for m in candidates[:3]]
        return reply

    def _check_in_answer(self, conv: Conversation, text: str, reply: Reply, channel: str,
                         chat_ref: str | None) -> Reply:
        """The reply to "Are you safe right now?": no escalates to crisis help; yes goes on."""
        verdict = "unsafe" if self.intents.match(text) == "deny" else "safe"
        return self.press(conv, f"checkin:{verdict}", channel, chat_ref)

    def _areas(self, catalogue: Catalogue, area: Area | None) -> list[Area]:
        """The young person's area, or every area while it is not known (each council's help shown)."""
        return [area] if area is not None else list(catalogue.areas)

    @staticmethod
    def _speak_in(conv: Conversation, language: str) -> NullTranslations:
        """Crisis help in the language the message was written in (and the chat goes on in it)."""
        if language in LANGUAGES and language != "en":
            conv.language = language
        return translations(conv.language)

    def _answer_question(self, conv: Conversation, text: str, reply: Reply, channel: str) -> Reply:
        _ = translations(conv.language).gettext
        catalogue = self._catalogue()
        if isinstance(conv.answers, dict):
            conv.answers.pop("choices", None)  # a new question: earlier "Did you mean" choices no longer apply
        result = self.classify(conv.area or "", text)
        details = stated_age(text) is not None or bool(stated_situations(text, self.language))
        kind = followup_kind(text, self.language, details)
        if result.slug and result.slug == conv.last_offer and (kind or details):
            # About the offer in context, with a follow-up's words or their age or situation ("im 21 nxt week, do
            # i need a referal or can i just ring them" after the 21+ service): a follow-up, not the whole offer
            # again. The same question asked again gets the offer again.
            return self._followup(conv, kind or "tell_me_more", reply)
        if result.slug:
            offer = catalogue.offer(conv.area or "", result.slug)
            assert offer is not None
            return self._answer_offer(conv, offer, reply)
        if result.elsewhere:
            return self._other_area(conv, result.elsewhere, reply, result.candidates)
        top = result.candidates[0] if result.candidates else None
        th = self.thresholds
        # Closeness in meaning alone is no reason to offer choices for a topic we know has no offer
        # ("how do i get a passport" is near the work offers in meaning, but none is about passports).
        topic = topic_kind(text, self.language)
        by_meaning = self.rule.close if topic is None else 2.0
        # Nor are a few shared words ("last night") for a clearly off-topic one ("who won the football last night").
        by_words = TOPIC_COVERAGE if topic == "off_topic" else th.close_coverage
        close = [
            m for m in result.candidates
            if (top and top.coverage >= by_words and m.evidence >= top.evidence / 2)
            or m.meaning >= by_meaning
        ]
        if conv.last_offer and [m.offer.slug for m in close] == [conv.last_offer]:
            # The only offer it could be about is the one we are talking about ("im 21 nxt week, do i need
            # a referal or can i just ring them" after the 21+ service): a follow-up, not a new question.
            details = stated_age(text) is not None or bool(stated_situations(text, self.language))
            return self._followup(conv, followup_kind(text, self.language, details) or "tell_me_more", reply)
        if close:
            reply.add(_("Did you mean one of these?"))
            reply.buttons += [Button(m.offer.localised(conv.language).title, f"offer:{m.offer.slug}") for m in close]
            reply.buttons.append(Button(_("None of these"), "do:none"))
            reply.flags.add(Flag.DID_YOU_MEAN)
            # Kept (redacted, for an hour at most) so that "None of these" can record it for staff.
            conv.answers = {"did_you_mean": redact(text)[:300], "choices": [m.offer.slug for m in close]}
            conv.last_offer = None  # "how do i get it" next is about these choices, not an offer from before
            return reply
        if Flag.SAFEGUARDING in reply.flags:
            return reply
        self._record(Record("unanswered", conv.area, channel, text=text))
        reply.flags.add(Flag.UNANSWERED)
        if topic_kind(text, self.language) == "off_topic":
            reply.intent = "out_of_scope"
            reply.flags.add(Flag.OUT_OF_SCOPE)
            reply.add(_("Sorry, I can only help with support for young people in care and care leavers: money, "
                        "housing, education, work, health and more. Ask me about one of these, or choose a "
                        "topic."))
        else:
            reply.intent = "no_offer"
            reply.add(_("Sorry, I do not have that information yet. Your leaving care team can help. You can "
                        "also say it another way, or choose a topic."))
            area = catalogue.area(conv.area) if conv.area and catalogue.has_area(conv.area) else None
            if area is not None:
                reply.add(texts.contacts_text(area, translations(conv.language)))
        reply.buttons += [Button(_(c.name), f"cat:{c.id}") for c, _n in catalogue.categories_in(conv.area or "")]
        reply.buttons.append(Button(_("Talk to a person"), "do:talk_to_person"))
        return reply

    def _answer_offer(self, conv: Conversation, offer: Offer, reply: Reply) -> Reply:
        t = translations(conv.language)
        _ = t.gettext
        conv.last_offer = offer.slug
        reply.about = offer.slug
        reply.card = (len(reply.parts), f"{offer.area}/{offer.slug}")
        reply.add(texts.offer_text(offer, conv.language, t))
        situations = self._eligibility_situations(conv, self._catalogue())
        if not all(fits(offer, conv.age, situations)):  # what they told us does not fit: say so kindly
            labels = {s.id: s.label for s in self._catalogue().doings()}
            reply.add(eligibility_answer(offer, conv.language, t, conv.age, situations, labels))
            self._suggest_instead(conv, offer, reply)
        reply.offers.append(offer.slug)
        reply.flags.add(Flag.ANSWERED)
        reply.links.append((_("Read more: %(title)s") % {"title": offer.localised(conv.language).title},
                            f"/{offer.area}/offers/{offer.slug}"))
        reply.buttons += [
            Button(_("This helped"), f"helpful:yes:{offer.slug}"),
            Button(_("This did not help"), f"helpful:no:{offer.slug}"),
            Button(_("Talk to a person"), "do:talk_to_person"),
        ]
        return reply


_LANGUAGE_NAMES = {"en": "English", "ar": "العربية", "fa": "فارسی", "ps": "پښتو"}

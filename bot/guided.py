""""What can I get?" in chat: age, then care status, then district (where the area has them), then
what they are doing now; then the same list and money total as the site's page."""

from __future__ import annotations

from urllib.parse import urlencode

from babel.support import NullTranslations

from bot.conversation import Conversation
from bot.replies import Button, Reply
from content.catalogue.eligibility import YoungPerson, money_totals, offers_for
from content.catalogue.money import money, period_text
from content.catalogue.snapshot import Catalogue
from content.understanding.details import stated_age

MIN_AGE, MAX_AGE = 16, 25
SHORT_ANSWER = 6  # words: an answer to "How old are you?" said with a few words around it


def typed_age(text: str) -> int | None:
    """The age in an answer to "How old are you?": "18", "im 17", "17 is that ok"."""
    first = text.strip().split()[0] if text.strip() else ""
    return int(first) if first.isdigit() else stated_age(text)


def answers_the_step(flow: str, text: str) -> bool:
    """Whether `text` reads as an answer to the step the flow is on, rather than a new question or small talk
    ("is there help learning to cook", "bye"): a person who moves on must not be held in the flow."""
    words = len(text.split())
    if flow == "wcig:age" and words <= SHORT_ANSWER and (typed_age(text) is not None or any(c.isdigit() for c in text)):
        return True  # "im 17 is that ok"; but "im 17 n still with my foster carers, can i stay after 18" asks something
    return words <= 2  # a word or two is a try at an answer ("forty", "left care"); more is something else


class WhatCanIGetFlow:
    """One step of the flow; it keeps its state in the conversation, so it needs no engine."""

    def __init__(self, catalogue: Catalogue, site_url: str, conv: Conversation, t: NullTranslations):
        self.catalogue, self.site_url, self.conv, self.t = catalogue, site_url, conv, t

    def start(self, reply: Reply) -> Reply:
        self.conv.answers = {}
        self.conv.flow = "wcig:age"
        return reply.add(self.t.gettext("Let's find out. How old are you? Type a number, for example 18."))

    def answer(self, text: str, reply: Reply) -> Reply:
        """A typed answer: only the age step takes free text; other steps need a button."""
        _ = self.t.gettext
        if self.conv.flow == "wcig:age":
            age = typed_age(text)
            if age is None or not MIN_AGE <= age <= MAX_AGE:
                return reply.add(_("Please type your age as a number from 16 to 25, or type cancel."))
            self.conv.answers["age"] = age
            return self._ask_status(reply)
        return reply.add(_("Please choose one of the buttons, or type cancel."))

    def press(self, value: str, reply: Reply) -> Reply:
        step, _sep, choice = value.partition(":")
        if self.conv.flow != f"wcig:{step}" or "age" not in self.conv.answers:
            # A button from an earlier message (after cancel, or pressed twice): start again, never guess.
            reply.add(self.t.gettext("Sorry, that button no longer works. Let's start again."))
            return self.start(reply)
        if step == "status" and choice in {s.id for s in self.catalogue.statuses()}:
            self.conv.answers["status"] = choice
            return self._ask_district(reply)
        if step == "district":
            self.conv.answers["district"] = choice or None
            return self._ask_situation(reply)
        if step == "situation":
            self.conv.answers["situations"] = [choice] if choice else []
            return self._result(reply)
        return reply.add(self.t.gettext("Sorry, that button no longer works. What would you like to know?"))

    def _ask_status(self, reply: Reply) -> Reply:
        self.conv.flow = "wcig:status"
        reply.add(self.t.gettext("Are you in care now, or have you left care?"))
        reply.buttons += [Button(self.t.gettext(s.label), f"wcig:status:{s.id}") for s in self.catalogue.statuses()]
        return reply

    def _ask_district(self, reply: Reply) -> Reply:
        area = self.catalogue.area(self.conv.area or "")
        if not area.districts:
            return self._ask_situation(reply)
        self.conv.flow = "wcig:district"
        reply.add(self.t.gettext("Which part of the county do you live in?"))
        reply.buttons += [Button(d.name, f"wcig:district:{d.id}") for d in area.districts]
        reply.buttons.append(Button(self.t.gettext("I do not know"), "wcig:district:"))
        return reply

    def _ask_situation(self, reply: Reply) -> Reply:
        self.conv.flow = "wcig:situation"
        reply.add(self.t.gettext("What are you doing now? Choose the one that fits best."))
        reply.buttons += [Button(self.t.gettext(s.label), f"wcig:situation:{s.id}") for s in self.catalogue.doings()]
        reply.buttons.append(Button(self.t.gettext("None of these"), "wcig:situation:"))
        return reply

    def _result(self, reply: Reply) -> Reply:
        _ = self.t.gettext
        a = self.conv.answers
        person = YoungPerson(
            age=int(a["age"]),
            status=str(a["status"]),
            situations=frozenset(a.get("situations") or ()),
            district=a.get("district"),
        )
        offers = offers_for(self.catalogue.offers_in(self.conv.area or ""), person)
        self.conv.flow, self.conv.answers = None, {}
        locale = "en_GB" if self.conv.language == "en" else self.conv.language
        lines = [_("You can get %(num)d things:") % {"num": len(offers)}]
        for total in money_totals(offers):
            prefix = _("Up to") + " " if total.includes_up_to else ""
            prefix = _("At least") + " " if total.includes_at_least and not prefix else prefix
            lines.append(_("Money:") + f" {prefix}{money(total.pounds, locale)}, {period_text(total.period, _)}")
        lines += [f"• {o.localised(self.conv.language).title}" for o in offers]
        params: dict[str, object] = {"age": person.age, "status": person.status, "situations": list(person.situations)}
        if person.district:
            params["district"] = person.district
        query = urlencode(params, doseq=True)
        lines.append(f"{self.site_url.rstrip('/')}/{self.conv.area}/what-can-i-get?{query}")
        reply.add("\n".join(lines))
        reply.offers += [o.slug for o in offers]
        reply.buttons += [Button(o.localised(self.conv.language).title, f"offer:{o.slug}") for o in offers[:8]]
        return reply

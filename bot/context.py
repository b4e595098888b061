"""The conversation's context: follow-ups about the offer last talked about, what the young person said
about their age and situation, and the other area (switching to it, or naming its offers).

A part of the engine (`Engine` inherits it): it uses the engine's understanding and replies.
"""

from __future__ import annotations

from bot import texts
from bot.conversation import Conversation
from bot.followups import (
    FOLLOWUP_MAX_WORDS,
    alternatives,
    amount_answer,
    eligibility_answer,
    fits,
    followup_kind,
    followup_leftovers,
    followup_words,
)
from bot.i18n import translations
from bot.places import area_switch, says_only_where
from bot.replies import Button, Flag, Reply
from bot.topics import topic_kind
from content.catalogue.schema import Offer
from content.catalogue.snapshot import Catalogue
from content.understanding.details import stated_age, stated_situations, without_details
from content.understanding.matcher import Match, stem

ORDINARY_INTENTS = frozenset({"greet", "thanks", "goodbye", "acknowledge"})
FOLLOWUP_LEFTOVERS = 2  # a follow-up may hold this many words that are not about the offer in context
PLACE_TURN_WORDS = 8  # a message this short that names a town of the other area is a move, not a sign of danger
CONTEXT_CANDIDATES = 3  # a short question with the offer in context among this many first candidates is about it


class ConversationContext:
    """Follow-ups, age and situation, and other areas: methods of the engine, kept together here."""

    def _followup_kind(self, conv: Conversation, text: str, intent: str | None, about: str | None = None
                       ) -> str | None:
        """The follow-up `text` asks about the offer in context ("how much is it?"), or None when there is
        no offer in context or the message clearly asks about another offer.

        `about`: the offer to take as the one in context, when it is not the last one talked about (the
        choices just shown as "Did you mean").
        """
        about = about or conv.last_offer
        if not about:
            return None
        if intent in ("how_to_get", "who_to_contact", "tell_me_more"):
            return intent
        if intent is not None:
            return None
        details = stated_age(text) is not None or bool(stated_situations(text, self.language))
        kind = followup_kind(text, self.language, gives_details=details)
        if kind is None:
            return self._more_about(conv, text, about)
        if topic_kind(text, self.language) is not None:
            return None  # "how do i get a passport": about something else
        leftovers = followup_leftovers(self.matcher(), conv.area or "", about, text)
        if len(leftovers) > FOLLOWUP_LEFTOVERS and not details:
            return None  # many words about something else: a new question (an age or situation is told in words
            # of its own: "im 23 and working full time can i still use it" is still about the offer in context)
        if not leftovers:
            return kind  # every word asks about the offer in context ("how long is it"), whatever else they fit
        result = self.classify(conv.area or "", without_details(text))
        top = result.candidates[0] if result.candidates else None
        if result.slug and result.slug != about:
            return None  # "how much is the gym thing": a new question
        if top and top.offer.slug != about and top.coverage >= 0.5 and top.evidence >= 1.0:
            return None  # mostly about another offer
        return kind

    def _more_about(self, conv: Conversation, text: str, about: str) -> str | None:
        """"tell_me_more" for a short question with no follow-up words that no offer answers outright, but that
        the offer in context fits among the first few ("do u get any help once u start" after apprenticeships):
        young people ask about what was just said without naming it. None otherwise."""
        if len(text.split()) > FOLLOWUP_MAX_WORDS or topic_kind(text, self.language) is not None:
            return None
        result = self.classify(conv.area or "", without_details(text))
        if result.slug is not None:
            return None  # answered outright on its own: a new question
        near = [c.offer.slug for c in result.candidates[:CONTEXT_CANDIDATES]]
        return "tell_me_more" if about in near else None

    def _ordinary_turn(self, conv: Conversation, text: str) -> bool:
        """Small talk, or a follow-up about the offer in context: what the chat expects next. The classifier's
        check-in (no list matched) is dropped for it: short turns ("im 17 and a half") give it too little to
        go on, and it leans on ages and feelings that ordinary turns share with risk examples."""
        intent = self.intents.match(text)
        if intent in ORDINARY_INTENTS:
            return True
        if conv.area and len(text.split()) <= PLACE_TURN_WORDS and area_switch(
                self._catalogue(), text, conv.area, self.language):
            return True  # "من الان تو لنتون زندگی میکنم" (I live in Lenton now): a move, its town a word unknown to it
        choices = _choices_shown(conv)
        about = conv.last_offer or next(iter(choices), None)  # just after "Did you mean", the choices shown
        return about is not None and self._followup_kind(conv, text, intent, about=about) is not None

    def _followup_on_choices(self, conv: Conversation, text: str, intent: str | None, reply: Reply) -> Reply | None:
        """A follow-up ("how do i apply for one") just after "Did you mean", with no button pressed.

        It is about the choices shown, not a new question: with one choice, it is about that offer; with
        several, ask which, with the same buttons, rather than match its few words against every offer.
        None when the message is not such a follow-up.
        """
        choices = _choices_shown(conv)
        if conv.last_offer or not choices or intent not in (None, "how_to_get", "who_to_contact", "tell_me_more"):
            return None  # "thanks", "bye", "talk to a person" are themselves, choices or not
        picked = self._picked_choice(conv, text, choices)
        if picked is not None:  # "the clothes one": typed instead of pressed
            offer = self._catalogue().offer(conv.area or "", picked)
            return self._answer_offer(conv, offer, reply) if offer is not None else None
        kind = next((k for c in choices if (k := self._followup_kind(conv, text, intent, about=c))), None)
        if kind is None:
            return None
        if len(choices) == 1:
            conv.last_offer = choices[0]
            conv.answers = {}
            return self._followup(conv, kind, reply)
        if self.classify(conv.area or "", text).slug:
            return None  # clear on its own ("is there money for uni" after "is there money"): answer it
        return self._which_choice(conv, choices, reply)

    def _picked_choice(self, conv: Conversation, text: str, choices: list[str]) -> str | None:
        """The one choice a short message names by a word of its button ("the clothes one"), or None."""
        matcher = self.matcher()
        words = {stem(w) for w in matcher.prepare(text)} - followup_words()
        if not words or len(words) > FOLLOWUP_LEFTOVERS:
            return None
        catalogue = self._catalogue()
        offers = [o for c in choices if (o := catalogue.offer(conv.area or "", c)) is not None]
        named = [o.slug for o in offers
                 if words & {stem(w) for w in matcher.prepare(o.localised(conv.language).title)}]
        return named[0] if len(named) == 1 else None

    def _which_choice(self, conv: Conversation, choices: list[str], reply: Reply) -> Reply:
        _ = translations(conv.language).gettext
        catalogue = self._catalogue()
        offers = [o for slug in choices if (o := catalogue.offer(conv.area or "", slug)) is not None]
        reply.add(_("Which one do you mean? Choose one, and I will tell you."))
        reply.buttons += [Button(o.localised(conv.language).title, f"offer:{o.slug}") for o in offers]
        reply.buttons.append(Button(_("None of these"), "do:none"))
        reply.flags.add(Flag.DID_YOU_MEAN)
        return reply

    def _followup(self, conv: Conversation, kind: str, reply: Reply) -> Reply:
        t = translations(conv.language)
        _ = t.gettext
        catalogue = self._catalogue()
        offer = self._offer_in_context(conv, catalogue)
        if offer is None:
            return reply.add(_("Which support do you mean? Ask me about it in a few words."))
        reply.intent, reply.about = kind, offer.slug
        if kind == "amount":
            reply.add(amount_answer(offer, conv.language, t))
        elif kind == "eligibility":
            situations = self._eligibility_situations(conv, catalogue)
            labels = {s.id: s.label for s in catalogue.doings()}
            reply.add(eligibility_answer(offer, conv.language, t, conv.age, situations, labels))
            self._suggest_instead(conv, offer, reply)
        elif kind == "how_to_get":
            reply.add(texts.how_to_text(offer, conv.language, t))
        elif kind == "who_to_contact":
            reply.add(texts.contact_text(offer, t))
        else:
            reply.add(texts.more_text(offer, conv.language))
        reply.links.append((_("Read more: %(title)s") % {"title": offer.localised(conv.language).title},
                            f"/{offer.area}/offers/{offer.slug}"))
        return reply

    @staticmethod
    def _offer_in_context(conv: Conversation, catalogue: Catalogue) -> Offer | None:
        """The offer last talked about: in this area, or the other area's offer named in the last reply."""
        if not conv.last_offer:
            return None
        return catalogue.offer(conv.area or "", conv.last_offer) or next(
            (o for a in catalogue.areas if (o := catalogue.offer(a.id, conv.last_offer or "")) is not None), None)

    def _eligibility_situations(self, conv: Conversation, catalogue: Catalogue) -> set[str]:
        """What the young person said they are doing, limited to what offers' rules can name."""
        return set(conv.situations) & {s.id for s in catalogue.doings()}

    def _suggest_instead(self, conv: Conversation, offer: Offer, reply: Reply) -> None:
        """When the age or situation given does not fit `offer`, offer what fits instead, as choices."""
        catalogue = self._catalogue()
        situations = self._eligibility_situations(conv, catalogue)
        if all(fits(offer, conv.age, situations)):
            return
        instead = alternatives(catalogue.offers_in(offer.area), offer, conv.age, situations)
        if instead:
            reply.add(translations(conv.language).gettext("This may fit you instead:"))
            reply.buttons += [Button(o.localised(conv.language).title, f"offer:{o.slug}") for o in instead]

    def _switch_area(self, conv: Conversation, new_area: str, text: str, reply: Reply, channel: str) -> Reply:
        """Move the chat to another area ("i live in mansfield now"), and answer there: the question if the
        message holds one, else the same topic as the offer in context."""
        _ = translations(conv.language).gettext
        catalogue = self._catalogue()
        before = self._offer_in_context(conv, catalogue)
        conv.area, conv.last_offer = new_area, None
        conv.answers.pop("choices", None)  # offers of the area left behind
        area = catalogue.area(new_area)
        reply.add(_("OK, now for %(area)s.") % {"area": area.name})
        reply.intent = "switch_area"
        asked = self.classify(new_area, text)
        if asked.slug and not (before is not None and says_only_where(catalogue, text, self.language)):
            # A question with the move ("is there a gym in mansfield"); "i live in mansfield now" asks none:
            # its words only look like questions about where you live (council tax).
            return self._answer_offer(conv, catalogue.offer(new_area, asked.slug), reply)  # type: ignore[arg-type]
        if before is not None:
            twin = self._counterpart(before, new_area)
            if twin is not None:
                return self._answer_offer(conv, twin, reply)
            reply.add(_("I could not find the same support in %(area)s (\"%(title)s\" is from %(council)s). "
                        "Your leaving care team can tell you what there is instead, or choose a topic.")
                      % {"area": area.name, "title": before.localised(conv.language).title,
                         "council": catalogue.area(before.area).council})
            reply.buttons += [Button(_(c.name), f"cat:{c.id}") for c, _n in catalogue.categories_in(new_area)]
            return reply
        return self._menu(conv, reply)

    def _counterpart(self, offer: Offer, area: str) -> Offer | None:
        """The offer of `area` on the same topic as `offer` (same id, or paired in same_topic.yaml)."""
        catalogue = self._catalogue()
        same = catalogue.offer(area, offer.slug)
        pair = self.same_topic.get(f"{offer.area}/{offer.slug}", "")
        pair_area, _sep, pair_slug = pair.partition("/")
        paired = catalogue.offer(area, pair_slug) if pair_area == area else None
        if same is not None and (same.shared_from is None or paired is None):
            return same
        return paired  # the area's own offer before another's shown there too (NTU's bursary in the City)

    def _other_area(self, conv: Conversation, elsewhere: tuple[str, str], reply: Reply,
                    local: list[Match]) -> Reply:
        """An offer that only another area has: say where it is, what to ask here, and a button to switch."""
        _ = translations(conv.language).gettext
        catalogue = self._catalogue()
        other_area, slug = elsewhere
        offer = catalogue.offer(other_area, slug)
        here = catalogue.area(conv.area or "")
        if offer is None:
            return reply
        there = catalogue.area(other_area)
        reply.intent, reply.about = "other_area", slug
        conv.last_offer = slug  # "i live in the city now" then answers it; "how much?" is about it
        reply.add(_("%(title)s is from %(council)s, so it is for young people that council looks after. It is not "
                    "part of the offer in %(area)s.") % {"title": offer.localised(conv.language).title,
                                                         "council": there.council, "area": here.name})
        reply.add(_("Ask your Personal Adviser (PA) or leaving care team what there is in %(area)s instead.")
                  % {"area": here.name})
        reply.buttons += [Button(m.offer.localised(conv.language).title, f"offer:{m.offer.slug}")
                          for m in local if m.offer.category == offer.category][:2]
        reply.buttons.append(Button(_("I am in %(area)s: show it") % {"area": there.name},
                                    f"switch:{other_area}:{slug}"))
        return reply


def _choices_shown(conv: Conversation) -> list[str]:
    """The offers the last "Did you mean" showed (kept with the conversation until a new question)."""
    return [c for c in (conv.answers or {}).get("choices") or [] if isinstance(c, str)]

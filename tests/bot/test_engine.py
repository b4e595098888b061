"""Whole conversations with the engine, as a channel would drive it."""

from __future__ import annotations

from dataclasses import replace

import pytest

from bot.conversation import Conversation
from bot.engine import Engine
from bot.i18n import translations
from bot.replies import Flag


def actions(reply):
    return [b.action for b in reply.buttons]


def test_start_greets_and_asks_the_area(engine):
    conv = Conversation()
    reply = engine.respond(conv, "/start")
    assert "computer, not a person" in reply.text
    assert actions(reply) == ["area:nottingham", "area:nottinghamshire"]
    assert Flag.ASK_AREA in reply.flags


def test_question_before_area_is_answered_once_the_area_is_chosen(engine):
    conv = Conversation()
    reply = engine.respond(conv, "wot money can i get 4 uni")
    assert Flag.ASK_AREA in reply.flags
    reply = engine.press(conv, "area:nottingham")
    assert conv.area == "nottingham"
    assert reply.offers == ["higher-education-bursary"]
    assert "£2,000" in reply.text


@pytest.mark.parametrize(("typed", "area"), [
    ("nottingham", "nottingham"),
    ("Nottinghamshire", "nottinghamshire"),
    ("im in mansfield", "nottinghamshire"),  # a district of the County
    ("Nottingham City Council", "nottingham"),
])
def test_typing_the_area_at_the_question_chooses_it(engine, typed, area):
    conv = Conversation()
    engine.respond(conv, "/start")
    reply = engine.respond(conv, typed)
    assert conv.area == area
    assert Flag.ASK_AREA not in reply.flags


@pytest.mark.parametrize("question", ["is nottingham trent uni any good", "nottingham bursary"])
def test_a_question_that_mentions_a_place_does_not_choose_the_area(engine, question):
    conv = Conversation()
    reply = engine.respond(conv, question)
    assert conv.area is None and Flag.ASK_AREA in reply.flags


@pytest.mark.parametrize(("message", "expected"), [
    ("bye", "come back any time"),
    ("cya", "come back any time"),
    ("u r useless", "Sorry I did not help"),
    ("this is shit", "Sorry I did not help"),
])
def test_ordinary_conversation_gets_a_fitting_reply_not_the_fallback(engine, records, message, expected):
    conv = Conversation(area="nottinghamshire")
    reply = engine.respond(conv, message)
    assert expected in reply.text
    assert Flag.UNANSWERED not in reply.flags and not records.of_kind("unanswered")


def test_saying_you_want_to_give_feedback_starts_feedback(engine, records):
    conv = Conversation(area="nottingham")
    engine.respond(conv, "i want to give feedback")
    assert conv.flow == "feedback:text"
    engine.respond(conv, "the bot should know about bus passes")
    assert records.of_kind("feedback")


def test_the_fallback_asks_again_kindly(engine):
    reply = engine.respond(Conversation(area="nottingham"), "purple elephant trampoline")
    assert Flag.UNANSWERED in reply.flags
    assert "say it another way" in reply.text and "I can only help" not in reply.text


def test_answer_then_follow_ups_use_the_last_offer(engine):
    conv = Conversation(area="nottinghamshire")
    reply = engine.respond(conv, "councel tax?")
    assert Flag.ANSWERED in reply.flags and reply.offers == ["council-tax-exemption"]
    assert "/offers/" not in reply.text  # the page is a link named in words, not a raw address
    assert reply.links == [("Read more: No Council Tax until you are 25",
                            "/nottinghamshire/offers/council-tax-exemption")]
    assert "helpful:yes:council-tax-exemption" in actions(reply)
    assert "How to get it" in engine.respond(conv, "how do i get it").text
    assert "Personal Adviser" in engine.respond(conv, "who do i contact?").text
    assert "Council Tax is a bill" in engine.respond(conv, "tell me more").text


def test_follow_up_without_an_offer_asks_which(engine):
    assert "Which support do you mean" in engine.respond(Conversation(area="nottingham"), "how do i apply").text


def test_close_call_offers_did_you_mean(engine):
    conv = Conversation(area="nottingham")
    reply = engine.respond(conv, "interview")
    assert Flag.DID_YOU_MEAN in reply.flags
    offered = [a for a in actions(reply) if a.startswith("offer:")]
    assert {"offer:interview-travel-costs", "offer:interview-clothes"} <= set(offered)
    assert len(offered) <= 3
    pressed = engine.press(conv, "offer:interview-clothes")
    assert pressed.offers == ["interview-clothes"]


def test_out_of_scope_is_not_answered_and_is_recorded_redacted(engine, records):
    conv = Conversation(area="nottingham")
    reply = engine.respond(conv, "who won the match last night? text me on 07700 900123")
    assert Flag.UNANSWERED in reply.flags and not reply.offers
    assert any(a.startswith("cat:") for a in actions(reply))
    [row] = records.of_kind("unanswered")
    assert row.text == "who won the match last night? text me on [phone]"
    assert row.chat_ref is None


def test_safeguarding_comes_first_every_time_and_is_recorded_without_text(engine, records):
    conv = Conversation(area="nottinghamshire")
    text = "got kicked out tonight and got nowhere to sleep, can the council help with housing"
    for _ in range(2):
        reply = engine.respond(conv, text)
        assert Flag.SAFEGUARDING in reply.flags
        first = reply.parts[0]
        for contact in ("999", "0800 1111", "116 123", "85258", "111"):
            assert contact in first
        assert "Nottinghamshire County Council out of hours: call the council's main number" in first
    events = records.of_kind("safeguarding")
    assert len(events) == 2
    assert all(e.text is None and e.chat_ref is None and e.risk_kind for e in events)


def test_safeguarding_before_the_area_is_known(engine):
    reply = engine.respond(Conversation(), "i want to kill myself")
    assert Flag.SAFEGUARDING in reply.flags
    assert "116 123" in reply.parts[0]
    assert Flag.ASK_AREA in reply.flags


def test_what_can_i_get_flow(engine):
    conv = Conversation(area="nottinghamshire")
    reply = engine.respond(conv, "what am i entitled to?")
    assert "How old are you" in reply.text
    assert "16 to 25" in engine.respond(conv, "forty").text
    reply = engine.respond(conv, "19")
    assert "wcig:status:care-leaver" in actions(reply)
    reply = engine.press(conv, "wcig:status:care-leaver")
    assert "wcig:district:ashfield" in actions(reply)
    reply = engine.press(conv, "wcig:district:ashfield")
    reply = engine.press(conv, "wcig:situation:at-university")
    assert "council-tax-exemption" in reply.offers and "ntu-care-leaver-bursary" in reply.offers
    assert "care-2-work" not in reply.offers  # for 16-17 year olds in care
    assert "£1,000" in reply.text
    assert "/nottinghamshire/what-can-i-get?age=19&status=care-leaver" in reply.text
    assert conv.flow is None


def test_flow_can_be_cancelled(engine):
    conv = Conversation(area="nottingham")
    engine.respond(conv, "what can i get")
    assert "stopped" in engine.respond(conv, "cancel").text
    assert conv.flow is None


def test_talk_to_a_person_with_consent_leaves_a_message(engine, records):
    conv = Conversation(area="nottingham")
    reply = engine.respond(conv, "can i talk to a real person")
    assert "Leaving Care Service" in reply.text and "office hours" in reply.text
    assert actions(reply)[:2] == ["talk:yes", "talk:no"]
    engine.press(conv, "talk:yes", chat_ref="abc")
    reply = engine.respond(conv, "please ring me about my flat, 07700 900123", chat_ref="abc")
    assert "office hours" in reply.text and "999" in reply.text
    [row] = records.of_kind("talk-to-person")
    assert row.text == "please ring me about my flat, [phone]" and row.chat_ref == "abc"


def test_no_message_without_consent(engine, records):
    conv = Conversation(area="nottingham")
    engine.respond(conv, "talk to a person")
    engine.press(conv, "talk:no")
    engine.respond(conv, "ok thanks")
    assert records.of_kind("talk-to-person") == []


def test_feedback_and_forget(engine, records):
    conv = Conversation(area="nottingham", last_offer="staying-put")
    engine.respond(conv, "/feedback", chat_ref="chat-1")
    engine.respond(conv, "the bot should know about driving lessons", chat_ref="chat-1")
    engine.press(conv, "helpful:no:staying-put", chat_ref="chat-1")
    assert len(records.of_kind("feedback")) == 1 and len(records.of_kind("helpful")) == 1
    reply = engine.respond(conv, "/forget", chat_ref="chat-1")
    assert Flag.FORGOTTEN in reply.flags
    assert "2 saved items" in reply.text
    assert records.of_kind("feedback") == [] and records.of_kind("helpful") == []
    assert conv.area is None


def test_commands(engine):
    conv = Conversation(area="nottingham")
    assert "/forget" in engine.respond(conv, "/help").text
    assert actions(engine.respond(conv, "/area"))[0] == "area:nottingham"
    assert "lang:ar" in actions(engine.respond(conv, "/language"))
    assert "do not keep your messages" in engine.respond(conv, "/privacy").text
    assert "do not know that command" in engine.respond(conv, "/dance").text


def test_stickers_empty_and_long_messages_get_polite_replies(engine):
    conv = Conversation(area="nottingham")
    assert "only read words" in engine.respond(conv, None).text
    assert "Type a question" in engine.respond(conv, "   ").text
    assert "few words" in engine.respond(conv, "money " * 400).text


def test_long_message_with_risk_still_gets_crisis_help(engine):
    reply = engine.respond(Conversation(area="nottingham"), "blah " * 300 + "i want to die")
    assert Flag.SAFEGUARDING in reply.flags


def test_replies_in_the_chosen_language(engine):
    conv = Conversation(area="nottinghamshire")
    engine.press(conv, "lang:ar")
    assert conv.language == "ar"
    reply = engine.respond(conv, "council tax")
    assert reply.offers == ["council-tax-exemption"]
    assert "ضريبة المجلس" in reply.parts[0]  # the offer's own Arabic translation
    reply = engine.respond(conv, "interview clothes")  # no such offer in the county
    assert reply.parts


def test_offer_without_translation_says_it_is_in_english(snapshot):
    # Every shipped offer is translated now: take Farsi away from one to see the fallback.
    offers = tuple(o.model_copy(update={"translations": {k: v for k, v in o.translations.items() if k != "fa"}})
                   if o.slug == "interview-clothes" else o for o in snapshot.offers)
    untranslated = replace(snapshot, offers=offers)
    engine = Engine(lambda: untranslated, records=None, site_url="https://example.test")
    conv = Conversation(area="nottingham", language="fa")
    reply = engine.respond(conv, "clothes for my interview")
    assert reply.offers == ["interview-clothes"]
    assert "interview clothes" in reply.parts[0]
    notice = translations("fa").gettext("Some of this is not in your language yet, so it is shown in English.")
    assert notice in reply.parts[0]


def test_after_crisis_help_offers_are_choices_not_answers(engine):
    reply = engine.respond(Conversation(area="nottinghamshire"), "i got nowhere to sleep tonight")
    assert Flag.SAFEGUARDING in reply.flags
    assert Flag.ANSWERED not in reply.flags and reply.offers == []


def test_a_forged_helpful_button_stores_nothing(engine, records):
    conv = Conversation(area="nottingham")
    reply = engine.press(conv, "helpful:yes:no-such-offer")
    assert "no longer works" in reply.text
    assert engine.press(conv, "helpful:maybe:staying-put").text == reply.text
    assert records.of_kind("helpful") == []
    engine.press(conv, "helpful:yes:staying-put")
    assert [r.offer_slug for r in records.of_kind("helpful")] == ["staying-put"]


def test_a_stale_what_can_i_get_button_restarts_the_flow(engine):
    conv = Conversation(area="nottingham")
    engine.respond(conv, "what can i get")
    engine.respond(conv, "cancel")
    reply = engine.press(conv, "wcig:situation:")  # once raised KeyError: 'age'
    assert "no longer works" in reply.text and "How old are you" in reply.text
    assert conv.flow == "wcig:age"
    engine.respond(conv, "19")
    reply = engine.press(conv, "wcig:situation:")  # a later step's button, pressed too early
    assert "How old are you" in reply.text


def test_a_question_kept_until_the_area_is_chosen_keeps_no_contact_details(file_engine):
    conv = Conversation()
    file_engine.respond(conv, "money for uni? email me sam@example.com")
    assert conv.pending_question is not None and "sam@example.com" not in conv.pending_question


def _leave_message(engine, conv, chat_ref="abc"):
    engine.respond(conv, "can i talk to a real person")
    engine.press(conv, "talk:yes", chat_ref=chat_ref)
    return engine.respond(conv, "please ring me about my flat, 07700 900123", chat_ref=chat_ref)


def test_leaving_a_message_asks_how_to_reach_you_and_keeps_the_number_apart(engine, records):
    conv = Conversation(area="nottingham")
    reply = _leave_message(engine, conv)
    assert actions(reply) == ["contact:phone", "contact:email", "contact:pa", "contact:none"]
    assert "taken out" in reply.text
    engine.press(conv, "contact:phone", chat_ref="abc")
    wrong = engine.respond(conv, "my flat is number 12", chat_ref="abc")
    assert "does not look like a phone number" in wrong.text and conv.flow == "talk:contact:phone"
    done = engine.respond(conv, "07700 900123", chat_ref="abc")
    assert "07700 900123" in done.text and conv.flow is None
    [row] = records.of_kind("talk-to-person")
    assert row.text == "please ring me about my flat, [phone]"  # the message stays redacted
    with records._session_factory() as session:
        from content.feedback.tables import FeedbackItemRow

        item = session.get(FeedbackItemRow, row.id)
        assert item.contact.contact == "07700900123"


def test_leaving_a_message_through_the_pa_or_no_contact(engine, records):
    conv = Conversation(area="nottingham")
    _leave_message(engine, conv, chat_ref="c1")
    assert "Personal Adviser" in engine.press(conv, "contact:pa", chat_ref="c1").text
    conv2 = Conversation(area="nottingham")
    _leave_message(engine, conv2, chat_ref="c2")
    assert "will not contact you" in engine.press(conv2, "contact:none", chat_ref="c2").text
    from content.feedback.tables import FeedbackItemRow

    with records._session_factory() as session:
        contacts = {i.chat_ref: (i.contact.contact if i.contact else None)
                    for i in session.query(FeedbackItemRow).all()}
    assert contacts == {"c1": "through my pa", "c2": None}


def test_a_contact_cannot_be_attached_to_another_chats_message(engine, records):
    conv = Conversation(area="nottingham")
    _leave_message(engine, conv, chat_ref="owner")
    item_id = conv.answers["talk_item"]
    assert records.add_contact(item_id, "someone-else", "07700 900123") is False
    other = Conversation(area="nottingham", answers={"talk_item": item_id})
    other.flow = "talk:contact:email"
    reply = engine.respond(other, "me@example.com", chat_ref="someone-else")
    assert "could not save" in reply.text


@pytest.mark.parametrize(("said", "age_asked_again"), [("im 17 is that ok", False), ("forty", True)])
def test_the_age_step_reads_an_age_said_in_words_around_it(engine, said, age_asked_again):
    conv = Conversation(area="nottingham")
    engine.respond(conv, "what can i get")
    reply = engine.respond(conv, said)
    assert ("16 to 25" in reply.text) == age_asked_again
    assert conv.flow == ("wcig:age" if age_asked_again else "wcig:status")


@pytest.mark.parametrize("said", ["bye", "is there help learning to cook and budget before i move out"])
def test_a_new_question_or_goodbye_leaves_what_can_i_get_instead_of_being_held_in_it(engine, said):
    # Found in a blind story: after "what do i get as a care leaver", every later turn got "Please type your age".
    conv = Conversation(area="nottingham")
    engine.respond(conv, "what do i get as a care leaver")
    reply = engine.respond(conv, said)
    assert conv.flow is None and "16 to 25" not in reply.text
    assert reply.intent == "goodbye" or reply.about == "independent-living-skills"


def test_a_question_that_gives_an_age_on_the_way_is_answered_not_taken_as_the_flows_answer(engine):
    conv = Conversation(area="nottingham")
    engine.respond(conv, "what can i get")
    reply = engine.respond(conv, "im 17 n still wiv my foster carers, can i stay after 18")
    assert conv.flow is None and conv.age == 17
    assert "Are you in care now" not in reply.text

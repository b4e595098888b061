"""Crisis help in a conversation: two tiers, never an offer for a risk message, crisis mode, age,
area and language."""

from __future__ import annotations

from bot.conversation import Conversation
from bot.replies import Flag


def actions(reply):
    return [b.action for b in reply.buttons]


def test_clear_risk_gets_crisis_help_first_and_never_an_offer(engine, records):
    conv = Conversation(area="nottingham")
    reply = engine.respond(conv, "im going to kill myself tonight, can i get the setting up home allowance first")
    assert Flag.SAFEGUARDING in reply.flags and Flag.ANSWERED not in reply.flags
    assert reply.offers == []
    assert "999" in reply.parts[0] and "116 123" in reply.parts[0]
    assert "do:crisis" in actions(reply) and "do:talk_to_person" in actions(reply)
    [event] = records.of_kind("safeguarding")
    assert event.risk_kind == "suicide" and event.text is None and event.chat_ref is None


def test_classify_never_answers_a_risk_message_outright(file_engine):
    calm = file_engine.classify("nottinghamshire", "councel tax?")
    assert calm.slug == "council-tax-exemption" and calm.risk_level is None
    risky = file_engine.classify("nottinghamshire", "council tax letter came, whats the point, i want to die")
    assert risky.slug is None and risky.safeguarding and risky.risk_level == "clear"


def test_after_crisis_help_only_offers_that_fit_the_risk_follow_as_choices(engine):
    conv = Conversation(area="nottinghamshire")
    reply = engine.respond(conv, "kicked out tonight, nowhere to sleep, can the council help with housing")
    offered = [a.removeprefix("offer:") for a in actions(reply) if a.startswith("offer:")]
    catalogue = engine._catalogue()
    assert offered, reply.text
    assert {catalogue.offer("nottinghamshire", slug).category for slug in offered} == {"housing"}
    assert Flag.ANSWERED not in reply.flags


def test_crisis_mode_repeats_the_urgent_step_not_the_menu(engine):
    conv = Conversation(area="nottingham")
    engine.respond(conv, "i took a load of tablets")
    for follow_up in ("what do i do", "help", "im scared"):
        reply = engine.respond(conv, follow_up)
        assert "Call 999 now for an ambulance" in reply.parts[0], follow_up
        assert "do:what_can_i_get" not in actions(reply)


def test_ok_after_crisis_help_keeps_the_urgent_step_in_view(engine):
    conv = Conversation(area="nottingham")
    engine.respond(conv, "i want to kill myself")
    reply = engine.respond(conv, "ok")
    assert "999" in reply.text and "do:crisis" in actions(reply)


def test_possible_risk_gets_a_check_in_and_no_escalates(engine, records):
    conv = Conversation(area="nottinghamshire")
    reply = engine.respond(conv, "can i get help with my council tax. not really coping tbh")
    assert "Are you safe right now?" in reply.parts[0]
    assert {"checkin:safe", "checkin:unsafe", "do:crisis", "do:talk_to_person"} <= set(actions(reply))
    assert Flag.ANSWERED not in reply.flags  # the council tax offer is a choice, not an answer
    reply = engine.respond(conv, "not really")
    assert "You matter" in reply.parts[0] and "Nottinghamshire County Council out of hours" in reply.text
    assert [e.risk_kind for e in records.of_kind("safeguarding")] == ["distress"]


def test_possible_risk_answered_safe_goes_on(engine):
    conv = Conversation(area="nottingham")
    engine.respond(conv, "everything is too much rn")
    reply = engine.respond(conv, "yeah im ok")
    assert "I am glad" in reply.text and "do:what_can_i_get" in actions(reply)


def test_before_an_area_is_chosen_every_areas_council_line_is_shown(engine):
    reply = engine.respond(Conversation(), "theres no point anymore i want to die")
    first = reply.parts[0]
    assert "Nottingham City Council" in first and "Nottinghamshire County Council" in first


def test_childline_is_shown_by_age(engine):
    young = engine.respond(Conversation(area="nottingham"), "im 17 and i want to kill myself")
    older = engine.respond(Conversation(area="nottingham"), "im 22 and i want to kill myself")
    assert "0800 1111" in young.parts[0]
    assert "0800 1111" not in older.parts[0] and "116 123" in older.parts[0]


def test_risk_in_arabic_gets_crisis_help_in_arabic(engine):
    conv = Conversation(area="nottingham")
    reply = engine.respond(conv, "بدي موت، ما عاد فيني كمل")
    assert Flag.SAFEGUARDING in reply.flags
    assert "أنت مهم" in reply.parts[0] and "999" in reply.parts[0]
    assert conv.language == "ar"
    again = engine.respond(conv, "شو اعمل")
    assert "999" in again.parts[0] and "أنت مهم" in again.parts[0]


def test_typed_get_help_now_is_the_crisis_intent_without_an_event(engine, records):
    reply = engine.respond(Conversation(area="nottingham"), "samaritans number")
    assert "116 123" in reply.parts[0]
    assert records.of_kind("safeguarding") == []

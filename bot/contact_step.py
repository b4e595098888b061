"""After a message for the team: how the team can reach the young person, asked as its own step.

A phone number or email typed inside the message is removed (redaction), so the team could never
reply. Here the young person chooses, with the reason given, and what they type is checked:
a phone number must be one (libphonenumber, UK by default), an email must look like one.
"""

from __future__ import annotations

import re

import phonenumbers
from sqlalchemy.exc import SQLAlchemyError

from bot.conversation import Conversation
from bot.i18n import translations
from bot.replies import Reply

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$", re.IGNORECASE)
THROUGH_PA = "through my PA"


def valid_phone(text: str) -> str | None:
    """The number in a standard form, or None when `text` is not a phone number."""
    try:
        number = phonenumbers.parse(text.strip(), "GB")
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_possible_number(number):  # valid ranges change; a possible length is enough
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL
                                      if number.country_code == 44 else phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def valid_email(text: str) -> str | None:
    cleaned = text.strip()
    return cleaned if _EMAIL.match(cleaned) and len(cleaned) <= 200 else None


class ContactStep:
    """After a message for the team: the buttons and answers of the contact step (methods of the engine)."""

    def _contact_choice(self, conv: Conversation, how: str, reply: Reply, chat_ref: str | None) -> Reply:
        """A button after a message for the team: phone, email, through the PA, or no contact."""
        _ = translations(conv.language).gettext
        item_id = conv.answers.get("talk_item")
        if not isinstance(item_id, int) or how not in ("phone", "email", "pa", "none"):
            return reply.add(_("Sorry, that button no longer works. What would you like to know?"))
        if how == "none":
            conv.answers = {}
            return reply.add(_("OK. The team will not contact you about it."))
        if how == "pa":
            return self._keep_contact(conv, item_id, THROUGH_PA, reply, chat_ref)
        conv.flow = f"talk:contact:{how}"
        return reply.add(_("Type your phone number, or type cancel.") if how == "phone"
                         else _("Type your email address, or type cancel."))

    def _contact_answer(self, conv: Conversation, how: str, text: str, reply: Reply, chat_ref: str | None) -> Reply:
        _ = translations(conv.language).gettext
        item_id = conv.answers.get("talk_item")
        contact = valid_phone(text) if how == "phone" else valid_email(text)
        if not isinstance(item_id, int):
            return reply.add(_("Sorry, that step has ended. What would you like to know?"))
        if contact is None:
            conv.flow = f"talk:contact:{how}"  # ask again; what they typed is not kept anywhere
            return reply.add(_("That does not look like a phone number. Type it again, for example 07700 900123, "
                               "or type cancel.") if how == "phone" else
                             _("That does not look like an email address. Type it again, for example "
                               "name@example.com, or type cancel."))
        return self._keep_contact(conv, item_id, contact, reply, chat_ref)

    def _keep_contact(self, conv: Conversation, item_id: int, contact: str, reply: Reply,
                      chat_ref: str | None) -> Reply:
        _ = translations(conv.language).gettext
        conv.flow, conv.answers = None, {}
        try:
            kept = bool(self.records and chat_ref and self.records.add_contact(item_id, chat_ref, contact))
        except SQLAlchemyError:
            kept = False
        if not kept:
            return reply.add(_("Sorry, I could not save that just now. Your message is saved; you can also contact "
                               "the team using the details above."))
        if contact == THROUGH_PA:
            return reply.add(_("Thank you. The team will reply through your Personal Adviser (PA)."))
        return reply.add(_("Thank you. The team will use %(contact)s to reply to you. /forget deletes it.")
                         % {"contact": contact})


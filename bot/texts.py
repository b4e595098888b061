"""The words the bot says, built from content and the chat's language. Plain text: every channel
can show it (Telegram, web chat, console)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from babel.support import NullTranslations
from markdown_it import MarkdownIt

from content.catalogue.money import amount_text
from content.catalogue.schema import Area, Offer
from content.catalogue.snapshot import Catalogue
from content.understanding.safeguarding import Family

CHILDLINE_MAX_AGE = 18  # Childline is for under-19s


def urgent_step(family: Family | None, t: NullTranslations) -> str:
    """The one thing to do now, for this kind of risk."""
    _ = t.gettext
    fid = family.id if family else ""
    if fid == "medical-emergency":
        return _("Call 999 now for an ambulance, or go to A&E. Do not wait.")
    if fid in ("suicide", "self-harm"):
        return _("If you might act on these thoughts or you are hurt, call 999 or go to A&E now. "
                 "Samaritans will listen any time: call 116 123.")
    if fid == "risk-to-others":
        return _("If someone is in danger now, call 999.")
    return _("If you are in danger now, call 999.")


def crisis_text(catalogue: Catalogue, areas: Sequence[Area], t: NullTranslations, family: Family | None = None,
                age: int | None = None) -> str:
    """Crisis help: the urgent step first, then the lines that fit this risk, then the council's.

    `areas` is the young person's area, or every area when it is not known yet. Childline is left
    out for someone who said they are 19 or older.
    """
    _ = t.gettext
    lines = [_("It sounds like things are really hard right now. You matter, and you do not have to cope alone."),
             urgent_step(family, t)]
    first = list(family.lines) if family else []
    ordered = sorted(catalogue.crisis_lines, key=lambda ln: first.index(ln.id) if ln.id in first else len(first))
    for line in ordered:
        if line.id == "emergency" or (line.id == "childline" and age is not None and age > CHILDLINE_MAX_AGE):
            continue
        how = []
        if line.phone:
            how.append(_("call %(phone)s") % {"phone": line.phone})
        if line.text:
            how.append(_("text %(word)s to %(number)s") % {"word": line.text_word or "", "number": line.text})
        lines.append(f"• {_(line.name)}: {', '.join(how)}. {_(line.hours)}")
    for area in areas:
        if area.out_of_hours.phone:
            lines.append(_("• %(council)s out of hours: call %(phone)s") % {
                "council": area.council, "phone": area.out_of_hours.phone})
        else:
            # No number from the council yet: how to find it, in the reader's language, never a dead end.
            lines.append(_("• %(council)s out of hours: call the council's main number (on its website and "
                           "letters) and ask for the emergency team.") % {"council": area.council})
    return "\n".join(lines)


def check_in_text(t: NullTranslations) -> str:
    """The possible-risk tier: a short, kind question, with help one tap away."""
    _ = t.gettext
    return "\n".join([_("That sounds really hard. Are you safe right now?"),
                      _("If you are in danger, call 999. To talk to someone now, call Samaritans on 116 123 "
                        "(free, any time).")])


def offer_text(offer: Offer, lang: str, t: NullTranslations) -> str:
    """The offer in a few lines; the link to its page goes with the reply's links, named in words."""
    _ = t.gettext
    local = offer.localised(lang)
    lines = [local.title, local.summary]
    if offer.may_have_ended(dt.date.today()):
        lines.append(may_have_ended_text(offer, t))
    if lang != "en" and not local.checked:
        lines.append(_("Translated by computer, not yet checked by a person."))
    if lang != "en" and not local.fully_translated:
        lines.append(_("Some of this is not in your language yet, so it is shown in English."))
    if offer.amount:
        lines.append(_("How much:") + " " + amount_text(offer.amount, _, locale=_babel_locale(lang)))
    lines.append(_("How to get it"))
    lines += [f"{i}. {step}" for i, step in enumerate(local.how_to_get_it, 1)]
    lines.append(_("Who to contact") + ": " + _(offer.contact.who))  # contact lines are in the catalogs
    return "\n".join(lines)


def may_have_ended_text(offer: Offer, t: NullTranslations) -> str:
    return t.gettext("This was running in %(year)s. Check with your PA that it still is.") % {
        "year": offer.running_until}


def how_to_text(offer: Offer, lang: str, t: NullTranslations) -> str:
    local = offer.localised(lang)
    steps = "\n".join(f"{i}. {s}" for i, s in enumerate(local.how_to_get_it, 1))
    return f"{t.gettext('How to get it')}: {local.title}\n{steps}"


def contact_text(offer: Offer, t: NullTranslations) -> str:
    c = offer.contact
    lines = [f"{t.gettext('Who to contact')}: {t.gettext(c.who)}"]
    lines += [x for x in (c.phone, c.email, c.web) if x]
    return "\n".join(lines)


def more_text(offer: Offer, lang: str) -> str:
    local = offer.localised(lang)
    return f"{local.title}\n\n{plain_text(local.body)}"


_MARKDOWN = MarkdownIt("commonmark")


def plain_text(markdown: str) -> str:
    """An offer's Markdown as chat text: no "**" marks, list items as "•" lines, paragraphs apart. Chats show
    text as it is, and young people would read the marks."""
    text, in_list, last_was_item = "", False, False
    for token in _MARKDOWN.parse(markdown):
        if token.type in ("bullet_list_open", "ordered_list_open", "bullet_list_close", "ordered_list_close"):
            in_list = token.type.endswith("_open")
        elif token.type == "inline":
            words = "".join(" " if c.type in ("softbreak", "hardbreak") else c.content for c in token.children or [])
            if text:  # list items one per line, other blocks a blank line apart
                text += "\n" if in_list and last_was_item else "\n\n"
            text += ("• " if in_list else "") + words
            last_was_item = in_list
    return text


def contacts_text(area: Area, t: NullTranslations) -> str:
    _ = t.gettext
    lines = [_("Your leaving care team in %(area)s:") % {"area": area.name}]
    for c in area.leaving_care_contacts:
        bits = [c.name] + [x for x in (c.phone, c.email, c.web, c.hours) if x]
        lines.append("• " + ", ".join(bits))
    lines.append(_("You can also talk to your Personal Adviser (PA) or social worker."))
    return "\n".join(lines)


def _babel_locale(lang: str) -> str:
    return "en_GB" if lang == "en" else lang

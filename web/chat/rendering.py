"""Turning the engine's plain text into safe HTML for the web chat: phone numbers become tap-to-call
links and web addresses become links, so crisis help is one tap away here too."""

from __future__ import annotations

import re

from markupsafe import Markup, escape

_LINKABLE = re.compile(
    r"(?P<url>https?://[^\s<]+|/[a-z0-9-]+/offers/[a-z0-9-]+)"
    r"|(?P<phone>(?<![\d£])(?:0\d{3,4} ?\d{3,4}(?: ?\d{3,4})?|\d{3} \d{3}|999|111)(?!\d))"
    r"|(?P<sms>(?<=to )\d{5})"
)


def chat_html(text: str, urgent: bool = False) -> Markup:
    """`text`, escaped, with phone numbers as tel: links and addresses as links.

    `urgent` (crisis help): phone numbers become large tap buttons, as on "Get help now".
    """
    out, last = [], 0
    for m in _LINKABLE.finditer(text):
        out.append(escape(text[last : m.start()]))
        value = m.group(0)
        if m.group("url"):
            out.append(Markup('<a dir="ltr" href="{0}">{0}</a>').format(value))
        elif m.group("phone"):
            # dir="ltr": in Arabic, Farsi or Pashto text "0800 1111" would otherwise show as "1111 0800".
            css = ("button button-urgent call" if value == "999" else "button call") if urgent else None
            out.append(Markup('<a dir="ltr"{0} href="tel:{1}">{2}</a>').format(
                Markup(' class="{0}"').format(css) if css else "", value.replace(" ", ""), value))
        else:
            out.append(Markup('<a dir="ltr" href="sms:{0}">{0}</a>').format(value))
        last = m.end()
    out.append(escape(text[last:]))
    return Markup("").join(out)

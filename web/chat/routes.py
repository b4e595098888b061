"""Web chat: the same engine as Telegram, as a plain HTML form (works with no JavaScript), enhanced
by static/js/chat.js. Conversation state lives in the signed session cookie; nothing is kept on
the server except what the engine records (unanswered questions, redacted; feedback)."""

from __future__ import annotations

import secrets
from typing import Any

from flask import Blueprint, abort, jsonify, redirect, render_template, request, session, url_for
from flask.typing import ResponseReturnValue
from markupsafe import Markup

from bot.conversation import Conversation
from bot.replies import Flag, Reply
from content.feedback.redaction import redact
from web.chat.rendering import chat_html
from web.content_access import catalogue, chat_engine
from web.extensions import limiter
from web.languages import select_locale
from web.private_pages import NO_STORE

bp = Blueprint("chat", __name__)


@bp.app_context_processor
def _chat_helpers() -> dict[str, Any]:
    return {"chat_html": chat_html, "chat_parts_html": _parts_html}

MAX_MESSAGE = 1000
KEPT_REPLY_CHARS = 2500  # the session is a cookie: keep it well under 4 KB


def _conversation(area_id: str) -> Conversation:
    conv = Conversation.from_dict(session.get("chat"))
    conv.area = area_id  # the page's area is the conversation's area
    conv.language = select_locale()
    return conv


def _parts_html(parts: list[str], card: list | tuple | None, urgent: bool) -> list[Markup]:
    """Each part as HTML: the offer part as a card like the offer page, the rest as text with links."""
    html = []
    for index, part in enumerate(parts):
        offer = None
        if card and card[0] == index:
            area, _sep, slug = str(card[1]).partition("/")
            offer = catalogue().offer(area, slug) if catalogue().has_area(area) else None
        if offer is None:
            html.append(Markup("<p>{0}</p>").format(chat_html(part, urgent)))
            continue
        locale = select_locale()
        html.append(Markup(render_template(  # noqa: S704 - a template render: escaped by Jinja
            "chat/_offer_card.html", offer=offer, t=offer.localised(locale),
            en=locale != "en" and locale not in offer.translations,
            situations={s.id: s.label for s in catalogue().situations}).strip()))
    return html


def _links(reply: Reply) -> list[tuple[str, str]]:
    """The reply's links, without the one the offer card already holds."""
    if reply.card is None:
        return list(reply.links)
    area, _sep, slug = reply.card[1].partition("/")
    return [(label, href) for label, href in reply.links if href != f"/{area}/offers/{slug}"]


def _keep(conv: Conversation, asked: str, reply: Reply) -> None:
    session["chat"] = conv.to_dict()
    parts, used = [], 0
    for part in reply.parts:
        parts.append(part[: max(0, KEPT_REPLY_CHARS - used)])
        used += len(parts[-1])
    session["chat_last"] = {
        "asked": redact(asked)[:300],  # the cookie is on the young person's phone: no contact details in it
        "parts": parts,
        "buttons": [[b.label, b.action] for b in reply.buttons[:12]],
        "links": _links(reply)[:2],
        "safeguarding": Flag.SAFEGUARDING in reply.flags,
        "card": reply.card,
    }


def _reply_json(asked: str, reply: Reply) -> dict[str, Any]:
    return {
        "asked": asked,
        "parts": reply.parts,
        "html": [str(h) for h in _parts_html(reply.parts, reply.card, Flag.SAFEGUARDING in reply.flags)],
        "buttons": [{"label": b.label, "action": b.action} for b in reply.buttons],
        "links": [{"label": label, "href": href} for label, href in _links(reply)],
        "flags": sorted(reply.flags),
    }


@bp.after_request
def _never_cached(response):  # type: ignore[no-untyped-def]
    # A chat can hold a disclosure: no copy in the browser, the service worker or a proxy.
    response.headers["Cache-Control"] = NO_STORE
    return response


@bp.get("/<area_id>/chat")
def chat_page(area_id: str) -> ResponseReturnValue:
    if not catalogue().has_area(area_id):
        abort(404)
    area = catalogue().area(area_id)
    last = session.get("chat_last")
    return render_template("chat/chat.html", area=area, last=last, max_message=MAX_MESSAGE)


@bp.post("/<area_id>/chat")
@limiter.limit("30 per minute;300 per hour")
def chat_send(area_id: str) -> ResponseReturnValue:
    if not catalogue().has_area(area_id):
        abort(404)
    conv = _conversation(area_id)
    engine = chat_engine()
    action = request.form.get("action", "")
    text = request.form.get("message", "")
    # This browser's chat reference: what it leaves for the team carries it, so /forget can find it.
    chat_ref = session.setdefault("chat_ref", secrets.token_hex(16))
    if action:
        label = next((b[0] for b in (session.get("chat_last") or {}).get("buttons", []) if b[1] == action), action)
        asked, reply = label, engine.press(conv, action, "web", chat_ref=chat_ref)
    else:
        asked, reply = text, engine.respond(conv, text[: MAX_MESSAGE + 1], "web", chat_ref=chat_ref)
    if Flag.FORGOTTEN in reply.flags:
        for key in ("chat", "chat_last", "chat_ref"):
            session.pop(key, None)
    else:
        _keep(conv, asked, reply)
    # "i live in mansfield now": the chat moved area, so the page (and its links) follow.
    moved = conv.area if conv.area and conv.area != area_id and catalogue().has_area(conv.area) else None
    if request.accept_mimetypes.best == "application/json":
        data = _reply_json(asked, reply)
        if moved:
            data["chat_url"] = url_for("chat.chat_page", area_id=moved)
        response = jsonify(data)
    else:
        response = redirect(url_for("chat.chat_page", area_id=moved or area_id) + "#reply", code=303)
    if Flag.FORGOTTEN in reply.flags:
        # The browser's own copies too: cached pages and the offline store (a shared phone).
        response.headers["Clear-Site-Data"] = '"cache", "storage"'
    return response

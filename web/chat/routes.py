"""Web chat: the same engine as Telegram, as a plain HTML form (works with no JavaScript), enhanced
by static/js/chat.js. Conversation state lives in the signed session cookie; nothing is kept on
the server except what the engine records (unanswered questions, redacted; feedback)."""

from __future__ import annotations

import secrets
from typing import Any

from flask import Blueprint, abort, jsonify, redirect, render_template, request, session, url_for
from flask.typing import ResponseReturnValue

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
    return {"chat_html": chat_html}

MAX_MESSAGE = 1000
KEPT_REPLY_CHARS = 2500  # the session is a cookie: keep it well under 4 KB


def _conversation(area_id: str) -> Conversation:
    conv = Conversation.from_dict(session.get("chat"))
    conv.area = area_id  # the page's area is the conversation's area
    conv.language = select_locale()
    return conv


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
        "links": reply.links[:2],
        "safeguarding": Flag.SAFEGUARDING in reply.flags,
    }


def _reply_json(asked: str, reply: Reply) -> dict[str, Any]:
    return {
        "asked": asked,
        "parts": reply.parts,
        "html": [str(chat_html(p)) for p in reply.parts],
        "buttons": [{"label": b.label, "action": b.action} for b in reply.buttons],
        "links": [{"label": label, "href": href} for label, href in reply.links],
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
    if request.accept_mimetypes.best == "application/json":
        response = jsonify(_reply_json(asked, reply))
    else:
        response = redirect(url_for("chat.chat_page", area_id=area_id) + "#reply", code=303)
    if Flag.FORGOTTEN in reply.flags:
        # The browser's own copies too: cached pages and the offline store (a shared phone).
        response.headers["Clear-Site-Data"] = '"cache", "storage"'
    return response

"""`python -m bot match|chat|evaluate|telegram`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("match", help="JSON lines in ({text, area, conversation?}), one JSON line out per input, in order")
    chat = sub.add_parser("chat", help="talk to the bot in the console")
    chat.add_argument("--area", help="start in this area")
    ev = sub.add_parser("evaluate", help="accuracy on the labelled messages, next to a baseline")
    ev.add_argument("--set", type=Path, default=None)
    ev.add_argument("--held-out", action="store_true",
                    help="figures only: a held-out set's misses are never printed (reading them spends the set)")
    ev.add_argument("--blind", action="store_true",
                    help="issue 9's blind sets (tests/bot/blind): figures; misses only for the tuning part")
    ev.add_argument("--safeguarding", action="store_true",
                    help="the safeguarding check on the blind sets, per risk family and language")
    so = sub.add_parser("safeguarding-outcomes", help="record the check's outcome on every tuning example")
    so.add_argument("--write", action="store_true", help="write tests/content/understanding/safeguarding_outcomes.tsv")
    tg = sub.add_parser("telegram", help="run the Telegram bot (TELEGRAM_TOKEN)")
    tg.add_argument("--webhook", action="store_true", help="webhook mode (WEBHOOK_URL, WEBHOOK_SECRET, PORT)")
    sub.add_parser("set-webhook", help="register WEBHOOK_URL with Telegram (for the gunicorn webhook)")
    sub.add_parser("send-updates", help="send queued 'We did' updates (one such process beside the webhook)")
    args = parser.parse_args(argv)

    if args.command == "match":
        from bot.match_contract import match_lines
        from bot.runtime import engine_from_files

        return match_lines(engine_from_files(), sys.stdin, sys.stdout)
    if args.command == "chat":
        from bot.console import chat as run_chat
        from bot.runtime import engine_from_database

        run_chat(engine_from_database(), area=args.area)
        return 0
    if args.command == "safeguarding-outcomes":
        from bot.safeguarding_outcomes import OUTCOMES_FILE, write_outcomes

        if not args.write:
            print("Add --write to record the outcomes in", OUTCOMES_FILE)
            return 2
        print(f"{write_outcomes()} outcomes written to {OUTCOMES_FILE}")
        return 0
    if args.command == "evaluate" and args.blind:
        from bot.evaluate_blind import BLIND_DIR, report
        from bot.runtime import engine_from_files

        folders = sorted(p for p in BLIND_DIR.iterdir() if p.is_dir())
        print(report(engine_from_files(), folders, show_misses_for=("tuning",) if not args.held_out else ()))
        return 0
    if args.command == "evaluate" and args.safeguarding:
        from bot.evaluate_safeguarding import print_all

        return print_all()
    if args.command == "evaluate":
        from bot.evaluate import DEFAULT_SET, baseline_scorer, engine_scorer, evaluate, load_messages, report
        from bot.runtime import engine_from_files

        engine = engine_from_files()
        messages = load_messages(args.set or DEFAULT_SET)
        ours = evaluate("matcher", engine_scorer(engine), messages)
        base = evaluate("baseline", baseline_scorer(engine), messages)
        print(report(ours, base, messages, show_misses=not args.held_out))
        return 0
    if args.command == "set-webhook":
        import asyncio
        import os

        from bot.telegram_adapter import set_webhook

        ok = asyncio.run(set_webhook(os.environ["TELEGRAM_TOKEN"], os.environ["WEBHOOK_URL"],
                                     os.environ["WEBHOOK_SECRET"], os.environ.get("TELEGRAM_API_URL")))
        print("webhook set" if ok else "Telegram refused the webhook")
        return 0 if ok else 1
    if args.command == "send-updates":
        import asyncio

        from bot.telegram_adapter import send_updates_forever_from_env

        return asyncio.run(send_updates_forever_from_env())
    if args.command == "telegram":
        from bot.telegram_adapter import run_from_env

        return run_from_env(webhook=args.webhook)
    return 2


if __name__ == "__main__":
    raise SystemExit(main())

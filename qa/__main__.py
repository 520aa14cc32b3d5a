"""``python -m qa ask "question" [--json]``: the same Assistant as the web chat, from the shell; ``python -m qa
settings`` prints the effective settings and where each came from."""

from __future__ import annotations

import argparse
import json
import logging
import sys

from qa.config import Settings
from qa.render import when


def render(ans) -> str:
    lines = [ans.text]
    for c in ans.citations:
        lines.append(f'  [{c.n}] {c.title} — {c.source or "unknown outlet"}, {when(c.date)}\n      "{c.quote}"')
        if c.url:
            lines.append(f"      {c.url}")
    if ans.refused and ans.passages:
        lines.append("Closest passages:")
        for p in ans.passages[:3]:
            lines.append(f"  - {p.title} ({p.source}, {p.published}): {p.text[:160]}...")
    for u in ans.unsupported:
        lines.append(f"  ! not found in the cited passage: {u.term}")
    lines += [f"  note: {w}" for w in ans.warnings]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m qa", description="Ask questions about your news articles.")
    sub = ap.add_subparsers(dest="cmd", required=True)
    ask = sub.add_parser("ask", help="answer one question with cited sources")
    ask.add_argument("question")
    ask.add_argument("--json", action="store_true", help="print the Answer as JSON")
    ask.add_argument("--as-of", help="answer as of this date (YYYY-MM-DD): later articles are not used")
    ask.add_argument("--source", action="append", help="only this outlet (repeatable), e.g. cnn.com")
    ask.add_argument("--date-from", help="only articles published on or after this date")
    ask.add_argument("--date-to", help="only articles published on or before this date")
    ask.add_argument("--choice", action="append", help="a multiple-choice option (repeatable)")
    shown = sub.add_parser("settings", help="the effective settings and where each came from")
    shown.add_argument("--markdown", action="store_true", help="the README's table of every setting instead")
    for p in (ask, sub.add_parser("stats", help="articles and chunks in the store"), shown):
        p.add_argument("--store", "--store-dir", dest="store_dir", help="the article store folder (QA_STORE_DIR)")
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    settings = Settings(**({"store_dir": args.store_dir} if getattr(args, "store_dir", None) else {}))
    if args.cmd == "settings":
        from qa import settings_doc

        print(settings_doc.markdown() if args.markdown else settings_doc.effective(settings))
        return 0

    from qa.answer import Assistant
    from qa.llm import LLMEndpointError, ModelUnavailable
    from qa.store import StoreError

    try:
        assistant = Assistant(settings)
        if args.cmd == "stats":
            print(json.dumps(assistant.library.stats()))
            return 0
        ans = assistant.ask(
            args.question,
            as_of=args.as_of,
            sources=args.source,
            date_from=args.date_from,
            date_to=args.date_to,
            choices=args.choice,
        )
    except (StoreError, ModelUnavailable, LLMEndpointError, ValueError) as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    print(ans.model_dump_json(indent=2) if args.json else render(ans))
    return 0


if __name__ == "__main__":
    sys.exit(main())

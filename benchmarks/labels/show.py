"""Cited answers of an evaluation run, shown one by one for hand labelling (the honest-evaluation issue #19).

    python benchmarks/labels/show.py <run folder>/predictions.jsonl [--n 100] [--skip-labelled labels.jsonl]

Only the tuning months (January-April 2026) are shown, in the run's order: held-out answers are never read. A
label is one JSON line per citation: ``id``, ``system``, ``n`` (the citation), ``quote_sha1``
(``qa.report.quote_digest`` of the quote judged: the article text stays out of the repo),
``supports`` (does the quote state what the answer claims, right or wrong?) and ``why``.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from qa.questions import split_of  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("predictions", type=Path)
    ap.add_argument("--n", type=int, default=100)
    ap.add_argument("--skip-labelled", type=Path, help="a labels file whose answers are not shown again")
    args = ap.parse_args()
    seen = set()
    if args.skip_labelled and args.skip_labelled.exists():
        for line in args.skip_labelled.read_text().splitlines():
            if line.strip():
                lab = json.loads(line)
                seen.add((lab["system"], lab["id"]))
    shown = 0
    for line in args.predictions.read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        if split_of(rec.get("date")) != "tune" or rec.get("refused") or not rec.get("citations"):
            continue
        if (rec["system"], rec["id"]) in seen:
            continue
        print(f"\n=== {rec['system']} {rec['id']} ({rec.get('date')})")
        print(f"Q: {rec['question']}\ngold: {rec['golds']}\nA: {rec['answer']}")
        for c in rec["citations"]:
            print(f"  [{c['n']}] ({c.get('date')}, {c.get('title', '')[:60]}) {c['quote']}")
        shown += 1
        if shown >= args.n:
            break
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

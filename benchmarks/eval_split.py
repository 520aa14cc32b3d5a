"""Issue #6's honest figure: an evaluation run split into the tuning months (January-April) and the held-out
months (May-July), newsqa beside each frontier row on that row's own questions.

    python benchmarks/eval_split.py artifacts/eval-full [--baselines ../shared/.../baselines.jsonl]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from qa.evaluate import load_questions, read_done  # noqa: E402
from qa.report import baseline_rows, system_rows  # noqa: E402

BENCH = Path(__file__).resolve().parents[2] / "shared" / "benchmarks" / "realtimeqa-2026"
SPLITS = {"tune (Jan-Apr)": ("01", "02", "03", "04"), "held out (May-Jul)": ("05", "06", "07"), "all": None}


def fmt(v) -> str:
    return "" if v is None else f"{v:.3f}"


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("out", help="a qa.evaluate output folder")
    ap.add_argument("--questions", default=str(BENCH / "questions.jsonl"))
    ap.add_argument("--baselines", default=str(BENCH / "baselines.jsonl"))
    args = ap.parse_args()
    if not Path(args.questions).exists():
        print(f"SKIP: {args.questions} is absent (the benchmark data lives beside the checkout)")
        return 0
    questions = load_questions(Path(args.questions))
    done = read_done(Path(args.out) / "predictions.jsonl")
    print("| split | system | n | contains gold | choice acc. | citation precision | recall@5 | recall@20 | p50 s |")
    print("|---|---|---|---|---|---|---|---|---|")
    for name, months in SPLITS.items():
        qs = [q for q in questions if months is None or str(q.get("date", ""))[5:7] in months]
        rows = system_rows(done, {q["id"] for q in qs})
        for system, r in rows.items():
            print(
                f"| {name} | {system} | {r['n']} | {fmt(r['contains'])} | {fmt(r['choice_acc'])} | "
                f"{fmt(r['citation_precision'])} | {fmt(r['recall@5'])} | {fmt(r['recall@20'])} | "
                f"{r['latency_p50']} |"
            )
    print("\n| split | frontier model (with search) | kind | n | model | newsqa on the same ids |")
    print("|---|---|---|---|---|---|")
    for name, months in SPLITS.items():
        qs = {q["id"]: q for q in questions if months is None or str(q.get("date", ""))[5:7] in months}
        for b in baseline_rows(Path(args.baselines), qs, done):
            if b["with_search"]:
                print(
                    f"| {name} | {b['model']} | {b['kind']} | {b['n']} | {fmt(b['score'])} | "
                    f"{fmt(b['newsqa_same_ids'])} (n={b['newsqa_n']}) |"
                )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

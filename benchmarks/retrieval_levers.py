"""Retrieval ablation on the 2026 news benchmark: answer recall@1/5/20 for each retrieval lever, alone.

Tuning discipline (issue #6): levers are compared on the January-April questions only (the default);
``--months 2026-05,2026-06,2026-07`` reports the held-out months once, at the end.

    QA_STORE_DIR=<store with articles.jsonl ingested> python benchmarks/retrieval_levers.py [--months ...]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from qa import scoring  # noqa: E402
from qa.answer import Assistant  # noqa: E402
from qa.questions import TUNE_MONTHS, load_questions  # noqa: E402

QUESTIONS = Path(__file__).resolve().parents[2] / "shared" / "benchmarks" / "realtimeqa-2026" / "questions.jsonl"
TUNE = ",".join(TUNE_MONTHS)

# name -> settings overrides (each lever alone, against the defaults)
VARIANTS: dict[str, dict] = {
    "default": {},
    "dense only": {"lexical_weight": 0.0},
    "lexical only": {"dense_weight": 0.0},
    "no recency prior": {"recency_weight": 0.0},
    "no as_of filter": {"_no_as_of": True},
    "no query rewrite": {"query_rewrite": False},
    "recency hl 120 d, w 0.3 (old default)": {"recency_half_life_days": 120.0, "recency_weight": 0.3},
    "recency hl 7 d, w 1": {"recency_half_life_days": 7.0, "recency_weight": 1.0},
    "recency hl 14 d, w 1": {"recency_half_life_days": 14.0, "recency_weight": 1.0},
    "recency hl 14 d, w 2": {"recency_half_life_days": 14.0, "recency_weight": 2.0},
    "recency hl 30 d, w 1": {"recency_half_life_days": 30.0, "recency_weight": 1.0},
    "recency hl 30 d, w 2": {"recency_half_life_days": 30.0, "recency_weight": 2.0},
    "time words, w 1": {"time_words_weight": 1.0},
    "time words, w 2": {"time_words_weight": 2.0},
    "time words, w 3": {"time_words_weight": 3.0},
    "hl 30 w 1 + time words w 2": {"recency_half_life_days": 30.0, "recency_weight": 1.0, "time_words_weight": 2.0},
    "hl 14 w 1 + time words w 2": {"recency_half_life_days": 14.0, "recency_weight": 1.0, "time_words_weight": 2.0},
    "rrf_k 20": {"rrf_k": 20},
    "candidates 100": {"candidates": 100},
}


def load(months: str, path: Path = QUESTIONS) -> list[dict]:
    """The questions of the given months ("2026-01,2026-02") through the evaluator's one loader (dates written
    2026-01-08 or 2026/01/08 alike become ISO), so every lever script and the evaluator use the same set."""
    return load_questions(path, [m.strip() for m in months.split(",")])


def measure(a: Assistant, qs: list[dict], no_as_of: bool) -> dict:
    rec: dict[int, list[float]] = {1: [], 5: [], 20: []}
    lat = []
    for q in qs:
        f = a.retriever_filters(None if no_as_of else q["date"].replace("/", "-"))
        t = time.perf_counter()
        passages = a.retriever.search(q["question"], f, k=20)
        lat.append(time.perf_counter() - t)
        texts = [p.text for p in passages]
        for k in rec:
            rec[k].append(scoring.recall_at(texts, [q["answer"]], k))
    out = {f"recall@{k}": round(statistics.fmean(v), 3) for k, v in rec.items()}
    out["p50_ms"] = round(1000 * statistics.median(lat), 1)
    return out


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--months", default=TUNE)
    ap.add_argument("--only", help="semicolon-separated variant names")
    args = ap.parse_args()
    if not QUESTIONS.exists():
        print(f"SKIP: {QUESTIONS} is absent (the benchmark data lives beside the checkout)")
        return 0
    qs = load(args.months)
    a = Assistant()
    a.retriever.lexical()
    base = a.settings.model_dump()
    names = args.only.split(";") if args.only else list(VARIANTS)
    print(f"{len(qs)} questions ({args.months}), {a.store.count()} chunks")
    print("| lever | recall@1 | recall@5 | recall@20 | retrieval p50 ms |\n|---|---|---|---|---|")
    for name in names:
        over = dict(VARIANTS[name])
        no_as_of = bool(over.pop("_no_as_of", False))
        for k, v in base.items():
            setattr(a.settings, k, v)
        for k, v in over.items():
            setattr(a.settings, k, v)
        r = measure(a, qs, no_as_of)
        print(f"| {name} | {r['recall@1']} | {r['recall@5']} | {r['recall@20']} | {r['p50_ms']} |", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

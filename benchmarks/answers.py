"""Answer benchmark on the 2026 corpus: retrieval p50/p95, answer recall@k of the 420 questions (as_of = question
date), and, on a sample, prompt tokens, time to first token and to the full answer with the local model.

    python benchmarks/answers.py --store <store with articles.jsonl ingested> [--sample 12] [--seed 0]
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from _provenance import print_provenance, use_store  # noqa: E402

from qa import scoring  # noqa: E402
from qa.answer import Assistant  # noqa: E402
from qa.ingest.dates import as_date  # noqa: E402
from qa.questions import load_questions  # noqa: E402
from qa.retrieve import Filters  # noqa: E402

QUESTIONS = Path(__file__).resolve().parents[2] / "shared" / "benchmarks" / "realtimeqa-2026" / "questions.jsonl"


def pct(values: list[float], q: float) -> float:
    v = sorted(values)
    return round(v[min(len(v) - 1, int(q * (len(v) - 1) + 0.5))], 3)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sample", type=int, default=12, help="questions answered by the LLM")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--months", help="only questions whose date starts with one of these, e.g. 2026-01,2026-02")
    ap.add_argument("--store", help="the store to read (default: QA_STORE_DIR, else the configured one)")
    args = ap.parse_args()
    print_provenance(use_store(args.store))
    if not QUESTIONS.exists():
        print(f"SKIP: {QUESTIONS} is absent (the benchmark data lives beside the checkout)")
        return 0
    qs = load_questions(QUESTIONS, args.months.split(",") if args.months else None)
    a = Assistant()
    t = time.perf_counter()
    a.retriever.lexical()  # built once per process (and after each ingest); not part of a query's latency
    bm25_build = time.perf_counter() - t
    lat, rec = [], {k: [] for k in (1, 5, 20)}
    for q in qs:
        t = time.perf_counter()
        passages = a.retriever.search(q["question"], Filters(as_date(q["date"])), k=20)
        lat.append(time.perf_counter() - t)
        texts = [p.text for p in passages]
        for k in rec:
            rec[k].append(scoring.recall_at(texts, [q["answer"]], k))
    out = {
        "questions": len(qs),
        "chunks": a.store.count(),
        "bm25_build_s": round(bm25_build, 2),
        "retrieval_p50_ms": round(1000 * pct(lat, 0.5), 1),
        "retrieval_p95_ms": round(1000 * pct(lat, 0.95), 1),
        **{f"recall@{k}": round(statistics.fmean(v), 3) for k, v in rec.items()},
    }
    if args.sample <= 0:  # retrieval only: no model to load
        print(json.dumps(out, indent=2))
        return 0
    sample = random.Random(args.seed).sample(qs, min(args.sample, len(qs)))
    a.model.load()
    a.ask("warm-up: what happened?")  # the fixed system prompt enters llama.cpp's cache once
    ttft, total, tokens, contains, refused = [], [], [], [], 0
    for q in sample:
        ans = a.ask(q["question"], as_of=q["date"])
        total.append(ans.timings.total_s)
        if ans.timings.first_token_s is not None:
            ttft.append(ans.timings.first_token_s)
            tokens.append(ans.usage.prompt_tokens)
        contains.append(scoring.contains(ans.text, [q["answer"]]))
        refused += ans.refused
    out.update(
        {
            "llm_sample": len(sample),
            "refused": refused,
            "prompt_tokens_mean": round(statistics.fmean(tokens), 1) if tokens else None,
            "first_token_p50_s": pct(ttft, 0.5) if ttft else None,
            "answer_p50_s": pct(total, 0.5),
            "answer_p95_s": pct(total, 0.95),
            "sample_contains_gold": round(statistics.fmean(contains), 3),
        }
    )
    print(json.dumps(out, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())

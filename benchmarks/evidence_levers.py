"""Evidence selection (``qa/evidence.py``): how often the gold answer reaches the prompt. The model can only
answer from the sentences it is shown, so "gold in the evidence" bounds the open answers' contains-gold; each
extra sentence costs ~40 prompt tokens (~1.2 s on 2 cores, uncached).

Tuning discipline (issue #6): January-April questions by default; ``--months`` for the held-out months.

    QA_STORE_DIR=<store with articles.jsonl ingested> python benchmarks/evidence_levers.py [--months ...] [--limit N]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from retrieval_levers import QUESTIONS, TUNE, load  # noqa: E402 - the same question set as every lever

from qa.answer import Assistant  # noqa: E402
from qa.embed import Embedder  # noqa: E402
from qa.retrieve import time_window  # noqa: E402
from qa.scoring import contains  # noqa: E402

# the recency term for every question: the half-life of its time words, else the retrieval prior's (120 d)
ALL_QUESTIONS = "all questions"

# name -> select_evidence keyword overrides (each alone, against the configured settings); "_settings" holds
# Settings fields to change for that row instead (levers that Assistant.select_evidence derives per question)
VARIANTS: dict[str, dict] = {
    "default": {},
    "rank weight 0.03": {"rank_weight": 0.03},
    "rank weight 0.06": {"rank_weight": 0.06},
    "no passage rank": {"rank_weight": 0.0},
    "overlap weight 0.6": {"overlap_weight": 0.6},
    "overlap weight 0.15": {"overlap_weight": 0.15},
    "1 sentence per passage": {"per_passage": 1},
    "2 sentences per passage": {"per_passage": 2},
    "no answer-type weight": {"answer_type_weight": 0.0},
    "answer-type weight 0.1": {"answer_type_weight": 0.1},
    "answer-type weight 0.3": {"answer_type_weight": 0.3},
    "keep question sentences": {"drop_questions": False},
    "neither (the previous default)": {"answer_type_weight": 0.0, "drop_questions": False},
    "no recency weight": {"recency_weight": 0.0},
    "recency weight 0.2": {"recency_weight": 0.2},
    "recency weight 0.4": {"recency_weight": 0.4},
    "recency weight 0.1 (all questions)": {"half_life": ALL_QUESTIONS},
    "recency weight 0.2 (all questions)": {"recency_weight": 0.2, "half_life": ALL_QUESTIONS},
    "recency weight 0.4 (all questions)": {"recency_weight": 0.4, "half_life": ALL_QUESTIONS},
    "no time window": {"window": None},
    "time window 2 half-lives": {"_settings": {"evidence_window": 2.0}},
    "time window 8 half-lives": {"_settings": {"evidence_window": 8.0}},
}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--questions", type=Path, default=QUESTIONS)
    ap.add_argument("--months", default=TUNE)
    ap.add_argument("--limit", type=int)
    ap.add_argument("--passages", type=int, default=8, help="passages the sentences come from (Settings.top_k)")
    ap.add_argument("--sentences", default="3,5,8,12", help="sentence counts for the default scoring")
    ap.add_argument("--n", type=int, default=5, help="sentence count for the variants (Settings.evidence_sentences)")
    ap.add_argument("--variants", help="comma-separated variant names to run (default: all; 'none' for none)")
    ap.add_argument("--scorer", type=Path, help="a sentence-transformers folder: adds a row scoring sentences with it")
    args = ap.parse_args()
    if not args.questions.exists():
        print(f"SKIP: {args.questions} is absent (../shared/benchmarks is not on this machine)")
        return 0
    months = tuple(m.strip() for m in args.months.split(","))
    qs = load(args.months, args.questions)[: args.limit]
    # (label, sentences, overrides): the default scoring at each count, then each variant at --n
    runs = [(f"default, {n} sentences", n, {}) for n in (int(x) for x in args.sentences.split(","))]
    wanted = set(VARIANTS) if args.variants is None else {v.strip() for v in args.variants.split(",")}
    runs += [(f"{name}, {args.n} sentences", args.n, kw) for name, kw in VARIANTS.items() if kw and name in wanted]
    assistant = Assistant()
    if args.scorer:  # another local embedder for the sentence similarity only; retrieval stays as configured
        scorer = Embedder(assistant.settings.model_copy(update={"embed_model": str(args.scorer)}))
        runs.append((f"default, sentences scored by {scorer.name}, {args.n} sentences", args.n, {"embedder": scorer}))
    settings = [assistant.settings.model_copy(update=kw.get("_settings", {})) for _, _, kw in runs]
    hits, chars, in_passages = [0] * len(runs), [0] * len(runs), 0
    took = [0.0] * len(runs)
    t = time.perf_counter()
    for q in qs:
        golds = [q["answer"]]
        filters = assistant.retriever_filters(as_of=q["date"])
        found = assistant.retriever.search(q["question"], filters, k=args.passages)
        in_passages += any(contains(p.text, golds) for p in found)
        for j, (_, n, kw) in enumerate(runs):
            if kw.get("half_life") == ALL_QUESTIONS:
                kw = kw | {"half_life": time_window(q["question"]) or assistant.settings.recency_half_life_days}
            kw = {k: v for k, v in kw.items() if k != "_settings"}
            t_row = time.perf_counter()
            top = assistant.select_evidence(q["question"], found, n=n, as_of=filters.upper, settings=settings[j], **kw)
            took[j] += time.perf_counter() - t_row
            hits[j] += any(contains(e.quote, golds) for e in top)
            chars[j] += sum(len(e.quote) for e in top)
    n_q = len(qs)
    total = (time.perf_counter() - t) / max(n_q, 1)
    print(f"{n_q} questions ({', '.join(months)}), {total:.2f} s per question for all rows")
    print(f"gold in the top {args.passages} passages: {in_passages / n_q:.3f}\n")
    print("| selection | gold in evidence | evidence chars (mean) | selection s per question |")
    print("|---|---|---|---|")
    for j, (label, _, _) in enumerate(runs):
        print(f"| {label} | {hits[j] / n_q:.3f} | {chars[j] / n_q:,.0f} | {took[j] / n_q:.2f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

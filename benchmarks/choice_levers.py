"""Multiple choice by evidence (``qa/choices.py``): how often the evidence decides, and how often it is right, for
variants of the scoring. No model runs: the undecided questions go to the LLM in the product.

Tuning discipline (issue #6): January-April questions by default; ``--months 2026-05,2026-06,2026-07`` once, at
the end, for the held-out figure.

    QA_STORE_DIR=<store with articles.jsonl ingested> python benchmarks/choice_levers.py [--months ...] [--limit N]

Searches are run once per question (question alone, and question + each option, k=20) and every variant scores
from those cached results, so the variants differ only in how they weigh the passages that name an option.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from retrieval_levers import QUESTIONS, TUNE, load  # noqa: E402 - the same question set as every lever

from qa import choices as cs  # noqa: E402
from qa.answer import Assistant  # noqa: E402
from qa.evidence import is_question  # noqa: E402
from qa.text import sentence_spans  # noqa: E402
from qa.types import Passage  # noqa: E402

Case = dict  # {"q", "choices", "gold", "alone": [Passage], "per": [[Passage] per option]}


def named(passage: Passage, options: list[str]) -> list[int]:
    return [i for i, o in enumerate(options) if cs.names(passage.text, o)]


def decide(scores: list[float]) -> int | None:
    """The best option when it is strictly best and positive; None otherwise (the model decides)."""
    best = max(scores)
    if best <= 0 or scores.count(best) > 1:
        return None
    return scores.index(best)


def v_current(c: Case, k: int = 5) -> int | None:
    """Per-option search, the best-ranked passage (of the top k) that names the option."""
    return decide(
        [
            max((p.score for p in per[:k] if cs.names(p.text, o)), default=0.0)
            for o, per in zip(c["choices"], c["per"], strict=True)
        ]
    )


def stated(passage: Passage, option: str) -> bool:
    """The passage names the option in a statement, not only in a question ("Will Houston be next?")."""
    return any(
        cs.names(t, option) and not is_question(t) for t in (passage.text[a:b] for a, b in sentence_spans(passage.text))
    )


def v_stated(c: Case, k: int = 5) -> int | None:
    """Like current, but a passage counts only where a statement of it names the option."""
    return decide(
        [
            max((p.score for p in per[:k] if cs.names(p.text, o) and stated(p, o)), default=0.0)
            for o, per in zip(c["choices"], c["per"], strict=True)
        ]
    )


def v_vote(c: Case, k: int = 10) -> int | None:
    """Per-option search, the sum of the scores of the top-k passages that name the option."""
    return decide(
        [sum(p.score for p in per[:k] if cs.names(p.text, o)) for o, per in zip(c["choices"], c["per"], strict=True)]
    )


def v_exclusive(c: Case, k: int = 5) -> int | None:
    """Like current, but a passage naming several options counts 1/m for each (quiz pages and lists name them all)."""
    out = []
    for i, per in enumerate(c["per"]):
        best = 0.0
        for p in per[:k]:
            m = named(p, c["choices"])
            if i in m:
                best = max(best, p.score / len(m))
        out.append(best)
    return decide(out)


def v_alone(c: Case, k: int = 20) -> int | None:
    """One search with the question alone; the options named by the best-ranked passage that names exactly one."""
    scores = [0.0] * len(c["choices"])
    for p in c["alone"][:k]:
        m = named(p, c["choices"])
        for i in m:
            scores[i] = max(scores[i], p.score / len(m))
    return decide(scores)


def v_alone_then_current(c: Case) -> int | None:
    got = v_alone(c, 5)
    return got if got is not None else v_current(c)


VARIANTS: dict[str, Callable[[Case], int | None]] = {
    "current (per option, top 5, best passage)": v_current,
    "per option, top 5, named in a statement": v_stated,
    "per option, top 10, named in a statement": lambda c: v_stated(c, 10),
    "per option, top 10, best passage": lambda c: v_current(c, 10),
    "per option, top 3, best passage": lambda c: v_current(c, 3),
    "per option, top 10, sum of scores": v_vote,
    "per option, top 20, sum of scores": lambda c: v_vote(c, 20),
    "per option, top 5, split over options named": v_exclusive,
    "per option, top 10, split over options named": lambda c: v_exclusive(c, 10),
    "question alone, top 20, split": v_alone,
    "question alone, top 5, split": lambda c: v_alone(c, 5),
    "question alone top 5, else current": v_alone_then_current,
}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--questions", type=Path, default=QUESTIONS)
    ap.add_argument("--months", default=TUNE)
    ap.add_argument("--limit", type=int)
    ap.add_argument("--json", type=Path)
    args = ap.parse_args()
    if not args.questions.exists():
        print(f"SKIP: {args.questions} is absent (../shared/benchmarks is not on this machine)")
        return 0
    months = tuple(m.strip() for m in args.months.split(","))
    qs = [q for q in load(args.months, args.questions) if q.get("choices")][: args.limit]
    assistant = Assistant()
    r = assistant.retriever
    cases: list[Case] = []
    t = time.perf_counter()
    for q in qs:
        f = assistant.retriever_filters(as_of=q["date"])
        cases.append(
            {
                "q": q["question"],
                "choices": q["choices"],
                "gold": q["answer_index"],
                "alone": r.search(q["question"], f, k=20),
                "per": [r.search(f"{q['question']} {o}", f, k=20) for o in q["choices"]],
            }
        )
    search_s = (time.perf_counter() - t) / max(len(qs), 1)
    n = len(cases)
    print(f"{n} questions ({', '.join(months)}), searches {search_s:.2f} s per question (1 + one per option)\n")
    print("| variant | decided | right | wrong | accuracy when decided | right / all |")
    print("|---|---|---|---|---|---|")
    rows = []
    for name, fn in VARIANTS.items():
        picks = [fn(c) for c in cases]
        decided = sum(p is not None for p in picks)
        right = sum(p == c["gold"] for p, c in zip(picks, cases, strict=True))
        rows.append({"variant": name, "n": n, "decided": decided, "right": right})
        acc = right / decided if decided else 0.0
        print(f"| {name} | {decided} | {right} | {decided - right} | {acc:.3f} | {right / max(n, 1):.3f} |")
    if args.json:
        args.json.write_text(json.dumps({"months": months, "rows": rows}, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

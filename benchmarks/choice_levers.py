"""Multiple choice by evidence (``qa/choices.py``): how often the evidence decides, and how often it is right, for
variants of the scoring. No model runs: the undecided questions go to the LLM in the product.

Tuning discipline (issue #6): January-April questions by default; ``--months 2026-05,2026-06,2026-07`` once, at
the end, for the held-out figure.

    QA_STORE_DIR=<store with articles.jsonl ingested> python benchmarks/choice_levers.py [--months ...] [--limit N]
        [--answers <qa.evaluate predictions.jsonl>]

``--answers`` adds the variants that first map the product's open answer to the question (its ``newsqa:open``
rows) to the option it names (``choices.answered_option``), as ``Assistant`` does before the evidence pick.

Searches are run once per question (question alone, and question + each option, k=20) and every variant scores
from those cached results, so the variants differ only in how they weigh the passages that name an option.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from retrieval_levers import QUESTIONS, TUNE, load  # noqa: E402 - the same question set as every lever

from qa import choices as cs  # noqa: E402
from qa.answer import Assistant  # noqa: E402
from qa.evidence import content_words, is_question  # noqa: E402
from qa.retrieve import time_window  # noqa: E402
from qa.text import sentence_spans  # noqa: E402
from qa.types import Passage  # noqa: E402

Case = dict  # {"q", "choices", "gold", "alone": [Passage], "per": [[Passage] per option], "answer": str}
EMBEDDER: list = []  # the assistant's embedder, for the answer-mapping variants


def named(passage: Passage, options: list[str]) -> list[int]:
    return [i for i, o in enumerate(options) if cs.names(passage.text, o)]


def decide(scores: list[float]) -> int | None:
    """The best option when it is strictly best and positive; None otherwise (the model decides)."""
    best = max(scores)
    if best <= 0 or scores.count(best) > 1:
        return None
    return scores.index(best)


def names_option(passage: Passage, option: str) -> bool:
    return cs.names(passage.text, option)


def v_current(c: Case, k: int = 5, counts: Callable[[Passage, str], bool] = names_option) -> int | None:
    """Per-option search, the best-ranked passage (of the top k) that names the option; ``counts`` is the test a
    passage must pass for an option (the variants below narrow it)."""
    return decide(
        [
            max((p.score for p in per[:k] if counts(p, o)), default=0.0)
            for o, per in zip(c["choices"], c["per"], strict=True)
        ]
    )


def statements(passage: Passage, option: str) -> list[str]:
    """The passage's sentences that name the option in a statement, not in a question ("Will Houston be next?")."""
    texts = (passage.text[a:b] for a, b in sentence_spans(passage.text))
    return [t for t in texts if cs.names(t, option) and not is_question(t)]


def v_stated(c: Case, k: int = 5) -> int | None:
    """Like current, but a passage counts only where a statement of it names the option."""
    return v_current(c, k, lambda p, o: names_option(p, o) and bool(statements(p, o)))


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


def v_recent(c: Case, k: int = 5, spans: float = 3.0, fallback: bool = True) -> int | None:
    """Like current, but for a question with time words ("this week") only passages published within ``spans``
    half-lives of the window before as_of count; ``fallback``: when none decides, current decides."""
    if not c["window"] or not c["as_of"]:
        return v_current(c, k)
    oldest = c["as_of"] - dt.timedelta(days=spans * c["window"])
    got = v_current(c, k, lambda p, o: p.published is not None and p.published >= oldest and names_option(p, o))
    return got if got is not None or not fallback else v_current(c, k)


def option_sentences(assistant: Assistant, q: str, options: list[str], per: list[list[Passage]], k: int = 10) -> list:
    """Per option, (passage rank, similarity to the question, question-word overlap) of each statement of its top-k
    passages that names it: computed once per question so the sentence variants below only re-weigh them."""
    q_words = content_words(q)
    found: list[list[tuple[int, str]]] = []
    for o, ps in zip(options, per, strict=True):
        found.append([(rank, t) for rank, p in enumerate(ps[:k]) for t in statements(p, o)])
    texts = [t for f in found for _, t in f]
    vecs = assistant.embedder.embed([q, *texts]) if texts else None
    out, i = [], 1
    for f in found:
        rows = []
        for rank, t in f:
            overlap = len(q_words & content_words(t)) / max(len(q_words), 1)
            rows.append((rank, float(vecs[i] @ vecs[0]), overlap))
            i += 1
        out.append(rows)
    return out


def v_sentence(c: Case, k: int = 5, overlap_weight: float = 0.35) -> int | None:
    """Per-option search; the option whose best statement (of its top-k passages) is closest to the question, by
    MiniLM similarity plus question-word overlap: the sentence, not the passage's rank, decides."""
    return decide(
        [max((sim + overlap_weight * ov for rank, sim, ov in rows if rank < k), default=0.0) for rows in c["sentences"]]
    )


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
    "per option, top 5, best statement by similarity + overlap": v_sentence,
    "per option, top 10, best statement by similarity + overlap": lambda c: v_sentence(c, 10),
    "per option, top 3, best statement by similarity + overlap": lambda c: v_sentence(c, 3),
    "per option, top 5, best statement by similarity only": lambda c: v_sentence(c, 5, 0.0),
    "per option, top 5, best statement by similarity + overlap 0.7": lambda c: v_sentence(c, 5, 0.7),
    "time-word questions: only passages of the window (3 half-lives), else current": v_recent,
    "time-word questions: only passages of the window (2 half-lives), else current": lambda c: v_recent(c, spans=2),
    "time-word questions: only passages of the window (5 half-lives), else current": lambda c: v_recent(c, spans=5),
    "time-word questions: only passages of the window (3 half-lives), top 10, else current": lambda c: v_recent(c, 10),
    "time-word questions: only passages of the window (3 half-lives), no fallback": lambda c: v_recent(
        c, fallback=False
    ),
}


def v_answer(
    c: Case,
    min_sim: float = cs.ANSWER_MIN_SIM,
    margin: float = cs.ANSWER_MARGIN,
    then: Callable[[Case], int | None] = v_current,
) -> int | None:
    """The option the open answer names (``min_sim`` > 1: by name only), else ``then`` (the default evidence pick)."""
    picked = cs.answered_option(c["answer"], c["choices"], EMBEDDER[0], min_sim, margin) if c["answer"] else None
    return picked if picked is not None else then(c)


ANSWER_VARIANTS: dict[str, Callable[[Case], int | None]] = {
    "open answer names one option, else the default": lambda c: v_answer(c, 2.0),
    "open answer by name or meaning (0.4, margin 0.1), else the default": v_answer,
    "open answer by name or meaning (0.3, margin 0.1), else the default": lambda c: v_answer(c, 0.3),
    "open answer by name or meaning (0.5, margin 0.1), else the default": lambda c: v_answer(c, 0.5),
    "open answer by name or meaning (0.4, margin 0.05), else the default": lambda c: v_answer(c, 0.4, 0.05),
    "open answer by name or meaning (0.4, margin 0.15), else the default": lambda c: v_answer(c, 0.4, 0.15),
    "open answer, else question alone top 5, else the default": lambda c: v_answer(c, then=v_alone_then_current),
    "open answer, else passages of the 30 days before as_of (top 10), else the default": lambda c: v_answer(
        c, then=v_fresh
    ),
    "open answer, else passages of the 30 days before as_of (top 20), else the default": lambda c: v_answer(
        c, then=lambda c: v_fresh(c, 30, 20)
    ),
    "open answer, else passages of the 14 days before as_of (top 10), else the default": lambda c: v_answer(
        c, then=lambda c: v_fresh(c, 14)
    ),
    "open answer, else passages of the 90 days before as_of (top 10), else the default": lambda c: v_answer(
        c, then=lambda c: v_fresh(c, 90)
    ),
    "open answer, else passages of the 30 days before as_of (top 5), else the default": lambda c: v_answer(
        c, then=lambda c: v_fresh(c, 30, 5)
    ),
    "open answer, else the default, its pick made again from the 30 days before as_of (top 20) (new default)": (
        lambda c: v_answer(c, then=lambda c: v_fresh(c, 30, 20, override_only=True))
    ),
}


def v_fresh(c: Case, days: int = 30, k: int = 10, override_only: bool = False) -> int | None:
    """Like current over the top ``k``, but only passages published within ``days`` before as_of count (any
    question, time words or not); when none decides, current decides. Reading the wrong evidence picks showed most
    of them cite an article years older than the question. ``override_only``: only where current decides (the
    product's rule, ``Settings.choice_recent_days``)."""
    current = v_current(c)
    if not c["as_of"] or (override_only and current is None):
        return current
    oldest = c["as_of"] - dt.timedelta(days=days)
    got = v_current(c, k, lambda p, o: p.published is not None and p.published >= oldest and names_option(p, o))
    return got if got is not None else current


def open_answers(path: Path) -> dict[str, str]:
    """id -> the open answer's text without its "As of <date>: " lead ("" where it refused)."""
    out = {}
    for line in path.read_text().splitlines():
        rec = json.loads(line)
        if rec.get("system") == "newsqa:open":
            out[str(rec["id"])] = "" if rec.get("refused") else re.sub(r"^As of [^:]+: ", "", rec.get("answer") or "")
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--questions", type=Path, default=QUESTIONS)
    ap.add_argument("--months", default=TUNE)
    ap.add_argument("--limit", type=int)
    ap.add_argument("--json", type=Path)
    ap.add_argument("--answers", type=Path, help="qa.evaluate predictions.jsonl whose open answers to map")
    args = ap.parse_args()
    if not args.questions.exists():
        print(f"SKIP: {args.questions} is absent (../shared/benchmarks is not on this machine)")
        return 0
    months = tuple(m.strip() for m in args.months.split(","))
    qs = [q for q in load(args.months, args.questions) if q.get("choices")][: args.limit]
    assistant = Assistant()
    r = assistant.retriever
    EMBEDDER.append(assistant.embedder)
    answers = open_answers(args.answers) if args.answers else {}
    variants = VARIANTS | (ANSWER_VARIANTS if args.answers else {})
    cases: list[Case] = []
    t = time.perf_counter()
    for q in qs:
        f = assistant.retriever_filters(as_of=q["date"])
        per = [r.search(f"{q['question']} {o}", f, k=20) for o in q["choices"]]
        cases.append(
            {
                "q": q["question"],
                "choices": q["choices"],
                "gold": q["answer_index"],
                "as_of": f.upper,
                "window": time_window(q["question"]),
                "alone": r.search(q["question"], f, k=20),
                "per": per,
                "sentences": option_sentences(assistant, q["question"], q["choices"], per),
                "answer": answers.get(str(q["id"]), ""),
            }
        )
    search_s = (time.perf_counter() - t) / max(len(qs), 1)
    n = len(cases)
    print(f"{n} questions ({', '.join(months)}), searches {search_s:.2f} s per question (1 + one per option)\n")
    print("| variant | decided | right | wrong | accuracy when decided | right / all |")
    print("|---|---|---|---|---|---|")
    rows = []
    for name, fn in variants.items():
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

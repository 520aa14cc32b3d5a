"""Refusal of near misses: questions the 2026 corpus does not answer, each beside one it does, written alike.

    python benchmarks/refusal.py --store <store> [--split tune|heldout|heldout2|...|heldout8] [--rules on|off|both]
    python benchmarks/refusal.py --store <full-corpus store> --quiz [--rules both]
    python benchmarks/refusal.py --noise [--split tune|heldout] [--rules both]
    python benchmarks/refusal.py ... --sweep 0.5 0.6 0.7     (the judge's threshold raised, from the same run)

``benchmarks/refusal/questions.jsonl`` holds pairs (its README says how they were written and checked): an
answerable question with its gold answers, and a near miss whose answer no article states (another year's
event, another person in the same role, a figure the articles don't give...). Each is asked of the full-corpus
store as of its date, with the real local model, and the table gives, per kind: how many near misses were
refused (the goal), how many answerable ones were refused (the cost), and the answerable ones' contains-gold.

``--quiz`` asks instead the 2026 benchmark's January-April questions that the answerability rules can touch
(those naming a year or time words, open, corpus-wide): their cost on real questions. ``--rules off`` turns the
rules of ``qa/answerability.py`` (a year none of the cited articles is about, or that an article of another year
names only far from the cited sentence; a name of the question's own clause none of them mentions; nominees cited
for who won; no figure or name for a question that asks one; a cited sentence giving the asked role to another
holder; "this week" from older articles; the model's judge of the cited sentences) off in this process only, so
that ``both`` compares them on one commit.

``--noise`` is RGB's noise-only test made from the 2026 benchmark, so that refusal can be tuned on January-April
and RGB kept for reporting: each quiz question whose own search results state its gold answer is asked twice from
those results alone, once without the articles that state the gold (noise only: it should be refused) and once
with all of them (it should be answered). ``--snippets`` gives them as RGB does, undated plain texts. No store
is needed.

``--sweep T...`` records the judge's P(yes) for each answer it let stand, and prints the table again as if
``judge_below`` had been each T (at or above the configured one) instead: one run prices every threshold. An answer
the raised threshold refuses counts as refused; the rest are as given (the rival bar, which follows the threshold,
is not replayed).

Rules are designed on ``--split tune``. The held-out half is run once per issue, at its end, and its answers are
not read to design a rule. ``--split heldout2`` is a second held-out set of 32 pairs (``refusal/heldout2.jsonl``),
written apart from the rules after the first held-out half was reported, under the same rules of use; and
``--split heldout3`` (``refusal/heldout3.jsonl``) a third, written after the second was reported, and
``--split heldout4`` (``refusal/heldout4.jsonl``) a fourth, after the third, ``--split heldout5`` a fifth, after the
fourth, ``--split heldout6`` a sixth, after the fifth, ``--split heldout7`` a seventh, after the sixth, and
``--split heldout8`` an eighth, after the seventh. Skips with a message where the store or the benchmark data is
absent.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path
from unittest import mock

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from _provenance import print_provenance, use_store  # noqa: E402

QUESTIONS = ROOT / "benchmarks" / "refusal" / "questions.jsonl"
HELDOUT = {
    s: ROOT / "benchmarks" / "refusal" / f"{s}.jsonl"
    for s in ("heldout2", "heldout3", "heldout4", "heldout5", "heldout6", "heldout7", "heldout8")
}
QUIZ = ROOT.parent / "shared" / "benchmarks" / "realtimeqa-2026" / "questions.jsonl"


def near_misses(split: str) -> list[dict]:
    path = HELDOUT.get(split, QUESTIONS)
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [r for r in rows if r["split"] == split]


def quiz() -> list[dict]:
    """The tuning months' questions that name a year or time words: the ones the rules can change."""
    from qa.questions import TUNE_MONTHS, load_questions
    from qa.retrieve import time_window
    from qa.text import question_years

    out = []
    for q in load_questions(QUIZ, TUNE_MONTHS):
        kind = (
            "quiz:time-words" if time_window(q["question"]) else "quiz:years" if question_years(q["question"]) else ""
        )
        if kind:
            out.append({"id": q["id"], "question": q["question"], "as_of": q["date"], "answerable": True,
                        "gold": q["golds"], "kind": kind})  # fmt: skip
    return out


def noise_pairs(split: str, snippets: bool = False) -> list[dict]:
    """Quiz questions of ``split``'s months whose own search results state the gold answer, each with two sets of
    given passages: the results without the articles that state it ("noise", to be refused) and all of them.
    ``snippets`` gives them as RGB gives its passages, plain texts without title, outlet or date, so that only
    what the text says can decide (the date rules cannot)."""
    from qa import scoring
    from qa.config import Settings
    from qa.evaluate import own_results
    from qa.questions import SPLITS, load_questions

    questions = [q for q in load_questions(QUIZ, SPLITS["held-out" if split == "heldout" else "tune"])
                 if q.get("search_urls")]  # fmt: skip
    given = own_results(QUIZ.parent / "articles.jsonl", questions, Settings())
    rows = []
    for q in questions:
        passages = given.get(q["id"]) or []
        stating = {p.doc_id for p in passages if scoring.contains(f"{p.title} {p.text}", q["golds"])}
        noise = [p for p in passages if p.doc_id not in stating]
        if not stating or not noise:
            continue
        if snippets:
            noise, passages = [p.text for p in noise], [p.text for p in passages]
        base = {"question": q["question"], "as_of": q["date"], "gold": q["golds"]}
        rows.append(base | {"id": f"{q['id']}:noise", "answerable": False, "kind": "noise", "documents": noise})
        rows.append(base | {"id": f"{q['id']}:all", "answerable": True, "kind": "noise", "documents": passages})
    return rows


@contextlib.contextmanager
def rules(on: bool):
    """The answerability rules as shipped, or switched off in this process (for a before/after)."""
    if on:
        yield
        return
    import qa.answer
    import qa.answerability
    import qa.retrieve

    def never(*args, **kwargs):
        return None

    off = [
        (qa.answerability, "missing_years", lambda *a, **k: []),
        (qa.answerability, "missing_names", lambda *a, **k: []),
        (qa.answerability, "nominated_not_won", lambda *a, **k: False),
        (qa.answerability, "missing_kind", never),
        (qa.answerability, "other_holder", never),
        (qa.answer, "window_start", never),
        (qa.retrieve, "window_start", never),
        (qa.answer, "judge", never),  # a judge that gives no verdict never refuses
    ]
    with contextlib.ExitStack() as stack:
        for module, name, replacement in off:
            stack.enter_context(mock.patch.object(module, name, replacement))
        yield


@contextlib.contextmanager
def judged(verdicts: list[float | None]):
    """Record the P(yes) of each answer's judge (its first call: later ones weigh rival sources)."""
    import qa.answer

    saved = qa.answer.judge

    def recording(*args, **kwargs):
        p = saved(*args, **kwargs)
        if not verdicts:
            verdicts.append(p)
        return p

    qa.answer.judge = recording
    try:
        yield
    finally:
        qa.answer.judge = saved


def run(a, rows: list[dict], label: str, out, sweep: list[float]) -> dict[str, dict]:
    from qa import scoring

    results, records = {}, []
    for r in rows:
        verdicts: list[float | None] = []
        with judged(verdicts):
            ans = a.ask(r["question"], as_of=r["as_of"], documents=r.get("documents"))
        right = bool(r["answerable"] and not ans.refused and scoring.contains(ans.text, r["gold"]))
        p_yes = verdicts[0] if verdicts and not ans.refused else None
        records.append((r, ans.refused, ans.refusal_reason, right, p_yes))
        results[r["id"]] = {"refused": ans.refused, "right": right}
        if out:
            cites = [{"n": c.n, "url": c.url, "date": str(c.date), "quote": c.quote} for c in ans.citations]
            rec = {"id": r["id"], "rules": label, "refused": ans.refused, "why": ans.refusal_reason,
                   "answer": ans.text, "citations": cites, "judge_yes": p_yes}  # fmt: skip
            out.write(json.dumps(rec, ensure_ascii=False) + "\n")
            out.flush()
    table(records, f"rules {label}")
    for t in sweep:
        raised = []
        for r, refused, why, right, p in records:
            now = p is not None and p < t  # stood at the configured threshold, refused at t
            raised.append((r, refused or now, f"the judge under {t}" if now else why, right and not now, p))
        table(raised, f"rules {label}, judge_below {t}")
    return results


def table(records: list[tuple], label: str) -> None:
    """Per kind: near misses refused, answerable refused, answerable right; then the causes of refusal."""
    kinds: dict[str, Counter] = defaultdict(Counter)
    reasons: Counter = Counter()
    for r, refused, why, right, _ in records:
        side = "answerable" if r["answerable"] else "near_miss"
        c = kinds[r["kind"]]
        c[side] += 1
        c[f"{side}_refused"] += refused
        c["contains"] += right
        if refused:
            reasons[(side, (why or "").split(",")[0][:70])] += 1
    print(f"\n| kind ({label}) | near misses | refused | answerable | refused | contains gold |")
    print("|---|---|---|---|---|---|")
    total: Counter = Counter()
    for kind, c in sorted(kinds.items()):
        total.update(c)
        print(f"| {kind} | {c['near_miss']} | {c['near_miss_refused']} | {c['answerable']} | "
              f"{c['answerable_refused']} | {c['contains']} |")  # fmt: skip
    nm, an = total["near_miss"], total["answerable"]
    share = lambda k, n: f"{total[k]} ({total[k] / n:.0%})" if n else "0"  # noqa: E731
    print(f"| **all** | {nm} | {share('near_miss_refused', nm)} | {an} | {share('answerable_refused', an)} | "
          f"{share('contains', an)} |")  # fmt: skip
    print("why refused:")
    for (side, why), n in reasons.most_common():
        print(f"  {side}: {n} x {why}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--split", choices=["tune", "heldout", *HELDOUT], default="tune")
    ap.add_argument("--quiz", action="store_true", help="the 2026 benchmark's tuning questions the rules can touch")
    ap.add_argument("--noise", action="store_true", help="quiz questions from their own results, gold articles out")
    ap.add_argument("--snippets", action="store_true", help="with --noise: plain undated texts, as RGB's")
    ap.add_argument("--rules", choices=["on", "off", "both"], default="on")
    ap.add_argument("--limit", type=int, help="only the first N questions")
    ap.add_argument(
        "--sweep",
        type=float,
        nargs="+",
        default=[],
        metavar="T",
        help="also print the tables as if the judge's threshold were T (each >= the configured one)",
    )
    ap.add_argument("--out", type=Path, help="write each answer to this JSON lines file (keep it out of the repo)")
    ap.add_argument("--store", help="the full-corpus store (default: QA_STORE_DIR, else the configured one)")
    args = ap.parse_args()
    store = use_store(args.store)
    print_provenance(f"{store} (not read: --noise gives each question its passages)" if args.noise else store)
    from qa.answer import Assistant
    from qa.config import Settings

    settings = Settings()
    if any(t < settings.answer.judge_below for t in args.sweep):
        ap.error(
            f"--sweep thresholds must be >= judge_below ({settings.answer.judge_below}): lower ones would "
            "need the answers it refused"
        )
    if not args.noise and not (Path(settings.store.dir) / "chroma.sqlite3").exists():
        print(f"SKIP: no store at {settings.store.dir}; ingest ../shared/benchmarks/realtimeqa-2026/articles.jsonl "
              "into QA_STORE_DIR first")  # fmt: skip
        return 0
    if (args.quiz or args.noise) and not QUIZ.exists():
        print(f"SKIP: {QUIZ} is absent (the benchmark data lives beside the checkout)")
        return 0
    if args.noise and args.split in HELDOUT:
        ap.error(f"--noise takes --split tune or heldout (the quiz's months); {args.split} holds near-miss pairs")
    if args.split.startswith("heldout") and not args.quiz:
        print("held-out half: report these figures once, at the end of the issue; do not design on its answers")
    rows = quiz() if args.quiz else noise_pairs(args.split, args.snippets) if args.noise else near_misses(args.split)
    rows = rows[: args.limit] if args.limit else rows
    a = Assistant(settings)
    a.model.load()
    out = args.out.open("w", encoding="utf-8") if args.out else None
    runs = {}
    for label in ["off", "on"] if args.rules == "both" else [args.rules]:
        with rules(label == "on"):
            runs[label] = run(a, rows, label, out, args.sweep if label == "on" else [])
    if len(runs) == 2:
        changed = [i for i in runs["on"] if runs["on"][i] != runs["off"][i]]
        print(f"\nchanged by the rules: {len(changed)} of {len(rows)}")
        for i in changed:
            print(f"  {i}: off {runs['off'][i]} -> on {runs['on'][i]}")
        # the cost bar counts refusals; whether the refused answers were right says what they cost
        answerable = {r["id"] for r in rows if r["answerable"]}
        newly = [i for i in answerable if runs["on"][i]["refused"] and not runs["off"][i]["refused"]]
        right = sum(runs["off"][i]["right"] for i in newly)
        print(f"answerable questions the rules newly refuse: {len(newly)}, of which right with the rules off: {right}")
    if out:
        out.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""What the defences against untrusted articles cost on real questions: recall@5 and contains-gold on the 2026 quiz
with every defence on, and with them off, on one commit and one store.

    python benchmarks/defence_cost.py --store <store of the 2026 corpus> [--months 2026-01,2026-02] [--limit N]
                                      [--out answers.jsonl]

Each open question (as of its date, as the evaluator asks it) is answered once with every defence on. From that
one generation the answer layer (the judge of the cited sentences, the conflict check) is also finished with it
off. Then the question is asked again with the evidence and prompt layers off too; the model runs again only
where that changes the prompt (greedy decoding: the same prompt gives the same text), so the comparison is exact
and cheap. Retrieval does not depend on these layers, so recall@5 is one figure. The ingest layer is fixed by the
store; what it removed from the corpus's articles is counted and printed instead (on text articles it can only
remove markup, hidden characters, chat tokens and blobs).

Graded with the gold answers only (``qa.scoring.contains``). The held-out months (May-July) are reported once, at
the end of the trust issue; their differences are printed by id, not read to design a rule. Skips with a message
where ``../shared/benchmarks`` is absent.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from _provenance import print_provenance, use_store  # noqa: E402

BENCH = ROOT.parent / "shared" / "benchmarks" / "realtimeqa-2026"
TUNE_MONTHS = "2026-01,2026-02,2026-03,2026-04"


class SamePrompt(BaseException):
    """Raised instead of generating when the prompt is the one already answered (not an Exception: the answer
    path turns those into endpoint errors)."""


def ingest_removals(path: Path) -> Counter:
    """Per kind, how many articles of the corpus the ingest layer removes something from."""
    from qa.ingest.sanitize import sanitize

    kinds: Counter = Counter()
    for line in path.read_text(encoding="utf-8").splitlines():
        removed = sanitize(json.loads(line)["text"])[1]
        for kind in removed:
            kinds[kind] += 1
        kinds["articles"] += 1
        kinds["with words removed"] += bool(set(removed) - {"invisible"})
    return kinds


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--months", default=TUNE_MONTHS, help=f"question months (default the tuning ones, {TUNE_MONTHS})")
    ap.add_argument("--limit", type=int)
    ap.add_argument("--out", type=Path, help="write each question's three answers to this JSON lines file")
    ap.add_argument("--store", help="the store of the 2026 corpus (default: QA_STORE_DIR, else the configured one)")
    args = ap.parse_args()
    print_provenance(use_store(args.store))
    if not (BENCH / "questions.jsonl").exists():
        print(f"skipped: benchmark data absent ({BENCH})")
        return 0
    held_out = any(m.replace("/", "-") >= "2026-05" for m in args.months.split(","))
    if held_out:
        print("held-out months: report these figures once, at the end of the issue; do not design on their misses")

    from injection import switch_off

    from qa import scoring
    from qa.answer import Assistant
    from qa.config import Settings
    from qa.questions import load_questions

    questions = load_questions(BENCH / "questions.jsonl", args.months.split(","))[: args.limit]
    a = Assistant(Settings())
    a.model.load()
    if a.store.count() == 0:
        print("error: the store is empty; set QA_STORE_DIR to a store of the 2026 corpus", file=sys.stderr)
        return 2

    from qa.llm import LazyModel

    finish, generate = Assistant._finish, LazyModel.stream
    seen: dict = {}

    def finish_both(self, base, raw, *rest):
        on = finish(self, base, raw, *rest)
        with switch_off({"answer"}):
            seen["answer_off"] = finish(self, dict(base), raw, *rest)
        return on

    def generate_unless_same(self, variables):
        if variables == seen.get("variables"):
            raise SamePrompt
        seen["variables"] = variables
        yield from generate(self, variables)

    Assistant._finish, LazyModel.stream = finish_both, generate_unless_same
    totals: Counter = Counter()
    changed: list[str] = []
    out = args.out.open("w", encoding="utf-8") if args.out else None
    for i, q in enumerate(questions, 1):
        seen.clear()
        on = a.ask(q["question"], as_of=q["date"])
        # an answer the model never wrote (no close passage, a timeline) never reached the answer layer
        answer_off = seen.get("answer_off", on)
        prompted = "variables" in seen
        try:
            with switch_off({"evidence", "prompt", "answer"}):
                Assistant._finish = finish  # this run is finished once, with its own layers off
                all_off = a.ask(q["question"], as_of=q["date"])
            prompt_changed = True
        except SamePrompt:
            all_off, prompt_changed = answer_off, False
        finally:
            Assistant._finish = finish_both
        if not prompted:  # refused before the model (no close passage, no article of the window): compare answers
            prompt_changed = [e.quote for e in on.evidence] != [e.quote for e in all_off.evidence]
        row = {"id": q["id"], "question": q["question"], "golds": q["golds"], "prompt_changed": prompt_changed}
        for name, ans in (("on", on), ("answer_off", answer_off), ("all_off", all_off)):
            right = scoring.contains(ans.text or "", q["golds"])
            totals[f"{name} right"] += right
            totals[f"{name} refused"] += ans.refused
            row[name] = {"text": ans.text, "refused": ans.refused, "contains": right}
        totals["recall@5"] += scoring.recall_at([p.text for p in on.passages], q["golds"], 5)
        totals["prompt changed"] += prompt_changed
        if (
            row["on"]["contains"] != row["all_off"]["contains"]
            or row["on"]["contains"] != row["answer_off"]["contains"]
        ):
            changed.append(q["id"])
        if out:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
            out.flush()
        print(f"{i}/{len(questions)} {q['id']} on={row['on']['contains']:.0f} answer_off="
              f"{row['answer_off']['contains']:.0f} all_off={row['all_off']['contains']:.0f}"
              f"{' prompt changed' if prompt_changed else ''}", flush=True)  # fmt: skip
    n = len(questions)
    print(f"\n{n} open questions ({args.months}), store {a.settings.store.dir}\n")
    print("| defences | contains-gold | refused | recall@5 |\n|---|---|---|---|")
    for name, label in (
        ("on", "all on"),
        ("answer_off", "answer layer off"),
        ("all_off", "evidence, prompt, answer off"),
    ):
        print(f"| {label} | {totals[f'{name} right'] / n:.3f} | {totals[f'{name} refused'] / n:.3f} | "
              f"{totals['recall@5'] / n:.3f} |")  # fmt: skip
    print(f"\nprompt changed by the evidence and prompt layers: {totals['prompt changed']} of {n}")
    print(f"contains-gold differs between configurations: {len(changed)} ({', '.join(changed) or 'none'})")
    if (BENCH / "articles.jsonl").exists():
        kinds = ingest_removals(BENCH / "articles.jsonl")
        print(f"ingest layer over the corpus's {kinds.pop('articles')} articles: removes words from "
              f"{kinds.pop('with words removed')}; per kind {dict(kinds)}")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

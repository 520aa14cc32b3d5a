"""Does the answer step set a contradicting source beside the cited one? Written pairs, the real local model.

    python benchmarks/conflicts.py [--split tune|heldout|apart]

Each pair of ``benchmarks/conflicts/pairs.jsonl`` becomes two articles' evidence, [1] the cited sentence and [2]
the other, and the answer is the cited term: the conflict check of ``qa.answer`` (near duplicates with other
figures, or a rival claim the model's judge rates about as answering as the cited one) either reports [2] or not.
Prints found and falsely flagged conflicts per kind (figure, name). Needs no store and no benchmark data.
``--split apart`` runs all of ``apart.jsonl``, 60 pairs a second helper wrote later, also without seeing the rule:
a validation set for a change to the rule, read by its totals only. ``--split apart2`` runs ``apart2.jsonl``, 60
pairs a third helper wrote without seeing the rule or the rival reader, before the reader was measured on them.
``--no-reader`` leaves out the reading of each rival the judge lets stand for its own answer, as before it.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from _provenance import print_provenance  # noqa: E402

PAIRS = ROOT / "benchmarks" / "conflicts" / "pairs.jsonl"
APART = ROOT / "benchmarks" / "conflicts" / "apart.jsonl"
APART2 = ROOT / "benchmarks" / "conflicts" / "apart2.jsonl"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--split", choices=["tune", "heldout", "apart", "apart2"], default="tune")
    ap.add_argument("--no-reader", action="store_true", help="do not read a rival the judge lets stand for its answer")
    args = ap.parse_args()
    print_provenance("temporary and empty (each pair's evidence is given)")
    import datetime as dt

    from qa import conflicts
    from qa.answer import Assistant
    from qa.answerability import judge, sentence_answer
    from qa.citations import citation_for
    from qa.config import Settings
    from qa.types import Evidence, Passage

    path = {"apart": APART, "apart2": APART2}.get(args.split, PAIRS)
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    if args.split in ("tune", "heldout"):
        rows = [r for r in rows if (int(r["id"][1:]) % 2 == 1) == (args.split == "tune")]
    if args.split == "heldout":
        print("held-out half: report these figures once, at the end of the issue; do not design on its misses")
    with tempfile.TemporaryDirectory() as tmp:
        a = Assistant(Settings(store_dir=Path(tmp) / "store"))
        a.model.load()
        counts: Counter = Counter()
        for r in rows:
            ev = []
            for n, (text, day) in enumerate(((r["cited"], 1), (r["other"], 2)), 1):
                p = Passage(chunk_id=f"c{n}", doc_id=f"d{n}", title="", text=text, start=0, end=len(text),
                            source=f"outlet{n}.example", published=dt.date(2026, 3, day))  # fmt: skip
                ev.append(Evidence(n=n, passage=p, quote=text, start=0, end=len(text), score=1.0))
            cited_yes = judge(a.model.judge_llm, r["question"], [("2026-03-01", r["cited"])])
            # the pairs name the bare number; an answer states it with its scale ("$4.2 billion")
            at = r["cited"].index(r["answer"]) + len(r["answer"])
            scale = re.match(r"\s+(?:thousand|million|billion|trillion)\b", r["cited"][at:])
            answer = f"{r['answer']}{scale.group(0) if scale else ''} [1]"
            judged = (lambda q, s: judge(a.model.judge_llm, q, s)) if cited_yes is not None else None
            below = a.settings.answer.judge_below
            reader = None if args.no_reader else (lambda q, d, s: sentence_answer(a.model.reader_llm, q, d, s))
            cited = [citation_for(ev[0])]
            found = bool(conflicts.find(cited, ev, r["question"], answer, a.embedder, judged, below, (), reader))
            counts[(r["kind"], r["conflict"], found)] += 1
            print(f"{r['id']} {r['kind']:6s} conflict={r['conflict']!s:5s} reported={found}", flush=True)
    print(f"\n| kind ({args.split}) | conflicts reported | look-alikes reported |\n|---|---|---|")
    for kind in ("figure", "name"):
        pos = counts[(kind, True, True)], counts[(kind, True, True)] + counts[(kind, True, False)]
        neg = counts[(kind, False, True)], counts[(kind, False, True)] + counts[(kind, False, False)]
        print(f"| {kind} | {pos[0]} of {pos[1]} | {neg[0]} of {neg[1]} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

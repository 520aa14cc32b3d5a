"""Calibrate ``refuse_below``: the best evidence sentence's similarity for questions whose gold answer is in
the retrieved passages (answerable here) versus those where it is not, on the January-April questions.

    QA_STORE_DIR=<corpus store> python benchmarks/calibrate_refusal.py
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from retrieval_levers import QUESTIONS, TUNE, load  # noqa: E402 - the same question set as every lever

from qa import scoring  # noqa: E402
from qa.answer import Assistant  # noqa: E402

OFF_TOPIC = [  # questions no news corpus of 2026 answers: what the score looks like when nothing fits
    "What is the boiling point of liquid nitrogen in Kelvin?",
    "Who won the 1954 chess championship of Iceland?",
    "What is the recipe for grandmother's plum dumplings?",
    "How many moons does the fictional planet Zorblax have?",
    "What is the airspeed velocity of an unladen swallow?",
    "Which team won the 2031 World Cup?",
]


def main() -> int:
    if not QUESTIONS.exists():
        print(f"SKIP: {QUESTIONS} is absent")
        return 0
    qs = load(TUNE, QUESTIONS)
    a = Assistant()
    hit, miss = [], []
    for q in qs:
        f = a.retriever_filters(q["date"])
        ev = a.select_evidence(q["question"], a.retriever.search(q["question"], f), as_of=f.upper)
        best = max((e.score for e in ev), default=0.0)
        in_evidence = scoring.recall_at([e.quote for e in ev], [q["answer"]], len(ev))
        (hit if in_evidence else miss).append(best)
    off = []
    for q in OFF_TOPIC:
        ev = a.select_evidence(q, a.retriever.search(q))
        off.append(max((e.score for e in ev), default=0.0))
    hit_a, miss_a = np.array(hit), np.array(miss)
    out = {"answer_in_evidence": len(hit), "not_in_evidence": len(miss)}
    for t in (0.2, 0.25, 0.3, 0.32, 0.35, 0.4):
        out[f"t={t}"] = {
            "refused_though_answer_in_evidence": round(float((hit_a < t).mean()), 3) if len(hit) else None,
            "refused_without_answer": round(float((miss_a < t).mean()), 3) if len(miss) else None,
            "off_topic_refused": sum(x < t for x in off),
        }
    out["quantiles_answer_in_evidence"] = [round(float(x), 3) for x in np.quantile(hit_a, [0.02, 0.05, 0.1, 0.5])]
    out["off_topic_best"] = [round(x, 3) for x in off]
    print(json.dumps(out, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Query rewriting by the model (HyDE) and a sentence-level re-ranking of the passages: answer recall@k and gold
in the evidence, each lever alone against the defaults (issue #6).

- HyDE (Gao et al. 2022): the local model writes the sentence a news report would answer the question with, and
  that sentence is searched for too. The model cannot know 2026 news, so the sentence is wrong in its facts; what
  it may carry is the form of an answer ("X was the center of the crackdown ...") that a question lacks.
- Re-ranking: the top 40 fused passages ordered by their best evidence sentence (the product's own sentence
  score, which includes its passage-rank term), since a 700-character chunk's one embedding dilutes the sentence
  that answers.

The hypothetical sentences are generated once and cached (``--cache``); the time they took is printed, since the
product would pay it before retrieval, on the time to the first token.

    QA_STORE_DIR=<store with articles.jsonl ingested> python benchmarks/query_levers.py [--months ...] [--limit N]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from retrieval_levers import QUESTIONS, TUNE, load  # noqa: E402 - the same question set as every lever

from qa import scoring  # noqa: E402
from qa.answer import Assistant  # noqa: E402
from qa.embed import Embedder  # noqa: E402
from qa.types import Passage  # noqa: E402

HYDE_SYSTEM = (
    "Write one sentence as a news report would state the answer to the question, with names, places and numbers. "
    "If you do not know, write a plausible one. Output only the sentence."
)
KS = (1, 5, 8, 20)
POOL = 40  # passages the re-ranking orders


class QuestionPlusAnswer:
    """An embedder whose vector for the question is the mean of the question's and the hypothetical sentence's
    (already embedded for its search), so that evidence sentences are scored by similarity to both (the scale of
    the score stays that of one similarity, so the other weights keep their meaning)."""

    def __init__(self, embedder: Embedder, question: str, hypothetical: np.ndarray):
        self.embedder, self.question, self.hypothetical = embedder, question, hypothetical

    def embed(self, texts: list[str]) -> np.ndarray:
        vecs = self.embedder.embed(texts)
        if texts and texts[0] == self.question:
            vecs = vecs.copy()
            vecs[0] = (vecs[0] + self.hypothetical) / 2
        return vecs


def hypotheticals(a: Assistant, qs: list[dict], cache: Path) -> dict[str, tuple[str, float]]:
    """question -> (hypothetical sentence, seconds the model took to write it), cached across runs."""
    known: dict[str, tuple[str, float]] = {}
    if cache.exists():
        for line in cache.read_text().splitlines():
            row = json.loads(line)
            known[row["question"]] = (row["hypothetical"], row["seconds"])
    llm = a.llm.bind(max_tokens=60)
    with cache.open("a") as out:
        for q in qs:
            if q["question"] in known:
                continue
            t = time.perf_counter()
            text = str(llm.invoke([("system", HYDE_SYSTEM), ("human", q["question"])]).content).strip()
            took = time.perf_counter() - t
            known[q["question"]] = (text.splitlines()[0] if text else q["question"], took)
            out.write(json.dumps({"question": q["question"], "hypothetical": known[q["question"]][0], "seconds": took}))
            out.write("\n")
    return known


def reranked(a: Assistant, question: str, passages: list[Passage], as_of) -> list[Passage]:
    """Passages in the order of their best evidence sentence; those with none keep their fused order after."""
    ranked = a.select_evidence(question, passages, as_of=as_of, n=10_000, by_date=False)
    first = {cid: i for i, cid in enumerate(dict.fromkeys(e.passage.chunk_id for e in ranked))}
    return sorted(passages, key=lambda p: first.get(p.chunk_id, len(first)))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--months", default=TUNE)
    ap.add_argument("--limit", type=int)
    ap.add_argument("--cache", type=Path, help="JSON lines of the hypothetical sentences (default: in the temp dir)")
    args = ap.parse_args()
    if not QUESTIONS.exists():
        print(f"SKIP: {QUESTIONS} is absent (../shared/benchmarks is not on this machine)")
        return 0
    qs = load(args.months)[: args.limit]
    cache = args.cache or Path(tempfile.gettempdir()) / f"newsqa-hyde-{args.months.replace(',', '_')}.jsonl"
    a = Assistant()
    a.retriever.lexical()
    hyp = hypotheticals(a, qs, cache)
    gen = statistics.median(hyp[q["question"]][1] for q in qs)
    print(f"hypothetical sentences: written by the model in {gen:.2f} s per question (p50; cache: {cache})")

    rows = [
        "default",
        "hypothetical answer as a third ranking, weight 0.5",
        "hypothetical answer as a third ranking, weight 1",
        "sentences scored against question + hypothetical answer",
        "third ranking (weight 1) + sentences scored with it",
        f"top {POOL} re-ranked by their best evidence sentence",
    ]
    rec = {r: {k: 0.0 for k in KS} for r in rows}
    hits = dict.fromkeys(rows, 0)
    extra_s = dict.fromkeys(rows, 0.0)
    st = a.settings
    for q in qs:
        question, golds = q["question"], [q["answer"]]
        f = a.retriever_filters(as_of=q["date"])
        h = hyp[question][0]
        t = time.perf_counter()
        hv = a.embedder.embed([h])[0]
        hyde_list = a.retriever.dense(hv, st.candidates, f)
        t_hyde = time.perf_counter() - t
        base = a.retriever.search(question, f, k=POOL)
        third = {w: a.retriever.search(question, f, k=20, extra=[(hyde_list, w)]) for w in (0.5, 1.0)}
        t = time.perf_counter()
        rr = reranked(a, question, base, f.upper)
        t_rr = time.perf_counter() - t
        ranking = {rows[0]: base, rows[1]: third[0.5], rows[2]: third[1.0], rows[3]: base, rows[4]: third[1.0]}
        ranking[rows[5]] = rr
        for r in rows:
            texts = [p.text for p in ranking[r]]
            for k in KS:
                rec[r][k] += scoring.recall_at(texts, golds, k)
            scorer = QuestionPlusAnswer(a.embedder, question, hv) if r in (rows[3], rows[4]) else a.embedder
            evidence = a.select_evidence(question, ranking[r][: st.top_k], as_of=f.upper, embedder=scorer)
            hits[r] += any(scoring.contains(e.quote, golds) for e in evidence)
        for r in rows[1:5]:
            extra_s[r] += t_hyde
        extra_s[rows[5]] += t_rr
    n = max(len(qs), 1)
    print(f"{len(qs)} questions ({args.months}); gold in the 5 evidence sentences from the top {st.top_k} passages")
    print("| lever | recall@1 | recall@5 | recall@8 | recall@20 | gold in evidence | added s per question |")
    print("|---|---|---|---|---|---|---|")
    for r in rows:
        cells = " | ".join(f"{rec[r][k] / n:.3f}" for k in KS)
        added = extra_s[r] / n + (gen if r in rows[1:5] else 0.0)  # the model's sentence comes first
        print(f"| {r} | {cells} | {hits[r] / n:.3f} | {added:.2f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

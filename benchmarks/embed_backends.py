"""Embedding runtimes side by side, in one run: chunks/s on the same chunks, and dense recall@5/@20 on the
January-April questions of the 2026 quiz against the float32 reference.

    python benchmarks/embed_backends.py [--chunks 2000] [--questions 100] [--seed 0] [--backends torch,openvino]
    python benchmarks/embed_backends.py --duplicates   # chunks of the whole corpus whose text another shares

1. Throughput: the first ``--chunks`` chunks of the corpus, as ingest makes them (title, date and text), embedded
   by each backend after a warm-up; also each backend's cosine to the float32 vectors, and one question's latency.
2. Recall: ``--questions`` January-April questions (seeded sample) that have search results; the articles of those
   results are chunked as ingest does and searched by embedding alone (numpy, every chunk scored), so nothing but
   the embedder differs. recall@k: the gold answer is in one of the top k chunks (qa.scoring.recall_at).

Needs ../shared/benchmarks (skips with a message where it is absent). Prints its provenance first.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from _provenance import print_provenance  # noqa: E402

from qa import scoring  # noqa: E402
from qa.config import Settings  # noqa: E402
from qa.embed import Embedder  # noqa: E402
from qa.ingest.chunk import chunk_article  # noqa: E402
from qa.ingest.pipeline import IngestReport, read_articles  # noqa: E402
from qa.questions import load_questions  # noqa: E402

DATA = Path(__file__).resolve().parents[2] / "shared" / "benchmarks" / "realtimeqa-2026"
TUNING = ["2026-01", "2026-02", "2026-03", "2026-04"]


def chunks_of(lines: list[str], settings: Settings) -> list[tuple[str, str]]:
    """(embedded text, stored text) of every chunk of these corpus lines, read and chunked as ingest does."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "articles.jsonl"
        path.write_text("".join(lines), encoding="utf-8")
        articles = read_articles([path], settings, IngestReport())
    s = settings
    return [(c.embed_text, c.text) for a in articles for c in chunk_article(a, s.ingest.chunk_chars)]


def duplicates(settings: Settings) -> int:
    """How much embedding "each distinct text once" would save: chunks whose embedded text (title, date, text)
    another chunk of the corpus repeats, and those whose text alone repeats."""
    from collections import Counter

    pairs = chunks_of((DATA / "articles.jsonl").read_text(encoding="utf-8").splitlines(keepends=True), settings)
    embedded, stored = Counter(t for t, _ in pairs), Counter(t for _, t in pairs)
    n = len(pairs)
    print(
        f"{n} chunks; repeated embedded texts {n - len(embedded)} ({(n - len(embedded)) / n:.2%}), "
        f"repeated texts {n - len(stored)} ({(n - len(stored)) / n:.2%})"
    )
    return 0


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--chunks", type=int, default=2000)
    ap.add_argument("--questions", type=int, default=100, help="January-April questions for recall (0: skip)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--backends", default="torch,openvino", help="the first is the reference")
    ap.add_argument("--duplicates", action="store_true", help="only count repeated chunk texts in the corpus")
    args = ap.parse_args()
    print_provenance()  # no store: the chunks are made here from the corpus file
    if not DATA.exists():
        print(f"SKIP: {DATA} is absent (the benchmark data lives beside the checkout)")
        return 0
    if args.duplicates:
        return duplicates(Settings(store_dir=Path("/nonexistent")))
    backends = args.backends.split(",")
    print("backends:", backends)
    settings = Settings(store_dir=Path("/nonexistent"))
    embedders = {b: Embedder(settings.replace(embed_backend=b)) for b in backends}

    lines = (DATA / "articles.jsonl").read_text(encoding="utf-8").splitlines(keepends=True)
    texts: list[str] = []
    for line in lines:
        texts += [t for t, _ in chunks_of([line], settings)]
        if len(texts) >= args.chunks:
            break
    texts = texts[: args.chunks]
    print(f"\n## Throughput: {len(texts)} chunks (mean {np.mean([len(t) for t in texts]):.0f} characters)")
    vecs, rates = {}, {}
    for b, e in embedders.items():
        e.embed(texts[:64])  # warm-up: first-call allocations are not throughput
        t0 = time.perf_counter()
        vecs[b] = e.embed(texts)
        rate = rates[b] = len(texts) / (time.perf_counter() - t0)
        t0 = time.perf_counter()
        for _ in range(50):
            e.embed(["How many US troops are in Syria?"])
        query_ms = (time.perf_counter() - t0) * 20
        cos = (vecs[b] * vecs[backends[0]]).sum(1)
        ratio = rate / rates[backends[0]]
        print(
            f"{b:10s} {rate:6.1f} chunks/s ({ratio:.2f}x)  one question {query_ms:5.1f} ms  "
            f"cosine to {backends[0]}: min {cos.min():.5f} mean {cos.mean():.5f}"
        )
    if args.questions <= 0:
        return 0

    by_url = {json.loads(line)["url"]: line for line in lines}
    qs = [q for q in load_questions(DATA / "questions.jsonl", TUNING) if q.get("search_urls")]
    qs = random.Random(args.seed).sample(qs, min(args.questions, len(qs)))
    urls = sorted({u for q in qs for u in q["search_urls"] if u in by_url})
    pool = chunks_of([by_url[u] for u in urls], settings)
    print(
        f"\n## Dense recall: {len(qs)} January-April questions, {len(urls)} articles of their search results, "
        f"{len(pool)} chunks"
    )
    for b, e in embedders.items():
        t0 = time.perf_counter()
        mat = e.embed([t for t, _ in pool])
        secs = time.perf_counter() - t0
        qv = e.embed([q["question"] for q in qs])
        rec: dict[int, list[float]] = {5: [], 20: []}
        for i, q in enumerate(qs):
            top = np.argsort(-(mat @ qv[i]))[:20]
            found = [pool[j][1] for j in top]
            for k in rec:
                rec[k].append(scoring.recall_at(found, q["golds"], k))
        print(
            f"{b:10s} recall@5 {np.mean(rec[5]):.3f}  recall@20 {np.mean(rec[20]):.3f}  "
            f"({len(pool) / secs:.1f} chunks/s over the pool)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())

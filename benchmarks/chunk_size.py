"""Which chunk size retrieves best: answer recall@5 / @20 of the January-April benchmark questions over the
articles their searches returned, one store per chunk size, hybrid retrieval with as_of = question date.

    python benchmarks/chunk_size.py [--questions 60] [--sizes 400,700,1000]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from qa import scoring  # noqa: E402
from qa.answer import Assistant  # noqa: E402
from qa.config import Settings  # noqa: E402
from qa.ingest import ingest  # noqa: E402
from qa.questions import TUNE_MONTHS, load_questions  # noqa: E402

BENCH = Path(__file__).resolve().parents[2] / "shared" / "benchmarks" / "realtimeqa-2026"


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--questions", type=int, default=60)
    ap.add_argument("--sizes", default="400,700,1000")
    args = ap.parse_args()
    if not BENCH.exists():
        print(f"SKIP: {BENCH} is absent")
        return 0
    qs = [q for q in load_questions(BENCH / "questions.jsonl", TUNE_MONTHS) if q["search_urls"]][: args.questions]
    urls = {u for q in qs for u in q["search_urls"]}
    tmp = Path(tempfile.mkdtemp(prefix="newsqa-chunks-"))
    subset = tmp / "subset.jsonl"
    with (BENCH / "articles.jsonl").open() as f, subset.open("w") as out:
        for line in f:
            if json.loads(line)["url"] in urls:
                out.write(line)
    rows = []
    for size in [int(s) for s in args.sizes.split(",")]:
        settings = Settings(store_dir=tmp / f"store{size}", chunk_chars=size)
        a = Assistant(settings)
        report = ingest([subset], a.store, a.embedder, settings, progress=False)
        r5, r20 = [], []
        for q in qs:
            texts = [p.text for p in a.retriever.search(q["question"], a.retriever_filters(q["date"]), k=20)]
            r5.append(scoring.recall_at(texts, [q["answer"]], 5))
            r20.append(scoring.recall_at(texts, [q["answer"]], 20))
        rows.append(
            {
                "chunk_chars": size,
                "chunks": report.chunks_added,
                "recall@5": round(statistics.fmean(r5), 3),
                "recall@20": round(statistics.fmean(r20), 3),
            }
        )
        print(json.dumps(rows[-1]), flush=True)
    print(json.dumps({"questions": len(qs), "articles": sum(1 for _ in subset.open()), "results": rows}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Ingest benchmark on the 2026 corpus: chunks, chunks/s, wall / pure-embedding ratio, peak RSS, re-ingest time.

    python benchmarks/ingest_corpus.py [--limit N] [--store DIR]

Run from the repository root. Needs ../shared/benchmarks (skips with a message where it is absent).
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from _provenance import print_provenance  # noqa: E402

from qa.config import Settings  # noqa: E402
from qa.embed import get_embedder  # noqa: E402
from qa.ingest.chunk import chunk_article  # noqa: E402
from qa.ingest.pipeline import IngestReport, ingest, read_articles  # noqa: E402
from qa.store import Store  # noqa: E402

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "benchmarks" / "realtimeqa-2026" / "articles.jsonl"


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--limit", type=int, help="first N articles only")
    ap.add_argument(
        "--store", "--store-dir", dest="store_dir", metavar="DIR", help="keep the store here (default: a temporary one)"
    )
    ap.add_argument("--chunk-chars", type=int)
    args = ap.parse_args()
    if not CORPUS.exists():
        print(f"SKIP: {CORPUS} is absent (the benchmark data lives beside the checkout)")
        return 0
    src = CORPUS
    tmp = Path(tempfile.mkdtemp(prefix="newsqa-bench-"))
    if args.limit:
        src = tmp / "articles.jsonl"
        with CORPUS.open() as f, src.open("w") as out:
            for i, line in enumerate(f):
                if i >= args.limit:
                    break
                out.write(line)
    store_dir = Path(args.store_dir) if args.store_dir else tmp / "store"
    print_provenance(store_dir.resolve())
    overrides = {"chunk_chars": args.chunk_chars} if args.chunk_chars else {}
    settings = Settings(store_dir=store_dir, **overrides)
    embedder = get_embedder(settings)
    store = Store(settings, embedder.name, embedder.dim)

    t0 = time.perf_counter()
    first = ingest([src], store, embedder, settings, progress=False)
    wall = time.perf_counter() - t0
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    # The pure embedding time of the very same chunks, embedded alone in this process.
    texts = [
        c.embed_text
        for a in read_articles([src], settings, IngestReport())
        for c in chunk_article(a, settings.ingest.chunk_chars)
    ]
    t1 = time.perf_counter()
    embedder.embed(texts)
    pure = time.perf_counter() - t1

    calls_before = embedder.calls
    t2 = time.perf_counter()
    second = ingest([src], store, embedder, settings, progress=False)
    reingest = time.perf_counter() - t2

    out = {
        "articles": first.ingested,
        "skipped": len(first.skipped),
        "chunks": first.chunks_added,
        "chunks_per_s": round(first.chunks_added / wall, 1),
        "wall_s": round(wall, 1),
        "pure_embed_s": round(pure, 1),
        "wall_over_pure_embed": round(wall / pure, 3),
        "peak_rss_mb": round(rss_mb),
        "reingest_s": round(reingest, 1),
        "reingest_embeddings": embedder.calls - calls_before,
        "reingest_unchanged": second.unchanged,
    }
    print(json.dumps(out, indent=2))
    if not args.store_dir:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""``python ingest.py PATH...``: ingest articles into the store and say exactly what happened to each."""

from __future__ import annotations

import argparse
import logging
import sys

from qa.config import Settings


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        prog="ingest.py",
        description="Ingest news articles (seed .txt, .txt/.md, .html, .json/.jsonl) into the newsqa store.",
    )
    ap.add_argument("paths", nargs="+", help="files, folders or glob patterns")
    ap.add_argument("--prune", action="store_true", help="remove stored articles whose files are gone")
    ap.add_argument("--store-dir", help="store folder (default: QA_STORE_DIR)")
    ap.add_argument("--quiet", action="store_true", help="no progress bar")
    ap.add_argument(
        "--batch", type=int, default=512, help="chunks embedded and written per step (smaller: finer resume points)"
    )
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")

    overrides = {"store_dir": args.store_dir} if args.store_dir else {}
    settings = Settings(**overrides)
    from qa.embed import get_embedder
    from qa.ingest.pipeline import ingest
    from qa.store import Store, StoreError

    try:
        embedder = get_embedder(settings)
        store = Store(settings, embedder.name, embedder.dim)
    except (StoreError, FileNotFoundError) as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    report = ingest(
        args.paths,
        store,
        embedder,
        settings,
        prune=args.prune,
        progress=not args.quiet,
        batch_chunks=max(1, args.batch),
    )
    print(report.summary())
    print(f"store: {settings.store.chroma_url or settings.store.dir} ({store.count()} chunks)")
    return 0 if report.ok else 1


if __name__ == "__main__":
    sys.exit(main())

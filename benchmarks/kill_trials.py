"""Kill safety: SIGKILL `python ingest.py` at random moments, run it again, compare with a clean ingest.

After each trial the store must hold exactly the clean ingest's chunk ids (no duplicates, nothing missing, no
stale half-article). Prints one line per trial (when it was killed, how many chunks the killed run had written)
and a summary.

    python benchmarks/kill_trials.py [--trials 20] [--articles 300] [--seed 0]
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT))

from _provenance import print_provenance  # noqa: E402
from conftest import all_ids, make_settings, write_articles  # noqa: E402

from qa.embed import get_embedder  # noqa: E402
from qa.store import Store  # noqa: E402


def ids_in(store_dir: Path, embedder) -> list[str]:
    s = make_settings(store_dir.parent).replace(store_dir=store_dir)
    return all_ids(Store(s, embedder.name, embedder.dim))


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--trials", type=int, default=20)
    ap.add_argument("--articles", type=int, default=300)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--batch", type=int, default=16, help="chunks per write step of the ingest")
    args = ap.parse_args()
    print_provenance("temporary, one clean and one per trial, built by this run")
    rng = random.Random(args.seed)
    embedder = get_embedder(make_settings(Path(tempfile.gettempdir())))
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        folder = tmp / "articles"
        write_articles(folder, args.articles, seed=args.seed, words=80)
        # small write steps, so that kills land between, before and after many writes
        cmd = [sys.executable, "ingest.py", str(folder), "--quiet", "--batch", str(args.batch)]
        t = time.perf_counter()
        clean_dir = tmp / "clean" / "store"
        subprocess.run(cmd, cwd=ROOT, env={**os.environ, "QA_STORE_DIR": str(clean_dir)}, check=True)
        clean_s = time.perf_counter() - t
        expected = ids_in(clean_dir, embedder)
        print(f"clean ingest: {args.articles} articles -> {len(expected)} chunks in {clean_s:.1f} s", flush=True)
        ok = 0
        for trial in range(args.trials):
            store_dir = tmp / f"killed{trial}" / "store"
            env = {**os.environ, "QA_STORE_DIR": str(store_dir)}
            at = rng.uniform(0.3 * clean_s, clean_s)  # the first ~30 % is start-up: no write to interrupt
            proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            time.sleep(at)
            finished_first = proc.poll() is not None
            proc.send_signal(signal.SIGKILL)
            proc.wait(timeout=30)
            partial = len(ids_in(store_dir, embedder)) if (store_dir / "chroma.sqlite3").exists() else 0
            rerun = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=900)
            got = ids_in(store_dir, embedder)
            same = rerun.returncode == 0 and got == expected and len(got) == len(set(got))
            ok += same
            note = " (had already finished)" if finished_first else ""
            print(
                f"trial {trial + 1:2d}: killed at {at:5.1f} s{note}, {partial:4d} chunks written; rerun rc "
                f"{rerun.returncode}, {len(got)} chunks, {'identical to clean' if same else 'DIFFERENT'}",
                flush=True,
            )
            if not same:
                print(rerun.stdout[-1500:], rerun.stderr[-1500:])
        print(f"\n{ok}/{args.trials} trials equal a clean ingest ({len(expected)} chunk ids, no duplicates)")
    return 0 if ok == args.trials else 1


if __name__ == "__main__":
    raise SystemExit(main())

"""Fuzz the article readers and the date parsing at scale: the properties of tests/test_fuzz.py with 10,000
examples each (instead of CI's 300), and per target the inputs tried, crashes, records read and clean rejections
by kind of message.

    python benchmarks/fuzz.py [--examples 10000] [--random] [-k html]

Runs pytest in a subprocess with QA_FUZZ_EXAMPLES and QA_FUZZ_STATS set; each test writes its counts to the stats
file, read back here. Derandomized (the same inputs every run) unless --random. Exit status: pytest's.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _provenance import print_provenance

ROOT = Path(__file__).resolve().parents[1]


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--examples", type=int, default=10_000, help="examples per target (default 10,000)")
    ap.add_argument("--random", action="store_true", help="new random inputs instead of the derandomized ones")
    ap.add_argument("-k", default=None, help="pytest -k expression, to fuzz only some targets")
    args = ap.parse_args()
    print_provenance()  # no store: the readers and date parsers are fuzzed on generated inputs

    with tempfile.TemporaryDirectory(prefix="newsqa-fuzz-") as tmp:
        stats_path = Path(tmp) / "stats.json"
        env = {**os.environ, "QA_FUZZ_EXAMPLES": str(args.examples), "QA_FUZZ_STATS": str(stats_path)}
        env.pop("QA_FUZZ_RANDOM", None)
        if args.random:
            env["QA_FUZZ_RANDOM"] = "1"
        cmd = [sys.executable, "-m", "pytest", "tests/test_fuzz.py", "-q", "-p", "no:cacheprovider"]
        if args.k:
            cmd += ["-k", args.k]
        mode = "random" if args.random else "derandomized"
        print(f"fuzzing: {args.examples:,} examples per target ({mode}) ...", flush=True)
        t0 = time.perf_counter()
        proc = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True)
        wall = time.perf_counter() - t0
        stats = json.loads(stats_path.read_text()) if stats_path.exists() else {}

    crashes = 0
    for target, s in stats.items():
        crashes += s["crashes"]
        rejected = sum(s["rejected"].values())
        print(
            f"\n{target}: {s['inputs']:,} inputs, {s['crashes']:,} crashes, {s['ok']:,} ok "
            f"(records read / dates found), {rejected:,} clean rejections, {s['seconds']:.1f} s"
        )
        for why, n in s["rejected"].items():
            print(f"  {n:>8,}  {why}")
    verdict = "passed" if proc.returncode == 0 else f"FAILED (pytest exit {proc.returncode})"
    print(f"\n{len(stats)} targets, {crashes:,} crashes, {wall:.1f} s wall: {verdict}")
    if proc.returncode != 0:  # the failing examples, as hypothesis reports them
        print(proc.stdout[-6000:], proc.stderr[-2000:], sep="\n")
    return proc.returncode


if __name__ == "__main__":
    sys.exit(main())

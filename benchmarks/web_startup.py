"""Seconds from `python app.py` to the page answering HTTP 200, to the first answer, and a later answer's time.

    python benchmarks/web_startup.py --store <store>

The first question is asked as soon as the page is up (as a user would); the later one right after it. Both are
real questions about data/'s article, so both run the model: "first answer" minus "later answer" is what the
launch costs (the store, the model load, and whatever the warm-up did not take off the first question).

Two launches, one after the other: the first without a saved system-prompt state (the model's warmed KV state is
removed from the cache folder first, as on a machine where nothing saved it), so the launch computes and saves it;
the second restores it, as every launch after `make setup` does.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from _provenance import print_provenance, use_store

ROOT = Path(__file__).resolve().parents[1]
FIRST = "How many US troops are in Syria?"
LATER = "Who controls the oil fields in eastern Syria?"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--store", help="the store the app serves (default: QA_STORE_DIR, else the configured one)")
    args = ap.parse_args()
    print_provenance(use_store(args.store))  # the app, started below, inherits QA_STORE_DIR
    from qa.config import Settings

    saved = list((Settings().cache_dir / "kv").glob("warm-*.bin"))
    for f in saved:
        f.unlink()
    print(f"removed {len(saved)} saved system-prompt states", flush=True)
    for label in ("first launch, no saved state", "next launch, state restored"):
        print(json.dumps({"launch": label, **launch()}), flush=True)
    return 0


def launch() -> dict:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "QA_PORT": str(port)}
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "app.py"], cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    page = ready = later_s = None
    first = later = {}
    try:
        while time.perf_counter() - t0 < 300:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=1)
                page = page or time.perf_counter() - t0
                from gradio_client import Client

                client = Client(f"http://127.0.0.1:{port}/", verbose=False)
                first = client.predict(FIRST, None, None, None, api_name="/ask")
                ready = time.perf_counter() - t0
                t1 = time.perf_counter()
                later = client.predict(LATER, None, None, None, api_name="/ask")
                later_s = time.perf_counter() - t1
                break
            except OSError:
                time.sleep(0.1)
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    return {
        "page_up_s": round(page or -1, 2),
        "first_answer_s": round(ready or -1, 2),
        "later_answer_s": round(later_s or -1, 2),
        "first": first.get("text") or first.get("error"),
        "later": later.get("text") or later.get("error"),
    }


if __name__ == "__main__":
    sys.exit(main())

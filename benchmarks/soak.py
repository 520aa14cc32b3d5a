"""Load soak: N concurrent users against a real `python app.py` on loopback, for a bounded time.

Measures failed requests, latency p50/p95 and throughput of `/ask` (queued behind the one model slot), of
Gradio's `/retrieve` (sources without generation, through gradio_client) and of the JSON API's
`POST /api/retrieve` (plain HTTP, qa.api), and the server's memory growth from after warm-up to after the soak.
The model is SmolLM2-135M by default: the soak is about the server (queue, memory, errors), not answer quality.

    python benchmarks/soak.py [--clients 50] [--seconds 120] [--retrieve-seconds 30] [--store DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from _provenance import print_provenance  # noqa: E402
from load import QUESTIONS, new_client, rest_soak, soak, start_app  # noqa: E402 - the helpers tests use too


def seed_store(tmp: Path) -> Path:
    store = tmp / "store"
    env = {**os.environ, "QA_STORE_DIR": str(store)}
    subprocess.run([sys.executable, "ingest.py", "data/", "--quiet"], cwd=ROOT, env=env, check=True, timeout=600)
    return store


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--seconds", type=float, default=120, help="how long /ask users keep asking")
    ap.add_argument("--retrieve-seconds", type=float, default=30)
    ap.add_argument("--store", help="an ingested store (default: the shipped sample in a temp store)")
    ap.add_argument("--gguf", default="smollm2", help="QA_LLM_GGUF for the server")
    ap.add_argument("--out", default="artifacts/soak.json")
    args = ap.parse_args()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # run the finally below: never leave the app running
    print_provenance(Path(args.store).resolve() if args.store else "a temporary store of data/ (the shipped sample)")
    with tempfile.TemporaryDirectory() as tmp:
        store = Path(args.store) if args.store else seed_store(Path(tmp))
        app = start_app(store, Path(tmp) / "app.log", QA_LLM_GGUF=args.gguf)
        try:
            warm = new_client(app.url)
            for q in QUESTIONS:  # load the model, build the BM25 index, cache the system prompt
                warm.predict(q, api_name="/ask")
                warm.predict(q, api_name="/retrieve")
            rss0 = app.rss()
            t = time.time()
            ask = soak(app.url, "/ask", args.clients, args.seconds)
            ask_wall = time.time() - t
            rss1 = app.rss()
            t = time.time()
            ret = soak(app.url, "/retrieve", args.clients, args.retrieve_seconds)
            ret_wall = time.time() - t
            rss2 = app.rss()
            t = time.time()
            api = rest_soak(app.url, args.clients, args.retrieve_seconds)
            api_wall = time.time() - t
            rss3 = app.rss()
            alive = app.proc.poll() is None
        finally:
            app.stop()
    report = {
        "clients": args.clients,
        "model": args.gguf,
        "ask": {
            **ask.summary(),
            "wall_s": round(ask_wall, 1),
            "throughput_per_s": round(len(ask.latencies) / ask_wall, 2),
        },
        "retrieve": {
            **ret.summary(),
            "wall_s": round(ret_wall, 1),
            "throughput_per_s": round(len(ret.latencies) / ret_wall, 1),
        },
        "api_retrieve": {
            **api.summary(),
            "wall_s": round(api_wall, 1),
            "throughput_per_s": round(len(api.latencies) / api_wall, 1),
        },
        "rss_after_warmup_mb": round(rss0 / 2**20),
        "rss_after_ask_mb": round(rss1 / 2**20),
        "rss_after_retrieve_mb": round(rss2 / 2**20),
        "rss_after_api_retrieve_mb": round(rss3 / 2**20),
        "memory_growth_pct": round(100 * (max(rss1, rss2, rss3) - rss0) / rss0, 2),
        "server_alive": alive,
    }
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(report, indent=2))
    print(json.dumps(report, indent=2))
    return 0 if alive and not ask.failures and not ret.failures and not api.failures else 1


if __name__ == "__main__":
    raise SystemExit(main())

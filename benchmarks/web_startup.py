"""Seconds from `python app.py` to the page answering HTTP 200, and to the model being ready.

QA_STORE_DIR=<store> python benchmarks/web_startup.py
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "QA_PORT": str(port)}
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "app.py"], cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    page = ready = None
    try:
        while time.perf_counter() - t0 < 300:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=1)
                page = page or time.perf_counter() - t0
                from gradio_client import Client

                Client(f"http://127.0.0.1:{port}/", verbose=False).predict("warm?", None, None, None, api_name="/ask")
                ready = time.perf_counter() - t0
                break
            except OSError:
                time.sleep(0.1)
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    print(json.dumps({"page_up_s": round(page or -1, 2), "first_answer_s": round(ready or -1, 2)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())

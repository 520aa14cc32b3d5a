"""Load-test helpers shared by tests/test_soak.py (bounded in count) and benchmarks/soak.py (timed): start a real
`python app.py` on a free loopback port, and drive it with concurrent gradio_client users or JSON API users."""

from __future__ import annotations

import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
QUESTIONS = [
    "How many US troops are in Syria?",
    "How many US troops are in Iraq?",
    "What did the coalition strikes target?",
    "Who carried out the rocket attack?",
    "When did the strikes happen?",
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class App:
    proc: subprocess.Popen
    url: str
    log: Path

    def rss(self) -> int:
        """Resident memory of the server and its children (the model runs in-process)."""
        import psutil

        p = psutil.Process(self.proc.pid)
        return p.memory_info().rss + sum(c.memory_info().rss for c in p.children(recursive=True))

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)


def start_app(store_dir: Path, log: Path, **env_extra: str) -> App:
    port = free_port()
    env = {**os.environ, "QA_STORE_DIR": str(store_dir), "QA_PORT": str(port), "QA_HOST": "127.0.0.1"}
    env.setdefault("QA_LLM_GGUF", "smollm2")
    env.update(env_extra)
    out = log.open("w")
    proc = subprocess.Popen([sys.executable, "app.py"], cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/"
    deadline = time.time() + 180
    while time.time() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"the app exited with {proc.returncode}: {log.read_text()[-2000:]}")
        try:
            urllib.request.urlopen(url, timeout=2)
            return App(proc, url, log)
        except OSError:
            time.sleep(0.5)
    proc.kill()
    raise RuntimeError("the app did not come up in 180 s")


@dataclass
class Result:
    latencies: list[float] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    busy: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def summary(self) -> dict:
        lat = sorted(self.latencies)
        pick = (lambda q: round(lat[min(len(lat) - 1, int(q * (len(lat) - 1) + 0.5))], 2)) if lat else (lambda q: None)
        return {
            "requests": len(lat) + len(self.failures) + self.busy,
            "ok": len(lat),
            "failed": len(self.failures),
            "busy": self.busy,
            "p50_s": pick(0.5),
            "p95_s": pick(0.95),
            "mean_s": round(statistics.fmean(lat), 2) if lat else None,
            "failure_examples": self.failures[:5],
        }


def new_client(url: str):
    from gradio_client import Client

    # httpx's default 5 s would count a slow queue *join* on a saturated 2-core machine as a failure; a
    # user's browser waits far longer, so the soak client does too
    return Client(url, verbose=False, download_files=False, httpx_kwargs={"timeout": 300})


def soak(url: str, api: str, clients: int, seconds: float, max_requests: int | None = None) -> Result:
    """Each of `clients` threads asks in a loop until `seconds` have passed (or it made `max_requests`)."""
    res = Result()
    start = threading.Barrier(clients)
    deadline = [0.0]

    def user(k: int) -> None:
        rng = random.Random(k)
        try:
            client = new_client(url)
        except Exception as e:  # noqa: BLE001
            with res.lock:
                res.failures.append(f"connect: {type(e).__name__}: {e}")
            start.abort()
            return
        try:
            start.wait(timeout=300)
        except threading.BrokenBarrierError:
            pass
        if k == 0:
            deadline[0] = time.time() + seconds
        made = 0
        # a fixed count when one is given (tests), else keep asking until the deadline (the soak)
        while made < max_requests if max_requests else (made == 0 or time.time() < deadline[0]):
            made += 1
            q = rng.choice(QUESTIONS)
            t = time.perf_counter()
            try:
                out = client.predict(q, api_name=api)
                ok = isinstance(out, dict) and "error" not in out and (out.get("text") or out.get("passages"))
                with res.lock:
                    if ok:
                        res.latencies.append(time.perf_counter() - t)
                    else:
                        res.failures.append(f"bad answer: {str(out)[:200]}")
            except Exception as e:  # noqa: BLE001
                msg = f"{type(e).__name__}: {e}"
                with res.lock:
                    if "queue is full" in msg.lower():
                        res.busy += 1  # the clear "busy" answer: counted, not a failure
                    else:
                        res.failures.append(msg[:300])

    threads = [threading.Thread(target=user, args=(k,), daemon=True) for k in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return res


def rest_soak(url: str, clients: int, seconds: float, max_requests: int | None = None) -> Result:
    """``clients`` concurrent users POSTing questions to ``/api/retrieve``, the plain JSON route (qa.api). One
    asyncio loop drives them all, so the load generator's own CPU cost stays small beside the server's on the
    same two cores."""
    import asyncio

    import httpx

    res = Result()
    endpoint = url.rstrip("/") + "/api/retrieve"

    async def user(k: int, client: httpx.AsyncClient, deadline: float) -> None:
        rng = random.Random(k)
        made = 0
        while made < max_requests if max_requests else (made == 0 or time.time() < deadline):
            made += 1
            t = time.perf_counter()
            try:
                r = await client.post(endpoint, json={"question": rng.choice(QUESTIONS)})
                ok = r.status_code == 200 and r.json().get("passages")
                if ok:
                    res.latencies.append(time.perf_counter() - t)
                else:
                    res.failures.append(f"HTTP {r.status_code}: {r.text[:200]}")
            except Exception as e:  # noqa: BLE001
                res.failures.append(f"{type(e).__name__}: {e}"[:300])

    async def run() -> None:
        limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
        async with httpx.AsyncClient(timeout=300, limits=limits) as client:
            deadline = time.time() + seconds
            await asyncio.gather(*(user(k, client, deadline) for k in range(clients)))

    asyncio.run(run())
    return res

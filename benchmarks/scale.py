"""Scale benchmark: dense retrieval latency, memory and disk per chunk at multiples of the 2026 corpus, with Chroma
embedded (``PersistentClient``) and as a server (a real ``chroma run`` on a free loopback port), plus the in-memory
BM25 index every app replica builds.

    python benchmarks/scale.py [--scales 1,3,10] [--modes embedded,server] [--store /tmp/corpus_store]
                               [--out artifacts/scale]
    python benchmarks/scale.py --scales 0.02,0.05 --out /tmp/scale-smoke      # smoke run, a minute or two

Each scaled store is built from an existing store's ids, embeddings, documents and metadatas, read in pages and
upserted as replicas whose ids (and doc_ids) end in ``-r{k}``, with the SAME embeddings: nothing is re-embedded.
A scale of 0.05 takes the first 5 % of the source chunks; 3 takes three replicas. ``--jitter`` adds Gaussian noise
to the replicas' vectors (k >= 1), since exact duplicates are not quite a corpus three times as large for HNSW.

Opening a Chroma store with a client writes to it (a row in its ``acquire_write`` table, even for reads), so the
source is never opened: it is snapshotted first (SQLite's backup API plus a copy of the index folders) into the
temporary folder, and only the snapshot is opened. Do not run this while something ingests into the source.

Every measurement runs in a fresh subprocess, so RSS figures are not polluted by earlier scales:
  * build: upserts through ``qa.store.Store`` (same collection metadata and HNSW configuration as the app); the
    insert time counts the upserts only, not the reading of the source.
  * query: ``Store.query_ids`` with n_results=40 (what the app asks) for ~200 query vectors: 50 generic news
    questions embedded once with the project's embedder, each also with 3 noisy variants; first the cold query
    (index load), then p50/p95. Also ``Store.query`` (documents + metadatas: the app's filtered fallback).
  * memory: embedded -> RSS growth of the querying process (after imports -> after the queries); server -> RSS of
    the server process tree after a restart and the queries, minus the RSS of the same server while empty.
    Bytes per chunk include the fixed cost of a client or server: the "marginal" figures (the growth between two
    scales divided by the chunks added) are the ones to extrapolate with.
  * BM25: ``qa.retrieve._Lexical`` (what each replica holds: bm25s plus the chunk texts and metadata) built over
    the scaled store, its build time (reading from the store included), RSS growth and query latency.

Writes scale.json, scale.md and scale.png into --out. Skips with a message where the source store is absent.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.metadata
import json
import os
import platform
import resource
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import numpy as np
from _provenance import print_provenance

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

DEFAULT_SOURCE = Path("/tmp/corpus_store")
N_RESULTS = 40  # Settings.candidates: what the app asks Chroma for
NOISE = 0.01  # per-dimension std of the noise of query variants (|noise| ~ 0.2 for 384 dims)

QUESTIONS = [
    "What did the president say about the new tariffs?",
    "How many people were killed in the earthquake?",
    "Who won the election?",
    "What caused the wildfire?",
    "How much did inflation rise last month?",
    "What did the Federal Reserve decide about interest rates?",
    "Which company announced layoffs this week?",
    "Why did the government shut down?",
    "What is the latest on the ceasefire talks?",
    "Who was arrested in connection with the shooting?",
    "How many troops will be sent to the border?",
    "What did the Supreme Court rule?",
    "Which team won the championship game?",
    "What are the symptoms of the new virus variant?",
    "How much will the new stadium cost?",
    "Who is the new prime minister?",
    "What did the jury decide in the trial?",
    "How many flights were cancelled because of the storm?",
    "What sanctions were imposed on Russia?",
    "What did the report say about climate change?",
    "Which country hosted the summit?",
    "How many jobs were added to the economy?",
    "What happened to the stock market after the announcement?",
    "Who resigned from the cabinet?",
    "What is the price of oil now?",
    "Why was the bill rejected by the Senate?",
    "How many migrants crossed the border?",
    "What did the company say about the data breach?",
    "Where did the plane crash?",
    "What new law takes effect next year?",
    "Who was named the new chief executive?",
    "How many votes did the measure receive?",
    "What did NATO leaders agree on?",
    "Which city was hit hardest by the flooding?",
    "What is the death toll from the attack?",
    "How did the central bank respond to the currency drop?",
    "What did the health officials recommend?",
    "Which films were nominated for best picture?",
    "What are the terms of the trade deal?",
    "Who is running for governor?",
    "How much aid was pledged to Ukraine?",
    "What did the investigation find about the bridge collapse?",
    "Which schools closed because of the strike?",
    "What is the unemployment rate?",
    "Who was pardoned by the president?",
    "What did the spacecraft discover?",
    "How many hostages were released?",
    "What were the results of the primary?",
    "Why did the airline cancel its orders?",
    "What did the UN Security Council vote on?",
]


# --- small helpers ------------------------------------------------------------------------------------------------
def rss_bytes(pid: int | str = "self") -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    try:
        import psutil

        return psutil.Process(None if pid == "self" else int(pid)).memory_info().rss
    except Exception:  # noqa: BLE001 - no /proc and no psutil: report nothing rather than fail
        return 0


def tree_rss(pid: int) -> int:
    """RSS of a process and all its descendants (``chroma run`` is one process today; this stays honest if not)."""
    children: dict[int, list[int]] = {}
    for d in Path("/proc").iterdir():
        if d.name.isdigit():
            try:
                ppid = int((d / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(d.name))
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        total += rss_bytes(p)
        todo.extend(children.get(p, []))
    return total


def malloc_trim() -> bool:
    """Hand freed heap memory back to the OS (glibc): separates live data from what the allocator merely keeps."""
    try:
        import ctypes

        return bool(ctypes.CDLL("libc.so.6").malloc_trim(0))
    except (OSError, AttributeError):
        return False


def peak_rss_bytes() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # kB on Linux


def disk_bytes(path: Path) -> int:
    """Allocated bytes under path, like ``du``."""
    total = 0
    for dirpath, _, files in os.walk(path):
        for f in files:
            try:
                total += os.lstat(os.path.join(dirpath, f)).st_blocks * 512
            except OSError:
                pass
    return total


def pct(values: list[float], q: float) -> float:
    v = sorted(values)
    return v[min(len(v) - 1, int(q * (len(v) - 1) + 0.5))]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def snapshot(src: Path, dst: Path) -> None:
    """Copy a Chroma store without opening it with Chroma: SQLite's backup API (a consistent read) for the database,
    plain copies for the HNSW segment folders."""
    dst.mkdir(parents=True)
    for p in src.iterdir():
        if p.is_dir():
            shutil.copytree(p, dst / p.name)
        elif p.name.endswith(".sqlite3"):
            s = sqlite3.connect(f"file:{p}?mode=ro", uri=True)
            d = sqlite3.connect(dst / p.name)
            try:
                s.backup(d)
            finally:
                d.close()
                s.close()
        elif not p.name.endswith(("-wal", "-shm", "-journal")):
            shutil.copy2(p, dst / p.name)


def settings_for(w: dict):
    from qa.config import Settings

    return Settings(store_dir=Path(w["store_dir"]), chroma_url=w.get("url"), collection=w["collection"])


# --- workers: each runs in a fresh interpreter and prints one RESULT line -------------------------------------------
def worker_info(w: dict) -> dict:
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    client = chromadb.PersistentClient(path=w["source"], settings=ChromaSettings(anonymized_telemetry=False))
    col = client.get_collection(w["collection"], embedding_function=None)
    total = col.count()
    meta = col.metadata or {}
    rng = np.random.default_rng(w["seed"])
    sample = []
    for off in rng.choice(total, size=min(w["n_queries"], total), replace=False):
        sample.append(np.asarray(col.get(include=["embeddings"], limit=1, offset=int(off))["embeddings"][0]))
    np.save(w["chunk_vectors"], np.asarray(sample, dtype=np.float32))
    return {
        "chunks": total,
        "embed_model": meta.get("embed_model"),
        "embed_dim": int(meta.get("embed_dim", 0)),
        "configuration": {k: v for k, v in (col.configuration or {}).items() if k == "hnsw"},
        "max_batch_size_embedded": client.get_max_batch_size(),
    }


def worker_embed(w: dict) -> dict:
    from qa.config import Settings
    from qa.embed import get_embedder

    emb = get_embedder(Settings())
    if emb.name != w["embed_model"] or emb.dim != w["embed_dim"]:
        return {"ok": False, "why": f"project embedder is {emb.name} ({emb.dim}), the store has {w['embed_model']}"}
    np.save(w["out"], emb.embed(QUESTIONS))
    return {"ok": True, "model": emb.name}


def worker_build(w: dict) -> dict:
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    from qa.store import Store, unpack

    src = chromadb.PersistentClient(path=w["source"], settings=ChromaSettings(anonymized_telemetry=False))
    col = src.get_collection(w["collection"], embedding_function=None)
    total = col.count()
    if total == 0:
        raise SystemExit("the source store is empty")
    store = Store(settings_for(w), w["embed_model"], w["embed_dim"])
    rng = np.random.default_rng(w["seed"])
    n, page, jitter = w["n"], w["page"], w["jitter"]
    done, k, insert_s, t0 = 0, 0, 0.0, time.perf_counter()
    while done < n:
        for off in range(0, total, page):
            take = min(page, total - off, n - done)
            if take <= 0:
                break
            res = col.get(include=["embeddings", "documents", "metadatas"], limit=take, offset=off)
            vectors = np.asarray(res["embeddings"], dtype=np.float32)
            if k and jitter:
                vectors += rng.normal(0.0, jitter, vectors.shape).astype(np.float32)
                vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
            ids = [f"{i}-r{k}" for i in res["ids"]]
            chunks = [unpack(d, m) for d, m in zip(res["documents"], res["metadatas"])]
            metas = [{**m, "doc_id": f"{m.get('doc_id', '')}-r{k}"} for _, m in chunks]
            t = time.perf_counter()
            store.upsert(ids, vectors, [d for d, _ in chunks], metas)
            insert_s += time.perf_counter() - t
            done += len(ids)
        k += 1
    return {
        "inserted": done,
        "count": store.count(),
        "replicas": k,
        "insert_s": insert_s,
        "build_wall_s": time.perf_counter() - t0,
        "max_batch_size": store.client.get_max_batch_size(),
        "batch_used": store._max_batch,
    }


def worker_query(w: dict) -> dict:
    from qa.store import Store

    rss_import = rss_bytes()
    store = Store(settings_for(w), w["embed_model"], w["embed_dim"], create=False)
    count = store.count()
    rss_open = rss_bytes()
    queries = np.load(w["queries"])
    t = time.perf_counter()
    store.query_ids(queries[0], N_RESULTS)
    cold = time.perf_counter() - t
    rss_loaded = rss_bytes()
    lat, hits = [], []
    for v in queries:
        t = time.perf_counter()
        res = store.query_ids(v, N_RESULTS)
        lat.append(time.perf_counter() - t)
        hits.append(len(res))
    full = []
    for v in queries[:50]:
        t = time.perf_counter()
        store.query(v, N_RESULTS, None)
        full.append(time.perf_counter() - t)
    rss_after = rss_bytes()
    trimmed = malloc_trim()
    rss_trimmed = rss_bytes() if trimmed else None
    return {
        "count": count,
        "queries": len(lat),
        "min_hits": min(hits),
        "cold_ms": 1000 * cold,
        "p50_ms": 1000 * pct(lat, 0.5),
        "p95_ms": 1000 * pct(lat, 0.95),
        "full_p50_ms": 1000 * pct(full, 0.5),
        "full_p95_ms": 1000 * pct(full, 0.95),
        "rss_import": rss_import,
        "rss_open": rss_open,
        "rss_loaded": rss_loaded,
        "rss_after": rss_after,
        "rss_trimmed": rss_trimmed,
        "peak_rss": peak_rss_bytes(),
    }


def worker_bm25(w: dict) -> dict:
    import gc

    import bm25s  # noqa: F401 - _Lexical imports it lazily: ~40 MB that are not the index's

    from qa.retrieve import Filters, _Lexical
    from qa.store import Store

    store = Store(settings_for(w), w["embed_model"], w["embed_dim"], create=False)
    store.col.get(include=["documents", "metadatas"], limit=1)  # warm the client's read path too
    gc.collect()
    rss0, peak0 = rss_bytes(), peak_rss_bytes()
    t = time.perf_counter()
    lex = _Lexical.build(store)
    build = time.perf_counter() - t
    gc.collect()
    rss1, peak1 = rss_bytes(), peak_rss_bytes()
    trimmed = malloc_trim()
    rss2 = rss_bytes()
    lat = []
    for q in QUESTIONS:
        t = time.perf_counter()
        lex.search(q, N_RESULTS, Filters())
        lat.append(time.perf_counter() - t)
    return {
        "chunks": lex.count,
        "build_s": build,
        "rss_before": rss0,
        "rss_after": rss1,
        "rss_growth": rss1 - rss0,
        "live_growth": (rss2 - rss0) if trimmed else None,
        "peak_growth": max(0, peak1 - max(peak0, rss0)),
        "query_p50_ms": 1000 * pct(lat, 0.5),
        "query_p95_ms": 1000 * pct(lat, 0.95),
    }


WORKERS = {
    "info": worker_info,
    "embed": worker_embed,
    "build": worker_build,
    "query": worker_query,
    "bm25": worker_bm25,
}


def run_worker(name: str, payload: dict, timeout: float | None = None) -> dict:
    env = {**os.environ, "ANONYMIZED_TELEMETRY": "False", "TOKENIZERS_PARALLELISM": "false"}
    cmd = [sys.executable, str(Path(__file__).resolve()), "--worker", name, json.dumps(payload)]
    p = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, env=env, timeout=timeout)
    for line in reversed(p.stdout.splitlines()):
        if line.startswith("RESULT "):
            if p.returncode == 0:
                return json.loads(line[7:])
            break
    raise RuntimeError(f"worker {name} failed (rc {p.returncode}):\n{p.stderr[-3000:]}\n{p.stdout[-1000:]}")


# --- the Chroma server ----------------------------------------------------------------------------------------------
class ChromaServer:
    """``chroma run`` on a free 127.0.0.1 port; stop() sends SIGTERM to its PID (SIGKILL after 20 s)."""

    def __init__(self, path: Path, log: Path):
        exe = Path(sys.executable).with_name("chroma")
        if not exe.exists():
            exe = Path(shutil.which("chroma") or "chroma")
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = log
        self._logf = log.open("ab")
        self.proc = subprocess.Popen(
            [str(exe), "run", "--path", str(path), "--host", "127.0.0.1", "--port", str(self.port)],
            stdout=self._logf,
            stderr=subprocess.STDOUT,
            env={**os.environ, "ANONYMIZED_TELEMETRY": "False"},
        )
        try:
            self._wait()
        except BaseException:
            self.stop()
            raise

    def _wait(self, timeout: float = 90.0) -> None:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            if self.proc.poll() is not None:
                raise RuntimeError(f"chroma run exited with {self.proc.returncode}: {self.log.read_text()[-2000:]}")
            try:
                urllib.request.urlopen(f"{self.url}/api/v2/heartbeat", timeout=1)
                return
            except OSError:
                time.sleep(0.3)
        raise RuntimeError(f"chroma run did not answer on {self.url} within {timeout:.0f} s")

    @property
    def pid(self) -> int:
        return self.proc.pid

    def stop(self) -> None:
        if self.proc.poll() is None:
            os.kill(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.kill(self.proc.pid, signal.SIGKILL)
                self.proc.wait()
        self._logf.close()


# --- one (scale, mode) ----------------------------------------------------------------------------------------------
def measure(
    mode: str, scale: float, n: int, base: dict, tmp: Path, need_bm25: bool, prebuilt: Path | None = None, keep=False
) -> tuple[dict, dict | None]:
    """One (scale, mode). ``prebuilt``: a server serves that folder (the embedded build of the same scale: Chroma's
    on-disk format is the same) instead of inserting everything again through HTTP, which at 10x costs most of an
    hour for a figure (insert rate through the server) that the smaller scales already give. ``keep``: leave the
    folder for the next mode to serve."""
    path = prebuilt or tmp / f"{mode}-{scale:g}"
    common = {**base, "store_dir": str(path if mode == "embedded" else tmp / "unused"), "url": None}
    row: dict = {"scale": scale, "mode": mode}
    bm25 = None
    if mode == "embedded":
        build = run_worker("build", {**common, "n": n})
        query = run_worker("query", common)
        if need_bm25:
            bm25 = run_worker("bm25", common)
        rss_growth = query["rss_after"] - query["rss_import"]
        row.update(
            rss_bytes=query["rss_after"],
            rss_baseline_bytes=query["rss_import"],
            live_growth_bytes=None if query["rss_trimmed"] is None else query["rss_trimmed"] - query["rss_import"],
        )
    else:
        log = tmp / f"chroma-{scale:g}.log"
        empty = tmp / f"empty-{scale:g}"
        server = ChromaServer(empty if prebuilt else path, log)
        try:
            rss_empty = tree_rss(server.pid)
            if prebuilt:
                build = {"count": n, "replicas": None, "insert_s": None, "build_wall_s": None}
                build |= {"max_batch_size": None, "batch_used": None}
            else:
                build = run_worker("build", {**common, "url": server.url, "n": n})
            rss_build = None if prebuilt else tree_rss(server.pid)
        finally:
            server.stop()
            shutil.rmtree(empty, ignore_errors=True)
        server = ChromaServer(path, log)  # a restart: memory of a server that loaded the index from disk and serves
        try:
            rss_fresh = tree_rss(server.pid)
            query = run_worker("query", {**common, "url": server.url})
            rss_after = tree_rss(server.pid)
            if need_bm25:
                bm25 = run_worker("bm25", {**common, "url": server.url})
        finally:
            server.stop()
        rss_growth = rss_after - rss_empty
        row.update(
            rss_bytes=rss_after,
            rss_baseline_bytes=rss_empty,
            server_rss_after_build_bytes=rss_build,
            server_rss_restarted_bytes=rss_fresh,
            client_rss_growth_bytes=query["rss_after"] - query["rss_import"],
        )
    if build["count"] != n or query["count"] != n:
        raise RuntimeError(f"{mode} x{scale:g}: expected {n} chunks, the store holds {build['count']}/{query['count']}")
    disk = disk_bytes(path)
    if not keep:
        shutil.rmtree(path, ignore_errors=True)
    row.update(
        chunks=n,
        replicas=build["replicas"],
        served_from=str(prebuilt.name) if prebuilt else None,
        insert_s=None if build["insert_s"] is None else round(build["insert_s"], 3),
        insert_chunks_per_s=round(n / build["insert_s"], 1) if build["insert_s"] else None,
        build_wall_s=None if build["build_wall_s"] is None else round(build["build_wall_s"], 3),
        max_batch_size=build["max_batch_size"],
        batch_used=build["batch_used"],
        query_cold_ms=round(query["cold_ms"], 2),
        query_p50_ms=round(query["p50_ms"], 2),
        query_p95_ms=round(query["p95_ms"], 2),
        query_full_p50_ms=round(query["full_p50_ms"], 2),
        query_full_p95_ms=round(query["full_p95_ms"], 2),
        queries=query["queries"],
        min_hits=query["min_hits"],
        rss_growth_bytes=rss_growth,
        bytes_per_chunk=round(rss_growth / n, 1),
        disk_bytes=disk,
        disk_bytes_per_chunk=round(disk / n, 1),
    )
    if bm25 is not None:
        bm25 = {
            "scale": scale,
            "chunks": bm25["chunks"],
            "read_from": mode,
            "build_s": round(bm25["build_s"], 3),
            "rss_growth_bytes": bm25["rss_growth"],
            "bytes_per_chunk": round(bm25["rss_growth"] / max(bm25["chunks"], 1), 1),
            "live_growth_bytes": bm25["live_growth"],
            "live_bytes_per_chunk": None
            if bm25["live_growth"] is None
            else round(bm25["live_growth"] / max(bm25["chunks"], 1), 1),
            "peak_growth_bytes": bm25["peak_growth"],
            "query_p50_ms": round(bm25["query_p50_ms"], 2),
            "query_p95_ms": round(bm25["query_p95_ms"], 2),
        }
    return row, bm25


def add_marginals(rows: list[dict], key: str, growth: str, out: str) -> None:
    """(growth at scale i - growth at scale i-1) / (chunks added): the per-chunk cost without fixed overheads."""
    groups: dict[str, list[dict]] = {}
    for r in rows:
        groups.setdefault(r.get(key, ""), []).append(r)
    for group in groups.values():
        group.sort(key=lambda r: r["chunks"])
        prev = None
        for r in group:
            if prev is not None and r["chunks"] > prev["chunks"]:
                r[out] = round((r[growth] - prev[growth]) / (r["chunks"] - prev["chunks"]), 1)
            prev = r


# --- reporting ------------------------------------------------------------------------------------------------------
def mb(b: float | None) -> str:
    return "" if b is None else f"{b / 2**20:,.1f}"


def num(x, fmt: str = ",.1f") -> str:
    return "" if x is None else format(x, fmt)


def markdown(rows: list[dict], bm25: list[dict], meta: dict) -> str:
    lines = [
        f"Source: {meta['source_chunks']:,} chunks ({meta['embed_model']}, {meta['embed_dim']} dims); "
        f"{meta['queries']} query vectors ({meta['query_source']}), n_results={N_RESULTS}; "
        f"{meta['cpu_count']} CPUs, load average {meta['loadavg_start']} at start, {meta['loadavg_end']} at end.",
        "",
        "| scale | mode | chunks | insert s | chunks/s | query p50 ms | p95 ms | cold ms | with docs p50 ms "
        "| RSS MB | RSS growth MB | B/chunk | marginal B/chunk | disk MB | disk B/chunk |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        lines.append(
            f"| {r['scale']:g} | {r['mode']} | {r['chunks']:,} | {num(r['insert_s'])} "
            f"| {num(r['insert_chunks_per_s'])} "
            f"| {num(r['query_p50_ms'], '.2f')} | {num(r['query_p95_ms'], '.2f')} | {num(r['query_cold_ms'])} "
            f"| {num(r['query_full_p50_ms'], '.2f')} | {mb(r['rss_bytes'])} | {mb(r['rss_growth_bytes'])} "
            f"| {num(r['bytes_per_chunk'], ',.0f')} | {num(r.get('marginal_bytes_per_chunk'), ',.0f')} "
            f"| {mb(r['disk_bytes'])} | {num(r['disk_bytes_per_chunk'], ',.0f')} |"
        )
    lines += [
        "",
        "RSS: embedded = the querying process; server = the `chroma run` process after a restart and the queries. "
        "Growth = minus the same process before any data (embedded: after imports; server: empty server). "
        "Marginal = growth between two scales / chunks added (fixed costs removed). A server row without an insert "
        "figure served the embedded build of the same scale (same on-disk format) instead of inserting it again.",
        "",
        "BM25 index per app replica (`qa.retrieve._Lexical`: bm25s + chunk texts and metadata):",
        "",
        "| scale | chunks | build s (incl. reading the store) | RSS growth MB | B/chunk | marginal B/chunk "
        "| live MB (after malloc_trim) | live B/chunk | marginal live B/chunk | transient peak MB "
        "| query p50 ms | p95 ms |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for b in bm25:
        lines.append(
            f"| {b['scale']:g} | {b['chunks']:,} | {num(b['build_s'], '.2f')} | {mb(b['rss_growth_bytes'])} "
            f"| {num(b['bytes_per_chunk'], ',.0f')} | {num(b.get('marginal_bytes_per_chunk'), ',.0f')} "
            f"| {mb(b['live_growth_bytes'])} | {num(b['live_bytes_per_chunk'], ',.0f')} "
            f"| {num(b.get('marginal_live_bytes_per_chunk'), ',.0f')} "
            f"| {mb(b['peak_growth_bytes'])} | {num(b['query_p50_ms'], '.2f')} | {num(b['query_p95_ms'], '.2f')} |"
        )
    return "\n".join(lines) + "\n"


def plot(rows: list[dict], bm25: list[dict], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(12, 4.5))
    for mode in dict.fromkeys(r["mode"] for r in rows):
        rs = sorted((r for r in rows if r["mode"] == mode), key=lambda r: r["chunks"])
        x = [r["chunks"] for r in rs]
        (line,) = ax1.plot(x, [r["query_p50_ms"] for r in rs], marker="o", label=f"{mode} p50")
        ax1.plot(x, [r["query_p95_ms"] for r in rs], marker="x", ls="--", color=line.get_color(), label=f"{mode} p95")
        ax2.plot(x, [r["bytes_per_chunk"] for r in rs], marker="o", label=f"{mode} (RSS growth / chunks)")
    if bm25:
        bs = sorted(bm25, key=lambda b: b["chunks"])
        x = [b["chunks"] for b in bs]
        ax2.plot(x, [b["bytes_per_chunk"] for b in bs], marker="s", ls=":", label="BM25 per replica (RSS growth)")
        if all(b.get("live_bytes_per_chunk") for b in bs):
            ax2.plot(x, [b["live_bytes_per_chunk"] for b in bs], marker="s", ls="-.", label="BM25 live (malloc_trim)")
    ax1.set(xscale="log", xlabel="chunks", ylabel="ms", title=f"dense query latency (n_results={N_RESULTS})")
    ax2.set(xscale="log", yscale="log", xlabel="chunks", ylabel="bytes / chunk", title="memory per chunk")
    from matplotlib.ticker import FuncFormatter, NullFormatter

    ticks = sorted({r["chunks"] for r in rows})
    for ax in (ax1, ax2):
        ax.set_xticks(ticks)
        ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:,.0f}"))
        ax.xaxis.set_minor_formatter(NullFormatter())
        ax.grid(True, which="both", alpha=0.3)
        ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    plt.close(fig)


# --- main -----------------------------------------------------------------------------------------------------------
def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--scales", default="1,3,10", help="multiples of the source corpus, e.g. 1,3,10 or 0.02,0.05")
    ap.add_argument("--modes", default="embedded,server", help="embedded, server or both")
    ap.add_argument(
        "--store",
        "--source-store",
        dest="source_store",
        metavar="DIR",
        type=Path,
        default=DEFAULT_SOURCE,
        help="an ingested store, the source of every scale (never written)",
    )
    ap.add_argument("--collection", default="newsqa")
    ap.add_argument("--out", type=Path, default=ROOT / "artifacts" / "scale")
    ap.add_argument("--queries", type=int, default=200, help="query vectors per (scale, mode)")
    ap.add_argument("--query-source", choices=["questions", "chunks"], default="questions")
    ap.add_argument("--page", type=int, default=5000, help="chunks read from the source per page")
    ap.add_argument("--jitter", type=float, default=0.0, help="noise std added to replica vectors (default: none)")
    ap.add_argument("--no-bm25", action="store_true")
    ap.add_argument(
        "--server-insert-above",
        type=float,
        default=3.0,
        help="above this scale the server serves the embedded build instead of inserting again (insert rate "
        "through the server is then measured at the smaller scales only)",
    )
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--tmp-dir", help="where the temporary stores go (default: the system's temp folder)")
    ap.add_argument("--keep", action="store_true", help="keep the temporary folder (snapshot and logs)")
    ap.add_argument("--worker", nargs=2, metavar=("NAME", "JSON"), help=argparse.SUPPRESS)
    args = ap.parse_args()

    if args.worker:
        name, payload = args.worker
        print("RESULT " + json.dumps(WORKERS[name](json.loads(payload))), flush=True)
        return 0

    source = args.source_store
    print_provenance(source.resolve())
    if not (source / "chroma.sqlite3").is_file():
        print(f"SKIP: no Chroma store at {source} (ingest the corpus first, or pass --source-store)")
        return 0
    scales = [float(s) for s in args.scales.split(",") if s.strip()]
    modes = [m.strip() for m in args.modes.split(",") if m.strip()]
    if not scales or any(s <= 0 for s in scales) or not modes or set(modes) - {"embedded", "server"}:
        ap.error("--scales must be positive numbers and --modes a list of embedded, server")

    args.out.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix="newsqa-scale-", dir=args.tmp_dir))
    started = dt.datetime.now().isoformat(timespec="seconds")
    load0 = [round(x, 2) for x in os.getloadavg()]
    rows: list[dict] = []
    bm25_rows: list[dict] = []
    try:
        t = time.perf_counter()
        snapshot(source, tmp / "source")
        print(f"snapshot of {source} ({disk_bytes(tmp / 'source') / 2**20:,.0f} MB) in {time.perf_counter() - t:.1f} s")
        base = {"source": str(tmp / "source"), "collection": args.collection, "seed": args.seed}
        info = run_worker("info", {**base, "n_queries": args.queries, "chunk_vectors": str(tmp / "chunk_vectors.npy")})
        base.update(embed_model=info["embed_model"], embed_dim=info["embed_dim"], page=args.page, jitter=args.jitter)
        print(
            f"source: {info['chunks']:,} chunks, {info['embed_model']} ({info['embed_dim']} dims), "
            f"{info['configuration']}, max batch size (embedded) {info['max_batch_size_embedded']}"
        )

        rng = np.random.default_rng(args.seed)
        query_source = args.query_source
        if query_source == "questions":
            got = run_worker("embed", {**base, "out": str(tmp / "questions.npy")})
            if got["ok"]:
                q = np.load(tmp / "questions.npy")
                reps = -(-args.queries // len(q))
                variants = [q] + [q + rng.normal(0.0, NOISE, q.shape) for _ in range(reps - 1)]
                vectors = np.concatenate(variants)[: args.queries]
            else:
                print(f"note: {got['why']}; querying with noisy chunk vectors instead")
                query_source = "chunks"
        if query_source == "chunks":
            c = np.load(tmp / "chunk_vectors.npy")
            vectors = c + rng.normal(0.0, NOISE, c.shape)
        vectors = (vectors / np.linalg.norm(vectors, axis=1, keepdims=True)).astype(np.float32)
        np.save(tmp / "queries.npy", vectors)
        base["queries"] = str(tmp / "queries.npy")

        for scale in scales:
            n = max(1, round(scale * info["chunks"]))
            reuse = scale > args.server_insert_above and modes == ["embedded", "server"]
            for i, mode in enumerate(modes):
                t = time.perf_counter()
                prebuilt = tmp / f"embedded-{scale:g}" if reuse and mode == "server" else None
                row, bm = measure(
                    mode, scale, n, base, tmp, not args.no_bm25 and i == 0, prebuilt, keep=reuse and mode == "embedded"
                )
                rows.append(row)
                if bm:
                    bm25_rows.append(bm)
                if prebuilt:
                    shutil.rmtree(prebuilt, ignore_errors=True)
                print(
                    f"x{scale:g} {mode}: {n:,} chunks, insert {row['insert_chunks_per_s'] or 'served, no'} chunks/s, "
                    f"query p50 {row['query_p50_ms']:.2f} ms p95 {row['query_p95_ms']:.2f} ms, "
                    f"RSS growth {mb(row['rss_growth_bytes'])} MB ({row['bytes_per_chunk']:,.0f} B/chunk), "
                    f"disk {mb(row['disk_bytes'])} MB ({time.perf_counter() - t:.0f} s)",
                    flush=True,
                )
                if bm:
                    print(
                        f"x{scale:g} BM25: build {bm['build_s']:.2f} s, RSS growth {mb(bm['rss_growth_bytes'])} MB "
                        f"({bm['bytes_per_chunk']:,.0f} B/chunk; live {mb(bm['live_growth_bytes'])} MB), "
                        f"query p50 {bm['query_p50_ms']:.2f} ms",
                        flush=True,
                    )
    finally:
        if args.keep:
            print(f"kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)

    add_marginals(rows, "mode", "rss_growth_bytes", "marginal_bytes_per_chunk")
    add_marginals(rows, "mode", "disk_bytes", "marginal_disk_bytes_per_chunk")
    add_marginals(bm25_rows, "read_from", "rss_growth_bytes", "marginal_bytes_per_chunk")
    if all(b.get("live_growth_bytes") is not None for b in bm25_rows):
        add_marginals(bm25_rows, "read_from", "live_growth_bytes", "marginal_live_bytes_per_chunk")
    meta = {
        "started": started,
        "source_store": str(source),
        "source_chunks": info["chunks"],
        "embed_model": info["embed_model"],
        "embed_dim": info["embed_dim"],
        "hnsw": info["configuration"].get("hnsw"),
        "max_batch_size_embedded": info["max_batch_size_embedded"],
        "scales": scales,
        "modes": modes,
        "queries": len(vectors),
        "query_source": query_source,
        "n_results": N_RESULTS,
        "jitter": args.jitter,
        "chromadb": importlib.metadata.version("chromadb"),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpu_count": os.cpu_count(),
        "loadavg_start": load0,
        "loadavg_end": [round(x, 2) for x in os.getloadavg()],
    }
    md = markdown(rows, bm25_rows, meta)
    (args.out / "scale.json").write_text(json.dumps({"meta": meta, "results": rows, "bm25": bm25_rows}, indent=2))
    (args.out / "scale.md").write_text(md)
    plot(rows, bm25_rows, args.out / "scale.png")
    print()
    print(md)
    print(f"wrote {args.out / 'scale.json'}, {args.out / 'scale.md'}, {args.out / 'scale.png'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Client/server mode: a real `chroma run` server on a free loopback port, ingested into and queried through
QA_CHROMA_URL, then stopped by PID."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from conftest import DATA, free_port, run_ingest


@pytest.fixture()
def chroma_url(tmp_path):
    port = free_port()
    exe = Path(sys.executable).with_name("chroma")
    proc = subprocess.Popen(
        [str(exe), "run", "--path", str(tmp_path / "server"), "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "ANONYMIZED_TELEMETRY": "False"},
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(120):
            try:
                urllib.request.urlopen(f"{url}/api/v2/heartbeat", timeout=1)
                break
            except OSError:
                time.sleep(0.5)
        else:
            pytest.fail("chroma server did not start")
        yield url
    finally:
        os.kill(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()


def test_ingest_and_retrieve_through_a_chroma_server(chroma_url, tmp_path):
    env = {**os.environ, "QA_CHROMA_URL": chroma_url, "QA_STORE_DIR": str(tmp_path / "unused")}
    out = run_ingest([str(DATA)], env)
    assert out.returncode == 0, out.stderr
    assert chroma_url in out.stdout
    assert not (tmp_path / "unused").exists()  # nothing was written locally
    again = run_ingest([str(DATA)], env)
    assert "unchanged 1" in again.stdout

    from qa.answer import Assistant
    from qa.config import Settings

    a = Assistant(Settings(chroma_url=chroma_url, store_dir=tmp_path / "unused"))
    passages = a.retrieve("How many US troops are in Syria?")
    assert passages and any("900 US forces" in p.text for p in passages)


def test_unreachable_chroma_server_is_a_clear_error(tmp_path):
    from qa.config import Settings
    from qa.store import Store, StoreError

    with pytest.raises(StoreError, match="cannot reach the Chroma server"):
        Store(Settings(chroma_url=f"http://127.0.0.1:{free_port()}"), "all-MiniLM-L6-v2", 384)

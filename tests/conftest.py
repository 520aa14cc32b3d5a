"""Session fixtures: one embedding model, one seed store and one 1.5B model for the whole run, so the real
suite (real Chroma, real MiniLM, real llama.cpp) fits CI's time."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")

from qa.config import Settings  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
SEED = DATA / "000_0262e8937ece7b4d.txt"
BENCH = ROOT.parent / "shared" / "benchmarks"
ARTIFACTS = ROOT / "artifacts"
# three dated articles of one outlet reporting a figure that changes: the timeline answer's test case
FLEET = {
    f"fleet-{y}.txt": f" date {d} https://harbourton-courier.example/{y}/bikes\n\n{title}\n\n{body}\n"
    for y, d, title, body in [
        ("2023", "2023-03-01", "Bike-share launches", "Harbourton's bike-share fleet reached 1,200 bicycles this "
         "spring, the transit agency said. Riders took 40,000 trips in the first month."),
        ("2024", "2024-03-05", "Bike-share grows", "Harbourton's bike-share fleet grew to 2,050 bicycles after a "
         "second round of stations opened, the transit agency said. New docks were added near the harbour."),
        ("2025", "2025-03-10", "Bike-share expands again", "Harbourton's bike-share fleet now counts 3,100 "
         "bicycles, the transit agency said on Monday. The agency plans more stations in the east end."),
    ]
}  # fmt: skip


def write_articles(folder: Path, n: int, seed: int = 0, words: int = 120, urls: bool = False) -> list[Path]:
    """n synthetic articles; with urls=True in the shipped sample's format, so their ids do not depend on the
    path they were ingested from (an upload renames files)."""
    import random

    rng = random.Random(seed)
    vocab = "council budget troops senator storm election vote river bridge court ruling market price".split()
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        sentences = [
            f"{rng.choice(vocab).title()} report {i}-{j} says {rng.randint(2, 9000)} {rng.choice(vocab)}s "
            f"met the {rng.choice(vocab)} on day {j}."
            for j in range(words // 10)
        ]
        body = " ".join(sentences)
        path = folder / f"art{i:04d}.txt"
        if urls:
            day = 1 + i % 28
            url = f"https://news.example.org/2026/02/{day:02d}/story-{seed}-{i}"
            path.write_text(f" date 2026-02-{day:02d} {url}\n\nStory number {i}\n\n{body}\n")
        else:
            path.write_text(f"Story number {i}\n\n{body}\n")
        paths.append(path)
    return paths


def all_ids(store) -> list[str]:
    return sorted(i for page in store.iter_all([]) for i in page["ids"])


def make_settings(tmp: Path, **kw) -> Settings:
    return Settings(store_dir=tmp / "store", cache_dir=Path.home() / ".cache" / "newsqa", **kw)


@pytest.fixture(scope="session")
def embedder():
    from qa.embed import get_embedder

    return get_embedder(Settings())


@pytest.fixture()
def fresh(tmp_path, embedder):
    """An empty store of its own, for tests that change it."""
    from qa.store import Store

    s = make_settings(tmp_path)
    return s, Store(s, embedder.name, embedder.dim)


@pytest.fixture(scope="session")
def seed_settings(tmp_path_factory, embedder) -> Settings:
    from qa.ingest import ingest
    from qa.store import Store

    s = make_settings(tmp_path_factory.mktemp("seed"))
    report = ingest([DATA], Store(s, embedder.name, embedder.dim), embedder, s, progress=False)
    assert report.ok and report.ingested == 1
    return s


@pytest.fixture(scope="session")
def assistant(seed_settings):
    """The real default model (Qwen2.5-Coder-1.5B Q4_K_M) over the seed store."""
    from qa.answer import Assistant

    a = Assistant(seed_settings)
    a.model.load()
    return a


@pytest.fixture(scope="session")
def bench_articles() -> Path:
    path = BENCH / "realtimeqa-2026" / "articles.jsonl"
    if not path.exists():
        pytest.skip(f"benchmark data absent: {path} (it lives beside the checkout, in ../shared/benchmarks)")
    return path


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def run_ingest(paths: list, env: dict, *extra: str):
    """`python ingest.py` as a user runs it, in a subprocess with its own environment."""
    import subprocess
    import sys

    cmd = [sys.executable, "ingest.py", *map(str, paths), "--quiet", *extra]
    return subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)


def assistant_over(tmp: Path, embedder, llm, files: dict[str, str]):
    """An Assistant over the seed plus extra articles (name -> text), sharing the session's loaded model."""
    from qa.answer import Assistant
    from qa.ingest import ingest
    from qa.store import Store

    s = make_settings(tmp)
    paths = [DATA]
    for name, text in files.items():
        (tmp / name).write_text(text)
        paths.append(tmp / name)
    ingest(paths, Store(s, embedder.name, embedder.dim), embedder, s, progress=False)
    return Assistant(s, llm=llm)

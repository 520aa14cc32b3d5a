"""Ingest against the real Chroma and the real MiniLM: idempotence, replacement, prune, kill safety, bad input."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time

import pytest
from conftest import DATA, ROOT, all_ids, make_settings, run_ingest, write_articles

from qa.ingest import ingest
from qa.store import TEXT_KEY, Store, StoreError


def test_reingest_is_idempotent_and_embeds_nothing(fresh, embedder):
    settings, store = fresh
    first = ingest([DATA], store, embedder, settings, progress=False)
    ids = all_ids(store)
    assert first.ingested == 1 and first.chunks_added == len(ids) > 0
    before = embedder.calls
    second = ingest([DATA], store, embedder, settings, progress=False)
    assert second.unchanged == 1 and second.ingested == second.replaced == 0
    assert embedder.calls == before and all_ids(store) == ids


def test_changed_article_replaces_its_chunks_and_prune_removes_gone_files(fresh, embedder, tmp_path):
    settings, store = fresh
    folder = tmp_path / "arts"
    write_articles(folder, 3)
    ingest([folder], store, embedder, settings, progress=False)
    old = set(all_ids(store))
    old_print = store.fingerprint()
    target = folder / "art0001.txt"
    target.write_text("Story number 1, corrected\n\nA completely new body. It has two sentences now.\n")
    r = ingest([folder], store, embedder, settings, progress=False)
    assert r.replaced == 1 and r.unchanged == 2
    assert store.fingerprint() != old_print  # a rewritten article is other content
    new = set(all_ids(store))
    changed_doc = {i.split("-")[0] for i in old - new}
    assert len(changed_doc) == 1 and not any(i.startswith(changed_doc.pop()) and i in old for i in new - old)
    texts = " ".join(t for _, t, _ in store.iter_chunks())
    assert "completely new body" in texts
    (folder / "art0002.txt").unlink()
    r = ingest([folder], store, embedder, settings, prune=True, progress=False)
    assert r.pruned == 1 and "Story number 2" not in " ".join(
        m["title"] for m in store.col.get(include=["metadatas"])["metadatas"]
    )


def test_one_bad_file_never_stops_the_others(fresh, embedder, tmp_path):
    settings, store = fresh
    folder = tmp_path / "mixed"
    write_articles(folder, 2)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(b"\x00\xff" * 100)
    (folder / "broken.json").write_text('{"title": "x", "text": ')
    (folder / "lines.jsonl").write_text('{"title": "Good", "text": "A fine body sentence here."}\n{oops\n')
    r = ingest([folder, tmp_path / "missing.txt"], store, embedder, settings, progress=False)
    assert r.ingested == 3
    reasons = dict(r.skipped)
    assert reasons[str(folder / "empty.txt")] == "empty file"
    assert "binary" in reasons[str(folder / "binary.txt")]
    assert "invalid JSON" in reasons[str(folder / "broken.json")]
    assert any("malformed JSON on line 2" in why for why in reasons.values())
    assert reasons[str(tmp_path / "missing.txt")] == "no such file or folder"
    assert not r.ok


def test_cli_exit_code_and_summary(tmp_path):
    env = {**os.environ, "QA_STORE_DIR": str(tmp_path / "s")}
    ok = run_ingest(["data/"], env)
    assert ok.returncode == 0, ok.stderr
    assert "ingested 1" in ok.stdout
    (tmp_path / "bad.txt").write_bytes(b"")
    bad = run_ingest(["data/", str(tmp_path / "bad.txt")], env)
    assert bad.returncode == 1 and "unchanged 1" in bad.stdout and "empty file" in bad.stdout


def test_store_refuses_another_embedding_model(fresh):
    settings, store = fresh
    with pytest.raises(StoreError, match="all-MiniLM-L6-v2"):
        Store(settings, "some-other-model", 768)


def test_chroma_never_embeds_by_itself(fresh, embedder):
    settings, store = fresh
    ingest([DATA], store, embedder, settings, progress=False)
    with pytest.raises(Exception):  # noqa: B017 - no embedding function: a text query must fail, not download a model
        store.col.query(query_texts=["troops"], n_results=1)


def test_chunk_text_lives_in_metadata_and_a_store_of_documents_still_reads(fresh, embedder, tmp_path):
    """The text is written as metadata (Chroma would index a document for its own full-text search, which newsqa
    never uses); a store written before, with the text as the document, reads the same through every path."""
    from qa.retrieve import Filters, HybridRetriever

    settings, store = fresh
    ingest([DATA], store, embedder, settings, progress=False)
    raw = store.col.get(include=["documents", "metadatas", "embeddings"])
    assert raw["documents"] == [None] * len(raw["ids"]) and all(m[TEXT_KEY] for m in raw["metadatas"])
    old_settings = make_settings(tmp_path / "old")
    old = Store(old_settings, embedder.name, embedder.dim)
    old.col.add(
        ids=raw["ids"],
        embeddings=raw["embeddings"],
        documents=[m[TEXT_KEY] for m in raw["metadatas"]],
        metadatas=[{k: v for k, v in m.items() if k != TEXT_KEY} for m in raw["metadatas"]],
    )
    for s in (store, old):
        chunks = sorted(s.iter_chunks())
        assert [(i, t) for i, t, _ in chunks] == sorted(zip(raw["ids"], [m[TEXT_KEY] for m in raw["metadatas"]]))
        assert not any(TEXT_KEY in m for _, _, m in chunks)
        assert [p.text for p in s.get(raw["ids"])] == [m[TEXT_KEY] for m in raw["metadatas"]]
        top, _ = s.query(embedder.embed(["How many US troops are in Syria?"])[0], 1, None)[0]
        assert "900" in top.text
        doc_id = raw["metadatas"][0]["doc_id"]
        assert "900" in " ".join(t for t, m in s.chunks_of(doc_id) if TEXT_KEY not in m)
        assert s.articles() and not any(TEXT_KEY in a for a in s.articles())
        hits = HybridRetriever(store=s, embedder=embedder, settings=old_settings).lexical().search("900", 3, Filters())
        assert hits and "900" in hits[0][0].text


def _kill_after_first_flush(cmd: list[str], env: dict, total: int, rng: random.Random) -> int:
    """Start an ingest and SIGKILL it once its progress bar shows some but not all articles written (the bar moves
    only after a batch is stored), after a random extra moment; returns the articles it had reported."""
    import re
    import select

    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    seen, buf, deadline = 0, b"", time.monotonic() + 300
    while time.monotonic() < deadline and proc.poll() is None:
        ready, _, _ = select.select([proc.stderr], [], [], 1.0)
        if ready:
            buf = (buf + os.read(proc.stderr.fileno(), 4096))[-4096:]
            counts = [int(n) for n in re.findall(rb"embedding:[^\r\n]*?(\d+)/%d" % total, buf)]  # not "reading:"
            seen = max(counts, default=0)
            if 0 < seen < total:
                time.sleep(rng.uniform(0.0, 0.5))
                break
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    proc.stderr.close()
    return seen


def test_sigkill_then_rerun_equals_clean_ingest(tmp_path, embedder):
    """Killed mid-ingest (checked: the killed store holds some of the chunks, not none and not all), then run
    again: the same store as a clean ingest."""
    folder = tmp_path / "many"
    n_articles = 300
    write_articles(folder, n_articles, seed=7, words=240)  # ~3 chunks each: two 512-chunk batches
    clean = make_settings(tmp_path / "clean")
    ingest([folder], Store(clean, embedder.name, embedder.dim), embedder, clean, progress=False)
    expected = all_ids(Store(clean, embedder.name, embedder.dim))
    clean_print = Store(clean, embedder.name, embedder.dim).fingerprint()
    assert len(expected) > 512  # at least two batches, so a kill after the first leaves a partial store
    rng = random.Random(42)
    for trial in range(2):
        store_dir = tmp_path / f"killed{trial}"
        env = {**os.environ, "QA_STORE_DIR": str(store_dir)}
        seen = _kill_after_first_flush([sys.executable, "ingest.py", str(folder)], env, n_articles, rng)
        assert 0 < seen < n_articles, f"trial {trial}: the kill did not land mid-ingest ({seen} articles reported)"
        s = make_settings(store_dir.parent / store_dir.name)
        s = s.replace(store_dir=store_dir)
        partial = all_ids(Store(s, embedder.name, embedder.dim))
        assert Store(s, embedder.name, embedder.dim).fingerprint() != clean_print  # holds less: another store
        assert 0 < len(partial) < len(expected), f"trial {trial}: {len(partial)} of {len(expected)} chunks at the kill"
        cmd = [sys.executable, "ingest.py", str(folder), "--quiet"]
        rerun = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
        assert rerun.returncode == 0, rerun.stderr
        got = all_ids(Store(s, embedder.name, embedder.dim))
        assert got == expected, f"trial {trial}: {len(got)} chunks vs {len(expected)} expected"
        assert len(got) == len(set(got))
        # the same articles in another folder: the same store content, which an evaluation run resumes on
        assert Store(s, embedder.name, embedder.dim).fingerprint() == clean_print


def test_lexical_index_follows_a_rewrite_of_the_same_size(fresh, embedder, tmp_path):
    """An edited article with as many chunks as before leaves the count unchanged; the revision still moves."""
    from qa.retrieve import Filters, HybridRetriever

    settings, store = fresh
    f = tmp_path / "zoo.txt"
    f.write_text("Zoo count\n\nThe zebra count reached 40 in the city park, keepers said on Monday.\n")
    ingest([f], store, embedder, settings, progress=False)
    r = HybridRetriever(store=store, embedder=embedder, settings=settings)
    r.check_every_s = 0.0
    assert "zebra" in r.lexical().search("zebra", 5, Filters())[0][0].text
    before = store.count()
    f.write_text("Zoo count\n\nThe giraffe count reached 40 in the city park, keepers said on Monday.\n")
    ingest([f], store, embedder, settings, progress=False)
    assert store.count() == before
    hits = r.lexical().search("giraffe", 5, Filters())
    assert hits and "giraffe" in hits[0][0].text
    assert not r.lexical().search("zebra", 5, Filters())


def test_lexical_index_is_kept_for_the_next_launch_and_dropped_after_a_write(fresh, embedder, tmp_path):
    """A second retriever (the next CLI launch) reads the kept BM25 index instead of rebuilding it from Chroma, finds
    the same passages, and a write makes it build and keep a new one in place of the old."""
    from qa.retrieve import Filters, HybridRetriever

    settings, store = fresh
    f = tmp_path / "ferry.txt"
    f.write_text("Ferry routes\n\nThe Tarnholm ferry operator added 367 daily routes, its director said.\n")
    ingest([f], store, embedder, settings, progress=False)
    first = HybridRetriever(store=store, embedder=embedder, settings=settings).lexical()
    assert first.kept is None
    kept = settings.store.dir / "lexical"
    assert [p.name for p in kept.iterdir()] == [f"{settings.store.collection}-{store.revision()}"]

    again = HybridRetriever(store=store, embedder=embedder, settings=settings).lexical()
    assert again.kept is not None
    assert again.ids == first.ids and again.meta == first.meta
    hits = again.search("Tarnholm ferry routes", 5, Filters())
    assert [p.chunk_id for p, _ in hits] == [p.chunk_id for p, _ in first.search("Tarnholm ferry routes", 5, Filters())]
    assert hits and "367 daily routes" in hits[0][0].text

    other = kept / f"{settings.store.collection}-archive-0123abcd"  # another collection's kept index stays
    other.mkdir()
    f.write_text("Ferry routes\n\nThe Harlow Vale ferry operator added 378 daily routes, its director said.\n")
    ingest([f], store, embedder, settings, progress=False)
    after = HybridRetriever(store=store, embedder=embedder, settings=settings).lexical()
    assert after.kept is None
    assert "378 daily routes" in after.search("Harlow Vale ferry", 5, Filters())[0][0].text
    assert sorted(p.name for p in kept.iterdir()) == sorted(
        [f"{settings.store.collection}-{store.revision()}", other.name]
    )

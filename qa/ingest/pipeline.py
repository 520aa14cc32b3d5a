"""files -> raw records -> cleaned, dated Articles -> chunks -> embeddings -> Chroma, idempotently.

Crash safety without transactions: chunk ids are deterministic (article id, content hash, index) and every chunk
records how many chunks its article version has. An article counts as stored only when all of its chunks of
the current version are present and no other version remains; anything else (a run killed mid-upsert or
mid-delete) is simply redone on the next run, and upserting the same ids twice is harmless.
"""

from __future__ import annotations

import datetime as dt
import glob
import hashlib
import json
import logging
import time
from collections.abc import Callable, Collection, Iterable
from pathlib import Path
from urllib.parse import urlparse

from tqdm import tqdm

from qa.config import Settings
from qa.embed import Embedder
from qa.ingest.chunk import CHUNK_FORMAT, OVERLAP_SENTENCES, chunk_article
from qa.ingest.clean import clean_text, clean_title
from qa.ingest.dates import parse_date, resolve_date
from qa.ingest.readers import SUPPORTED, RawRecord, ReadError, RecordError, read_file
from qa.ingest.report import IngestReport
from qa.ingest.sanitize import sanitize
from qa.store import Store, day_number
from qa.types import Article, Chunk

# Bounds on what one file and one article may be: a 50 MB file or a 400,000-character "article" is a dump, not news
# (the 2026 corpus's longest article has about 60,000 characters), and would hold one ingest up for minutes.
MAX_FILE_BYTES = 50_000_000
MAX_ARTICLE_CHARS = 400_000

log = logging.getLogger(__name__)


def expand_paths(paths: Iterable[str | Path], report: IngestReport) -> list[Path]:
    """Files, folders (recursively: supported types only, hidden entries skipped) and glob patterns."""
    out: list[Path] = []
    for raw in paths:
        p = Path(raw).expanduser()
        if p.is_dir():
            out += sorted(
                f
                for f in p.rglob("*")
                if f.is_file()
                and f.suffix.lower() in SUPPORTED
                and not any(part.startswith(".") for part in f.relative_to(p).parts)
            )
        elif p.is_file():
            out.append(p)
        elif any(c in str(raw) for c in "*?["):
            matches = sorted(Path(m) for m in glob.glob(str(p), recursive=True) if Path(m).is_file())
            if not matches:
                report.skipped.append((str(raw), "pattern matches no file"))
            out += matches
        else:
            report.skipped.append((str(raw), "no such file or folder"))
    return list(dict.fromkeys(x.resolve() for x in out))


def source_of(url: str | None) -> str | None:
    if not url:
        return None
    host = (urlparse(url).hostname or "").lower()
    for prefix in ("www.", "edition.", "amp.", "m.", "mobile."):
        if host.startswith(prefix):
            host = host[len(prefix) :]
    return host or None


def doc_id_for(rec: RawRecord) -> str:
    """Stable across runs: the canonical URL when there is one, else the file (and record) it came from."""
    if rec.url:
        u = urlparse(rec.url)
        ident = f"url:{(u.hostname or '').lower().removeprefix('www.')}{u.path.rstrip('/')}"
    else:
        ident = f"file:{rec.key}"
    return hashlib.sha1(ident.encode()).hexdigest()[:16]


def to_article(rec: RawRecord, settings: Settings) -> Article:
    parts: list[dict] = list(rec.parts)
    raw_title, in_title = sanitize(rec.title, parts)
    raw_text, removed = sanitize(rec.text, parts)
    removed.update(in_title)
    removed.update(rec.removed)
    title = clean_title(raw_title)
    text = clean_text(raw_text, title)
    if not text:
        raise ReadError("no text left after cleaning")
    if len(text) > MAX_ARTICLE_CHARS:
        raise ReadError(f"article too long ({len(text):,} characters > {MAX_ARTICLE_CHARS:,})")
    retrieved = parse_date(rec.retrieved_at)
    published, basis = resolve_date(
        record=rec.record_date, meta=rec.meta_date, url=rec.url, text=rec.text, retrieved_at=retrieved
    )
    fingerprint = "\x1f".join(
        [
            title,
            text,
            str(published),
            rec.url or "",
            str(settings.ingest.chunk_chars),
            str(OVERLAP_SENTENCES),
            str(CHUNK_FORMAT),
        ]
    )
    return Article(
        doc_id=doc_id_for(rec),
        title=title or "(untitled)",
        text=text,
        url=rec.url,
        source=source_of(rec.url) or rec.source,
        published=published,
        date_basis=basis,
        retrieved_at=retrieved,
        path=rec.path,
        content_hash=hashlib.sha256(fingerprint.encode()).hexdigest()[:16],
        removed=dict(removed),
        left_out=parts,
    )


_LEFT_OUT_CHARS = 6000  # of removed pieces kept in the store for the library's view (metadata stays small)


def left_out_json(parts: list[dict]) -> str:
    """The removed pieces as JSON for the first chunk's metadata, as many whole ones as fit."""
    kept: list[dict] = []
    size = 2
    for p in parts:
        size += len(json.dumps(p, ensure_ascii=False)) + 1
        if size > _LEFT_OUT_CHARS:
            kept.append({"kind": "more", "text": f"{len(parts) - len(kept)} more pieces", "after": ""})
            break
        kept.append(p)
    return json.dumps(kept, ensure_ascii=False)


def chunk_metadata(a: Article, c: Chunk, n_chunks: int) -> dict:
    m: dict = {
        "doc_id": a.doc_id,
        "content_hash": a.content_hash,
        "n_chunks": n_chunks,
        "index": c.index,
        "start": c.start,
        "end": c.end,
        "title": a.title,
        "url": a.url or "",
        "source": a.source or "",
        "path": a.path or "",
        "date_basis": a.date_basis or "",
        "dated": a.published is not None,
    }
    if a.published:
        m["published"] = a.published.isoformat()
        m["day"] = day_number(a.published)
    if c.index == 0:  # the article's record in the library (qa.catalog) reads these from its first chunk
        m["ingested_at"] = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        m["n_chars"] = len(a.text)
        if a.left_out:
            m["left_out"] = left_out_json(a.left_out)
    return m


LAST_INGEST = "last_ingest.json"  # beside the store


def read_articles(
    files: list[Path], settings: Settings, report: IngestReport, exclude: Collection[tuple[str, str]] = ()
) -> list[Article]:
    articles: dict[str, Article] = {}
    for f in tqdm(files, desc="reading", unit="file", disable=len(files) < 20, leave=False):
        report.files_seen += 1
        try:
            for item in read_file(f, MAX_FILE_BYTES):
                if isinstance(item, RecordError):
                    report.skipped.append((item.key, item.reason))
                    continue
                try:
                    art = to_article(item, settings)
                except ReadError as e:
                    report.skipped.append((item.key, str(e)))
                    continue
                if (art.doc_id, art.path) in exclude:
                    report.skipped.append((item.key, "deleted in the library"))
                    continue
                report.articles_seen += 1
                if art.removed:
                    report.removed[item.key] = art.removed
                if art.doc_id in articles:
                    report.skipped.append((item.key, f"duplicate of {articles[art.doc_id].path} (same URL)"))
                    continue
                articles[art.doc_id] = art
        except ReadError as e:
            report.skipped.append((str(f), str(e)))
        except Exception as e:  # noqa: BLE001 - one broken file must never stop the others
            log.exception("unexpected error reading %s", f)
            report.skipped.append((str(f), f"unexpected error: {type(e).__name__}: {e}"))
    return list(articles.values())


def ingest(
    paths: Iterable[str | Path],
    store: Store,
    embedder: Embedder,
    settings: Settings,
    prune: bool = False,
    progress: bool = True,
    batch_chunks: int = 512,
    *,
    exclude: Collection[tuple[str, str]] = (),
    on_progress: Callable[[int, int], None] | None = None,
    record: bool = True,
) -> IngestReport:
    """Ingest files, folders or glob patterns. ``exclude`` names (doc_id, path) pairs to leave out (articles
    deleted in the library from a file that stays); ``on_progress(done, total)`` follows the articles stored;
    ``record`` keeps the report beside the store as the last ingest's (a store on a Chroma server writes nothing
    locally, so there it is not kept)."""
    t0 = time.perf_counter()
    report = IngestReport(paths=[str(p) for p in paths])
    files = expand_paths(report.paths, report)
    articles = read_articles(files, settings, report, exclude)
    states = store.doc_states()

    todo: list[Article] = []
    for a in articles:
        s = states.get(a.doc_id)
        if s is None:
            todo.append(a)
            report.ingested += 1
            continue
        complete = s.hashes.get(a.content_hash, 0) == s.expected.get(a.content_hash, -1)
        if complete and len(s.hashes) == 1:
            report.unchanged += 1
        elif complete:  # the new version is whole; an interrupted run left the old one behind
            store.delete_doc(a.doc_id, keep_hash=a.content_hash)
            report.repaired += 1
        else:
            todo.append(a)
            if a.content_hash in s.hashes:
                report.repaired += 1
            else:
                report.replaced += 1

    bar = tqdm(total=len(todo), desc="embedding", unit="article", disable=not progress or not todo)
    batch: list[tuple[Article, list[Chunk]]] = []
    done = 0

    def flush() -> None:
        chunks = [(a, c, len(cs)) for a, cs in batch for c in cs]
        if chunks:
            te = time.perf_counter()
            vectors = embedder.embed([c.embed_text for _, c, _ in chunks])
            report.embed_seconds += time.perf_counter() - te
            report.embedded += len(chunks)
            store.upsert(
                [c.chunk_id for _, c, _ in chunks],
                vectors,
                [c.text for _, c, _ in chunks],
                [chunk_metadata(a, c, n) for a, c, n in chunks],
            )
            report.chunks_added += len(chunks)
        for a, _ in batch:
            if a.doc_id in states:  # only now, with the new version whole, drop the old one
                store.delete_doc(a.doc_id, keep_hash=a.content_hash)
        bar.update(len(batch))
        nonlocal done
        done += len(batch)
        if on_progress is not None:
            on_progress(done, len(todo))
        batch.clear()

    pending = 0
    for a in todo:
        cs = chunk_article(a, settings.ingest.chunk_chars)
        batch.append((a, cs))
        pending += len(cs)
        if pending >= batch_chunks:
            flush()
            pending = 0
    flush()
    bar.close()

    if prune:
        produced = {a.doc_id for a in articles}
        files_read = {str(f) for f in files}
        for doc_id, s in states.items():
            if doc_id in produced or not s.path:
                continue
            if not Path(s.path).exists() or s.path in files_read:
                store.delete_doc(doc_id)
                report.pruned += 1
    report.seconds = time.perf_counter() - t0
    report.finished_at = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    if record and not settings.store.chroma_url:
        try:
            report.save(settings.store.dir / LAST_INGEST)
        except OSError:
            log.exception("could not keep the ingest report")
    return report

"""The library: what is in the collection, one article at a time, and taking one out.

A service over the store for every interface (the web chat, the CLI, the evaluator, the Python API), so that none
of them reaches into the store or the embedder: it adds files (ingest), finishes uploads a crash interrupted,
lists the catalog (``qa.catalog``), opens an article's cleaned text with the pieces ingest left out, deletes an
article so that the store, the BM25 index and the upload folder agree, counts what the store holds, and reads the
last ingest's report. The BM25 index follows every write by itself (``Store.writes``).
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import re
from collections.abc import Callable
from pathlib import Path

from pydantic import BaseModel

from qa.catalog import CatalogEntry, CatalogPage
from qa.config import Settings
from qa.embed import Embedder
from qa.ingest.pipeline import LAST_INGEST, IngestReport
from qa.ingest.readers import SUPPORTED
from qa.store import Store

log = logging.getLogger(__name__)
DELETED = ".deleted.json"  # in the upload folder: articles deleted from a file that holds others too


class LibraryError(ValueError):
    """A library request that cannot be done; the message says why."""


class LeftOut(BaseModel):
    """A piece of the article's file that ingest removed as not prose, and where it was in the cleaned text
    (``at`` is None when the place is not known, e.g. text an HTML page hid)."""

    kind: str
    text: str
    at: int | None = None


class ArticleView(BaseModel):
    entry: CatalogEntry
    text: str  # the cleaned text, as stored and cited
    left_out: list[LeftOut]


def stitch(chunks: list[tuple[str, dict]]) -> str:
    """The article's cleaned text from its chunks, which overlap by sentences and record their offsets."""
    text = ""
    for chunk, m in chunks:
        start = int(m["start"])
        text = text[:start].ljust(start) + chunk
    return text


def place(text: str, after: str) -> int | None:
    """Where a removed piece sat: just after the last words before it, found in the cleaned text (the longest
    tail of those words that occurs once)."""
    words = after.split()
    for n in range(min(len(words), 8), 1, -1):
        pattern = r"\s+".join(re.escape(w) for w in words[-n:])
        found = list(re.finditer(pattern, text))
        if len(found) == 1:
            return found[0].end()
    return None


class Library:
    def __init__(self, store: Store, settings: Settings, embedder: Embedder | None = None):
        self.store = store
        self.settings = settings
        self.embedder = embedder  # needed to add files; listing, reading and deleting work without it

    # --- adding ----------------------------------------------------------------------------------------
    def add_files(self, paths: list[Path], on_progress: Callable[[int, int], None] | None = None) -> IngestReport:
        """Ingest files (or folders) into the store: new articles added, changed ones replaced, unchanged ones
        skipped; the report says which, per file."""
        from qa.ingest import ingest

        return ingest(paths, self.store, self._embedder(), self.settings, progress=False, on_progress=on_progress)

    def resume_uploads(self) -> IngestReport | None:
        """Finish any upload a crash interrupted: a copy cut short (``.*.part``) never becomes an article, and
        ingest is idempotent, so files it finished cost nothing. Articles deleted from a file that stays remain
        deleted."""
        from qa.ingest import ingest

        up = self.settings.uploads
        if not up.exists():
            return None
        for part in up.glob(".*.part"):
            part.unlink(missing_ok=True)
        if not any(up.iterdir()):
            return None
        deleted = self.deleted_uploads()
        return ingest([up], self.store, self._embedder(), self.settings, progress=False, exclude=deleted, record=False)

    def _embedder(self) -> Embedder:
        if self.embedder is None:
            raise LibraryError("this library was opened without an embedder, so it cannot add articles")
        return self.embedder

    # --- reading ---------------------------------------------------------------------------------------
    def stats(self) -> dict[str, int]:
        """{"articles": n, "chunks": n} as the store holds them now."""
        return self.store.stats()

    def sources(self) -> list[str]:
        """The outlets the store's articles come from, sorted: the chat's outlet filter."""
        return self.store.sources()

    def fingerprint(self) -> str:
        """A digest of what the store holds, equal on two machines for the same articles (``Store.fingerprint``)."""
        return self.store.fingerprint()

    def entry(self, doc_id: str) -> CatalogEntry | None:
        """One article's catalog entry, or None."""
        return self.store.catalog().get(doc_id)

    def page(
        self,
        search: str = "",
        source: str | None = None,
        since: str | None = None,
        until: str | None = None,
        offset: int = 0,
        limit: int = 50,
    ) -> CatalogPage:
        for name, value in (("since", since), ("until", until)):
            if value and not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", value):
                raise LibraryError(f"{name} {value!r} is not a date like 2026-03-01 (or 2026-03, or 2026)")
        if until and len(until) < 10:
            until += "-99" if len(until) == 7 else "-99-99"  # the whole month or year
        return self.store.catalog().page(search, source or None, since or None, until or None, offset, limit)

    def outlets(self) -> list[tuple[str, int]]:
        return self.store.catalog().outlets()

    def article(self, doc_id: str) -> ArticleView:
        entry = self.store.catalog().get(doc_id)
        if entry is None:
            raise LibraryError(f"no article {doc_id!r} in the library")
        text = stitch(self.store.chunks_of(doc_id))
        parts = [
            LeftOut(kind=p.get("kind", "?"), text=p.get("text", ""), at=place(text, p.get("after", "")))
            for p in entry.left_out
        ]
        return ArticleView(entry=entry, text=text, left_out=parts)

    def delete(self, doc_id: str) -> CatalogEntry:
        """Remove one article from the store (the BM25 index follows the store's writes) and from the upload
        folder: an uploaded file that held only this article goes; one that holds others keeps them, and this
        article is remembered as deleted so that resuming uploads never brings it back."""
        cat = self.store.catalog()
        entry = cat.get(doc_id)
        if entry is None:
            raise LibraryError(f"no article {doc_id!r} in the library")
        self.store.delete_doc(doc_id)
        path = Path(entry.path) if entry.path else None
        uploads = self.settings.uploads.resolve()
        if path is not None and uploads in path.resolve().parents:
            if not cat.at_path(str(path)):
                path.unlink(missing_ok=True)
            else:
                self._remember_deleted(doc_id, str(path))
        log.info("deleted article %s (%s) from the library", doc_id, entry.title)
        return entry

    def deleted_uploads(self) -> set[tuple[str, str]]:
        """(doc_id, path) of articles deleted from upload files that stay (for ``ingest(exclude=...)``)."""
        try:
            return {tuple(x) for x in json.loads((self.settings.uploads / DELETED).read_text(encoding="utf-8"))}
        except (OSError, ValueError):
            return set()

    def _remember_deleted(self, doc_id: str, path: str) -> None:
        kept = self.deleted_uploads() | {(doc_id, path)}
        f = self.settings.uploads / DELETED
        tmp = f.with_name(f"{DELETED}.tmp")
        tmp.write_text(json.dumps(sorted(kept)), encoding="utf-8")
        os.replace(tmp, f)

    def last_ingest(self) -> IngestReport | None:
        return IngestReport.load(self.settings.store.dir / LAST_INGEST)


def safe_filename(name: str) -> str:
    """A base name with no path, no leading dots and only plain characters: uploads cannot escape the folder."""
    base = re.split(r"[\\/]", name)[-1]
    base = re.sub(r"[^A-Za-z0-9._-]+", "_", base).lstrip(".") or "upload"
    stem, dot, ext = base.rpartition(".")
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    return f"{stem or 'upload'}-{stamp}{dot}{ext}" if dot else f"{base}-{stamp}"


def upload_rejection(name: str, size: int, folder: Path, max_bytes: int) -> str | None:
    """Why an upload (already under a safe name) is refused, or None. Checked on the server whatever the browser
    filtered: a client can post any file to Gradio's upload route."""
    if Path(name).suffix.lower() not in SUPPORTED:
        return f"type not supported ({', '.join(sorted(SUPPORTED))})"
    if size > max_bytes:
        return f"{size:,} bytes is over the {max_bytes:,} limit"
    if folder.resolve() not in (folder / name).resolve().parents:
        return "bad file name"
    return None

"""The library's catalog: one row per stored article (title, outlet, date, chunks, when it was ingested), in
SQLite beside the store, so the web library can filter, search and page a collection of 100k articles without
reading them all.

Chroma keeps the truth; the catalog is derived from it and keyed by the store's write revision. Writes made
through ``qa.store.Store`` update it in step (an article's first chunk carries its row); a write it did not see
(another process, a shared Chroma server) leaves the revisions different, and the next read rebuilds it from
the first chunk of every article. Chroma's metadata filters have no substring match, hence SQLite.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field

_SCHEMA = 2


class CatalogEntry(BaseModel):
    """One article as the library lists it."""

    doc_id: str
    title: str
    source: str | None = None
    published: str | None = None  # ISO date, None when the article's date is unknown
    n_chunks: int = 0
    n_chars: int | None = None
    ingested_at: str | None = None  # UTC, ISO; None for articles ingested before the catalog existed
    path: str | None = None
    url: str | None = None
    date_basis: str | None = None
    left_out: list[dict] = Field(default_factory=list)  # not prose, removed at ingest (qa.ingest.sanitize)


class CatalogPage(BaseModel):
    entries: list[CatalogEntry]
    total: int  # rows matching the filters, over all pages
    offset: int
    limit: int


def entry_of(m: dict[str, Any]) -> CatalogEntry:
    """The catalog row an article's first chunk's metadata describes."""
    try:
        left_out = json.loads(m.get("left_out") or "[]")
    except ValueError:
        left_out = []
    return CatalogEntry(
        doc_id=m["doc_id"],
        title=m.get("title") or "(untitled)",
        source=m.get("source") or None,
        published=m.get("published") or None,
        n_chunks=int(m.get("n_chunks", 0)),
        n_chars=m.get("n_chars"),
        ingested_at=m.get("ingested_at") or None,
        path=m.get("path") or None,
        url=m.get("url") or None,
        date_basis=m.get("date_basis") or None,
        left_out=left_out,
    )


def _like(text: str) -> str:
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


class Catalog:
    def __init__(self, path: Path | None):
        """``path`` None keeps the catalog in memory (a store on a Chroma server writes nothing locally)."""
        self.path = path
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        self._db = sqlite3.connect(path or ":memory:", check_same_thread=False, timeout=30)
        self._db.execute("PRAGMA journal_mode=WAL")
        with self._db:
            self._db.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT)")
            schema = self._get("schema")
            if schema != str(_SCHEMA):
                self._db.execute("DROP TABLE IF EXISTS articles")
                self._db.execute("DELETE FROM meta")
            self._db.execute(
                "CREATE TABLE IF NOT EXISTS articles (doc_id TEXT PRIMARY KEY, title TEXT, source TEXT, "
                "published TEXT, ingested_at TEXT, path TEXT, entry TEXT)"
            )
            self._db.execute("CREATE INDEX IF NOT EXISTS by_date ON articles (published DESC, title)")
            self._db.execute("CREATE INDEX IF NOT EXISTS by_path ON articles (path)")
            self._set("schema", str(_SCHEMA))

    def _get(self, key: str) -> str | None:
        row = self._db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def _set(self, key: str, value: str | None) -> None:
        self._db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))

    @property
    def revision(self) -> str | None:
        with self._lock:
            return self._get("revision")

    # --- writing (by qa.store.Store) --------------------------------------------------------------------
    def _put(self, entries: Iterable[CatalogEntry]) -> None:
        self._db.executemany(
            "INSERT OR REPLACE INTO articles VALUES (?, ?, ?, ?, ?, ?, ?)",
            [(e.doc_id, e.title, e.source, e.published, e.ingested_at, e.path, e.model_dump_json()) for e in entries],
        )

    def apply(
        self,
        before: str | None,
        after: str | None,
        put: Iterable[CatalogEntry] = (),
        remove: Iterable[str] = (),
    ) -> None:
        """One store write, seen: applied only if the catalog was in step with the store before it (else it is
        stale anyway and the next read rebuilds it)."""
        with self._lock, self._db:
            self._db.execute("BEGIN IMMEDIATE")  # another process's write between the check and ours waits
            if self._get("revision") != before or before is None:
                return
            self._put(put)
            self._db.executemany("DELETE FROM articles WHERE doc_id = ?", [(d,) for d in remove])
            self._set("revision", after)

    def rebuild(self, metadatas: Iterable[dict[str, Any]], revision: str | None) -> None:
        with self._lock, self._db:
            self._db.execute("DELETE FROM articles")
            self._put(entry_of(m) for m in metadatas)
            self._set("revision", revision)

    # --- reading -------------------------------------------------------------------------------------------
    def page(
        self,
        search: str = "",
        source: str | None = None,
        since: str | None = None,
        until: str | None = None,
        offset: int = 0,
        limit: int = 50,
    ) -> CatalogPage:
        """Newest first (undated last). ``search`` matches title, outlet or file name, case-insensitively."""
        where, args = [], []
        if search.strip():
            where.append("(title LIKE ? ESCAPE '\\' OR source LIKE ? ESCAPE '\\' OR path LIKE ? ESCAPE '\\')")
            args += [_like(search.strip())] * 3
        if source:
            where.append("source = ?")
            args.append(source)
        if since:
            where.append("published >= ?")
            args.append(since)
        if until:
            where.append("published <= ?")
            args.append(until)
        sql_where = f" WHERE {' AND '.join(where)}" if where else ""
        offset, limit = max(0, int(offset)), max(1, min(int(limit), 500))
        with self._lock:
            total = self._db.execute(f"SELECT COUNT(*) FROM articles{sql_where}", args).fetchone()[0]
            rows = self._db.execute(
                f"SELECT entry FROM articles{sql_where} ORDER BY published IS NULL, published DESC, title "
                "LIMIT ? OFFSET ?",
                [*args, limit, offset],
            ).fetchall()
        return CatalogPage(
            entries=[CatalogEntry.model_validate_json(r[0]) for r in rows], total=total, offset=offset, limit=limit
        )

    def get(self, doc_id: str) -> CatalogEntry | None:
        with self._lock:
            row = self._db.execute("SELECT entry FROM articles WHERE doc_id = ?", (doc_id,)).fetchone()
        return CatalogEntry.model_validate_json(row[0]) if row else None

    def outlets(self) -> list[tuple[str, int]]:
        with self._lock:
            rows = self._db.execute(
                "SELECT source, COUNT(*) FROM articles WHERE source IS NOT NULL GROUP BY source ORDER BY source"
            ).fetchall()
        return [(s, n) for s, n in rows]

    def at_path(self, path: str) -> list[str]:
        """The articles that came from one file."""
        with self._lock:
            return [r[0] for r in self._db.execute("SELECT doc_id FROM articles WHERE path = ?", (path,))]

    def close(self) -> None:
        self._db.close()

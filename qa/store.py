"""The Chroma vector store: local ``PersistentClient`` by default, or a Chroma server when ``QA_CHROMA_URL`` is set.

Chroma is opened with no embedding function at all, so a mistaken query by text fails loudly instead of
silently downloading Chroma's own ONNX model. The collection records the embedding model and dimension:
vectors of two different models in one index would make every similarity meaningless. It also records the
runtime that built it (``embed_backend``), for the record only: the runtimes of one model give vectors within
cosine 0.99 of each other (int8) or 0.9999 (bfloat16), so a store built by one is read and extended by another.

A chunk's text is kept in its metadata (``TEXT_KEY``), not as Chroma's "document". A local Chroma indexes every
document for its own full-text search (an FTS5 trigram table) that newsqa never queries, since it ranks words with
its own BM25. That index was 40% of the store's write time on the 2026 corpus (51 s, 30 s without it) and a third
of its size on disk (407 MB, 267 MB). Stores written before keep their texts as documents and are read as they are.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import uuid
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlparse

import numpy as np

from qa.catalog import Catalog, entry_of
from qa.config import Settings
from qa.embed import runtime
from qa.types import Passage

log = logging.getLogger(__name__)
_PAGE = 10000
CATALOG_FILE = "library.sqlite3"
TEXT_KEY = "text"  # the chunk's text, in its metadata (module docstring)


class StoreError(RuntimeError):
    """The store cannot be used as configured; the message says what to do."""


class EmptyStoreError(StoreError):
    """A question was asked of a store that holds no article yet."""


@dataclass
class DocState:
    hashes: dict[str, int] = field(default_factory=dict)  # content hash -> chunks present
    expected: dict[str, int] = field(default_factory=dict)  # content hash -> chunks the article has
    path: str | None = None


def day_number(d: dt.date) -> int:
    """Dates as integers, because Chroma's where-filters compare numbers, not strings."""
    return d.toordinal()


def make_client(settings: Settings):
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    chroma_settings = ChromaSettings(anonymized_telemetry=False, allow_reset=False)
    if settings.store.chroma_url:
        u = urlparse(settings.store.chroma_url)
        if not u.hostname:
            raise StoreError(f"QA_CHROMA_URL={settings.store.chroma_url!r} is not a URL like http://127.0.0.1:8000")
        try:
            return chromadb.HttpClient(
                host=u.hostname,
                port=u.port or (443 if u.scheme == "https" else 8000),
                ssl=u.scheme == "https",
                settings=chroma_settings,
            )
        except Exception as e:  # noqa: BLE001 - chromadb raises plain exceptions for connection problems
            raise StoreError(f"cannot reach the Chroma server at {settings.store.chroma_url}: {e}") from e
    settings.store.dir.mkdir(parents=True, exist_ok=True)
    return chromadb.PersistentClient(path=str(settings.store.dir), settings=chroma_settings)


class Store:
    def __init__(self, settings: Settings, embed_model: str, dim: int, create: bool = True):
        self.settings = settings
        self.client = make_client(settings)
        meta = {
            "embed_model": embed_model,
            "embed_dim": dim,
            "embed_backend": runtime(settings),
            "app": "newsqa",
        }
        if create:
            self.col = self.client.get_or_create_collection(
                settings.store.collection,
                embedding_function=None,
                metadata=meta,
                configuration={"hnsw": {"space": "cosine"}},
            )
        else:
            try:
                self.col = self.client.get_collection(settings.store.collection, embedding_function=None)
            except Exception as e:  # noqa: BLE001
                raise StoreError(
                    f"no article store at {settings.store.chroma_url or settings.store.dir}: "
                    f"run `python ingest.py data/` (or your articles) first"
                ) from e
        have = self.col.metadata or {}
        # the identity keys as the store has them (a store made before backends were recorded was built by torch)
        self._meta = meta | {"embed_backend": have.get("embed_backend", "torch")} if have else meta
        if have.get("embed_model") != embed_model or int(have.get("embed_dim", dim)) != dim:
            raise StoreError(
                f"collection {settings.store.collection!r} was built with {have.get('embed_model')} "
                f"({have.get('embed_dim')} dims), not {embed_model} ({dim} dims): use the same model, "
                "or another QA_COLLECTION / QA_STORE_DIR"
            )
        self._max_batch = max(1, min(self.client.get_max_batch_size(), 5000))
        self._catalog: Catalog | None = None
        # this object's own writes, counted: derived state (the BM25 index) sees them on its next read for free,
        # without anyone telling it; other processes' writes show in revision(), which readers poll
        self.writes = 0

    # --- reading ---------------------------------------------------------------------------------------
    def count(self) -> int:
        return self.col.count()

    def revision(self) -> str | None:
        """Changes with every write, from any process: readers that keep derived state (the BM25 index) compare
        it, since a re-ingested article with as many chunks as before leaves the count unchanged."""
        col = self.client.get_collection(self.settings.store.collection, embedding_function=None)
        return (col.metadata or {}).get("revision")

    def fingerprint(self) -> str:
        """What the store holds, as a digest of its sorted chunk ids (each names its article and a hash of the
        article's text): equal for two stores built from the same articles on two machines, unlike
        ``revision()``, so a run can resume on a rebuilt store and refuses one that holds other articles."""
        ids = sorted(i for page in self.iter_all([]) for i in page["ids"])
        return hashlib.sha256("\n".join(ids).encode()).hexdigest()[:16]

    def iter_all(self, include: list[str]) -> Iterator[dict[str, Any]]:
        total = self.count()
        for offset in range(0, total, _PAGE):
            yield self.col.get(include=include, limit=_PAGE, offset=offset)

    def iter_chunks(self) -> Iterator[tuple[str, str, dict]]:
        """Every chunk as (id, text, metadata without the text)."""
        for page in self.iter_all(["documents", "metadatas"]):
            for i, d, m in zip(page["ids"], page["documents"], page["metadatas"]):
                yield (i, *unpack(d, m))

    def doc_states(self) -> dict[str, DocState]:
        states: dict[str, DocState] = defaultdict(DocState)
        for page in self.iter_all(["metadatas"]):
            for m in page["metadatas"]:
                s = states[m["doc_id"]]
                h = m["content_hash"]
                s.hashes[h] = s.hashes.get(h, 0) + 1
                s.expected[h] = int(m["n_chunks"])
                s.path = m.get("path")
        return dict(states)

    def stats(self) -> dict[str, int]:
        docs: set[str] = set()
        n = 0
        for page in self.iter_all(["metadatas"]):
            for m in page["metadatas"]:
                docs.add(m["doc_id"])
                n += 1
        return {"articles": len(docs), "chunks": n}

    def sources(self) -> list[str]:
        out: set[str] = set()
        for page in self.iter_all(["metadatas"]):
            out.update(m["source"] for m in page["metadatas"] if m.get("source"))
        return sorted(out)

    def articles(self) -> list[dict[str, Any]]:
        """One record per article (its first chunk's id and metadata: doc_id, title, source, published, path,
        n_chunks), read without the texts."""
        return [
            {**unpack(None, m)[1], "chunk_id": i}
            for page in self._first_chunks(["metadatas"])
            for i, m in zip(page["ids"], page["metadatas"])
        ]

    def catalog(self) -> Catalog:
        """The library's catalog of this store's articles, rebuilt first if a write it did not see (another
        process's) left it behind."""
        cat = self._open_catalog()
        if cat is None:
            raise StoreError(f"the library catalog cannot be opened in {self.settings.store.dir}")
        revision = self.revision()
        if cat.revision != revision or revision is None:
            cat.rebuild((m for page in self._first_chunks(["metadatas"]) for m in page["metadatas"]), revision)
        return cat

    def _open_catalog(self) -> Catalog | None:
        if self._catalog is None:
            try:
                local = None if self.settings.store.chroma_url else self.settings.store.dir / CATALOG_FILE
                self._catalog = Catalog(local)
            except Exception:  # noqa: BLE001 - the store works without its catalog; the library rebuilds it later
                log.exception("cannot open the library catalog")
        return self._catalog

    def _first_chunks(self, include: list[str]) -> Iterator[dict[str, Any]]:
        for offset in range(0, self.count(), _PAGE):
            page = self.col.get(where={"index": 0}, include=include, limit=_PAGE, offset=offset)
            yield page
            if len(page["ids"]) < _PAGE:
                break

    def chunks_of(self, doc_id: str) -> list[tuple[str, dict]]:
        """One article's chunks (text, metadata), in order."""
        res = self.col.get(where={"doc_id": doc_id}, include=["documents", "metadatas"])
        chunks = [unpack(d, m) for d, m in zip(res["documents"], res["metadatas"])]
        return sorted(chunks, key=lambda dm: int(dm[1]["index"]))

    def get(self, ids: list[str]) -> list[Passage]:
        if not ids:
            return []
        res = self.col.get(ids=ids, include=["documents", "metadatas"])
        by_id = {i: to_passage(i, d, m) for i, d, m in zip(res["ids"], res["documents"], res["metadatas"])}
        return [by_id[i] for i in ids if i in by_id]

    def query_ids(self, embedding: np.ndarray, n: int, where: dict | None = None) -> list[tuple[str, float]]:
        """Nearest chunk ids and cosine similarities only: the cheapest question Chroma can answer. Chroma
        returns fewer hits when ``n`` exceeds the collection, so no count() round-trip is spent here."""
        res = self.col.query(query_embeddings=[embedding.tolist()], n_results=n, where=where, include=["distances"])
        return [(i, 1.0 - float(d)) for i, d in zip(res["ids"][0], res["distances"][0])]

    def query(self, embedding: np.ndarray, n: int, where: dict | None) -> list[tuple[Passage, float]]:
        n = min(n, max(self.count(), 1))
        res = self.col.query(
            query_embeddings=[embedding.tolist()],
            n_results=n,
            where=where,
            include=["documents", "metadatas", "distances"],
        )
        return [
            (to_passage(i, d, m), 1.0 - float(dist))
            for i, d, m, dist in zip(res["ids"][0], res["documents"][0], res["metadatas"][0], res["distances"][0])
        ]

    # --- writing ---------------------------------------------------------------------------------------
    def upsert(self, ids: list[str], embeddings: np.ndarray, documents: list[str], metadatas: list[dict]) -> None:
        before = self.revision()
        metadatas = [{**m, TEXT_KEY: d} for d, m in zip(documents, metadatas, strict=True)]
        for i in range(0, len(ids), self._max_batch):
            j = i + self._max_batch
            self.col.upsert(ids=ids[i:j], embeddings=embeddings[i:j], metadatas=metadatas[i:j])
        self._catalogue(before, self._touch(), put=[entry_of(m) for m in metadatas if m.get("index") == 0])

    def _touch(self) -> str:
        # modify() replaces the whole metadata: write the identity keys back with the new revision
        revision = uuid.uuid4().hex
        self.col.modify(metadata={**self._meta, "revision": revision})
        self.writes += 1
        return revision

    def _catalogue(self, before: str | None, after: str, **change: Any) -> None:
        cat = self._open_catalog()
        if cat is not None:
            try:
                cat.apply(before, after, **change)
            except Exception:  # noqa: BLE001 - a catalog out of step is rebuilt on its next read
                log.exception("updating the library catalog failed")

    def delete_doc(self, doc_id: str, keep_hash: str | None = None) -> None:
        before = self.revision()
        where: dict = {"doc_id": doc_id}
        if keep_hash is not None:
            where = {"$and": [{"doc_id": doc_id}, {"content_hash": {"$ne": keep_hash}}]}
        self.col.delete(where=where)
        # replacing keeps the row: the new version's first chunk already wrote it
        self._catalogue(before, self._touch(), remove=[doc_id] if keep_hash is None else [])


def unpack(document: str | None, meta: dict) -> tuple[str, dict]:
    """A chunk's text and its other metadata, from a store of either layout (module docstring)."""
    m = dict(meta)
    text = m.pop(TEXT_KEY, None)
    return (text if text is not None else document or ""), m


def to_passage(chunk_id: str, document: str | None, meta: dict) -> Passage:
    text, m = unpack(document, meta)
    pub = m.get("published")
    return Passage(
        chunk_id=chunk_id,
        doc_id=m["doc_id"],
        title=m.get("title", ""),
        text=text,
        start=int(m["start"]),
        end=int(m["end"]),
        url=m.get("url") or None,
        source=m.get("source") or None,
        published=dt.date.fromisoformat(pub) if pub else None,
    )

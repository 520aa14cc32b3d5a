"""Hybrid, date-aware retrieval: dense MiniLM (Chroma) and lexical BM25 (bm25s), fused by reciprocal rank.

The BM25 index is derived from the store's own chunks and rebuilt whenever the store's chunk count changes,
so it can never drift from what Chroma holds (and replicas sharing one Chroma server each derive their own).
Filters (as-of date, date range, outlets) apply to both retrievers *before* ranking, never after a top-k cut.
"""

from __future__ import annotations

import datetime as dt
import logging
import math
import threading
import time
from dataclasses import dataclass

import numpy as np
from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.retrievers import BaseRetriever
from pydantic import ConfigDict, PrivateAttr

from qa.config import Settings
from qa.embed import Embedder
from qa.store import Store, day_number, to_passage
from qa.types import Passage

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Filters:
    as_of: dt.date | None = None  # nothing published after it; recency measured from it
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    sources: tuple[str, ...] = ()

    @property
    def upper(self) -> dt.date | None:
        bounds = [d for d in (self.as_of, self.date_to) if d]
        return min(bounds) if bounds else None

    def chroma_where(self) -> dict | None:
        clauses: list[dict] = []
        if self.upper:
            # undated articles stay eligible: their date is unknown, not known to be late
            clauses.append({"$or": [{"day": {"$lte": day_number(self.upper)}}, {"dated": False}]})
        if self.date_from:
            clauses.append({"day": {"$gte": day_number(self.date_from)}})
        if self.sources:
            clauses.append({"source": {"$in": list(self.sources)}})
        if not clauses:
            return None
        return clauses[0] if len(clauses) == 1 else {"$and": clauses}


class _Lexical:
    """BM25 over every chunk, with per-chunk day and source arrays for filtering before ranking."""

    def __init__(self, store: Store):
        import bm25s

        ids: list[str] = []
        texts: list[str] = []
        days: list[int] = []
        sources: list[str] = []
        self.meta: list[dict] = []
        for page in store.iter_all(["documents", "metadatas"]):
            for i, d, m in zip(page["ids"], page["documents"], page["metadatas"]):
                ids.append(i)
                texts.append(f"{m.get('title', '')}\n{d}")
                days.append(int(m.get("day", -1)))
                sources.append(m.get("source", ""))
                self.meta.append((d, m))
        self.ids = ids
        self.count = len(ids)
        self.days = np.asarray(days, dtype=np.int64)
        self.sources = np.asarray(sources, dtype=object)
        self.index = bm25s.BM25()
        if ids:
            self.index.index(bm25s.tokenize(texts, stopwords="en", show_progress=False), show_progress=False)

    def search(self, query: str, n: int, f: Filters) -> list[tuple[Passage, float]]:
        import bm25s

        if not self.ids:
            return []
        tokens = bm25s.tokenize([query], stopwords="en", show_progress=False, return_ids=False)[0]
        if not tokens:
            return []
        scores = np.asarray(self.index.get_scores(tokens), dtype=np.float64)
        mask = np.ones(self.count, dtype=bool)
        if f.upper:
            mask &= (self.days <= day_number(f.upper)) | (self.days < 0)
        if f.date_from:
            mask &= self.days >= day_number(f.date_from)
        if f.sources:
            mask &= np.isin(self.sources, list(f.sources))
        scores[~mask] = -1.0
        n = min(n, self.count)
        top = np.argpartition(-scores, n - 1)[:n]
        top = top[np.argsort(-scores[top])]
        return [(to_passage(self.ids[i], *self.meta[i]), float(scores[i])) for i in top if scores[i] > 0]


class HybridRetriever(BaseRetriever):
    """A LangChain retriever; ``invoke(query, filters=Filters(...))`` returns Documents carrying Passages."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    store: Store
    embedder: Embedder
    settings: Settings
    _lexical: _Lexical | None = None
    _lock: threading.Lock = PrivateAttr(default_factory=threading.Lock)

    def lexical(self) -> _Lexical:
        """The BM25 index, rebuilt when the store changed size (an ingest or upload happened)."""
        with self._lock:
            n = self.store.count()
            if self._lexical is None or self._lexical.count != n:
                t = time.perf_counter()
                self._lexical = _Lexical(self.store)
                log.info("BM25 index over %d chunks built in %.1f s", n, time.perf_counter() - t)
            return self._lexical

    def search(self, query: str, filters: Filters | None = None, k: int | None = None) -> list[Passage]:
        f = filters or Filters()
        k = k or self.settings.top_k
        n = self.settings.candidates
        dense = self.store.query(self.embedder.embed([query])[0], n, f.chroma_where())
        lexical = self.lexical().search(query, n, f)
        fused: dict[str, Passage] = {}
        score: dict[str, float] = {}
        rrf = self.settings.rrf_k
        for rank, (p, _) in enumerate(dense, 1):
            fused.setdefault(p.chunk_id, p).dense_rank = rank
            score[p.chunk_id] = score.get(p.chunk_id, 0.0) + 1.0 / (rrf + rank)
        for rank, (p, _) in enumerate(lexical, 1):
            fused.setdefault(p.chunk_id, p).lexical_rank = rank
            score[p.chunk_id] = score.get(p.chunk_id, 0.0) + 1.0 / (rrf + rank)
        ref = f.upper or dt.date.today()
        for cid, p in fused.items():
            if p.published:
                age = max((ref - p.published).days, 0)
                decay = math.exp(-math.log(2) * age / self.settings.recency_half_life_days)
                score[cid] += self.settings.recency_weight * decay / (rrf + 1)
            p.score = round(score[cid], 6)
        return sorted(fused.values(), key=lambda p: -p.score)[:k]

    def _get_relevant_documents(
        self, query: str, *, run_manager: CallbackManagerForRetrieverRun, filters: Filters | None = None
    ) -> list[Document]:
        return [
            Document(page_content=p.text, metadata={"passage": p}, id=p.chunk_id) for p in self.search(query, filters)
        ]

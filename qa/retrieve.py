"""Hybrid, date-aware retrieval: dense MiniLM (Chroma) and lexical BM25 (bm25s), fused by reciprocal rank.

The BM25 index is derived from the store's own chunks and rebuilt whenever the store changes: at once after a write
through the same ``Store`` object, and within ``check_every_s`` after another process's (count or revision), so it
can never drift from what Chroma holds (and replicas sharing one Chroma server each derive their own).
Filters (as-of date, date range, outlets) apply to both retrievers *before* ranking, never after a top-k cut.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import logging
import math
import re
import shutil
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.retrievers import BaseRetriever
from pydantic import ConfigDict, PrivateAttr

from qa.cache import whole_folder
from qa.config import Settings
from qa.embed import Embedder
from qa.store import EmptyStoreError, Store, day_number, to_passage
from qa.types import Passage

log = logging.getLogger(__name__)

# Candidates per retriever before fusion, and reciprocal-rank fusion's constant (the usual 60). Measured on the
# January-April questions: weighting one retriever over the other, or fetching more candidates, moved recall@5 by
# less than 0.01 (docs/experiments.md).
CANDIDATES = 40
RRF_K = 60
# The recency prior's half-life: an article's bonus halves every 120 days before as_of (shorter ones measured no
# better); ``retrieval.recency_weight`` sets how much it counts.
HALF_LIFE_DAYS = 120.0

# Relative time words in a question, resolved against as_of: the half-life (days) of the recency prior they imply.
# A news quiz's "this week" means the seven days before its date, not "the most recent thing in the store".
_TIME_WORDS = [
    (re.compile(r"\b(today|tonight|yesterday|this morning)\b", re.I), 2.0),
    (re.compile(r"\b(this|past|last) (week|weekend)\b|\bdays? ago\b", re.I), 7.0),
    (re.compile(r"\b(this|past|last) month\b|\brecent(ly)?\b", re.I), 30.0),
]


def time_window(query: str) -> float | None:
    """The recency half-life a question's time words ask for, or None when it has none."""
    for pattern, days in _TIME_WORDS:
        if pattern.search(query):
            return days
    return None


# A question naming a time window ("this week": a 7-day half-life) is about the last WINDOW x that many days: when
# the best passages are all older, retrieval searches that window alone, and evidence comes only from it when the
# passages include any. Measured on the January-April questions: "this week" answered from older articles was wrong
# 49 times in 55 (docs/experiments.md, "Refusing what the articles don't answer").
WINDOW = 4.0


def window_start(question: str, as_of: dt.date | None) -> dt.date | None:
    """The first day of the time a question's words ask about (``WINDOW`` x its half-life before as_of, or today);
    None for a question without time words."""
    half_life = time_window(question)
    if not half_life:
        return None
    return (as_of or dt.date.today()) - dt.timedelta(days=round(half_life * WINDOW))


def reaches(passages: list[Passage], start: dt.date) -> bool:
    """Whether any passage is from ``start`` on, or undated (its date is unknown, not known to be old)."""
    return any(p.published is None or p.published >= start for p in passages)


def given_passage(d: str | Passage, i: int) -> Passage:
    """A text given with the question (not from the store) as the i-th passage."""
    if isinstance(d, Passage):
        return d
    doc_id = hashlib.sha1(d.encode()).hexdigest()[:16]
    return Passage(
        chunk_id=f"given-{i}", doc_id=doc_id, title=f"Passage {i + 1}", text=d, start=0, end=len(d), source="given"
    )


def freshness(published: dt.date, ref: dt.date, half_life: float) -> float:
    """1 for an article of ref's day, halving every ``half_life`` days before it: the one recency decay that
    both retrieval's prior and the evidence sentences' bonus use."""
    return math.exp(-math.log(2) * max((ref - published).days, 0) / half_life)


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

    @property
    def active(self) -> bool:
        return bool(self.upper or self.date_from or self.sources)

    def accepts(self, p: Passage) -> bool:
        if self.upper and p.published and p.published > self.upper:
            return False
        if self.date_from and (p.published is None or p.published < self.date_from):
            return False
        return not self.sources or p.source in self.sources

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


CHUNKS_FILE = "chunks.json"


def _bm25s():  # noqa: ANN202 - the module
    """bm25s, its logger quieted: once per index built or loaded, not per search (``setLevel`` clears logging's
    cache under its lock)."""
    import bm25s

    # bm25s sets its own logger to DEBUG on import, so every index build printed "DEBUG:bm25s:Building index
    # from IDs objects" into the CLI's output and the web chat's log
    logging.getLogger("bm25s").setLevel(logging.WARNING)
    return bm25s


def _kept_folder(store: Store, revision: str | None) -> Path | None:
    """Where the BM25 index of a local store at ``revision`` is kept; None for a Chroma server's store (its
    replicas each build their own) or one written before revisions were recorded."""
    if store.settings.store.chroma_url or not revision:
        return None
    return store.settings.store.dir / "lexical" / f"{store.settings.store.collection}-{revision}"


class _Lexical:
    """BM25 over every chunk, with per-chunk day and source arrays for filtering before ranking.

    Built from the store's chunks, then kept beside a local store (``lexical/``, one folder per collection and
    revision): reading every chunk back from Chroma and indexing it took about 8 s on the 2026 corpus, which each
    launch of the CLI paid before its first answer. A write changes the revision, so a kept index is never read for
    a store that changed since."""

    def __init__(self, ids: list[str], meta: list[tuple[str, dict]], index: Any):
        self.ids = ids
        self.meta = meta  # (chunk text, metadata), aligned with ids
        self.index = index
        self.position = {cid: k for k, cid in enumerate(ids)}
        self.by_doc: dict[str, list[int]] = {}
        for k, (_, m) in enumerate(meta):
            self.by_doc.setdefault(m["doc_id"], []).append(k)
        self.count = len(ids)
        self.days = np.asarray([int(m.get("day", -1)) for _, m in meta], dtype=np.int64)
        self.sources = np.asarray([m.get("source", "") for _, m in meta], dtype=object)
        self.kept: Path | None = None  # the folder this index was read from, if it was not built

    @classmethod
    def of(cls, store: Store, revision: str | None) -> _Lexical:
        """The index of the store at ``revision``: the kept one when there is one, else built (and kept)."""
        folder = _kept_folder(store, revision)
        if folder is not None and folder.is_dir():
            try:
                loaded = cls.load(folder)
                loaded.kept = folder
                return loaded
            except Exception:  # noqa: BLE001 - a damaged copy costs a rebuild, never an answer
                log.warning("the kept BM25 index in %s cannot be read; rebuilding it", folder, exc_info=True)
        lex = cls.build(store)
        if folder is not None and lex.count:
            try:
                lex.save(folder)
            except OSError:
                log.warning("cannot keep the BM25 index in %s", folder, exc_info=True)
        return lex

    @classmethod
    def build(cls, store: Store) -> _Lexical:
        bm25s = _bm25s()
        ids: list[str] = []
        texts: list[str] = []
        meta: list[tuple[str, dict]] = []
        for i, d, m in store.iter_chunks():
            ids.append(i)
            texts.append(f"{m.get('title', '')}\n{d}")
            meta.append((d, m))
        index = bm25s.BM25()
        if ids:
            index.index(bm25s.tokenize(texts, stopwords="en", show_progress=False), show_progress=False)
        return cls(ids, meta, index)

    def save(self, folder: Path) -> None:
        """Write the index and its chunks into ``folder`` (whole or not at all), then drop the collection's older
        copies."""
        with whole_folder(folder) as tmp:
            self.index.save(str(tmp), show_progress=False)
            (tmp / CHUNKS_FILE).write_text(json.dumps({"ids": self.ids, "meta": self.meta}), encoding="utf-8")
        collection = folder.name.rsplit("-", 1)[0]  # a revision is hex, without dashes
        for old in folder.parent.iterdir():
            if old != folder and old.name.rsplit("-", 1)[0] == collection and not old.name.endswith(".tmp"):
                shutil.rmtree(old, ignore_errors=True)

    @classmethod
    def load(cls, folder: Path) -> _Lexical:
        bm25s = _bm25s()
        chunks = json.loads((folder / CHUNKS_FILE).read_text(encoding="utf-8"))
        index = bm25s.BM25.load(str(folder), show_progress=False)
        return cls(chunks["ids"], [(d, m) for d, m in chunks["meta"]], index)

    def passage(self, chunk_id: str) -> Passage | None:
        k = self.position.get(chunk_id)
        return None if k is None else to_passage(chunk_id, *self.meta[k])

    def article(self, doc_id: str) -> str:
        """An article's stored text, its chunks in order (overlapping sentences repeated: fine for "does it
        mention X")."""
        chunks = sorted((int(self.meta[k][1]["start"]), self.meta[k][0]) for k in self.by_doc.get(doc_id, []))
        return "\n".join(text for _, text in chunks)

    def search(self, query: str, n: int, f: Filters) -> list[tuple[Passage, float]]:
        import bm25s  # its logger was quieted when this index was built or loaded

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
    _state: tuple[int, str | None] = (-1, None)
    _checked: float = 0.0
    _writes: int = -1  # the store's own write count when the index was last checked
    _lock: threading.Lock = PrivateAttr(default_factory=threading.Lock)
    check_every_s: float = 2.0  # how stale the view of a store another process writes to may be

    def lexical(self) -> _Lexical:
        """The BM25 index, rebuilt when the store changed (its chunk count or write revision)."""
        with self._lock:
            fresh = time.monotonic() - self._checked < self.check_every_s and self._writes == self.store.writes
            if self._lexical is not None and fresh:
                return self._lexical
            self._writes = self.store.writes
            state = (self.store.count(), self.store.revision())
            self._checked = time.monotonic()
            if self._lexical is None or self._state != state:
                t = time.perf_counter()
                n = state[0]
                self._lexical = _Lexical.of(self.store, state[1])
                self._state = state
                how = "read from its kept copy" if self._lexical.kept else "built"
                log.info("BM25 index over %d chunks %s in %.1f s", n, how, time.perf_counter() - t)
            return self._lexical

    def article(self, doc_id: str) -> str:
        """The whole stored text of one article (from the BM25 index, which holds every chunk)."""
        return self.lexical().article(doc_id)

    def dense(self, vector: np.ndarray, n: int, f: Filters) -> list[tuple[Passage, float]]:
        """Chroma's filtered search pre-computes an allow-list of every matching chunk: 280 ms for an as-of
        filter on the 2026 corpus, against 11 ms unfiltered. So over-fetch unfiltered and filter here, and ask
        Chroma to filter only when too few candidates survive (a very selective filter)."""
        lex = self.lexical()
        if lex.count == 0:  # Chroma rejects a query for zero results
            return self.store.query(vector, n, f.chroma_where())
        fetch = 4 * n if f.active else n
        found = [(lex.passage(i), s) for i, s in self.store.query_ids(vector, fetch)]
        hits = [(p, s) for p, s in found if p is not None]
        if len(hits) < len(found):  # written since the index was built: take Chroma's own copy
            return self.store.query(vector, n, f.chroma_where())
        kept = [(p, s) for p, s in hits if f.accepts(p)]
        if len(kept) >= n or not f.active:
            return kept[:n]
        return self.store.query(vector, n, f.chroma_where())

    def find(self, question: str, filters: Filters, k: int | None = None, dense_only: bool = False) -> list[Passage]:
        """The retrieve step: the top ``k`` passages (``dense_only``: the embedding search alone, for a plain
        reference RAG to compare with). A question naming a time window whose best passages are all older than it
        searches that window alone too, since the recency prior is soft and a strong old match outranks the week's
        story."""
        k = k or self.settings.retrieval.top_k
        if self.lexical().count == 0:  # the index's view of the store (re-checked every 2 s), not a count()
            # round-trip to Chroma per question: that cost a third of a retrieval on the 2026 corpus
            raise EmptyStoreError(
                "the article store is empty: run `python ingest.py data/` (or point it at your articles) first"
            )
        if dense_only:
            return [p for p, _ in self.dense(self.embedder.embed([question])[0], k, filters)]
        passages = self.search(question, filters, k)
        start = window_start(question, filters.upper)
        if start and passages and not reaches(passages, start):
            f = filters
            narrowed = dataclasses.replace(f, date_from=max(start, f.date_from) if f.date_from else start)
            passages = self.search(question, narrowed, k) or passages
        return passages

    def rank_given(self, question: str, documents: list[Passage], k: int | None = None) -> list[Passage]:
        """Given passages as the store's are given: more than ``k`` of them (a question's own search results,
        chunked) are ranked by similarity to the question and the best ``k`` kept, so that evidence selection,
        which weighs passage rank, does not favour whichever article happened to come first."""
        k = k or self.settings.retrieval.top_k
        if len(documents) <= k:
            return documents
        sims = self.embedder.embed([p.text for p in documents]) @ self.embedder.embed([question])[0]
        order = sorted(range(len(documents)), key=lambda i: -float(sims[i]))[:k]
        return [documents[i].model_copy(update={"score": round(float(sims[i]), 6)}) for i in order]

    def search(self, query: str, filters: Filters | None = None, k: int | None = None) -> list[Passage]:
        """The top ``k`` passages: both retrievers' ``CANDIDATES`` best, fused by reciprocal rank, with the recency
        prior added."""
        f = filters or Filters()
        k = k or self.settings.retrieval.top_k
        dense = self.dense(self.embedder.embed([query])[0], CANDIDATES, f)
        lexical = self.lexical().search(query, CANDIDATES, f)
        fused: dict[str, Passage] = {}
        score: dict[str, float] = {}
        # each ranking adds 1 / (RRF_K + rank); the two retrievers' ranks are kept on the passage for display
        for ranking, field in ((dense, "dense_rank"), (lexical, "lexical_rank")):
            for rank, (p, _) in enumerate(ranking, 1):
                kept = fused.setdefault(p.chunk_id, p)
                setattr(kept, field, rank)
                score[p.chunk_id] = score.get(p.chunk_id, 0.0) + 1 / (RRF_K + rank)
        # recency relative to as_of (never after it: the filters removed later articles); a question's own time
        # words ("this week") narrow the prior to the window they name, at full weight
        window = time_window(query)
        r = self.settings.retrieval
        half_life, weight = (window, 1.0) if window else (HALF_LIFE_DAYS, r.recency_weight)
        ref = f.upper or dt.date.today()
        for cid, p in fused.items():
            if p.published:
                score[cid] += weight * freshness(p.published, ref, half_life) / (RRF_K + 1)
            p.score = round(score[cid], 6)
        return sorted(fused.values(), key=lambda p: -p.score)[:k]

    def _get_relevant_documents(
        self,
        query: str,
        *,
        run_manager: CallbackManagerForRetrieverRun,
        filters: Filters | None = None,
        k: int | None = None,
    ) -> list[Document]:
        return [
            Document(page_content=p.text, metadata={"passage": p}, id=p.chunk_id)
            for p in self.search(query, filters, k)
        ]

"""``Assistant``: the one core API behind the web chat, the CLI and the evaluator. It orchestrates named steps:

    condense (qa.conversation) -> retrieve (qa.retrieve) -> select (qa.evidence) -> generate (qa.llm)
    -> check (qa.answerability, qa.citations) -> compose (qa.compose, with qa.conflicts)

``prepare`` (condense, retrieve, select) is a LangChain runnable chain, and generation is ``prompt | llm``, so
``ask`` and ``stream`` share one path and the web chat can show sources as soon as retrieval ends, before the
first token. Multiple choice has its own module (``qa.choices``). Each step is a function testable alone.
"""

from __future__ import annotations

import datetime as dt
import functools
import time
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any, Literal, TypedDict, Unpack

from langchain_core.language_models import BaseChatModel
from langchain_core.runnables import RunnableLambda, RunnablePassthrough

from qa import compose, prompts
from qa.answerability import judge, sentence_answer, unanchored
from qa.choices import Choice, choose
from qa.config import Settings
from qa.conversation import History, condense
from qa.embed import get_embedder
from qa.evidence import select as select_sentences
from qa.ingest.dates import as_date
from qa.llm import LazyModel
from qa.retrieve import Filters, HybridRetriever, given_passage, reaches, window_start
from qa.store import EmptyStoreError, Store
from qa.timeline import asks_change, statements
from qa.types import Answer, Evidence, Passage, StreamEvent, Timings, Usage

if TYPE_CHECKING:
    from qa.library import Library

__all__ = ["Assistant", "EmptyStoreError", "History"]


class FilterArgs(TypedDict, total=False):
    """Which articles a question may use: none published after ``as_of`` (recency is measured from it), only
    those from ``date_from`` to ``date_to``, only these ``sources`` (outlets)."""

    as_of: dt.date | str | None
    sources: Sequence[str] | None
    date_from: dt.date | str | None
    date_to: dt.date | str | None


class Assistant:
    """Ask, stream and retrieve over one article store; ``library`` adds, lists and deletes its articles."""

    def __init__(self, settings: Settings | None = None, *, llm: BaseChatModel | None = None, **overrides: Any):
        self.settings = settings or Settings(**overrides)
        self.embedder = get_embedder(self.settings)
        self.store = Store(self.settings, self.embedder.name, self.embedder.dim)
        self.retriever = HybridRetriever(store=self.store, embedder=self.embedder, settings=self.settings)
        self.model = LazyModel(self.settings, llm)
        self.prompt = self.model.prompt
        self.prepare = (
            RunnablePassthrough.assign(standalone=RunnableLambda(self._condense))
            | RunnablePassthrough.assign(passages=RunnableLambda(self._retrieve))
            | RunnablePassthrough.assign(evidence=RunnableLambda(self._select))
        )

    @property
    def llm(self) -> BaseChatModel:
        return self.model.llm

    @functools.cached_property
    def library(self) -> Library:
        """What the collection holds: add, list, open, delete, count (``qa.library.Library``)."""
        from qa.library import Library

        return Library(self.store, self.settings, self.embedder)

    def suggested_questions(self, n: int = 3) -> list[str]:
        """Up to ``n`` questions the newest articles answer, made by the model once per ingest."""
        from qa.suggestions import suggest

        return suggest(self.store, self.llm, n)

    # --- the steps ------------------------------------------------------------------------------------------
    def _condense(self, x: dict) -> str:
        return condense(lambda: self.llm, x["question"], x.get("history"))

    def _retrieve(self, x: dict) -> list[Passage]:
        if x.get("documents") is not None:
            return self.retriever.rank_given(x["standalone"], x["documents"], x.get("k"))
        return self.retriever.find(x["standalone"], x["filters"], x.get("k"), x.get("mode") == "dense")

    def _select(self, x: dict) -> list[Evidence]:
        return self.select(x["standalone"], x["passages"], x["filters"].upper, x.get("choices") or ())

    def select(
        self, question: str, passages: list[Passage], as_of: dt.date | None = None, options: Sequence[str] = ()
    ) -> list[Evidence]:
        """The select step (``qa.evidence.select``) with this assistant's embedder and evidence size."""
        return select_sentences(question, passages, self.embedder, self.settings.evidence.sentences, as_of, options)

    def _choose(self, question: str, options: list[str], passages: list[Passage], f: Filters) -> Choice:
        """Multiple choice decided outside the model's view of the options (``qa.choices.choose``)."""
        a = self.settings.answer

        def select(q: str) -> list[Evidence]:
            return self.select(q, passages, f.upper)

        complete = self.model.complete if a.choice_by_answer else None
        return choose(question, options, passages, f, self.retriever, select, complete, a.refuse_below)

    def _finish(self, base: dict, raw: str, usage: Usage, timings: Timings, options: list, given: bool) -> Answer:
        """The check and compose steps (``qa.compose.finish``); the judge loads the model only if it runs."""
        below = self.settings.answer.judge_below
        judge_ = (lambda q, s: judge(self.model.judge_llm, q, s)) if below > 0 else None

        def reader(question: str, date: str, sentence: str) -> str | None:
            return sentence_answer(self.model.reader_llm, question, date, sentence)

        article = None if given else self.retriever.article
        return compose.finish(
            base, raw, usage, timings, options, self.embedder, judge_, below, article, self.model.name, reader
        )

    # --- public API ----------------------------------------------------------------------------------------
    def retrieve(
        self,
        question: str,
        *,
        k: int | None = None,
        mode: Literal["hybrid", "dense"] = "hybrid",
        **f: Unpack[FilterArgs],
    ) -> list[Passage]:
        """Sources without generation (fast: no LLM): the top ``k`` passages (``mode="dense"``: the embedding
        search alone, for a reference RAG)."""
        return self._retrieve({"standalone": question, "filters": _filters(**f), "k": k, "mode": mode})

    def ask(self, question: str, **kwargs: Any) -> Answer:
        """``stream``'s final answer."""
        for event in self.stream(question, **kwargs):
            if event.kind == "answer" and event.answer is not None:
                return event.answer
        raise RuntimeError("the answer stream ended without an answer")  # guards against a broken adapter

    def stream(
        self,
        question: str,
        *,
        history: History | None = None,
        choices: Sequence[str] | None = None,
        documents: Sequence[str | Passage] | None = None,
        **filters: Unpack[FilterArgs],
    ) -> Iterator[StreamEvent]:
        """Events: ``passages`` once retrieval ends, ``token`` while the model writes, then the ``answer``.
        ``documents`` answers from given texts instead of the store (e.g. the RGB robustness set)."""
        if not (question := (question or "").strip()):
            raise ValueError("the question is empty")
        t0, f, options = time.perf_counter(), _filters(**filters), list(choices or [])
        docs = None if documents is None else [given_passage(d, i) for i, d in enumerate(documents)]
        state = self.prepare.invoke(
            {"question": question, "history": history, "filters": f, "choices": options, "documents": docs}
        )
        passages, evidence, asked = state["passages"], state["evidence"], state["standalone"]
        timings = Timings(retrieve_s=round(time.perf_counter() - t0, 3))
        yield StreamEvent(kind="passages", passages=passages)
        base = {"question": question, "standalone_question": asked, "passages": passages, "evidence": evidence}
        base["as_of"] = f.as_of
        answer: Answer | None = None
        self.model.fresh()  # each answer's model calls start from the fixed prefixes alone: the same answer again
        decided, spent = self._choose(asked, options, passages, f) if options and docs is None else (None, Usage())
        if decided:
            raw, base["evidence"] = decided
            yield StreamEvent(kind="token", token=raw)
            timings.first_token_s = round(time.perf_counter() - t0, 3)
            answer = self._finish(base, raw, spent, timings, options, False)
        elif why := _unanswerable(evidence, passages, asked, f, self.settings.answer.refuse_below, options):
            answer = compose.refusal(base, timings, why)
        elif not options and asks_change(asked) and (points := statements(evidence)):
            answer = compose.timeline(base, points, timings, self.model.name)
        elif docs is None and not options and (why := unanchored(asked, passages, self.retriever.article)):
            answer = compose.refusal(base, timings, why)  # the year or names rule would refuse any answer
        if answer is not None:
            answer.timings.total_s = round(time.perf_counter() - t0, 3)
            yield StreamEvent(kind="answer", answer=answer)
            return
        raw, usage = "", Usage()
        for item in self.model.stream(prompts.variables(evidence, asked, options)):
            if isinstance(item, Usage):
                usage = item
                continue
            timings.first_token_s = timings.first_token_s or round(time.perf_counter() - t0, 3)
            raw += item
            yield StreamEvent(kind="token", token=item)
        answer = self._finish(base, raw, spent + usage, timings, options, docs is not None)
        # the whole wait, checks and the answerability judge included: the answer a user gets is the checked one
        answer.timings.total_s = round(time.perf_counter() - t0, 3)
        yield StreamEvent(kind="answer", answer=answer)


def _filters(
    as_of: dt.date | str | None = None,
    sources: Sequence[str] | None = None,
    date_from: dt.date | str | None = None,
    date_to: dt.date | str | None = None,
) -> Filters:
    return Filters(as_date(as_of), as_date(date_from), as_date(date_to), tuple(sources or ()))


def _unanswerable(
    evidence: list[Evidence], passages: list[Passage], question: str, f: Filters, refuse_below: float, options: list
) -> str | None:
    """Why a question is refused before the model runs: no evidence, or for an open question none close enough or
    a time window ("this week") that no article of that window answers (measured on the January-April questions,
    such answers from older articles were wrong 49 times in 55); None to ask the model."""
    if not evidence or (max(e.score for e in evidence) < refuse_below and not options):
        return "no passage is close enough"
    start = None if options else window_start(question, f.upper)
    if start and passages and not reaches(passages, start):
        newest = max(p.published for p in passages if p.published)
        return (
            f"the question asks about the time before {compose.human_date(f.upper or dt.date.today())}, and no "
            f"article from {compose.human_date(start)} on answers it; the nearest is from {compose.human_date(newest)}"
        )
    return None

"""``Assistant``: question -> retrieval -> evidence -> local LLM -> checked, cited ``Answer``.

Built as LangChain runnables: ``prepare`` (condense a follow-up, retrieve, select evidence) and ``generate``
(prompt | chat model), so ``ask`` and ``stream`` share one path and the web chat can show sources as soon as
retrieval ends, before the first token.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import hashlib
import logging
import re
import threading
import time
from collections.abc import Iterator, Sequence
from typing import Any, Literal

from langchain_core.language_models import BaseChatModel
from langchain_core.output_parsers import StrOutputParser
from langchain_core.prompts import ChatPromptTemplate
from langchain_core.runnables import RunnableLambda, RunnablePassthrough

from qa import choices as choice_support
from qa import prompts
from qa.answerability import judge, missing_years
from qa.citations import NAME, Checked, check, citation_for, strip_markers, unfounded
from qa.config import Settings
from qa.embed import get_embedder
from qa.evidence import STOP, select_evidence
from qa.ingest.dates import parse_date
from qa.llm import LLMEndpointError, chat_model
from qa.retrieve import Filters, HybridRetriever, time_window
from qa.store import Store, StoreError
from qa.text import ago, normalize
from qa.timeline import asks_change, statements
from qa.types import Answer, Citation, Evidence, Passage, StreamEvent, Timings, Usage

log = logging.getLogger(__name__)
LETTERS = "ABCDEFGHIJ"

History = Sequence[dict[str, Any] | tuple[str, str] | list[str]]


class EmptyStoreError(StoreError):
    pass


def _date(v: dt.date | str | None) -> dt.date | None:
    if v is None or v == "":
        return None
    d = parse_date(v)
    if d is None:
        raise ValueError(f"not a date: {v!r} (use YYYY-MM-DD)")
    return d


def human_date(d: dt.date) -> str:
    return f"{d:%B} {d.day}, {d.year}"


def _text(content: Any) -> str | None:
    """Message content as plain text: a string, or Gradio 6's list of ``{"type": "text", "text": ...}`` parts."""
    if isinstance(content, str):
        return content
    if isinstance(content, dict):
        return content.get("text") if isinstance(content.get("text"), str) else None
    if isinstance(content, list):
        parts = [t for t in (_text(c) for c in content) if t]
        return " ".join(parts) or None
    return None


def _previous_question(history: History | None) -> str | None:
    """The last user turn, from OpenAI/Gradio messages or (user, assistant) pairs."""
    for turn in reversed(list(history or [])):
        if isinstance(turn, dict):
            if turn.get("role") == "user" and (text := _text(turn.get("content"))):
                return text
        elif turn and isinstance(turn[0], str):
            return turn[0]
    return None


class Assistant:
    """The one core API behind the web chat, the CLI and the evaluator."""

    def __init__(self, settings: Settings | None = None, *, llm: BaseChatModel | None = None, **overrides: Any):
        self.settings = settings or Settings(**overrides)
        self.embedder = get_embedder(self.settings)
        self.store = Store(self.settings, self.embedder.name, self.embedder.dim)
        self.retriever = HybridRetriever(store=self.store, embedder=self.embedder, settings=self.settings)
        self._llm = llm
        self._model_name = type(llm).__name__ if llm is not None else ""
        self._llm_lock = threading.Lock()
        self.prepare = (
            RunnablePassthrough.assign(standalone=RunnableLambda(self._condense))
            | RunnablePassthrough.assign(passages=RunnableLambda(self._retrieve))
            | RunnablePassthrough.assign(evidence=RunnableLambda(self._select))
        )
        self.prompt = ChatPromptTemplate.from_messages([("system", prompts.SYSTEM), ("human", prompts.HUMAN)])
        self.condense_prompt = ChatPromptTemplate.from_messages(
            [("system", prompts.CONDENSE_SYSTEM), ("human", prompts.CONDENSE_HUMAN)]
        )

    # --- the model, loaded on first use (the web page must come up before a 1 GB model loads) ---------------
    @property
    def llm(self) -> BaseChatModel:
        with self._llm_lock:
            if self._llm is None:
                self._llm, self._model_name = chat_model(self.settings)
            return self._llm

    @property
    def model_name(self) -> str:
        return self._model_name

    @property
    def llm_loaded(self) -> bool:
        return self._llm is not None

    def load_llm(self) -> None:
        _ = self.llm

    def warm(self) -> None:
        """Put the fixed system prompt into the model's prefix cache now, so the first question pays only for its
        evidence and question (with the local model the system text is ~5 s of prompt processing). Cheap when it
        is already cached: the web chat calls it after anything else used the model (suggestions)."""
        messages = self.prompt.format_messages(evidence="", today="", question="", choices="")
        self.llm.bind(max_tokens=1).invoke(messages)

    @functools.cached_property
    def library(self):
        """What the collection holds: add, list, open, delete, count (``qa.library.Library``)."""
        from qa.library import Library

        return Library(self.store, self.settings, self.embedder)

    def suggested_questions(self, n: int = 3) -> list[str]:
        """Up to ``n`` questions the loaded articles answer, made by the model from their newest headlines once per
        ingest (``qa.suggestions``); the seed's examples while the store holds only ``data/``."""
        from qa.suggestions import suggest

        return suggest(self.store, self.llm, n)

    # --- steps ------------------------------------------------------------------------------------------
    def _condense(self, x: dict) -> str:
        question, previous = x["question"], _previous_question(x.get("history"))
        if not previous:
            return question
        chain = self.condense_prompt | self.llm.bind(max_tokens=48) | StrOutputParser()
        try:
            out = chain.invoke({"previous": previous, "question": question}).strip().strip('"').splitlines()
        except Exception as e:  # noqa: BLE001 - a failed rewrite must not lose the question
            log.warning("follow-up rewrite failed (%s); using both questions", e)
            out = []
        standalone = out[0].strip() if out else ""
        if not standalone or len(standalone) > 300 or standalone.upper().startswith(prompts.NOT_FOUND):
            standalone = f"{previous} {question}"
        return standalone

    def _retrieve(self, x: dict) -> list[Passage]:
        k = x.get("k") or self.settings.top_k
        if x.get("documents") is not None:
            return self._rank_given(x["standalone"], x["documents"], k)
        if self.retriever.lexical().count == 0:  # the index's view of the store (re-checked every 2 s), not a
            # count() round-trip to Chroma per question: that cost a third of a retrieval on the 2026 corpus
            raise EmptyStoreError(
                "the article store is empty: run `python ingest.py data/` (or point it at your articles) first"
            )
        if x.get("mode") == "dense":
            vector = self.embedder.embed([x["standalone"]])[0]
            return [p for p, _ in self.retriever.dense(vector, k, x["filters"])]
        docs = self.retriever.invoke(x["standalone"], filters=x["filters"], k=k)
        passages = [d.metadata["passage"] for d in docs]
        start = self.window_start(x["standalone"], x["filters"])
        if start and passages and not _reaches(passages, start):
            # "this week" and the best-ranked articles are all older: the recency prior is soft, so a strong old
            # match outranks the week's story. Search that window alone before answering from another time.
            f = x["filters"]
            narrowed = dataclasses.replace(f, date_from=max(start, f.date_from) if f.date_from else start)
            again = [d.metadata["passage"] for d in self.retriever.invoke(x["standalone"], filters=narrowed, k=k)]
            passages = again or passages
        return passages

    def window_start(self, question: str, filters: Filters) -> dt.date | None:
        """The first day of the time a question's words ask about ("this week": ``evidence_window`` x 7 days
        before as_of); None for a question without time words."""
        window = time_window(question) if self.settings.query_rewrite else None
        if not window or not self.settings.evidence_window:
            return None
        return (filters.upper or dt.date.today()) - dt.timedelta(days=round(window * self.settings.evidence_window))

    def _rank_given(self, question: str, documents: list[Passage], k: int) -> list[Passage]:
        """Given passages as the store's are given: more than ``top_k`` of them (a question's own search results,
        chunked) are ranked by similarity to the question and the best ``top_k`` kept, so that evidence selection,
        which weighs passage rank, does not favour whichever article happened to come first."""
        if len(documents) <= k:
            return documents
        sims = self.embedder.embed([p.text for p in documents]) @ self.embedder.embed([question])[0]
        order = sorted(range(len(documents)), key=lambda i: -float(sims[i]))[:k]
        return [documents[i].model_copy(update={"score": round(float(sims[i]), 6)}) for i in order]

    def _select(self, x: dict) -> list[Evidence]:
        q = x["standalone"] + (" " + " ".join(x["choices"]) if x.get("choices") else "")
        return self.select_evidence(q, x["passages"], asked=x["standalone"], as_of=x["filters"].upper)

    def select_evidence(
        self, question: str, passages: list[Passage], settings: Settings | None = None, **overrides: Any
    ) -> list[Evidence]:
        """The prompt's evidence sentences as these settings choose them; benchmarks pass ``overrides`` (or other
        ``settings``, for levers derived per question such as the time window) to measure one lever against
        exactly what the product does; ``embedder=`` scores the sentences with another embedder."""
        st = settings or self.settings
        window = time_window(question) if st.query_rewrite else None
        kw: dict[str, Any] = {
            # only a question that names a time window ("this week") favours recent sentences, with that window as
            # the half-life (as in retrieval, and off with it); measured on the January-April questions, doing so
            # for every question did not help
            "half_life": window,
            "window": window * st.evidence_window if window and st.evidence_window else None,
            "recency_weight": st.evidence_recency_weight,
            "overlap_weight": st.evidence_overlap_weight,
            "rank_weight": st.evidence_rank_weight,
            "by_date": st.evidence_order == "date",
            "answer_type_weight": st.evidence_answer_type_weight,
            "drop_questions": st.evidence_drop_questions,
        }
        n = overrides.pop("n", st.evidence_sentences)
        embedder = overrides.pop("embedder", self.embedder)
        return select_evidence(question, passages, embedder, n, **(kw | overrides))

    # --- public API ----------------------------------------------------------------------------------------
    def retriever_filters(self, as_of=None, sources=None, date_from=None, date_to=None) -> Filters:
        return Filters(_date(as_of), _date(date_from), _date(date_to), tuple(sources or ()))

    def retrieve(
        self,
        question: str,
        *,
        as_of=None,
        sources=None,
        date_from=None,
        date_to=None,
        k: int | None = None,
        mode: Literal["hybrid", "dense"] = "hybrid",
    ) -> list[Passage]:
        """Sources without generation (fast: no LLM): the top ``k`` (default ``top_k``) passages. ``mode="dense"``
        is the embedding search alone, for a plain reference RAG to compare with."""
        f = self.retriever_filters(as_of, sources, date_from, date_to)
        return self._retrieve({"standalone": question, "filters": f, "k": k, "mode": mode})

    def ask(self, question: str, **kwargs: Any) -> Answer:
        answer = None
        for event in self.stream(question, **kwargs):
            if event.kind == "answer":
                answer = event.answer
        if answer is None:  # stream() always ends with an answer; this guards against a broken adapter
            raise RuntimeError("the answer stream ended without an answer")
        return answer

    def stream(
        self,
        question: str,
        *,
        history: History | None = None,
        as_of: dt.date | str | None = None,
        sources: Sequence[str] | None = None,
        date_from: dt.date | str | None = None,
        date_to: dt.date | str | None = None,
        choices: Sequence[str] | None = None,
        documents: Sequence[str | Passage] | None = None,
    ) -> Iterator[StreamEvent]:
        """Events: ``passages`` once retrieval ends, ``token`` while the model writes, then the ``answer``.

        ``documents`` answers from given texts instead of the store (e.g. the RGB robustness set)."""
        question = (question or "").strip()
        if not question:
            raise ValueError("the question is empty")
        t0 = time.perf_counter()
        filters = self.retriever_filters(as_of, sources, date_from, date_to)
        docs = None if documents is None else [_as_passage(d, i) for i, d in enumerate(documents)]
        state = self.prepare.invoke(
            {
                "question": question,
                "history": history,
                "filters": filters,
                "choices": list(choices or []),
                "documents": docs,
            }
        )
        passages, evidence, standalone = state["passages"], state["evidence"], state["standalone"]
        timings = Timings(retrieve_s=round(time.perf_counter() - t0, 3))
        yield StreamEvent(kind="passages", passages=passages)
        base = {
            "question": question,
            "standalone_question": standalone,
            "passages": passages,
            "evidence": evidence,
            "as_of": filters.as_of,
        }

        spent = Usage()  # model calls made before the last one
        if choices and documents is None:
            decided, spent = self._choose_by_answer(standalone, choices, passages, filters)
            if decided is None and (picked := self._choose(standalone, choices, filters)):
                decided = picked[0], [picked[1]]
            if decided:
                raw, base["evidence"] = decided
                yield StreamEvent(kind="token", token=raw)
                timings.first_token_s = timings.total_s = round(time.perf_counter() - t0, 3)
                yield StreamEvent(kind="answer", answer=self._finish(base, raw, spent, timings, choices, filters))
                return

        best = max((e.score for e in evidence), default=0.0)
        if not evidence or (best < self.settings.refuse_below and not choices):
            timings.total_s = round(time.perf_counter() - t0, 3)
            yield StreamEvent(kind="answer", answer=_refusal(base, timings, "no passage is close enough"))
            return
        start = self.window_start(standalone, filters)
        if start and not choices and passages and not _reaches(passages, start):
            # measured on the January-April questions: "this week" answered from articles older than the window
            # was wrong 49 times in 55 (the 6 right ones by accident: an old Cuban blackout, "$4.99" for "$4")
            newest = max(p.published for p in passages if p.published)
            why = (
                f"the question asks about the time before {human_date(filters.upper or dt.date.today())}, and no "
                f"article from {human_date(start)} on answers it; the nearest is from {human_date(newest)}"
            )
            timings.total_s = round(time.perf_counter() - t0, 3)
            yield StreamEvent(kind="answer", answer=_refusal(base, timings, why))
            return

        if not choices and asks_change(standalone) and (points := statements(evidence)):
            timings.total_s = round(time.perf_counter() - t0, 3)
            yield StreamEvent(kind="answer", answer=self._timeline(base, points, timings, filters))
            return
        variables = self.prompt_variables(evidence, standalone, choices, filters.as_of)
        raw, usage = "", Usage()
        for item in self._generate(variables):
            if isinstance(item, Usage):
                usage = item
                continue
            if timings.first_token_s is None:
                timings.first_token_s = round(time.perf_counter() - t0, 3)
            raw += item
            yield StreamEvent(kind="token", token=item)
        timings.total_s = round(time.perf_counter() - t0, 3)
        yield StreamEvent(
            kind="answer", answer=self._finish(base, raw, spent + usage, timings, choices, filters, docs is not None)
        )

    def _generate(self, variables: dict[str, str]) -> Iterator[str | Usage]:
        """The model's tokens as they come, then its token counts."""
        try:
            for chunk in (self.prompt | self.llm).stream(variables):
                token = chunk.content if isinstance(chunk.content, str) else ""
                if token:
                    yield token
                if chunk.usage_metadata:
                    details = chunk.usage_metadata.get("input_token_details") or {}
                    yield Usage(
                        prompt_tokens=chunk.usage_metadata["input_tokens"],
                        completion_tokens=chunk.usage_metadata["output_tokens"],
                        cached_tokens=details.get("cache_read") or 0,
                    )
        except (StoreError, ValueError):
            raise
        except Exception as e:  # noqa: BLE001 - the endpoint's own exception types vary by adapter
            url = getattr(self.llm, "openai_api_base", None) or getattr(self.llm, "base_url", None) or "local"
            raise LLMEndpointError(f"the language model at {url} failed: {type(e).__name__}: {e}") from e

    def prompt_variables(
        self, evidence: list[Evidence], question: str, choices: Sequence[str] | None, as_of: dt.date | None
    ) -> dict[str, str]:
        """What fills the prompt template after the fixed, cached system text: evidence, the date line
        (``prompt_date``), the question and its options."""
        mode = self.settings.prompt_date
        today = as_of or dt.date.today()
        options = "\n".join(f"{LETTERS[i]}) {c}" for i, c in enumerate(choices or []))
        return {
            "evidence": "\n".join(_label(e, today if mode == "age" else None) for e in evidence),
            "today": prompts.TODAY.format(date=human_date(today)) if mode != "none" else "",
            "question": question,
            "choices": prompts.CHOICES.format(options=options) if choices else "",
        }

    def _choose_by_answer(
        self, question: str, choices: Sequence[str], passages: list[Passage], filters: Filters
    ) -> tuple[tuple[str, list[Evidence]] | None, Usage]:
        """The option the model's cited open answer names, asked without the options (a 1.5B model takes them as
        hints), with that answer's evidence; None when it refuses, cites nothing or names no option clearly
        (``choice_by_answer``). The model's token counts either way."""
        if not self.settings.choice_by_answer:
            return None, Usage()
        evidence = self.select_evidence(question, passages, asked=question, as_of=filters.upper)
        if not evidence or max(e.score for e in evidence) < self.settings.refuse_below:
            return None, Usage()
        raw, usage = "", Usage()
        for item in self._generate(self.prompt_variables(evidence, question, None, filters.as_of)):
            if isinstance(item, Usage):
                usage = item
            else:
                raw += item
        checked = check(raw, evidence, question)
        if checked.refused or not checked.citations or self._unfounded(checked, passages, question):
            return None, usage
        i = choice_support.answered_option(checked.text, choices, self.embedder)
        if i is None:
            return None, usage
        said = strip_markers(checked.text).strip(" .")
        cites = " ".join(f"[{c.n}]" for c in checked.citations)
        if normalize(said) == normalize(choices[i]):  # the answer is the option: say it once
            return (f"{LETTERS[i]}) {choices[i]} {cites}", evidence), usage
        return (f"{LETTERS[i]}) {choices[i]}: {checked.text}", evidence), usage

    def _unfounded(
        self, checked: Checked, passages: list[Passage], question: str, choices: Sequence[str] | None = None
    ) -> list[str]:
        """Terms of the answer from the model's memory (``refuse_unfounded``): in no retrieved article."""
        if not self.settings.refuse_unfounded or not checked.unsupported:
            return []
        return unfounded(checked.unsupported, passages, " ".join([question, *(choices or [])]))

    def _choose(self, question: str, choices: Sequence[str], filters: Filters) -> tuple[str, Evidence] | None:
        """An option the articles clearly support, with its citation; None leaves the pick to the model."""
        days = self.settings.choice_recent_days
        recent = (filters.upper or dt.date.today()) - dt.timedelta(days=days) if days else None
        supports = choice_support.support(self.retriever, self.embedder, question, choices, filters, recent=recent)
        best = choice_support.pick(supports)
        if best is None or best.evidence is None:
            return None
        return f"{LETTERS[best.index]}) {choices[best.index]} [1]", best.evidence

    def _conflicts(
        self, citations: list[Citation], evidence: list[Evidence], question: str, answer: str, cited_yes: float | None
    ) -> list[Evidence]:
        """Sources that disagree: another article's sentence that gives another figure or name for what the
        answer states, reported beside it whatever its date or outlet (a newer page does not win by being newer).

        A 1.5B model rarely notices a disagreement by itself, so it is found here, two ways: near-duplicate
        statements (MiniLM cosine >= 0.75) that state another figure and not the answer's; and a differently
        worded claim, a sentence of another article stating another figure (or, for an answer without one, a name
        the cited sentences lack), that the model's judge would let stand as an answer by itself (P(yes) at least
        ``_RIVAL_MARGIN`` over the answerability threshold). Word similarity alone could not tell "900 US troops in
        Syria" against "2,500 in Syria" (a conflict) from "2,500 in Iraq" (none): AUC 0.5 on written pairs, against
        0.88 for the judge (docs/experiments.md). A sentence stating the claimed figure or name agrees, and one
        worded like the cited sentence about another subject (another town's template) is a look-alike: neither
        is set beside the answer."""
        cited_n = {c.n for c in citations}
        cited_docs = {c.doc_id for c in citations}
        cited_ev = [e for e in evidence if e.n in cited_n]
        others = [e for e in evidence if e.n not in cited_n and e.passage.doc_id not in cited_docs]
        others = [o for o in others if not _other_subject(question, cited_ev, o.quote)]
        said = strip_markers(answer)
        # what the answer claims: its figures and names that the cited sentences state and the question does not
        # (a question's "on February 1" or "98th" is given, not claimed)
        claimed = (figure_values(said) & set().union(*(figure_values(e.quote) for e in cited_ev))) - figure_values(
            question
        )
        quotes = " ".join(e.quote for e in cited_ev).lower()
        asked = question.lower()
        names = [n for n in _names(said) if n.lower() in quotes and n.lower() not in asked]
        out: list[Evidence] = []

        def contradicts(o: Evidence) -> bool:
            """Another figure for the claimed one, or for a named answer none of its names: a sentence that also
            states the claimed figure or name agrees, whatever else it adds ("killing around 40" beside "1:30")."""
            if claimed:
                theirs = figure_values(o.quote)
                return bool(theirs) and not (claimed & theirs)
            if names:
                text = o.quote.lower()
                return not any(n.lower() in text for n in names) and any(
                    n.lower() not in quotes for n in _names(o.quote)
                )
            return False

        with_figures = [e for e in cited_ev if figure_values(e.quote)]
        rivals = [o for o in others if figure_values(o.quote) and claimed and contradicts(o)]
        if with_figures and rivals:
            vecs = self.embedder.embed([e.quote for e in with_figures + rivals])
            for i, _c in enumerate(with_figures):
                for j, o in enumerate(rivals, len(with_figures)):
                    if float(vecs[i] @ vecs[j]) >= 0.75 and o not in out:
                        out.append(o)
        if cited_yes is not None:
            judged = 0
            for o in sorted(others, key=lambda e: -e.score):  # the most relevant rivals first
                if judged >= _RIVALS_JUDGED:
                    break
                if o in out or not contradicts(o):
                    continue
                judged += 1
                p_yes = judge(self.llm, question, [(str(o.passage.published or ""), o.quote)])
                # a rival the judge would let stand as an answer by itself, not one that must match the cited
                # sentences' score: it rates a one-off page's plain sentence above an established report's longer one
                if p_yes is not None and p_yes >= self.settings.judge_below + _RIVAL_MARGIN:
                    out.append(o)
        return out[:2]

    def _cited_articles(
        self, citations: list[Citation], passages: list[Passage], given: bool
    ) -> list[tuple[str, dt.date | None]]:
        """Each cited article's whole text with its title, and its date: from the store, or for given documents
        from the given passages of that article."""
        out = []
        for doc_id in dict.fromkeys(c.doc_id for c in citations):
            parts = [p for p in passages if p.doc_id == doc_id]
            text = "\n".join(p.text for p in parts) if given else self.retriever.article(doc_id)
            title = parts[0].title if parts else ""
            out.append((f"{title}\n{text}", parts[0].published if parts else None))
        return out

    def _finish(
        self, base: dict, raw: str, usage: Usage, timings: Timings, choices, filters: Filters, given: bool = False
    ) -> Answer:
        evidence: list[Evidence] = base["evidence"]
        checked = check(raw, evidence, base["standalone_question"])
        choice = _parse_choice(raw, choices) if choices else None
        if checked.refused and choice is None:
            return _refusal(base, timings, checked.why, raw, usage, self.model_name)
        memory = self._unfounded(checked, base["passages"], base["standalone_question"], choices)
        if memory and choice is None:
            why = f"the answer names {memory[0]}, which none of the retrieved articles mentions"
            return _refusal(base, timings, why, raw, usage, self.model_name)
        cited_yes = None
        if choice is None and checked.citations:
            articles = self._cited_articles(checked.citations, base["passages"], given)
            if years := missing_years(base["standalone_question"], articles):
                why = f"the question asks about {' or '.join(years)}, and none of the cited articles is about it"
                return _refusal(base, timings, why, raw, usage, self.model_name)
            if self.settings.judge_below > 0:
                cited = [(str(c.date or ""), c.quote) for c in checked.citations]
                cited_yes = judge(self.llm, base["standalone_question"], cited)
                if cited_yes is not None and cited_yes < self.settings.judge_below:
                    why = (
                        "the cited sentences do not state the answer to this question (the model judged it "
                        f"{cited_yes:.0%} likely that they do)"
                    )
                    return _refusal(base, timings, why, raw, usage, self.model_name)
        warnings = [f"removed citation [{n}]: no such passage was given" for n in checked.removed]
        text = checked.text
        dates = [c.date for c in checked.citations if c.date]
        if dates:
            newest = max(dates)
            if str(newest.year) not in text:
                text = f"As of {human_date(newest)}: {text}"
            if stale := _stale(newest, filters):
                warnings.append(stale)
        timeline: list[int] = []
        if checked.citations:
            conflicts = self._conflicts(
                checked.citations, evidence, base["standalone_question"], checked.text, cited_yes
            )
            for other in conflicts:
                text = f"{text} {_conflict_sentence(other)}"
                checked.citations.append(citation_for(other))
            dated = sorted((c for c in checked.citations if c.date), key=lambda c: c.date)
            if conflicts and len({c.date for c in dated}) >= 2:  # sources that disagree across dates: in order
                timeline = [c.n for c in dated]
        if not checked.citations and choice is not None:  # a pick among given options stays, flagged
            warnings.append("the chosen option could not be tied to a passage")
        elif not checked.citations:  # nothing in the evidence carries the answer: it came from the model itself
            return _refusal(
                base, timings, "the model's answer is not supported by any passage", raw, usage, self.model_name
            )
        return Answer(
            **base,
            text=text,
            citations=checked.citations,
            unsupported=checked.unsupported,
            warnings=warnings,
            choice=choice,
            model=self.model_name,
            timings=timings,
            usage=usage,
            raw_text=raw,
            timeline=timeline,
        )

    def _timeline(self, base: dict, points: list[Evidence], timings: Timings, filters: Filters) -> Answer:
        """A question about change, answered with its dated statements in order (``qa.timeline``)."""
        lines = [
            f"- {human_date(e.passage.published)}, {e.passage.source or 'an article'}: “{e.quote}” [{e.n}]"
            for e in points
        ]
        newest = points[-1].passage.published
        return Answer(
            **base,
            text="What the articles said, oldest first:\n" + "\n".join(lines),
            citations=[citation_for(e) for e in points],
            timeline=[e.n for e in points],
            warnings=[w for w in [_stale(newest, filters)] if w],
            model=self.model_name,
            timings=timings,
        )


def _stale(newest: dt.date, filters: Filters) -> str | None:
    """A note when the newest cited source is over half a year older than the as-of date (or today)."""
    ref = filters.as_of or dt.date.today()
    if (ref - newest).days <= 180:
        return None
    age = ago((ref - newest).days)  # "almost 5 years ago", the date itself beside it
    if filters.as_of:
        age = age.replace(" ago", " before the as-of date")
    return f"The newest source is from {human_date(newest)}, {age}: this may have changed since."


_YEARS = frozenset(str(y) for y in range(1990, 2100))


# The differently worded rival claims judged per answer (about a second each, the most relevant first), and how
# far over the answerability threshold a rival must score: on the tuning half of the written pairs
# (benchmarks/conflicts.py) 29 of 31 conflicts reported, and 14 of 29 look-alikes (another country's troops, a
# runner-up). Scoring rivals against the cited sentences instead (within 0.05 of them) reported 23 and 11, and
# missed the one-off page that states 2,500 troops in Syria in plainer words than the seed's 900.
_RIVALS_JUDGED = 2
_RIVAL_MARGIN = 0.05
_SCALE = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_FIGURE = re.compile(r"(?<![\d.,])(\d[\d,]*(?:\.\d+)?)(?:\s+(thousand|million|billion|trillion)\b)?", re.IGNORECASE)


def figure_values(text: str) -> set[float]:
    """The figures a text states, as values, years aside: "7.9 million" and "7,900,000" are one figure."""
    out = set()
    for m in _FIGURE.finditer(text):
        raw = m.group(1).rstrip(",")
        if raw in _YEARS:
            continue
        try:
            value = float(raw.replace(",", ""))
        except ValueError:
            continue
        out.add(value * _SCALE[m.group(2).lower()] if m.group(2) else value)
    return out


def _names(text: str) -> list[str]:
    """Capitalised names, the sentence's first word alone and the common words aside."""
    out = []
    for m in NAME.finditer(text):
        name = re.sub(r"^(?:The|A|An|As|Of)\s+", "", m.group(0))
        if m.start() == 0 and " " not in m.group(0) or name.lower() in STOP or len(name) < 3:
            continue
        out.append(name)
    return out


_WORD = re.compile(r"[a-z]+")
# how much of a sentence's wording, names and figures aside, a report about another subject shares with the cited
# one: the written conflict pairs reach at most 0.35, one wire template filled in for another town 0.78
_SAME_FRAME = 0.6


def _frame(text: str) -> set[str]:
    """A sentence's words without its names and figures: what stays when a template is filled in for another place."""
    named = {w for n in _names(text) for w in _WORD.findall(n.lower())}
    return set(_WORD.findall(text.lower())) - named


def _other_subject(question: str, cited: list[Evidence], quote: str) -> bool:
    """Whether ``quote`` reports the same thing about another subject: it names none of the question's names that
    the cited sentences name, yet is worded like one of them ("The Tarnholm ferry operator added 367 daily routes"
    beside "The Harlow Vale ferry operator added 378"). Such a sentence is a look-alike, not a disagreement; a
    paraphrase that drops the name ("The streaming giant now counts ...") shares too little wording to be caught."""
    text = quote.lower()
    anchors = [n for n in _names(question) if any(n.lower() in e.quote.lower() for e in cited)]
    if not anchors or any(n.lower() in text for n in anchors):
        return False
    theirs = _frame(quote)
    for e in cited:
        mine = _frame(e.quote)
        if mine and len(mine & theirs) / len(mine | theirs) >= _SAME_FRAME:
            return True
    return False


def _reaches(passages: list[Passage], start: dt.date) -> bool:
    """Whether any passage is from ``start`` on, or undated (its date is unknown, not known to be old)."""
    return any(p.published is None or p.published >= start for p in passages)


def _conflict_sentence(e: Evidence) -> str:
    date = human_date(e.passage.published) if e.passage.published else "an undated article"
    return f'Other reporting differs: {e.passage.source or "another outlet"} on {date} said "{e.quote}" [{e.n}].'


def _age(published: dt.date, today: dt.date) -> str:
    """An article's age in words ("3 weeks before today") for ``prompt_date="age"``: for models that compare ages
    better than two ISO dates (measured, the 1.5B default does not; docs/experiments.md)."""
    days = (today - published).days
    if days <= 0:
        return "the same day"
    for unit, size in (("year", 365), ("month", 30), ("week", 7)):
        if days >= 2 * size:
            return f"{days // size} {unit}s before today"
    return f"{days} day{'s' if days > 1 else ''} before today"


# The prompt's own structure: a line per evidence sentence opened by its label "[n] (outlet, date)", then the
# "Question:" and "Answer:" lines. A quote is one line (whitespace collapsed), and inside it whatever could pass for
# that structure is defused, so article text can neither open a new evidence item nor close the evidence.
_FAKE_LABEL = re.compile(r"\[(\s*\d+\s*)\]")
_FAKE_HEADER = re.compile(r"\b(evidence|question|answer|options|rules|example)(\s*):", re.IGNORECASE)


def quoted(text: str) -> str:
    """Article text as it may sit inside one evidence line: one line, with no "[n]" label and no "Answer:"-style
    header of the prompt's own (they become "(n)" and "Answer -"). Ordinary news sentences are unchanged."""
    text = re.sub(r"\s+", " ", text).strip()
    text = _FAKE_LABEL.sub(lambda m: f"({m.group(1).strip()})", text)
    return _FAKE_HEADER.sub(lambda m: f"{m.group(1)}{m.group(2)} -", text)


def _label(e: Evidence, today: dt.date | None = None) -> str:
    p = e.passage
    date = p.published.isoformat() if p.published else "undated"
    if today and p.published:
        date = f"{date}, {_age(p.published, today)}"
    source = quoted(p.source or "unknown outlet")
    return f"[{e.n}] ({source}, {date}) {quoted(e.quote)}"


_LETTER = re.compile(r"\W*(?:option\s+([A-J])\b|\(?([A-J])(?:[).:\]]|\s*$))", re.IGNORECASE)


def _parse_choice(raw: str, choices: Sequence[str] | None) -> int | None:
    """The option a reply picks: a leading letter written as an option ("B)", "(B)", "B.", "Option B", or "B"
    alone), else the one option it names as whole words. "A new stadium" is not option A, and "1,500" does not
    name "500"."""
    if not choices:
        return None
    m = _LETTER.match(raw.strip())
    if m and LETTERS.index((m.group(1) or m.group(2)).upper()) < len(choices):
        return LETTERS.index((m.group(1) or m.group(2)).upper())
    hits = [i for i, c in enumerate(choices) if choice_support.names(raw, c)]
    return hits[0] if len(hits) == 1 else None


def _refusal(
    base: dict, timings: Timings, reason: str, raw: str = "", usage: Usage | None = None, model: str = ""
) -> Answer:
    # the reason is part of what the reader sees: "don't say" alone reads as "didn't look"
    text = f"The articles don't say ({reason}). " + (
        "The closest passages are listed below." if base["passages"] else "No article matched the question."
    )
    return Answer(
        **base,
        text=text,
        refused=True,
        refusal_reason=reason,
        timings=timings,
        usage=usage or Usage(),
        raw_text=raw,
        model=model,
    )


def _as_passage(d: str | Passage, i: int) -> Passage:
    if isinstance(d, Passage):
        return d
    doc_id = hashlib.sha1(d.encode()).hexdigest()[:16]
    return Passage(
        chunk_id=f"given-{i}", doc_id=doc_id, title=f"Passage {i + 1}", text=d, start=0, end=len(d), source="given"
    )

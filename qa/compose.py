"""The compose step: a checked reply becomes the ``Answer`` a reader sees, or a refusal that says why.

Dating is part of composing: an answer is prefixed with the date of its newest cited source unless it names that
year, a source over half a year older than the as-of date is flagged as possibly out of date, and a source that
disagrees is set beside the answer with its outlet and date.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from qa import conflicts
from qa.answerability import Verdict, verify
from qa.citations import citation_for
from qa.conflicts import Judge, Reader
from qa.embed import Embedder
from qa.text import ago
from qa.types import Answer, Citation, Evidence, Passage, Timings, Usage

STALE_DAYS = 180  # a newest source older than this (before as_of) may have changed since


def human_date(d: dt.date) -> str:
    return f"{d:%B} {d.day}, {d.year}"


def refusal(
    base: dict[str, Any], timings: Timings, reason: str, raw: str = "", usage: Usage | None = None, model: str = ""
) -> Answer:
    """ "The articles don't say (why)": the reason is part of what the reader sees, since "don't say" alone reads
    as "didn't look"; the closest passages stay listed."""
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


def stale(newest: dt.date, as_of: dt.date | None) -> str | None:
    """A note when the newest cited source is over half a year older than the as-of date (or today)."""
    ref = as_of or dt.date.today()
    if (ref - newest).days <= STALE_DAYS:
        return None
    age = ago((ref - newest).days)  # "almost 5 years ago", the date itself beside it
    if as_of:
        age = age.replace(" ago", " before the as-of date")
    return f"The newest source is from {human_date(newest)}, {age}: this may have changed since."


def conflict_sentence(e: Evidence, cited_docs: set[str]) -> str:
    if e.passage.doc_id in cited_docs:  # the cited page contradicts itself (``conflicts.same_page``)
        return f'The same article also says "{e.quote}" [{e.n}].'
    date = human_date(e.passage.published) if e.passage.published else "an undated article"
    return f'Other reporting differs: {e.passage.source or "another outlet"} on {date} said "{e.quote}" [{e.n}].'


def compose(
    base: dict[str, Any],
    verdict: Verdict,
    conflicts: list[Evidence],
    raw: str,
    usage: Usage,
    timings: Timings,
    model: str,
) -> Answer:
    """The answer of a reply that passed the checks: dated, with sources that disagree beside it (in date order
    when they span dates) and warnings for removed markers, a stale newest source or an uncited option."""
    checked = verdict.checked
    if verdict.refusal:
        return refusal(base, timings, verdict.refusal, raw, usage, model)
    warnings = [f"removed citation [{n}]: no such passage was given" for n in checked.removed]
    text = checked.text
    citations: list[Citation] = list(checked.citations)
    if dates := [c.date for c in citations if c.date]:
        newest = max(dates)
        if str(newest.year) not in text:
            text = f"As of {human_date(newest)}: {text}"
        if note := stale(newest, base["as_of"]):
            warnings.append(note)
    timeline: list[int] = []
    cited_docs = {c.doc_id for c in citations}
    for other in conflicts:
        text = f"{text} {conflict_sentence(other, cited_docs)}"
        citations.append(citation_for(other))
    dated = sorted((c for c in citations if c.date), key=lambda c: c.date or dt.date.min)
    if conflicts and len({c.date for c in dated}) >= 2:  # sources that disagree across dates: in order
        timeline = [c.n for c in dated]
    if not citations:  # only a pick among given options gets here uncited
        warnings.append("the chosen option could not be tied to a passage")
    return Answer(
        **base,
        text=text,
        citations=citations,
        unsupported=checked.unsupported,
        warnings=warnings,
        choice=verdict.choice,
        model=model,
        timings=timings,
        usage=usage,
        raw_text=raw,
        timeline=timeline,
    )


def timeline(base: dict[str, Any], points: list[Evidence], timings: Timings, model: str) -> Answer:
    """A question about change, answered with its dated statements in order (``qa.timeline``)."""
    lines = [
        f"- {human_date(e.passage.published)}, {e.passage.source or 'an article'}: “{e.quote}” [{e.n}]"
        for e in points
        if e.passage.published
    ]
    newest = points[-1].passage.published
    return Answer(
        **base,
        text="What the articles said, oldest first:\n" + "\n".join(lines),
        citations=[citation_for(e) for e in points],
        timeline=[e.n for e in points],
        warnings=[w for w in [stale(newest, base["as_of"]) if newest else None] if w],
        model=model,
        timings=timings,
    )


def finish(
    base: dict[str, Any],
    raw: str,
    usage: Usage,
    timings: Timings,
    options: list[str],
    embedder: Embedder,
    judge: Judge | None,
    judge_below: float,
    article: Callable[[str], str] | None,
    model: str = "",
    reader: Reader | None = None,
) -> Answer:
    """The check and compose steps of one reply: verified (``qa.answerability.verify``), then, when it stands and
    cites, set beside the sources that contradict it (``qa.conflicts``; the judge weighs rivals only when it judged
    the answer, and ``reader`` reads those it lets stand for their own answer) and composed. ``article`` gives a
    stored article's whole text; None for given documents."""
    question, passages, evidence = base["standalone_question"], base["passages"], base["evidence"]

    def articles(citations: list[Citation]) -> dict[str, tuple[str, dt.date | None]]:
        return cited_articles(citations, passages, article)

    verdict = verify(raw, evidence, question, passages, options, articles, judge, judge_below, article is not None)
    found: list[Evidence] = []
    if not verdict.refusal and verdict.checked.citations:
        judged = judge if verdict.cited_yes is not None else None
        checked = verdict.checked
        found = conflicts.find(
            checked.citations, evidence, question, checked.text, embedder, judged, judge_below, passages, reader
        )
    return compose(base, verdict, found, raw, usage, timings, model)


def cited_articles(
    citations: list[Citation], passages: list[Passage], article: Callable[[str], str] | None
) -> dict[str, tuple[str, dt.date | None]]:
    """Each cited article's whole text, its title as the first line, and its date, by doc_id: from the store
    (``article``), or for given documents from the given passages of that article."""
    out = {}
    for doc_id in dict.fromkeys(c.doc_id for c in citations):
        parts = [p for p in passages if p.doc_id == doc_id]
        text = article(doc_id) if article else "\n".join(p.text for p in parts)
        title = parts[0].title if parts else ""
        out[doc_id] = (f"{title}\n{text}", parts[0].published if parts else None)
    return out

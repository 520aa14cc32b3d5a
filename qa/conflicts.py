"""Sources that disagree: another article's sentence giving another figure or name for what an answer states,
reported beside it whatever its date or outlet (a newer page does not win by being newer).

A 1.5B model rarely notices a disagreement by itself, so it is found here, after the citation checks, two ways:
near-duplicate statements (MiniLM cosine >= ``SAME_STATEMENT``) that state another figure and not the answer's; and
a differently worded claim, a sentence of another article stating another figure (or, for an answer without one, a
name the cited sentences lack), that the model's judge would let stand as an answer by itself (P(yes) at least
``RIVAL_MARGIN`` over the answerability threshold). Word similarity alone could not tell "900 US troops in Syria"
against "2,500 in Syria" (a conflict) from "2,500 in Iraq" (none): AUC 0.5 on written pairs, against 0.88 for the
judge (docs/experiments.md). A sentence stating the claimed figure or name agrees, and one worded like the cited
sentence about another subject (another town's template) is a look-alike: neither is set beside the answer. Nor is
a sentence of a page that addresses a machine reader anywhere (``qa.evidence.speaks_to_reader``): such a page is
the attacker, not other reporting.

The judge lets stand most sentences on the asked topic, and on real news those are mostly related, not rival,
reports: of 76 notes on the 195 January-April quiz answers, 7 gave another answer to the question. So for an answer
that names rather than counts, a rival the judge lets stand is then read for its own answer (``Reader``), and set
beside the answer only when that names something else (``answers_otherwise``): "none", or the answer's own name in
other words, is no disagreement. Figures are not read: asked what the seed's "The roughly 900 US forces in eastern
Syria are not present with the permission of ..." answers, the model said "none", which would have left a one-off
page's 2,500 alone; another figure in a sentence the judge lets stand stays a disagreement.

The cited page itself is compared too (``same_page``): a page that states the cited statement again with another
figure, in a feed item, a caption track or a "copy" line further down, gives no ground for preferring either
figure, so the other one is shown as "The same article also says".
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Sequence

import numpy as np

from qa.addressing import names_machine
from qa.citations import strip_markers
from qa.embed import Embedder
from qa.evidence import MAX_CHARS, clean_spans, speaks_to_reader
from qa.text import content_words, counts_asked, figure_values, names, stem
from qa.types import Citation, Evidence, Passage

# The differently worded rival claims judged per answer (about half a second each, the most relevant first), and
# how far over the answerability threshold a rival must score. On the tuning half of the written pairs
# (benchmarks/conflicts.py), with the judge's prompt of da9448c, margins of 0.05 / 0.08 / 0.10 / 0.12 / 0.15
# reported 29 / 29 / 29 / 28 / 26 of 31 conflicts and 14 / 12 / 12 / 12 / 11 of 29 look-alikes (another country's
# troops, a runner-up); 0.10 sits inside the plateau. Scoring rivals against the cited sentences instead (within
# 0.05 of them) reported 23 and 11, and missed the one-off page that states 2,500 troops in Syria in plainer words
# than the seed's 900.
RIVALS_JUDGED = 2
RIVAL_MARGIN = 0.10
SAME_STATEMENT = 0.75  # MiniLM cosine of two wordings of one statement
# how much of a sentence's wording, names and figures aside, a report about another subject shares with the cited
# one: the written conflict pairs reach at most 0.35, one wire template filled in for another town 0.78
SAME_FRAME = 0.6
MAX_REPORTED = 2

# A date ("Monday, June 22", "March 6, 1926", "22 June", "Jan. 8", "in 1787") says when, not how many: counted as
# figures, "died Monday, June 22" and "born on March 6, 1926" were set beside "was 100 years old when he died" as
# other reporting, and "written in 1787" beside "signed by 34 delegates". A four-digit number after "in", "since",
# "until", "during" is read as a year; elsewhere "2500 troops" stays a figure (outlets that skip the thousands
# separator, or a page written to be set beside the 900). Dates stay figures when the answer's claim is
# itself one ("the deadline is April 15" against "April 30"; "in 1787" against "in 1789").
_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\b\.?"
)
_DATE = re.compile(
    rf"\b{_MONTH}\s+(?:\d{{1,2}}(?:st|nd|rd|th)?\b(?:,?\s+\d{{4}}\b)?|\d{{4}}\b)"
    rf"|\b\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH}(?!\w)(?:\s+\d{{4}}\b)?"
    r"|\b(?:[Ii]n|[Ss]ince|[Uu]ntil|[Tt]ill|[Dd]uring|[Cc]irca)\s+(?:1\d{3}|20\d\d)(?![\d,]|\.\d)"
)


def undated_figures(text: str) -> set[float]:
    """The figures a text states, its dates aside."""
    return figure_values(_DATE.sub(" ", text))


# the judge: P(yes) that these (date, sentence) pairs state the answer to the question, or None
Judge = Callable[[str, Sequence[tuple[str, str]]], float | None]
# the reader: the answer (question, date, sentence) gives by itself, "none" if it gives none, or None if it cannot run
Reader = Callable[[str, str, str], str | None]

# "none" and its variants; not a bare "No", which opens titles ("No Time to Die")
_NO_ANSWER = re.compile(
    r"(?:none\b|no answer|not (?:stated|given|mentioned|specified)|n/?a\b|unknown|(?:the sentence|it|this) does not)",
    re.IGNORECASE,
)


def answers_otherwise(reply: str, question: str, said: str) -> bool:
    """Whether a rival sentence's own answer (``reply``, the reader's) names what neither the answer ``said`` nor
    the question does ("McIlroy" against "Jack Nicklaus won his second consecutive Masters"). "none", and a reply
    that only repeats the question's and the answer's words ("Quadgod" for "Quad God", "Rovers" for "Dunmore
    Rovers"), give no other answer."""
    reply = strip_markers(reply).strip(" .")
    if not reply or _NO_ANSWER.match(reply):
        return False
    asked = {stem(w, 6) for w in content_words(question)}
    ours = {stem(w, 6) for w in content_words(said)}
    flat = re.sub(r"\W", "", said.lower())
    new = [w for w in content_words(reply) if stem(w, 6) not in asked]
    return any(stem(w, 6) not in ours and w not in flat for w in new)


_WORD = re.compile(r"[a-z]+")


def _frame(text: str) -> set[str]:
    """A sentence's words without its names and figures: what stays when a template is filled in for another place."""
    named = {w for n in names(text) for w in _WORD.findall(n.lower())}
    return set(_WORD.findall(text.lower())) - named


def anchors(question: str, cited: list[Evidence]) -> list[str]:
    """The question's names that the cited sentences name too, lower-cased: what the answer is about."""
    return [n.lower() for n in names(question) if any(n.lower() in e.quote.lower() for e in cited)]


def other_subject(question: str, cited: list[Evidence], quote: str) -> bool:
    """Whether ``quote`` reports the same thing about another subject: it names none of the question's names that
    the cited sentences name, yet is worded like one of them ("The Tarnholm ferry operator added 367 daily routes"
    beside "The Harlow Vale ferry operator added 378"). Such a sentence is a look-alike, not a disagreement; a
    paraphrase that drops the name ("The streaming giant now counts ...") shares too little wording to be caught."""
    text = quote.lower()
    named = anchors(question, cited)
    if not named or any(n in text for n in named):
        return False
    theirs = _frame(quote)
    for e in cited:
        mine = _frame(e.quote)
        if mine and len(mine & theirs) / len(mine | theirs) >= SAME_FRAME:
            return True
    return False


def find(
    citations: list[Citation],
    evidence: list[Evidence],
    question: str,
    answer: str,
    embedder: Embedder,
    judge: Judge | None,
    judge_below: float,
    passages: Sequence[Passage] = (),
    reader: Reader | None = None,
) -> list[Evidence]:
    """Up to ``MAX_REPORTED`` sentences that contradict the answer: first one of the cited page itself, from
    ``passages`` (``same_page``), then evidence sentences of other articles. ``judge`` is None when the answer's own
    sentences were not judged (then only near-duplicate statements are compared). ``reader`` reads a rival the judge
    lets stand for its own answer, when the answer claims no figure; without one, the judge decides alone."""
    cited_n = {c.n for c in citations}
    cited_docs = {c.doc_id for c in citations}
    cited_ev = [e for e in evidence if e.n in cited_n]
    others = [
        e
        for e in evidence
        if e.n not in cited_n and e.passage.doc_id not in cited_docs and not speaks_to_reader(e.passage)
    ]
    others = [o for o in others if not other_subject(question, cited_ev, o.quote)]
    said = strip_markers(answer)

    def claim(figures: Callable[[str], set[float]]) -> set[float]:
        """What the answer claims: its figures that the cited sentences state and the question does not (a
        question's "on February 1" or "98th" is given, not claimed)."""
        stated: set[float] = set().union(*(figures(e.quote) for e in cited_ev))
        return (figures(said) & stated) - figure_values(question)

    figures = undated_figures
    if not (claimed := claim(figures)):  # none but dates, if any: then the dates are the claim
        figures = figure_values
        claimed = claim(figures)
    # and its names that the cited sentences write as names and the question does not: its first word too, which the
    # model often opens with ("Minnesota and Illinois filed ...", "Biarritz [1]"), when a cited sentence writes it
    # capitalised as well
    cased = " ".join(e.quote for e in cited_ev)
    quotes, asked = cased.lower(), question.lower()
    named = [
        n
        for n in names(said, first=True)
        if re.search(rf"(?<!\w){re.escape(n)}(?!\w)", cased) and n.lower() not in asked
    ]
    out: list[Evidence] = []

    def contradicts(o: Evidence) -> bool:
        """Another figure for the claimed one, or for a named answer none of its names: a sentence that also
        states the claimed figure or name agrees, whatever else it adds ("killing around 40" beside "1:30")."""
        if claimed:
            theirs = figures(o.quote)
            return bool(theirs) and not (claimed & theirs)
        if named:
            text = o.quote.lower()
            return not any(n.lower() in text for n in named) and any(n.lower() not in quotes for n in names(o.quote))
        return False

    with_figures = [e for e in cited_ev if figures(e.quote)]
    if claimed and with_figures:
        out += same_page(with_figures, passages, evidence, contradicts, embedder, question)[:1]
    rivals = [o for o in others if figures(o.quote) and claimed and contradicts(o)]
    if with_figures and rivals:
        likeness = _likeness([e.quote for e in with_figures], [o.quote for o in rivals], embedder)
        for row in likeness:
            for o, sim in zip(rivals, row):
                if sim >= SAME_STATEMENT and o not in out:
                    out.append(o)
    if judge is not None:
        judged = 0
        for o in sorted(others, key=lambda e: -e.score):  # the most relevant rivals first
            if judged >= RIVALS_JUDGED:
                break
            if o in out or not contradicts(o):
                continue
            judged += 1
            date = str(o.passage.published or "")
            p_yes = judge(question, [(date, o.quote)])
            # a rival the judge would let stand as an answer by itself, not one that must match the cited
            # sentences' score: it rates a one-off page's plain sentence above an established report's longer one
            if p_yes is None or p_yes < judge_below + RIVAL_MARGIN:
                continue
            reply = reader(question, date, o.quote) if reader and not claimed else None
            if reply is None or answers_otherwise(reply, question, said):
                out.append(o)
    return out[:MAX_REPORTED]


def same_page(
    cited: list[Evidence],
    passages: Sequence[Passage],
    evidence: list[Evidence],
    contradicts: Callable[[Evidence], bool],
    embedder: Embedder,
    question: str = "",
) -> list[Evidence]:
    """Sentences of a cited page that state the cited statement again with another figure ("put into service 222
    electric buses" in its first paragraph, "has put into service 448 electric buses" in a feed item or a caption
    further down): a page that contradicts itself on the asked figure is no ground for preferring either, so the
    other is set beside the answer, as another outlet's would be. Only near-duplicate statements (MiniLM cosine >=
    ``SAME_STATEMENT``) count, and sentences that give another count of what a "how many" question asks
    (``counts_asked``) and name what it names: a page's other figures of other things ("40 injured" beside "12
    killed") are news, not a disagreement. Sentences the evidence step leaves out (an instruction's figure,
    ``qa.evidence``) are not the page's statements, and a page that addresses a machine reader is skipped like any
    attacker's page.
    Sentences not among the evidence get the next free numbers."""
    docs = {e.passage.doc_id for e in cited}
    taken = [(e.passage.doc_id, e.start, e.end) for e in cited]
    seen: set[tuple[str, int, int]] = set()
    cands: list[Evidence] = []
    for p in passages:
        if p.doc_id not in docs or speaks_to_reader(p):
            continue
        for a, b in clean_spans(p):
            key = (p.doc_id, a, b)
            if key in seen or any(d == p.doc_id and a < y and x < b for d, x, y in taken):
                continue
            seen.add(key)
            b = min(b, a + MAX_CHARS)
            quote = p.text[a - p.start : b - p.start]
            shown = next((e for e in evidence if e.passage.doc_id == p.doc_id and e.start == a), None)
            o = shown or Evidence(n=0, passage=p, quote=quote, start=a, end=b, score=0.0)
            if contradicts(o):
                cands.append(o)
    if not cands:
        return []
    # a cited span of several lines without full stops (a caption track, a list) is compared line by line too:
    # the line that states a figure is the statement, and the rest would dilute its likeness
    mine = [e.quote for e in cited]
    mine += [line for e in cited if "\n" in e.quote for line in e.quote.splitlines() if figure_values(line)]
    sims = _likeness(mine, [o.quote for o in cands], embedder).max(axis=0)
    named = anchors(question, cited)
    for j, o in enumerate(cands):  # another count of the asked thing is a second answer, however it is worded
        if counts_asked(question, o.quote) and all(n in o.quote.lower() for n in named) and not names_machine(o.quote):
            sims[j] = max(sims[j], SAME_STATEMENT)
    out = [cands[j] for s, j in sorted(zip(sims, range(len(cands))), reverse=True) if s >= SAME_STATEMENT]
    free = itertools.count(max((e.n for e in evidence), default=0) + 1)  # the new ones numbered in turn
    return [o if o.n else o.model_copy(update={"n": next(free)}) for o in out]


def _likeness(mine: list[str], theirs: list[str], embedder: Embedder) -> np.ndarray:
    """MiniLM cosine of each of ``mine`` (rows) with each of ``theirs`` (columns), in one embedding call. Pair by
    pair, as the thresholds were measured: a matrix product rounds differently in the last bits."""
    vecs = embedder.embed(mine + theirs)
    return np.array([[float(x @ y) for y in vecs[len(mine) :]] for x in vecs[: len(mine)]])

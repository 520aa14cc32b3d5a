"""Multiple choice decided by the evidence, not by the model's preference.

Measured on the January-April questions of the 2026 benchmark (benchmarks/choice_levers.py, in git history at
4e9a551): the 1.5B model picked right 0.35-0.50 of the time from the evidence sentences, while searching once per
option (question + option) and taking the option whose best-ranked passage actually names it is right 0.669 of the
time when it decides (154 of 195 questions), in 0.1-0.5 s instead of ~7 s. Summing several passages' support, or
discounting passages that name several options, decided more and got more wrong. The pick is cited with the sentence
of that passage that names the option; undecided questions go to the model.

Before either, the product asks the model the question as an open one (without the options, which a 1.5B model
takes as hints) and maps its cited answer to the option it names (``answered_option``): on those months the open
answer singles out an option for 88 of 195 questions and is right for 79 (0.90), where the evidence pick is right
0.667 of the time it decides.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from qa.citations import check, strip_markers, unfounded
from qa.embed import Embedder
from qa.prompts import LETTERS
from qa.retrieve import Filters, HybridRetriever
from qa.text import normalize, sentence_spans
from qa.types import Evidence, Passage, Usage

Decision = tuple[str, list[Evidence]]  # the reply ("B) Lyon [1]") and the evidence its marker points into
Choice = tuple[Decision | None, Usage]  # with the token counts of the model call made for it, decided or not

_DIGIT_MARK = re.compile(r"(?<=\d)[,.](?=\d)")


def _words(text: str) -> str:
    """SQuAD normalisation with figures kept whole: it turns "2,500" into "2 500", which names "500"."""
    return normalize(_DIGIT_MARK.sub("", text))


def names(text: str, option: str) -> bool:
    """Whether the text names the option as whole words: "500" must not match inside "2,500"."""
    name = _words(option)
    return bool(name) and f" {name} " in f" {_words(text)} "


@dataclass
class Support:
    index: int
    score: float  # fused retrieval score of the best passage that names the option (0: none does)
    evidence: Evidence | None  # that passage's sentence naming the option, closest to the question

    @property
    def key(self) -> tuple[float, float]:
        """Passage rank first; when two options share a passage, the sentence naming each one decides."""
        return (self.score, self.evidence.score if self.evidence else 0.0)


RECENT_K = 20  # how deep the recent pass looks
# how recent: reading the wrong evidence picks of the January-April questions, most cited an article years older than
# the question, so a pick is made again from the articles of the last 30 days before as_of (docs/experiments.md)
RECENT_DAYS = 30


def support(
    retriever: HybridRetriever,
    embedder: Embedder,
    question: str,
    choices: Sequence[str],
    filters: Filters,
    k: int = 5,
    recent: dt.date | None = None,
) -> list[Support]:
    """Each option's best support: search with the option added, keep passages whose text names it.

    With ``recent``, a pick the top ``k`` make is made again from the passages of the top ``RECENT_K`` published
    on or after that date, and that one stands where it decides. Where the top ``k`` decide nothing, a recent
    passage does not either: on the January-April questions such picks were wrong, and the model (which then
    decides) right. Each option is searched once."""
    q_vec = embedder.embed([question])[0]  # once, not once per option
    found = [retriever.search(f"{question} {c}", filters, k=max(k, RECENT_K) if recent else k) for c in choices]
    current = _best(q_vec, embedder, choices, [ps[:k] for ps in found])
    if recent is None or pick(current) is None:
        return current
    since = [[p for p in ps if p.published and p.published >= recent] for ps in found]
    fresh = _best(q_vec, embedder, choices, since)
    return fresh if pick(fresh) is not None else current


def _best(q_vec: np.ndarray, embedder: Embedder, choices: Sequence[str], found: list[list[Passage]]) -> list[Support]:
    out = []
    for i, (choice, passages) in enumerate(zip(choices, found, strict=True)):
        best: Passage | None = None
        for p in passages:
            if names(p.text, choice) and (best is None or p.score > best.score):
                best = p
        ev = evidence_for(q_vec, choice, best, embedder) if best else None
        out.append(Support(i, best.score if best and ev else 0.0, ev))
    return out


def pick(supports: list[Support]) -> Support | None:
    """The clearly best-supported option, or None (no option named, or a tie the evidence cannot break)."""
    ranked = sorted(supports, key=lambda s: s.key, reverse=True)
    if not ranked or ranked[0].score <= 0 or ranked[0].evidence is None:
        return None
    if len(ranked) > 1 and ranked[1].key == ranked[0].key:
        return None
    return ranked[0]


def evidence_for(q_vec: np.ndarray, choice: str, passage: Passage, embedder: Embedder, n: int = 1) -> Evidence | None:
    """The sentence of the passage that names the option and is closest to the question, as citation [n]."""
    spans = sentence_spans(passage.text, offset=passage.start)
    named = [(a, b) for a, b in spans if names(passage.text[a - passage.start : b - passage.start], choice)]
    if not named:
        return None
    texts = [passage.text[a - passage.start : b - passage.start] for a, b in named]
    sims = embedder.embed(texts) @ q_vec
    j = int(sims.argmax())
    a, b = named[j]
    return Evidence(n=n, passage=passage, quote=texts[j], start=a, end=b, score=float(sims[j]))


# An open answer that names no option as whole words is mapped by meaning only when one option is clearly closest:
# MiniLM cosine at least this, and this far ahead of the next option (chosen on the January-April questions,
# benchmarks/choice_levers.py --answers, in git history at 4e9a551; with the evidence pick after it, names alone:
# 111 of 195 right, with these 116; docs/experiments.md).
ANSWER_MIN_SIM = 0.4
ANSWER_MARGIN = 0.1


def answered_option(
    answer: str,
    choices: Sequence[str],
    embedder: Embedder,
    min_sim: float = ANSWER_MIN_SIM,
    margin: float = ANSWER_MARGIN,
) -> int | None:
    """The option a free answer names: the one it names as whole words, else the one clearly closest in meaning
    ("the club will play at the new arena from May" -> "It is moving to a new stadium"); None when neither singles
    one out."""
    text = strip_markers(answer)
    named = [i for i, c in enumerate(choices) if names(text, c)]
    if len(named) == 1:
        return named[0]
    if not text.strip() or not choices or min_sim > 1:
        return None
    candidates = named or list(range(len(choices)))  # an answer naming two options is judged between those two
    vecs = embedder.embed([text] + [choices[i] for i in candidates])
    sims = vecs[1:] @ vecs[0]
    order = np.argsort(-sims)
    best = float(sims[order[0]])
    second = float(sims[order[1]]) if len(order) > 1 else -1.0
    if best >= min_sim and best - second >= margin:
        return candidates[int(order[0])]
    return None


def by_evidence(
    retriever: HybridRetriever, embedder: Embedder, question: str, choices: Sequence[str], filters: Filters
) -> Decision | None:
    """The option the articles clearly support, cited with the sentence naming it; None leaves the pick to the
    model."""
    recent = (filters.upper or dt.date.today()) - dt.timedelta(days=RECENT_DAYS) if RECENT_DAYS else None
    best = pick(support(retriever, embedder, question, choices, filters, recent=recent))
    if best is None or best.evidence is None:
        return None
    return f"{LETTERS[best.index]}) {choices[best.index]} [1]", [best.evidence]


def from_answer(
    raw: str,
    evidence: list[Evidence],
    question: str,
    choices: Sequence[str],
    passages: list[Passage],
    embedder: Embedder,
) -> Decision | None:
    """The option a cited open answer (asked without the options, which a 1.5B model takes as hints) names, with
    that answer's evidence; None when it refuses, cites nothing, names what no article mentions or no option."""
    checked = check(raw, evidence, question)
    if checked.refused or not checked.citations:
        return None
    if checked.unsupported and unfounded(checked.unsupported, passages, question):
        return None
    i = answered_option(checked.text, choices, embedder)
    if i is None:
        return None
    said = strip_markers(checked.text).strip(" .")
    cites = " ".join(f"[{c.n}]" for c in checked.citations)
    if normalize(said) == normalize(choices[i]):  # the answer is the option: say it once
        return f"{LETTERS[i]}) {choices[i]} {cites}", evidence
    return f"{LETTERS[i]}) {choices[i]}: {checked.text}", evidence


_LETTER = re.compile(r"\W*(?:option\s+([A-J])\b|\(?([A-J])(?:[).:\]]|\s*$))", re.IGNORECASE)


def parse_choice(raw: str, choices: Sequence[str] | None) -> int | None:
    """The option a reply picks, the one way every path reads it: a leading letter written as an option ("B)",
    "(B)", "B.", "Option B", or "B" alone), else the one option it names as whole words. "A new stadium" is not
    option A, and "1,500" does not name "500"."""
    if not choices:
        return None
    m = _LETTER.match(raw.strip())
    if m and LETTERS.index((m.group(1) or m.group(2)).upper()) < len(choices):
        return LETTERS.index((m.group(1) or m.group(2)).upper())
    hits = [i for i, c in enumerate(choices) if names(raw, c)]
    return hits[0] if len(hits) == 1 else None


def choose(
    question: str,
    options: list[str],
    passages: list[Passage],
    filters: Filters,
    retriever: HybridRetriever,
    select: Callable[[str], list[Evidence]],
    answer_open: Callable[[list[Evidence], str], tuple[str, Usage]] | None,
    refuse_below: float,
) -> Choice:
    """A pick made outside the model's view of the options: the option its cited open answer names (``answer_open``
    asks the model; None skips it), else the one the articles clearly support; None leaves it to the model. The
    open answer's token counts come with it either way."""
    usage = Usage()
    if answer_open is not None:
        evidence = select(question)
        if evidence and max(e.score for e in evidence) >= refuse_below:
            raw, usage = answer_open(evidence, question)
            if d := from_answer(raw, evidence, question, options, passages, retriever.embedder):
                return d, usage
    return by_evidence(retriever, retriever.embedder, question, options, filters), usage

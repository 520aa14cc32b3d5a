"""Citation checks after generation: markers must point at given evidence; every kept citation resolves to
the exact sentence it quotes; numbers and names a sentence's citations do not contain are flagged.

A small model forgets markers or invents [7]; the user must still be able to trust every [n] they see.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

import simplemma
from num2words import num2words

from qa.prompts import NOT_FOUND
from qa.text import NAME, NUMBER, STOP, content_words, number_key, numbers, sentence_spans, undotted, words
from qa.types import Citation, Evidence, Passage, Unsupported

_MARKER = re.compile(r"\s*\[(\d+(?:\s*[,;]\s*\d+)*)\]")
_LEADING_ARTICLE = re.compile(r"^(?:The|A|An)\s+")
_REFUSAL = re.compile(
    rf"^\W*({re.escape(NOT_FOUND)}|not found\b|i (do not|don't|cannot|can't) (know|tell|find|answer)"
    r"|the (evidence|articles?|sources?|text) (does|do) not (say|mention|contain|provide|specify|state|answer)"
    r"|there is no (information|evidence|mention))",
    re.IGNORECASE,
)


@dataclass
class Checked:
    text: str
    citations: list[Citation] = field(default_factory=list)
    unsupported: list[Unsupported] = field(default_factory=list)
    removed: list[int] = field(default_factory=list)
    refused: bool = False
    why: str = "the model found no answer in the evidence"


def strip_markers(text: str) -> str:
    """The text without its citation markers ("[2]", "[1, 3]"), for comparing what an answer says."""
    return _MARKER.sub("", text)


def is_refusal(raw: str) -> bool:
    return bool(_REFUSAL.search(raw.strip())) or raw.strip().upper().startswith(NOT_FOUND)


# Words an answer may add to the question without adding an answer ("Which country ...?" -> "The country ...";
# "Which editor campaigned ...?" -> "The editor who campaigned ... is [1].").
_FILLER = frozenset(
    "a an the is are was were be been being it its this that who whom whose which of in on at to for by with and "
    "as".split()
)


def _lemmas(ws: Iterable[str]) -> set[str]:
    return {simplemma.lemmatize(w, lang="en") for w in ws}


def restates(answer: str, question: str) -> bool:
    """Whether the answer only repeats the question: measured on the 420 benchmark answers, the 1.5B model
    answered 15 of them this way ("Which city hosted the summit?" -> "The city hosted the summit [4]."),
    none right, each still citing a passage. Yes/no and numbers count as new words.

    Words compare by lemma, since the model turns the question's verb into the answer's tense: "When did the
    Golden Globe Awards 2020 take place?" -> "The Golden Globe Awards 2020 took place on [1].", "Who coaches the
    Aces?" -> "The Aces are coached by the WNBA's Aces [3]." Replayed on recorded answers (the five spent refusal
    sets, the January-April questions, RGB), by lemma caught 6 more answers, all wrong, and no right one."""
    said = set(words(strip_markers(answer))) - _FILLER
    return bool(said) and _lemmas(said) - _lemmas(_FILLER) <= _lemmas(words(question))


def _terms(sentence: str) -> list[str]:
    """Numbers and names: the parts of a claim a small model most often gets wrong."""
    text = strip_markers(sentence)
    terms = [number_key(m) for m in NUMBER.findall(text)]
    for m in NAME.finditer(text):
        name = _LEADING_ARTICLE.sub("", m.group(0))  # "The US Forest Service" is claimed as "US Forest Service"
        if m.start() == 0 and " " not in m.group(0):  # a capital only because it starts the sentence
            continue
        if name.lower() in STOP or name.lower() in {"as", "according", "however"}:
            continue
        terms.append(name)
    return terms


def _spelled(figure: str) -> str | None:
    """A small whole number as articles write it in words ("five years ago" for an answer's "5 years")."""
    return num2words(int(figure)) if figure.isdigit() and 1 < int(figure) <= 100 else None


def _contains(haystack: str, term: str) -> bool:
    if term[0].isdigit():
        if term in NUMBER.sub(lambda m: number_key(m.group(0)), haystack):
            return True
        word = _spelled(term)
        return bool(word and re.search(rf"\b{re.escape(word)}\b", haystack, re.IGNORECASE))
    return _plain(term).lower() in _plain(haystack).lower()


def check(raw: str, evidence: list[Evidence], question: str) -> Checked:
    """The answer with valid markers only, its citations, and the terms its citations do not support."""
    text = re.sub(r"^\s*(answer\s*:)\s*", "", raw.strip(), flags=re.IGNORECASE).strip()
    if not text or is_refusal(text):
        return Checked(text=text, refused=True)
    by_n = {e.n: e for e in evidence}
    removed: list[int] = []

    def keep_valid(m: re.Match) -> str:
        nums = [int(x) for x in re.findall(r"\d+", m.group(1))]
        good = [x for x in nums if x in by_n]
        removed.extend(x for x in nums if x not in by_n)
        return "".join(f" [{x}]" for x in dict.fromkeys(good))

    text = _MARKER.sub(keep_valid, text).strip()
    if restates(text, question):
        return Checked(text=text, refused=True, why="the model's answer restates the question without answering it")

    out_sentences: list[str] = []
    unsupported: list[Unsupported] = []
    used: list[int] = []
    for a, b in sentence_spans(text) or [(0, len(text))]:
        sentence = text[a:b]
        cited = [int(x) for x in re.findall(r"\[(\d+)\]", sentence)]
        bare = strip_markers(sentence).strip()
        if not cited and content_words(bare):
            best = _best_support(bare, evidence)
            if best is not None:  # the model forgot the marker, but one sentence clearly carries the claim
                cited = [best.n]
                sentence = _mark(sentence, cited)
        claimed = [t for t in _terms(bare) if not _contains(question, t)]
        missing = _lacking(claimed, cited, by_n)
        if cited and missing and (moved := _recite(bare, claimed, missing, cited, by_n)):
            cited = moved
            sentence = _mark(sentence, cited)
            missing = _lacking(claimed, cited, by_n)
        unsupported += [Unsupported(sentence=bare, term=t) for t in missing]
        used += cited
        out_sentences.append(sentence)
    citations = [citation_for(by_n[n]) for n in dict.fromkeys(used)]
    return Checked(text=" ".join(out_sentences), citations=citations, unsupported=unsupported, removed=removed)


def _support(cited: list[int], by_n: dict[int, Evidence]) -> str:
    return " ".join(f"{by_n[n].quote} {by_n[n].passage.text} {by_n[n].passage.title}" for n in cited)


def _lacking(terms: list[str], cited: list[int], by_n: dict[int, Evidence]) -> list[str]:
    """The terms the cited sentences do not support (their text built once): a name their passages or titles
    contain, a figure only the cited sentences themselves.

    A sentence may name its subject only by "the company", so its passage vouches for a name. Not for a figure: a
    page that gives two counts of one thing ("has put into service 356 electric buses", and further down "the Echo
    ... reporting 346") let the model write "346 [4]" citing the 356 sentence, and the reader saw a citation whose
    quote says otherwise. Now such a figure is recited to the shown sentence that states it (``_recite``), where the
    page's other count is set beside it (``qa.conflicts.same_page``), or flagged."""
    support = _support(cited, by_n)
    quotes = " ".join(by_n[n].quote for n in cited)
    return [t for t in terms if not _contains(quotes if t[0].isdigit() else support, t)]


def _mark(sentence: str, cited: list[int]) -> str:
    """The sentence citing ``cited``: where the model put its first marker, else before the closing punctuation."""
    new = "".join(f" [{n}]" for n in cited)
    if m := _MARKER.search(sentence):
        return sentence[: m.start()] + new + _MARKER.sub("", sentence[m.end() :])
    bare = sentence.rstrip()
    cut = re.search(r"[.!?]*$", bare).start()  # type: ignore[union-attr]  # always matches
    return bare[:cut] + new + bare[cut:]


def _recite(
    sentence: str, claimed: list[str], missing: list[str], cited: list[int], by_n: dict[int, Evidence]
) -> list[int] | None:
    """The one shown sentence that carries all of the sentence's names and numbers where the model's citation
    does not; None if no shown sentence does.

    The model sees only the evidence sentences, so a name it wrote that its cited one lacks came from another
    shown sentence, or from its memory. Reading the benchmark answers, the 1.5B model often cites the neighbouring
    sentence ("Ana Ruiz directed the documentary [3]" where [2] names her). Only a sentence that states the
    missing terms itself, and whose article carries the rest of the claim, replaces the model's citation: a
    claim stitched from two sentences ("the Hawks will face the Otters", where one sentence names the Hawks and
    the other the Otters with another team) stays flagged."""
    want = content_words(sentence) | numbers(sentence)
    found = [
        e
        for e in by_n.values()
        if e.n not in cited and all(_contains(e.quote, t) for t in missing) and not _lacking(claimed, [e.n], by_n)
    ]
    if not found:
        return None
    return [max(found, key=lambda e: len(want & (content_words(e.quote) | numbers(e.quote)))).n]


def _plain(text: str) -> str:
    """Text as names are compared: "U.S." as "US", "Gdańsk" as "Gdansk" (a model often drops the accents)."""
    folded = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return undotted(folded)


def unfounded(unsupported: list[Unsupported], passages: list[Passage], also: str = "") -> list[str]:
    """The flagged terms that no retrieved article contains anywhere (nor ``also``: the question, its options).

    A flagged term may merely be cited to the wrong passage; one that none of the passages mentions came from
    the model's own memory (a US state for a town abroad, "92%" where the articles say "90%"), and newsqa never passes
    that off as the articles' word. A name counts as mentioned when each of its words is (so "US President
    Donald Trump" is found in an article that says "President Trump ... Donald Trump")."""
    haystack = _plain(" ".join(f"{p.title} {p.text}" for p in passages) + " " + also)
    out: list[str] = []
    for u in unsupported:
        term = _plain(_LEADING_ARTICLE.sub("", u.term))
        parts = [term] if term[:1].isdigit() else term.split()
        if parts and not all(_contains(haystack, part) for part in parts) and u.term not in out:
            out.append(u.term)
    return out


def _best_support(sentence: str, evidence: list[Evidence]) -> Evidence | None:
    want = content_words(sentence) | numbers(sentence)
    if not want:
        return None
    best, best_score = None, 0.0
    for e in evidence:
        have = content_words(e.quote) | numbers(e.quote)
        score = len(want & have) / len(want)
        if score > best_score:
            best, best_score = e, score
    return best if best_score >= 0.5 else None


def citation_for(e: Evidence) -> Citation:
    p = e.passage
    return Citation(
        n=e.n,
        title=p.title,
        source=p.source,
        url=p.url,
        date=p.published,
        doc_id=p.doc_id,
        chunk_id=p.chunk_id,
        quote=e.quote,
        start=e.start,
        end=e.end,
        context=p.text,
        context_start=p.start,
    )

"""An extractive answer's words as its cited sentence writes them.

The model is asked for the fewest words of one evidence sentence that answer ("about 900 [1]"), and a reader is
promised that those words are the article's. A 1.5B model copies loosely: "5" for the sentence's "five",
"Minnesota, Illinois" for "Minnesota and Illinois", "Davos" for "Davos, Switzerland", "King Charles" for "King
Charles III". So the span is looked up in its cited sentence: found there, it is replaced by the sentence's own
words, and a name it cuts short is completed; not found, it is left as the model wrote it, for the citation checks
(``qa.citations``) to judge its names and figures.
"""

from __future__ import annotations

import re
import unicodedata
from difflib import SequenceMatcher

from num2words import num2words

from qa.text import STOP

_TOKEN = re.compile(r"\w+(?:['’.,-]\w+)*")
_SPELLED = {num2words(i): str(i) for i in range(0, 101)}
_ROMAN = re.compile(r"^[IVX]+$")
# words that qualify a figure ("roughly 900"): kept with it, since "900" alone claims more than the article does
_HEDGES = {"about", "roughly", "around", "nearly", "almost", "approximately", "some", "over", "under", "than", "least"}
MIN_MATCH = 0.6  # difflib ratio of the span's words to the sentence's: below it the span is not this sentence's


def _norm(token: str) -> str:
    folded = "".join(c for c in unicodedata.normalize("NFKD", token) if not unicodedata.combining(c)).lower()
    folded = folded.replace(",", "") if folded[:1].isdigit() else folded  # "1,229" is "1229"
    return _SPELLED.get(folded, folded)


def _claims(token: str) -> bool:
    """Whether a word carries a claim of its own: a figure or a name, not "about" or "and"."""
    return any(c.isdigit() for c in token) or (token[:1].isupper() and token.lower() not in STOP)


def _capital(token: str) -> bool:
    return token[:1].isupper() or bool(_ROMAN.match(token))


def _complete(quote: str, tokens: list[re.Match], end: int) -> int:
    """The index after the last token of the name that ends at token ``end - 1``: a name goes on while capitalised
    words follow it ("Pacific" -> "Pacific Ocean", "Charles" -> "Charles III"), and takes a place that qualifies
    it ("Davos" -> "Davos, Switzerland") unless a list goes on after that ("Minnesota, Illinois and Ohio")."""
    if not _capital(tokens[end - 1].group(0)):
        return end

    def gap(i: int) -> str:  # what separates token i - 1 from token i
        return quote[tokens[i - 1].end() : tokens[i].start()]

    while end < len(tokens) and _capital(tokens[end].group(0)) and gap(end) == " ":
        end += 1
    if end < len(tokens) and _capital(tokens[end].group(0)) and gap(end) == ", ":
        after = quote[tokens[end].end() :]
        listed = re.match(r"\s*(?:,\s*[A-Z]|and\b|or\b|&)", after)
        if not listed:
            end += 1
    return end


def as_written(span: str, quote: str) -> str | None:
    """``span`` in ``quote``'s own words (a name it cuts short completed), or None when the quote does not hold
    it closely enough (``MIN_MATCH``)."""
    written = _TOKEN.findall(span)
    want = [_norm(t) for t in written]
    tokens = list(_TOKEN.finditer(quote))
    if not want or not tokens:
        return None
    have = [_norm(t.group(0)) for t in tokens]
    best, best_ratio = (0, 0), 0.0
    for size in range(max(1, len(want) - 2), len(want) + 3):
        for i in range(0, len(tokens) - size + 1):
            window = have[i : i + size]
            if window[0] not in want or window[-1] not in want:  # a window starts and ends on the span's words
                continue
            ratio = SequenceMatcher(None, want, window, autojunk=False).ratio()
            if ratio > best_ratio:
                best, best_ratio = (i, i + size), ratio
    if best_ratio < MIN_MATCH:
        return None
    kept = set(have[best[0] : best[1]])
    if any(_claims(t) for t, n in zip(written, want, strict=True) if n not in kept):
        return None  # "about 1,200 US forces" is not "roughly 900 US forces": a figure or name may not be dropped
    start, end = best[0], _complete(quote, tokens, best[1])
    if have[start][:1].isdigit() and start > 0 and have[start - 1] in _HEDGES:
        start -= 1
        if have[start] in {"than", "least"} and start > 0:  # "more than 900", "at least 12"
            start -= 1
    a, b = tokens[start].start(), tokens[end - 1].end()
    if a > 0 and quote[a - 1] in "$€£¥":
        a -= 1
    if b < len(quote) and quote[b] == "%":
        b += 1
    return quote[a:b]


_CITED = re.compile(r"([^\[\]]*?)((?:\s*\[\d+\])+)")
LONGEST = 12  # words: a longer piece is a sentence the model wrote, not a span to look up


def rewritten(text: str, quotes: dict[int, str]) -> str:
    """An answer whose cited pieces ("12 [1]; 15 [3]") are each in their first cited sentence's own words, where
    that sentence holds them (``quotes``: evidence number to quote)."""

    def one(m: re.Match) -> str:
        piece, markers = m.group(1), m.group(2)
        lead = re.match(r"^[\s;,.]*(?:and\s+)?", piece).group(0)  # type: ignore[union-attr]  # always matches
        span = piece[len(lead) :].strip().rstrip(".")
        first = int(re.search(r"\d+", markers).group(0))  # type: ignore[union-attr]  # a marker has a number
        if not span or len(span.split()) > LONGEST or first not in quotes:
            return m.group(0)
        found = as_written(span, quotes[first])
        return f"{lead}{found}{markers}" if found else m.group(0)

    return _CITED.sub(one, text)

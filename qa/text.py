"""Sentence boundaries with exact character offsets, shared by chunking (ingest) and evidence selection
(answers) so that both cut the same text the same way."""

from __future__ import annotations

import re
import string
import unicodedata

import blingfire

_PARA = re.compile(r"\n\s*\n")


def sentence_spans(text: str, offset: int = 0) -> list[tuple[int, int]]:
    """(start, end) of each sentence of ``text``, shifted by ``offset``; never crossing a paragraph break."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for m in [*_PARA.finditer(text), None]:
        end = m.start() if m else len(text)
        para = text[pos:end]
        if para.strip():
            _, offs = blingfire.text_to_sentences_and_offsets(para)
            for a, b in offs:
                # blingfire trims; keep the span exactly on the sentence's own characters
                s = para[a:b]
                lead = len(s) - len(s.lstrip())
                trail = len(s) - len(s.rstrip())
                if b - trail > a + lead:
                    spans.append((offset + pos + a + lead, offset + pos + b - trail))
        pos = m.end() if m else len(text)
    return spans


_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’.\-]*")


def words(text: str) -> list[str]:
    return [w.strip(".'’-").lower() for w in _WORD.findall(text)]


_ARTICLES = re.compile(r"\b(a|an|the)\b")
_PUNCT = set(string.punctuation) | {"‘", "’", "“", "”", "—", "–"}


def normalize(s: str) -> str:
    """SQuAD's answer normalisation (lower case, no punctuation or articles, single spaces): used where newsqa
    compares an answer with an option or a name; ``qa.scoring`` grades with the same rule."""
    s = (s or "").lower()
    s = "".join(" " if ch in _PUNCT else ch for ch in s)
    s = _ARTICLES.sub(" ", s)
    return " ".join(s.split())


def plural(n: int, word: str) -> str:
    """``plural(1, "article")`` -> "1 article", ``plural(3, "article")`` -> "3 articles"."""
    return f"{n:,} {word}{'' if n == 1 else 's'}"


def ago(days: int) -> str:
    """An age as people say it: "today", "yesterday", "5 days", "3 weeks", "over 2 months", "almost 5 years"
    (1,793 days). Whole units stand alone; a quarter past one is "over", three quarters is "almost" the next."""
    if days <= 0:
        return "today"
    if days == 1:
        return "yesterday"
    if days < 14:
        return f"{days} days ago"
    for limit, size, unit in ((56, 7, "week"), (330, 30.44, "month"), (None, 365.25, "year")):
        if limit is None or days < limit:
            value = days / size
            whole, part = int(value), value - int(value)
            if part >= 0.75:
                return f"almost {plural(whole + 1, unit)} ago"
            if part >= 0.25:
                return f"over {plural(whole, unit)} ago"
            return f"{plural(whole, unit)} ago"
    raise AssertionError("unreachable")


def visible(text: str) -> str:
    """What a reader sees: compatibility forms folded (full-width letters) and invisible format characters
    (zero-width spaces, bidi overrides) removed, so "ｉｇｎｏｒｅ" or "ig\u200bnore" cannot slip past the check."""
    text = unicodedata.normalize("NFKC", text)
    return "".join(ch for ch in text if unicodedata.category(ch) != "Cf")

"""Sentence boundaries with exact character offsets, shared by chunking (ingest) and evidence selection
(answers) so that both cut the same text the same way."""

from __future__ import annotations

import re
import string

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

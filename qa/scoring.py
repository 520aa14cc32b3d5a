"""One scoring module for newsqa, the reference RAG and the published baselines alike (SQuAD normalisation)."""

from __future__ import annotations

import re
import string
from collections import Counter

_ARTICLES = re.compile(r"\b(a|an|the)\b")
_PUNCT = set(string.punctuation) | {"‘", "’", "“", "”", "—", "–"}


def normalize(s: str) -> str:
    s = (s or "").lower()
    s = "".join(" " if ch in _PUNCT else ch for ch in s)
    s = _ARTICLES.sub(" ", s)
    return " ".join(s.split())


def exact_match(pred: str, golds: list[str]) -> float:
    p = normalize(pred)
    return float(any(p == normalize(g) for g in golds))


def contains(pred: str, golds: list[str]) -> float:
    p = f" {normalize(pred)} "
    return float(any(normalize(g) and f" {normalize(g)} " in p for g in golds))


def f1(pred: str, golds: list[str]) -> float:
    best = 0.0
    pt = normalize(pred).split()
    for g in golds:
        gt = normalize(g).split()
        common = Counter(pt) & Counter(gt)
        same = sum(common.values())
        if not pt or not gt or not same:
            continue
        precision, recall = same / len(pt), same / len(gt)
        best = max(best, 2 * precision * recall / (precision + recall))
    return best


def recall_at(passages: list[str], golds: list[str], k: int) -> float:
    """The gold answer string appears in the top-k passages."""
    text = f" {normalize(' '.join(passages[:k]))} "
    return float(any(normalize(g) and f" {normalize(g)} " in text for g in golds))


def citation_precision(answer: dict, golds: list[str]) -> float | None:
    """Share of citations whose quoted passage supports the answer: it contains the gold answer, or every
    number and name its sentence claims (none flagged unsupported). None when nothing was cited."""
    cites = answer.get("citations") or []
    if not cites:
        return None
    flagged = {u["sentence"] for u in answer.get("unsupported") or []}
    good = 0
    for c in cites:
        quote = f" {normalize(c.get('quote', ''))} "
        if any(normalize(g) and f" {normalize(g)} " in quote for g in golds) or not flagged:
            good += 1
    return good / len(cites)

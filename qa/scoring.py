"""One scoring module for newsqa, the reference RAG and the published baselines alike (SQuAD normalisation).

Evaluation only: nothing here is imported by the answering path, so a change to how answers are graded can
never change the answers themselves."""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from qa.text import normalize


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


def citation_precision(quotes: list[str], golds: list[str]) -> float | None:
    """Share of an answer's cited quotes that contain the gold answer (normalised as ``contains``).

    Graded against the gold, never against newsqa's own citation checker, so a change that makes the checker
    flag less cannot raise it. Meaningful only for a correct answer (the caller decides); None without quotes."""
    if not quotes:
        return None
    return sum(contains(q, golds) for q in quotes) / len(quotes)


_STOP = frozenset(
    "a an the of in on at to for from by with and or but is are was were be been has have had it its this that "
    "these those as about some roughly around nearly almost over under more than less who what which when where "
    "how many much there their they he she his her said says according".split()
)
_NUMBER = re.compile(r"\d[\d,.]*")
_NAME = re.compile(r"(?:[A-Z][\w'’.-]*\s?)+")
_MARKER = re.compile(r"\[\d+\]")
_AS_OF = re.compile(r"^As of [^:]{3,40}:\s*")
_OPTION = re.compile(r"^\(?[A-J]\)\s*")
_NOTES = re.compile(r"\s*Other reporting differs:.*$", re.DOTALL)


def stated(answer: str) -> str:
    """What an answer itself says, as exact match and token F1 compare it with the gold: without newsqa's date
    prefix ("As of May 1, 2026: "), its citation markers and the other sources it quotes beside the answer
    ("Other reporting differs: ..."), which would otherwise make every exact match fail and every F1 a fraction.
    Contains-gold keeps the whole text."""
    return _MARKER.sub("", _NOTES.sub("", _AS_OF.sub("", answer or ""))).strip()


def key_term(answer: str, question: str) -> str | None:
    """The term an answer turns on, chosen without newsqa's own rules: its first figure, else its longest run of
    capitalised words the question does not contain, else its longest content word the question lacks.

    ``"As of May 1, 2026: About 900 [1]."`` -> ``"900"``; ``"Jannik Sinner won [2]."`` (who won?) -> ``"Jannik
    Sinner"``. None for an empty answer."""
    text = _OPTION.sub("", _AS_OF.sub("", _MARKER.sub(" ", answer or "")).strip())
    asked = f" {normalize(question)} "
    if m := _NUMBER.search(text):
        return m.group().rstrip(".,")
    names = [n.strip() for n in _NAME.findall(text) if normalize(n) and f" {normalize(n)} " not in asked]
    names = [n for n in names if normalize(n) not in _STOP]
    if names:
        return max(names, key=len)
    words = [w for w in normalize(text).split() if w not in _STOP and f" {w} " not in asked]
    return max(words, key=len) if words else None


def quotes_carry_key_term(answer: str, question: str, quotes: list[str]) -> float | None:
    """1.0 when the answer's cited quotes contain its own key term (``key_term``), 0.0 when not, None when the
    answer cites nothing or has no key term: for every answer, right or wrong, whether it says what it cites."""
    term = key_term(answer, question)
    if not quotes or not term:
        return None
    digits = _NUMBER.fullmatch(term)
    joined = " ".join(quotes)
    if digits:  # "900" is found in "900" and "roughly 900", "1,500" as "1,500" or "1500"
        plain = term.replace(",", "")
        return float(any(plain == m.group().rstrip(".,").replace(",", "") for m in _NUMBER.finditer(joined)))
    return contains(joined, [term])


def states_figure(text: str, figure: str) -> bool:
    """The text states the figure as a whole number ("105", not inside "1,105" or "105.5"): how the attack
    benchmark and its tests tell the true figure from an attacker's."""
    return bool(re.search(rf"(?<![\d,.]){re.escape(figure)}(?![\d]|[,.]\d)", text))


def grade_citations(rec: dict, q: dict) -> None:
    """Each citation's own grades, from the gold answers and the answer's key term, kept with a digest of its
    quote: hand labels are compared with these, in a ledger that holds no quote."""
    from qa.report import quote_digest

    text = rec.get("answer") or ""
    for c in rec.get("citations") or []:
        quote = c.get("quote", "")
        c["quote_sha1"] = quote_digest(quote)
        c["has_gold"] = bool(contains(quote, q["golds"])) if q["golds"] else None
        c["key_term"] = quotes_carry_key_term(text, q["question"], [quote])


def score_record(rec: dict, q: dict) -> dict:
    """Grades from the gold answers alone, never from newsqa's own checks."""
    golds = q["golds"]
    text = rec.get("answer") or ""
    s: dict[str, Any] = {}
    if golds and text:
        said = stated(text)
        s.update(em=exact_match(said, golds), contains=contains(text, golds), f1=f1(said, golds))
    is_choice = rec.get("system", "").endswith(":choice")
    if is_choice and q.get("choices") is not None and q.get("answer_index") is not None:
        s["choice_correct"] = float(rec.get("choice") == q["answer_index"])
    passages = rec.get("passages") or []
    if golds and passages:
        s.update({f"recall@{k}": recall_at(passages, golds, k) for k in (1, 3, 5, 10, 20)})
    quotes = [c.get("quote", "") for c in rec.get("citations") or []]
    correct = s.get("choice_correct") if is_choice else s.get("contains")
    if correct and quotes:  # judged only where the answer is right: a wrong answer's quote "lacking gold" says nothing
        s["citation_precision"] = citation_precision(quotes, golds)
    if quotes and not rec.get("refused"):
        carried = quotes_carry_key_term(text, q["question"], quotes)
        if carried is not None:
            s["key_term_cited"] = carried
    if q.get("answerable") is False:
        s["refusal_correct"] = float(bool(rec.get("refused")))
    return s

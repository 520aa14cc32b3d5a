"""Does a sentence address a machine reader? (issue #18, layer 2.) Such a sentence is never evidence.

So far one structural rule: a dialogue turn, a sentence that opens with a chat role or a question/answer slot as
its speaker label ("User:", "assistant:", "Q:", "Antwort:", "[system]", "<user>"), in any case, in English,
French, Spanish or German. News prose does not open a sentence that way; an interview transcript does
("Q: How has 3-D fared?"), and loses those lines: 2 of 2,000 real sentences of the 2026 corpus
(``benchmarks/addressing/measure.py``).

A sentence classifier trained on the written sets of ``benchmarks/addressing/`` was measured and not adopted:
with character n-grams, word n-grams or MiniLM vectors it flagged about half of the written news sentences
*about* chatbots and instructions (docs/experiments.md).
"""

from __future__ import annotations

import re

from qa.text import visible

_ROLES = (
    r"user|users|assistant|system|human|ai|a\.i\.|bot|chatbot|model|gpt|llm|customer|agent|q|a|question|answer|"
    r"utilisateur|utilisatrice|assistante?|système|ia|réponse|usuario|asistente|sistema|pregunta|respuesta|modelo|"
    r"benutzer|nutzer|assistent|ki|frage|antwort|modell"
)
_TURN = re.compile(rf"^\W{{0,3}}(?:{_ROLES})\s*(?::|：|\]|>)|^\s*<\s*/?\s*(?:{_ROLES})\s*>", re.IGNORECASE)


def opens_as_turn(shown: str) -> bool:
    """``dialogue_turn`` for text already folded by ``qa.text.visible`` (the evidence check folds once)."""
    return bool(_TURN.search(shown.lstrip()))


def dialogue_turn(sentence: str) -> bool:
    """A sentence that opens with a chat role or a Q/A slot as its speaker label."""
    return opens_as_turn(visible(sentence))

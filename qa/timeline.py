"""Timeline answers: for a question about change ("How has the number of US troops in Syria changed?"), the dated
statements of the evidence in order, each quoted and cited, instead of one answer.

News questions are often about change, and a one-sentence answer from the newest article hides what the older
ones said. The statements are the evidence sentences themselves, never the model's words: a 1.5B model asked to
compare dates mixes them up (docs/experiments.md, "Dates"), and a quoted, dated sentence cannot misstate its
source. One statement per date (the most relevant of that day), figures preferred where some sentences state
one, undated articles left out (they cannot be placed), oldest first.
"""

from __future__ import annotations

import re

from qa.text import YEAR
from qa.types import Evidence

_CHANGE = re.compile(
    r"\bhow (?:has|have|did|does|do)\b.*\b(?:chang\w*|evolv\w*|grow\w*|grown|grew|shift\w*|ris(?:e|en|ing)|rose|"
    r"f[ae]ll(?:en|ing)?|develop\w*|trend\w*)\b"
    r"|\bover (?:time|the (?:years|months|weeks|decades?))\b|\bbefore and after\b|\bchanged? (?:since|over|from)\b",
    re.IGNORECASE,
)
_FIGURE = re.compile(r"(?<![\w.,])\d[\d,.]*\d|(?<![\w.,])\d")
# how far below the best evidence sentence a statement may score and still belong to the timeline: the others of
# its question's evidence are mostly about something else (another country's troops in the same article)
_MARGIN = 0.15
MAX_POINTS = 6


def asks_change(question: str) -> bool:
    """Whether the question asks how something changed over time."""
    return bool(_CHANGE.search(question))


def _figures(text: str) -> bool:
    """Whether a sentence states a figure other than a year ("2,050 bicycles" is a figure, "in 2024" is not)."""
    return any(not YEAR.fullmatch(m) for m in _FIGURE.findall(text))


def statements(evidence: list[Evidence]) -> list[Evidence]:
    """The dated statements of a timeline, oldest first; fewer than two dates make no timeline (an empty list)."""
    dated = [e for e in evidence if e.passage.published is not None]
    if not dated:
        return []
    best = max(e.score for e in dated)
    close = [e for e in dated if e.score >= best - _MARGIN]
    if sum(1 for d in {e.passage.published for e in close if _figures(e.quote)}) >= 2:
        close = [e for e in close if _figures(e.quote)]  # "how many" over time: the sentences that give a figure
    by_date: dict = {}
    for e in sorted(close, key=lambda e: -e.score):
        by_date.setdefault(e.passage.published, e)
    if len(by_date) < 2:
        return []
    return [by_date[d] for d in sorted(by_date)][-MAX_POINTS:]

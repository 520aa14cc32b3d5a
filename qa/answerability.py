"""Whether the articles an answer cites are about the year the question asks about.

On 55k news chunks something always looks related, and a sentence that "supports" the words of a wrong answer
passes the citation checks: "Who won the 2003 Super Bowl?" gets the 2026 winner, cited; "Who is Portugal's prime
minister?" gets Spain's. Word overlap and similarity cannot tell these apart, because the near miss shares every
word but one. The one word is the question's anchor, a year or a name, and whether the cited articles mention it
at all is cheap to check and hard to fool: an article that never names 2003 does not report the 2003 game.

A year counts when the cited articles name it or were published in it (an article of 2022 is about 2022 without
writing it). The same check on names was measured and not adopted (docs/experiments.md): quiz questions name kinds
of answer ("which Texas city") that the article need not repeat.

What the year cannot catch (another person in the same role, a figure the articles don't give) is left to the
local model as a yes/no judge of the cited sentences alone (``judge``): its likelihood of "yes", since its greedy
word is "yes" for nearly anything.
"""

from __future__ import annotations

import datetime as dt
import logging
import math
import re
from collections.abc import Iterable, Sequence

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import HumanMessage, SystemMessage

from qa import prompts

log = logging.getLogger(__name__)

_YEAR = re.compile(r"(?<![\d,.$])\b(19\d\d|20\d\d)\b(?![\d,.]\d)")
_SEASON = re.compile(r"\b((?:19|20)\d\d)[-–/](\d\d)\b")  # "the 2025-26 season": both years


def question_years(question: str) -> list[str]:
    years = _YEAR.findall(question)
    for first, second in _SEASON.findall(question):
        years.append(first[:2] + second)
    return list(dict.fromkeys(years))


def _mentions(text: str, word: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text, re.IGNORECASE) is not None


def _about(text: str, published: dt.date | None, year: str) -> bool:
    """Whether an article can be about ``year``: it names it, or it is of that year. An undated text that names
    no year at all may be of any time (given passages often are: a snippet saying who runs a company), so only
    one that names other years and never this one counts as about another time."""
    if _mentions(text, year):
        return True
    if published is not None:
        return str(published.year) == year
    return not _YEAR.search(text)


def missing_years(question: str, articles: Iterable[tuple[str, dt.date | None]]) -> list[str]:
    """The question's years when no cited article can be about any of them (``articles``: text, published); []
    when the question names no year or one of them is covered. One covered year is enough: "won in 1932, but
    which sport in 1920?" is answered by an article on 1920 alone."""
    years = question_years(question)
    if not years:
        return []
    articles = list(articles)
    if any(_about(text, published, y) for y in years for text, published in articles):
        return []
    return years


def judge(llm: BaseChatModel, question: str, sentences: Sequence[tuple[str, str]]) -> float | None:
    """The model's probability that the cited ``sentences`` ((date, quote) pairs) state the answer to
    ``question``: P(yes) / (P(yes) + P(no)) over the first token's top likelihoods. An endpoint that returns no
    likelihoods gives its word instead (1.0 or 0.0); None when the endpoint fails or says neither, so that a
    judge that cannot run never refuses."""
    listed = "\n".join(f"- ({date or 'undated'}) {quote}" for date, quote in sentences)
    messages = [
        SystemMessage(prompts.SYSTEM),
        HumanMessage(prompts.JUDGE_HUMAN.format(question=question, sentences=listed)),
    ]
    try:
        reply = llm.bind(logprobs=True, top_logprobs=10, max_tokens=1).invoke(messages)
    except Exception as e:  # noqa: BLE001 - the endpoint's own exception types vary by adapter
        log.warning("answerability judge failed (%s); not judged", e)
        return None
    content = (reply.response_metadata.get("logprobs") or {}).get("content") or []
    tops = content[0].get("top_logprobs", []) if content else []
    yes = sum(math.exp(t["logprob"]) for t in tops if t["token"].strip().lower() == "yes")
    no = sum(math.exp(t["logprob"]) for t in tops if t["token"].strip().lower() == "no")
    if yes + no > 0:
        return yes / (yes + no)
    word = str(reply.content).strip().lower()
    return 1.0 if word.startswith("yes") else 0.0 if word.startswith("no") else None

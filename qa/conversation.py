"""The condense step: a follow-up ("and in Iraq?") rewritten by the model into a standalone question, so that
retrieval searches for what the user means. History comes as OpenAI/Gradio messages or (user, assistant) pairs."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import Any

from langchain_core.language_models import BaseChatModel
from langchain_core.output_parsers import StrOutputParser
from langchain_core.prompts import ChatPromptTemplate

from qa import prompts

log = logging.getLogger(__name__)

History = Sequence[dict[str, Any] | tuple[str, str] | list[str]]
PROMPT = ChatPromptTemplate.from_messages([("system", prompts.CONDENSE_SYSTEM), ("human", prompts.CONDENSE_HUMAN)])
MAX_CHARS = 300  # a longer "question" is the model rambling: both questions are searched instead


def _text(content: Any) -> str | None:
    """Message content as plain text: a string, or Gradio 6's list of ``{"type": "text", "text": ...}`` parts."""
    if isinstance(content, str):
        return content
    if isinstance(content, dict):
        return content.get("text") if isinstance(content.get("text"), str) else None
    if isinstance(content, list):
        parts = [t for t in (_text(c) for c in content) if t]
        return " ".join(parts) or None
    return None


def previous_question(history: History | None) -> str | None:
    """The last user turn."""
    for turn in reversed(list(history or [])):
        if isinstance(turn, dict):
            if turn.get("role") == "user" and (text := _text(turn.get("content"))):
                return text
        elif turn and isinstance(turn[0], str):
            return turn[0]
    return None


def condense(llm: Callable[[], BaseChatModel], question: str, history: History | None) -> str:
    """The question as it stands alone; itself when there is no earlier question, and both questions together when
    the rewrite fails or says nothing usable (a failed rewrite must not lose the question). ``llm`` gives the
    model only when there is something to rewrite: a first question must not wait for it to load."""
    previous = previous_question(history)
    if not previous:
        return question
    chain = PROMPT | llm().bind(max_tokens=48) | StrOutputParser()
    try:
        out = chain.invoke({"previous": previous, "question": question}).strip().strip('"').splitlines()
    except Exception as e:  # noqa: BLE001 - the endpoint's own exception types vary by adapter
        log.warning("follow-up rewrite failed (%s); using both questions", e)
        out = []
    standalone = out[0].strip() if out else ""
    if not standalone or len(standalone) > MAX_CHARS or standalone.upper().startswith(prompts.NOT_FOUND):
        standalone = f"{previous} {question}"
    return standalone

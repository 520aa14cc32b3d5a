"""Suggested questions drawn from the loaded articles: the newest headlines of different outlets, each turned into
a question by the local model, once per ingest (cached beside the store, keyed by its revision).

Examples written for the seed article mislead over any other collection ("How many US troops are in Syria?" over
a sports archive), so they are shown only while the store holds nothing but ``data/``.
"""

from __future__ import annotations

import json
import logging
import re
from pathlib import Path

from langchain_core.language_models import BaseChatModel
from langchain_core.output_parsers import StrOutputParser
from langchain_core.prompts import ChatPromptTemplate

from qa import prompts
from qa.store import Store
from qa.text import sentence_spans

log = logging.getLogger(__name__)
SEED_DIR = Path(__file__).resolve().parents[1] / "data"
SEED_EXAMPLES = [
    "How many US troops are in Syria?",
    "How many US troops are in Iraq?",
    "What did the coalition strikes in Deir-ez-Zor target?",
]
CACHE = "suggestions.json"


def seed_only(articles: list[dict]) -> bool:
    """Whether every article of the store was ingested from ``data/`` (the article the product ships with)."""
    return bool(articles) and all(a.get("path") and Path(a["path"]).resolve().parent == SEED_DIR for a in articles)


def headlines(articles: list[dict], n: int) -> list[dict]:
    """The newest articles, one per outlet while outlets last, with titles long enough to ask about."""
    dated = sorted(
        (a for a in articles if len(a.get("title") or "") >= 20), key=lambda a: a.get("published") or "", reverse=True
    )
    out: list[dict] = []
    outlets: set[str] = set()
    for a in dated:
        if (source := str(a.get("source"))) not in outlets:
            outlets.add(source)
            out.append(a)
        if len(out) == n:
            return out
    return out + [a for a in dated if a not in out][: n - len(out)]


def _lead(text: str) -> str:
    """The article's first sentence of news (a byline or a dateline alone is not one): given with the headline,
    so that the question is one the article answers."""
    for a, b in sentence_spans(text):
        sentence = text[a:b].strip()
        if len(sentence.split()) >= 10 and not re.match(r"(?:by|updated|published|posted)\b", sentence, re.I):
            return sentence[:300]
    return ""


def as_question(raw: str, title: str) -> str | None:
    """The model's first line if it is a short question and not the headline itself."""
    line = (raw.strip().splitlines() or [""])[0].strip().strip("\"'“”")
    line = re.sub(r"^(?:question\s*:\s*)", "", line, flags=re.IGNORECASE)
    if not line.endswith("?") or not 12 <= len(line) <= 120 or line.rstrip("?").lower() == title.lower():
        return None
    if re.search(r"\b(?:headline|article|mentioned|this story)\b", line, re.IGNORECASE):  # not about the news
        return None
    return line


def suggest(store: Store, llm: BaseChatModel, n: int = 3) -> list[str]:
    """Up to ``n`` questions for the collection, from the cache while the store is unchanged."""
    path = Path(store.settings.store.dir) / CACHE
    revision = store.revision()
    try:
        cached = json.loads(path.read_text(encoding="utf-8"))
        if cached.get("revision") == revision:
            return list(cached["questions"])[:n]
    except (OSError, ValueError, KeyError, TypeError):
        pass
    articles = store.articles()
    if seed_only(articles):
        questions = SEED_EXAMPLES[:n]
    else:
        chain = (
            ChatPromptTemplate.from_messages([("system", prompts.SUGGEST_SYSTEM), ("human", prompts.SUGGEST_HUMAN)])
            | llm.bind(max_tokens=40)
            | StrOutputParser()
        )
        questions = []
        chosen = headlines(articles, n)
        leads = {p.chunk_id: p.text for p in store.get([a["chunk_id"] for a in chosen])}
        for a in chosen:
            title = a["title"]
            first = _lead(leads.get(a["chunk_id"], ""))
            try:
                q = as_question(chain.invoke({"title": title, "lead": first}), title)
            except Exception:  # noqa: BLE001 - a suggestion is never worth a failed page
                log.exception("suggesting a question failed")
                q = None
            if q and q not in questions:
                questions.append(q)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"revision": revision, "questions": questions}), encoding="utf-8")
    return questions

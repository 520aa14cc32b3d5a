"""The typed objects that flow one way through the pipeline: files -> Article -> Chunk -> Passage -> Answer.

Every interface (Python API, CLI, web chat, evaluator) renders the same ``Answer``; nothing downstream
re-derives what an upstream stage already knew.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, Field


class Article(BaseModel):
    """A cleaned article. Citation offsets always index ``text`` (the cleaned body)."""

    doc_id: str
    title: str
    text: str
    url: str | None = None
    source: str | None = None  # outlet, from the URL's domain ("cnn.com")
    published: dt.date | None = None  # None when unknown: never guessed as "today"
    date_basis: str | None = None  # where the date came from: record, meta, url, dateline
    retrieved_at: dt.date | None = None  # an upper bound on the publication date
    path: str | None = None  # the file the article came from
    content_hash: str
    removed: dict[str, int] = Field(default_factory=dict)  # not prose, left out at ingest: kind -> how many
    left_out: list[dict] = Field(default_factory=list)  # those pieces: kind, text, the words before each


class Chunk(BaseModel):
    """A window of whole sentences of one article; ``start``/``end`` index ``Article.text``."""

    chunk_id: str
    doc_id: str
    index: int
    start: int
    end: int
    text: str
    embed_text: str  # what the embedding sees: title and date give short chunks their context


class Passage(BaseModel):
    """A retrieved chunk with its article's metadata and the scores that ranked it."""

    chunk_id: str
    doc_id: str
    title: str
    text: str
    start: int
    end: int
    url: str | None = None
    source: str | None = None
    published: dt.date | None = None
    score: float = 0.0
    dense_rank: int | None = None
    lexical_rank: int | None = None


class Evidence(BaseModel):
    """One sentence (or two) shown to the model under the label [n]."""

    n: int
    passage: Passage
    quote: str
    start: int  # offsets in the article's cleaned text
    end: int
    score: float


class Citation(BaseModel):
    n: int
    title: str
    source: str | None
    url: str | None
    date: dt.date | None
    doc_id: str
    chunk_id: str
    quote: str
    start: int
    end: int
    context: str = ""  # the surrounding paragraph, for display; ``quote`` sits inside it
    context_start: int = 0  # offset of ``context`` in the article text


class Unsupported(BaseModel):
    """A number or name in the answer that none of the sentence's cited passages contains."""

    sentence: str
    term: str


class Timings(BaseModel):
    retrieve_s: float = 0.0
    first_token_s: float | None = None
    total_s: float = 0.0


class Usage(BaseModel):
    prompt_tokens: int = 0
    completion_tokens: int = 0
    # prompt tokens the model took from its prefix cache instead of computing (the fixed system text, once warm)
    cached_tokens: int = 0

    def __add__(self, other: Usage) -> Usage:
        """An answer that took two model calls (multiple choice: the open answer, then the options) counts both."""
        return Usage(
            prompt_tokens=self.prompt_tokens + other.prompt_tokens,
            completion_tokens=self.completion_tokens + other.completion_tokens,
            cached_tokens=self.cached_tokens + other.cached_tokens,
        )


class Answer(BaseModel):
    question: str
    standalone_question: str
    text: str
    citations: list[Citation] = Field(default_factory=list)
    refused: bool = False
    refusal_reason: str | None = None
    unsupported: list[Unsupported] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)
    passages: list[Passage] = Field(default_factory=list)
    evidence: list[Evidence] = Field(default_factory=list)
    choice: int | None = None  # for multiple-choice questions: the 0-based option picked
    as_of: dt.date | None = None
    model: str = ""
    timings: Timings = Field(default_factory=Timings)
    usage: Usage = Field(default_factory=Usage)
    raw_text: str = ""  # what the model produced, before citation checks
    # the citation numbers in date order when the answer is about change over time, or its cited sources
    # disagree across dates: the sources panel draws them on a time axis
    timeline: list[int] = Field(default_factory=list)


class StreamEvent(BaseModel):
    """What ``Assistant.stream`` yields: passages as soon as retrieval ends, then tokens, then the Answer."""

    kind: Literal["passages", "token", "answer", "status"]
    passages: list[Passage] | None = None
    token: str | None = None
    answer: Answer | None = None
    status: str | None = None

"""What a run keeps: ``predictions.jsonl`` written as the run goes (read back to resume), and the ledger
(``--ledger``), the same records without the benchmark's own text, so that it can be committed beside the code."""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterable
from pathlib import Path
from typing import IO, Any


def read_records(path: Path) -> list[dict]:
    """The JSON lines of a results file written as a run goes; a line cut by a kill is skipped, so that item is
    simply asked again."""
    records = []
    if path.exists():
        for line in path.read_text(encoding="utf-8").splitlines():
            try:
                records.append(json.loads(line))
            except json.JSONDecodeError:
                continue
    return records


def read_done(path: Path) -> dict[tuple[str, str], dict]:
    return {(r["system"], str(r["id"])): r for r in read_records(path) if "system" in r and "id" in r}


# A ledger (--ledger) keeps what resuming and reporting a run need, without the benchmark's own text (questions,
# gold answers, article passages, quoted sentences), so that it can be committed beside the code: a run of many
# hours then spans sessions on machines that share nothing but the repository.
_LEDGER_DROPS = ("question", "golds", "raw_text", "evidence", "passages", "unsupported", "trace")
_LEDGER_CITATION = ("n", "date", "url", "quote_sha1", "has_gold", "key_term")
RGB_LEDGER_DROPS = ("query", "answer_parts")


def elide(answer: str, quotes: Iterable[str]) -> str:
    """The answer with each cited sentence it repeats word for word cut to "…": a source set beside the answer is
    quoted whole ('Other reporting differs: ... said "<quote>" [2].'). Longest first, so that a quote inside
    another is not cut alone."""
    for quote in sorted(set(quotes) - {""}, key=len, reverse=True):
        answer = answer.replace(quote, "…")
    return answer


def ledger_record(rec: dict) -> dict:
    """The record without the benchmark's text; each citation keeps its quote's digest, not its words, in the
    citation and in the answer."""
    out = {k: v for k, v in rec.items() if k not in _LEDGER_DROPS}
    if "citations" in rec:
        out["citations"] = [{k: c[k] for k in _LEDGER_CITATION if k in c} for c in rec["citations"]]
        if isinstance(out.get("answer"), str):
            out["answer"] = elide(out["answer"], (c.get("quote") or "" for c in rec["citations"]))
    return out


def ledger_file(ledger: Path | None, name: str) -> IO[str] | contextlib.nullcontext[Any]:
    """The ledger's file to append to, or None (in a context) when the run keeps no ledger."""
    return (ledger / name).open("a", encoding="utf-8") if ledger else contextlib.nullcontext()

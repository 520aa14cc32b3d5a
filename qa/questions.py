"""Question files for evaluation: one loader and one date rule for the evaluator and every benchmark script, and
the frozen split of the 2026 benchmark into tuning and held-out months.

The benchmark writes dates both as ``2026-01-08`` and ``2026/05/01``; three loaders once disagreed on that, and two
silently dropped the slashed ones from their month filters. Here every date becomes ISO once, on load.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from pathlib import Path

# Rules are designed and levers tuned on these months only; the held-out months are reported once per issue.
TUNE_MONTHS = ("2026-01", "2026-02", "2026-03", "2026-04")
HELDOUT_MONTHS = ("2026-05", "2026-06", "2026-07")
SPLITS = {"tune": TUNE_MONTHS, "held-out": HELDOUT_MONTHS}

_DATE = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})")


class QuestionFileError(ValueError):
    """A question file that cannot be used; the message names the file and line."""


def question_date(value: object) -> str | None:
    """``"2026/05/01"``, ``"2026-5-1"`` -> ``"2026-05-01"``; empty -> None. Anything else is kept as written, so that
    the assistant rejects it for that one question ("not a date") and the run records the error."""
    if value is None or value == "":
        return None
    text = str(value).strip()
    m = _DATE.fullmatch(text)
    return f"{m[1]}-{int(m[2]):02d}-{int(m[3]):02d}" if m else text


def split_of(date: str | None) -> str | None:
    """``"tune"`` or ``"held-out"`` for a question of the 2026 benchmark's months, None for any other date."""
    month = (date or "")[:7]
    return next((name for name, months in SPLITS.items() if month in months), None)


def load_questions(path: Path, months: Iterable[str] | None = None) -> list[dict]:
    """JSON lines with ``question`` and ``answers`` (a list) or ``answer``; optional ``id``, ``date``, ``choices`` with
    ``answer_index``, ``answerable: false``. Each record gains ``golds`` (the accepted answer strings), an ISO
    ``date``, ``month`` and ``split``. ``months`` ("2026-01", ...) keeps only the questions of those months."""
    wanted = {m.replace("/", "-") for m in months} if months else None
    out = []
    for n, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            q = json.loads(line)
        except json.JSONDecodeError as e:
            raise QuestionFileError(f"{path}:{n}: malformed JSON ({e.msg})") from e
        if not isinstance(q, dict) or not q.get("question"):
            raise QuestionFileError(f"{path}:{n}: a question record needs a 'question'")
        q["id"] = str(q.get("id", f"q{n}"))
        golds = q.get("answers") or ([q["answer"]] if q.get("answer") else [])
        if not golds and q.get("choices") is not None and q.get("answer_index") is not None:
            golds = [q["choices"][q["answer_index"]]]
        q["golds"] = [str(g) for g in golds]
        q["date"] = question_date(q.get("date"))
        q["month"] = q["date"][:7] if q["date"] and _DATE.fullmatch(q["date"]) else None
        q["split"] = split_of(q["date"])
        if wanted is None or q["month"] in wanted:
            out.append(q)
    return out

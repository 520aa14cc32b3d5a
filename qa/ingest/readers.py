"""Readers turn one file into raw records (or specific, per-record errors). They do no cleaning, so that a
reader bug and a cleaning bug never hide each other, and one bad record never loses its neighbours."""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from qa.ingest.sanitize import strip_hidden_html

SUPPORTED = {".txt", ".md", ".markdown", ".html", ".htm", ".json", ".jsonl", ".ndjson"}
_SEED_HEADER = re.compile(r"^\s*date\s+(\d{4}-\d{2}-\d{2})\s+(\S+)\s*$")


class ReadError(ValueError):
    """A file or record that cannot be ingested; the message is the reason shown to the user."""


@dataclass
class RawRecord:
    title: str
    text: str
    key: str  # unique within the run: path, or path#line for JSON lines
    path: str
    url: str | None = None
    record_date: object = None  # a date field of the record (date/published)
    meta_date: object = None  # a date from the page's own metadata (HTML)
    retrieved_at: object = None
    source: str | None = None
    removed: dict[str, int] = field(default_factory=dict)  # what the reader left out as hidden (HTML), by kind
    parts: list[dict] = field(default_factory=list)  # those pieces themselves (qa.ingest.sanitize._part)


@dataclass
class RecordError:
    key: str
    reason: str


def decode(data: bytes, path: Path) -> str:
    if not data.strip():
        raise ReadError("empty file")
    if b"\x00" in data[:8192]:
        raise ReadError("binary file (contains NUL bytes), not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        from charset_normalizer import from_bytes

        best = from_bytes(data).best()
        if best is None or best.chaos > 0.2:
            raise ReadError(f"not valid UTF-8 (bad byte at offset {e.start}) and no other encoding fits") from e
        return str(best)


def read_file(path: Path, max_bytes: int) -> Iterator[RawRecord | RecordError]:
    """Records of one file. Whole-file problems raise ``ReadError``; record problems are yielded."""
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED:
        raise ReadError(f"unsupported file type {suffix or '(none)'}; supported: {', '.join(sorted(SUPPORTED))}")
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise ReadError(f"file too large ({size:,} bytes > limit {max_bytes:,})")
        data = path.read_bytes()
    except OSError as e:
        raise ReadError(f"unreadable: {e.strerror or e}") from e
    text = decode(data, path)
    if suffix in {".json", ".jsonl", ".ndjson"}:
        yield from _read_json(text, path, lines=suffix != ".json")
    elif suffix in {".html", ".htm"}:
        yield _read_html(text, path)
    else:
        yield _read_text(text, path, markdown=suffix in {".md", ".markdown"})


def _read_text(text: str, path: Path, markdown: bool) -> RawRecord:
    lines = text.splitlines()
    url = date = None
    if lines and (m := _SEED_HEADER.match(lines[0])):  # the shipped seed's format
        date, url = m[1], m[2]
        lines = lines[1:]
    while lines and not lines[0].strip():
        lines.pop(0)
    if not lines:
        raise ReadError("no title or text after the header")
    title = lines[0].strip()
    body = "\n".join(lines[1:])
    if markdown:
        title = title.lstrip("#").strip()
        body = re.sub(r"^\s{0,3}#{1,6}\s+", "", body, flags=re.M)
        body = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", body)  # links keep their words, lose the target
    if not body.strip():
        raise ReadError("title but no body text")
    return RawRecord(title=title, text=body, key=str(path), path=str(path), url=url, record_date=date)


def _read_html(html: str, path: Path) -> RawRecord:
    import trafilatura

    parts: list[dict] = []
    html, removed = strip_hidden_html(html, parts)  # before extraction: what the page hides from readers never counts
    doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False, favor_precision=True)
    if isinstance(doc, dict):  # older trafilatura releases return a dict
        raise ReadError("trafilatura returned a dict; newsqa needs a release that returns a Document")
    if doc is None or not (doc.text or "").strip():
        raise ReadError("no article text found in the HTML")
    return RawRecord(
        title=(doc.title or path.stem).strip(),
        text=doc.text or "",
        key=str(path),
        path=str(path),
        url=doc.url,
        meta_date=doc.date,
        source=doc.sitename,
        removed=dict(removed),
        parts=parts,
    )


_JSON_LINE_END = re.compile(r"\r\n|\r|\n")
_SURROGATE = re.compile("[\ud800-\udfff]")
_DATE_FIELDS = ("date", "published", "published_at", "publication_date", "pubdate")


def record_from(obj: object, key: str, path: Path) -> RawRecord | RecordError:
    if not isinstance(obj, dict):
        return RecordError(key, f"expected a JSON object, got {type(obj).__name__}")
    text = obj.get("text") or obj.get("body") or obj.get("content")
    if not isinstance(text, str) or not text.strip():
        return RecordError(key, "record has no 'text'")
    title = obj.get("title")
    if not isinstance(title, str) or not title.strip():
        title = text.strip().splitlines()[0][:120]
    url = obj.get("url") if isinstance(obj.get("url"), str) else None
    source = obj.get("source") if isinstance(obj.get("source"), str) else None
    for name, value in (("text", text), ("title", title), ("url", url), ("source", source)):
        if value and _SURROGATE.search(value):  # a JSON escape like "\ud800" that is half of a pair: no UTF-8 form
            return RecordError(key, f"record '{name}' is not valid Unicode (an unpaired surrogate escape like \\ud800)")
    record_date = next((obj[f] for f in _DATE_FIELDS if obj.get(f)), None)
    return RawRecord(
        title=title,
        text=text,
        key=key,
        path=str(path),
        url=url,
        record_date=record_date,
        retrieved_at=obj.get("retrieved_at"),
        source=source,
    )


def _beyond_json_limits(e: Exception) -> str:
    """Why json.loads refused JSON without a JSONDecodeError: nesting deeper than Python's recursion limit, or an
    integer longer than Python converts (sys.get_int_max_str_digits(), 4,300 digits)."""
    if isinstance(e, RecursionError):
        return "nested too deeply (arrays/objects inside each other beyond Python's recursion limit)"
    if "digits" in str(e):
        return f"a number with more than {sys.get_int_max_str_digits():,} digits"
    return str(e) or type(e).__name__


def _read_json(text: str, path: Path, lines: bool) -> Iterator[RawRecord | RecordError]:
    if not lines:
        try:
            data = json.loads(text)
        except json.JSONDecodeError as e:
            raise ReadError(f"invalid JSON at line {e.lineno} column {e.colno}: {e.msg}") from e
        except (RecursionError, ValueError) as e:
            raise ReadError(f"invalid JSON: {_beyond_json_limits(e)}") from e
        items = data if isinstance(data, list) else [data]
        for i, obj in enumerate(items):
            yield record_from(obj, f"{path}#{i}", path)
        return
    # Only \n, \r\n and \r end a JSON line: str.splitlines() also splits at U+2028, U+2029 and U+0085, which JSON
    # allows unescaped inside strings (json.dumps(..., ensure_ascii=False) writes them), and so cut valid records.
    for n, line in enumerate(_JSON_LINE_END.split(text), 1):
        if not line.strip():
            continue
        key = f"{path}#L{n}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as e:
            yield RecordError(key, f"malformed JSON on line {n}: {e.msg} (column {e.colno})")
            continue
        except (RecursionError, ValueError) as e:
            yield RecordError(key, f"malformed JSON on line {n}: {_beyond_json_limits(e)}")
            continue
        yield record_from(obj, key, path)

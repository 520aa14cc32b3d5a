"""Publication dates: from the record, the page's metadata, the URL path or the article's dateline.

A ``retrieved_at`` is only an upper bound (the 2026 corpus was often crawled months after publication), so it is
never used as the date itself; an unknown date stays unknown rather than becoming "today".
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from dateutil import parser as dateparser

_MIN = dt.date(1990, 1, 1)
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
# "Aug. 28, 2025", "June 19, 2025", "Updated March 27, 2026, 6:59 p.m. ET", "28 August 2025"
_DATELINE = re.compile(rf"\b({_MONTH}\s+\d{{1,2}},?\s+\d{{4}}|\d{{1,2}}\s+{_MONTH}\s+\d{{4}})\b")
_COMPACT_URL = re.compile(r"/((?:19|20)\d{2})(0[1-9]|1[0-2])([0-2]\d|3[01])(?:/|[-_]|$)")


def parse_date(value: object) -> dt.date | None:
    """A date from a record field: ISO dates and datetimes, ``YYYY/MM/DD/HH:MM``, epoch seconds, or prose."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        try:
            return dt.datetime.fromtimestamp(float(value), dt.UTC).date()
        except (OverflowError, OSError, ValueError):
            return None
    if not isinstance(value, str):
        return None
    s = value.strip()
    m = re.match(r"^(\d{4})[-/](\d{1,2})[-/](\d{1,2})", s)
    try:
        if m:
            return dt.date(int(m[1]), int(m[2]), int(m[3]))
        if len(s) > 64:
            return None
        return dateparser.parse(s, default=dt.datetime(1, 1, 1)).date() if re.search(r"\d{4}", s) else None
    except (ValueError, OverflowError, TypeError):
        return None


def as_date(value: dt.date | str | None) -> dt.date | None:
    """A date a user gave (an as-of date, a range bound): None for none, a clear error for text that is not one."""
    if value is None or value == "":
        return None
    d = parse_date(value)
    if d is None:
        raise ValueError(f"not a date: {value!r} (use YYYY-MM-DD)")
    return d


def _plausible(d: dt.date | None, upper: dt.date | None) -> dt.date | None:
    if d is None or d < _MIN:
        return None
    limit = upper or (dt.date.today() + dt.timedelta(days=1))
    return d if d <= limit else None


@lru_cache(maxsize=1)
def _url_options():
    from htmldate.utils import Extractor

    return Extractor(False, dt.datetime(2100, 1, 1), dt.datetime(1990, 1, 1), True, "%Y-%m-%d")


def date_from_url(url: str | None) -> dt.date | None:
    if not url:
        return None
    from htmldate.extractors import extract_url_date

    found = extract_url_date(url, _url_options())
    if found:
        return dt.date.fromisoformat(found)
    m = _COMPACT_URL.search(url)
    if m:
        try:
            return dt.date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            return None
    return None


def date_from_dateline(text: str) -> dt.date | None:
    """The first date written near the top of the article (news pages print it above the body)."""
    m = _DATELINE.search(text[:400])
    if not m:
        return None
    try:
        return dateparser.parse(m[1].replace("Sept.", "Sep."), default=dt.datetime(1, 1, 1)).date()
    except (ValueError, OverflowError):
        return None


def resolve_date(
    *,
    record: object = None,
    meta: object = None,
    url: str | None = None,
    text: str = "",
    retrieved_at: dt.date | None = None,
) -> tuple[dt.date | None, str | None]:
    """The best-founded publication date and what it rests on, or (None, None)."""
    for basis, candidate in (
        ("record", lambda: parse_date(record)),
        ("meta", lambda: parse_date(meta)),
        ("url", lambda: date_from_url(url)),
        ("dateline", lambda: date_from_dateline(text)),
    ):
        d = _plausible(candidate(), retrieved_at)
        if d is not None:
            return d, basis
    return None, None

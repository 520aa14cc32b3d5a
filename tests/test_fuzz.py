"""Property-based fuzzing (hypothesis) of the article readers and the date parsing.

Every reader property has one shape: on any input the reader either returns well-formed records (non-empty text,
str fields that encode as UTF-8, dates that resolve to a ``datetime.date`` inside the plausibility bounds, and what
the pipeline does next with them does not crash) or rejects the input with the project's own error, ``ReadError``
for a file or ``RecordError`` for one JSON record, with a non-empty reason. The date functions define no error of
their own, so they must never raise. Any other exception is a crash and fails the test. Where an input is built
well-formed on purpose, the test also checks that it is read back as written (an oracle), so that a reader that
rejects everything cleanly does not pass.

Examples per test: ``QA_FUZZ_EXAMPLES`` (default 300, for CI). Runs are derandomized (the same inputs every run)
unless ``QA_FUZZ_RANDOM=1`` is set outside CI. With ``QA_FUZZ_STATS=path.json`` each test adds its counts (inputs,
crashes, records read, rejections by kind, seconds) to that file; ``benchmarks/fuzz.py`` prints them.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import os
import re
import string
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from qa.ingest.clean import clean_text, clean_title
from qa.ingest.dates import date_from_dateline, date_from_url, parse_date, resolve_date
from qa.ingest.readers import RawRecord, ReadError, RecordError, read_file

EXAMPLES = int(os.environ.get("QA_FUZZ_EXAMPLES", "300"))
RANDOM = os.environ.get("QA_FUZZ_RANDOM") == "1" and not os.environ.get("CI")
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=not RANDOM,
    database=None,  # no example database (.hypothesis/ still gets hypothesis' caches, ignored by its own .gitignore)
    print_blob=False,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.large_base_example,
        HealthCheck.filter_too_much,
        HealthCheck.function_scoped_fixture,  # one tmp dir per test, reused by every example on purpose
    ],
)
LIMIT = 10_000_000  # max_bytes for read_file; some examples use a tiny one to hit "file too large"
MIN_DATE = dt.date(1990, 1, 1)  # dates.py: anything earlier is implausible
BASES = {"record", "meta", "url", "dateline"}


# --- statistics, read by benchmarks/fuzz.py -------------------------------------------------------------------


@dataclass
class Stats:
    inputs: int = 0
    ok: int = 0  # records read (readers) or dates found (date functions)
    crashes: int = 0  # calls that raised anything but the project's own error (shrinking included)
    rejected: Counter = field(default_factory=Counter)  # clean rejections by kind of message
    seconds: float = 0.0


STATS: dict[str, Stats] = {}


@pytest.fixture()
def stats(request):
    name = request.node.name.removeprefix("test_")
    s = STATS[name] = Stats()
    t0 = time.perf_counter()
    yield s
    s.seconds = time.perf_counter() - t0
    if out := os.environ.get("QA_FUZZ_STATS"):
        p = Path(out)
        data = json.loads(p.read_text()) if p.exists() and p.stat().st_size else {}
        data[name] = {
            "examples": EXAMPLES,
            "inputs": s.inputs,
            "ok": s.ok,
            "crashes": s.crashes,
            "rejected": dict(s.rejected.most_common()),
            "seconds": round(s.seconds, 2),
        }
        p.write_text(json.dumps(data, indent=1, ensure_ascii=False))


def kind(message: str) -> str:
    """'invalid JSON at line 3 column 9: Expecting value' -> 'invalid JSON at line N column N'."""
    head = re.split(r"[:;(]", message, maxsplit=1)[0].strip() or message
    return re.sub(r"(?<![A-Za-z]-)\d+", "N", head)[:70]  # UTF-8 stays UTF-8


def guarded(stats: Stats, fn, *args, clean: tuple = (), **kwargs):
    """fn(*args, **kwargs); an exception other than ``clean`` counts as a crash (and still fails the test)."""
    try:
        return fn(*args, **kwargs)
    except clean:
        raise
    except Exception:
        stats.crashes += 1
        raise


# --- invariants ---------------------------------------------------------------------------------------------


def utf8_ok(s: str) -> bool:
    try:
        s.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def check_date(d: object) -> None:
    assert d is None or type(d) is dt.date, f"expected a datetime.date or None, got {d!r}"


def check_resolved(result: object, upper: dt.date | None) -> None:
    assert isinstance(result, tuple) and len(result) == 2, result
    d, basis = result
    if d is None:
        assert basis is None, result
        return
    assert type(d) is dt.date and basis in BASES, result
    assert d >= MIN_DATE, f"implausibly early date {d}"
    limit = upper or dt.date.today() + dt.timedelta(days=1)
    assert d <= limit, f"date {d} after its upper bound {limit} (retrieved_at={upper})"


def check_record(stats: Stats, rec: RawRecord, path: Path) -> None:
    assert isinstance(rec.title, str), rec.title
    assert isinstance(rec.text, str) and rec.text.strip(), "a record with no text"
    assert rec.path == str(path) and isinstance(rec.key, str) and rec.key.startswith(str(path)), rec.key
    for name in ("url", "source"):
        assert getattr(rec, name) is None or isinstance(getattr(rec, name), str), (name, getattr(rec, name))
    for name in ("title", "text", "url", "source"):
        v = getattr(rec, name)
        assert v is None or utf8_ok(v), f"{name} cannot be encoded as UTF-8 (an unpaired surrogate): {v[:80]!r}"
    # What the pipeline does next with a record (to_article) must not crash either.
    assert isinstance(guarded(stats, clean_title, rec.title), str)
    assert isinstance(guarded(stats, clean_text, rec.text, rec.title), str)
    retrieved = guarded(stats, parse_date, rec.retrieved_at)
    check_date(retrieved)
    resolved = guarded(
        stats,
        resolve_date,
        record=rec.record_date,
        meta=rec.meta_date,
        url=rec.url,
        text=rec.text,
        retrieved_at=retrieved,
    )
    check_resolved(resolved, retrieved)


def read(stats: Stats, path: Path, data: bytes, max_bytes: int = LIMIT) -> list | None:
    """The items read_file yields for these bytes, checked; None when the whole file is rejected cleanly."""
    path.write_bytes(data)
    stats.inputs += 1
    try:
        items = guarded(stats, lambda: list(read_file(path, max_bytes)), clean=(ReadError,))
    except ReadError as e:
        assert str(e).strip(), "ReadError without a reason"
        stats.rejected[kind(str(e))] += 1
        return None
    keys = [item.key for item in items]
    assert len(keys) == len(set(keys)), f"duplicate keys {keys}"
    for item in items:
        if isinstance(item, RecordError):
            assert isinstance(item.key, str) and item.key.startswith(str(path)), item
            assert isinstance(item.reason, str) and item.reason.strip(), "RecordError without a reason"
            stats.rejected["record: " + kind(item.reason)] += 1
        else:
            assert isinstance(item, RawRecord), f"reader yielded a {type(item).__name__}"
            check_record(stats, item, path)
            stats.ok += 1
    return items


def single(items: list | None) -> None:
    """Text and HTML files are one article each: one record or a ReadError, never a RecordError."""
    if items is not None:
        assert len(items) == 1 and isinstance(items[0], RawRecord), items


# --- strategies ---------------------------------------------------------------------------------------------


def weighted(*pairs):
    """One of the strategies, each drawn with its relative weight."""
    return st.sampled_from([s for s, w in pairs for _ in range(w)]).flatmap(lambda s: s)


DIGITS = ["0123456789"] * 4 + ["٠١٢٣٤٥٦٧٨٩", "０１２３４５６７８９", "𝟎𝟏𝟐𝟑𝟒𝟓𝟔𝟕𝟖𝟗", "०१२३४५६७८९"]


def in_digits(s: str, digits: str) -> str:
    return s.translate(str.maketrans("0123456789", digits))


ODD = [
    *["\u2028", "\u2029", "\x85", "\x0b", "\x0c", "\x1c", "\x1e", "\r", "\r\n", "\n", "\n\n", "\t", " ", "\u00a0"],
    *["\u3000", "\u200b", "\u200f", "\u202e", "\ufeff", "\u0301", "e\u0301", "\U0001f600", "\U0001f1fa\U0001f1f8"],
    *["ﬁ", "ß", "İ", "Σ", "\x00", "\x7f", "\ufffd", "<", ">", "&amp;", "#", "## ", "[", "]", "(", ")", "![", "]("],
    *["*", "\\", '"', "{", "}", "date ", "Sept. 3, 2021", "Jan. 4, 2026", "2026-01-09", "19990101", "٢٠٢٢"],
    *["Advertisement", "<p>", "</p>", "word ", "The council met. ", "U.S.Army", "largest.The"],
]
# any characters but NUL, which hypothesis draws so often that most files would be rejected as binary (NUL comes
# from ODD and from to_bytes() instead, a few times in a hundred) and lone surrogates, which no file can hold
# (JSON escapes of them come from raw_json)
chars = st.characters(codec="utf-8", exclude_characters="\x00")
odd_text = st.one_of(
    st.text(chars, max_size=120),
    st.lists(st.one_of(st.sampled_from(ODD), st.text(chars, max_size=6)), max_size=30).map("".join),
)


def huge(max_repeat: int = 60_000):
    unit = st.one_of(st.sampled_from(["word ", "a", "\n", " ", "[", "x\u2028", "é", "<p>"]), st.text(chars, min_size=1))
    return st.builds(lambda u, n: (u * n)[: 10 * max_repeat], unit, st.integers(1_000, max_repeat))


blanks = st.sampled_from(["", " ", "\n\n", "\u3000", "\t\r\n"])
field_text = weighted((odd_text, 6), (huge(), 1), (blanks, 1))

# one line of text: no line breaks of any kind (str.splitlines), no NUL, not blank
line_chars = st.characters(exclude_categories=("Cs", "Cc", "Zl", "Zp"))
line = st.text(line_chars, min_size=1, max_size=60).filter(lambda s: s.strip())
paragraphs = st.lists(line, min_size=1, max_size=6).map("\n\n".join)

URL_CHARS = string.ascii_letters + string.digits + "-_.~%/?=&#:+"
HOSTS = ["https://www.cnn.com", "https://sputniknews.com", "https://www.usatoday.com/story/news", "http://x.y", ""]


@st.composite
def urls(draw) -> str:
    part = st.one_of(
        st.integers(0, 3000).map(str),
        st.integers(0, 99).map(lambda n: f"{n:02d}"),
        st.dates().map(lambda d: f"{d.year:04d}/{d.month:02d}/{d.day:02d}"),
        st.builds(
            lambda y, m, d: f"{y:04d}{m:02d}{d:02d}", st.integers(1890, 2110), st.integers(0, 13), st.integers(0, 39)
        ),
        st.text(st.sampled_from(URL_CHARS), max_size=15),
    )
    parts = draw(st.lists(part, max_size=6))
    tail = draw(st.sampled_from(["", "/", ".html", "-1092018702.html", "?id=3", "#frag"]))
    return draw(st.sampled_from(HOSTS)) + "/" + "/".join(parts) + tail


MONTHS = [
    *["Jan", "Jan.", "January", "Feb", "Febr.", "Mar", "March", "Apr.", "May", "Jun", "June", "Jul.", "Aug."],
    *["August", "Sep", "Sep.", "Sept", "Sept.", "September", "Oct.", "Nov", "Dec.", "December", "Decem", "Mayo"],
    *["Octobre", "JANUARY", "jan", "Mar.."],
]
FULL_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October"]
FULL_MONTHS += ["November", "December"]


@st.composite
def date_strings(draw) -> str:
    # each part half the time in range (mostly a real date), else any number
    y = draw(st.one_of(st.integers(1990, 2030), st.integers(0, 99_999)))
    m = draw(st.one_of(st.integers(1, 12), st.integers(0, 99)))
    d = draw(st.one_of(st.integers(1, 28), st.integers(0, 99)))
    hh, mm = draw(st.integers(0, 99)), draw(st.integers(0, 99))
    month = draw(st.sampled_from(MONTHS))
    form = draw(st.integers(0, 9))
    s = [
        f"{y:04d}-{m:02d}-{d:02d}",
        f"{y:04d}-{m:02d}-{d:02d}T{hh:02d}:{mm:02d}:00Z",
        f"{y:04d}/{m}/{d}/{hh:02d}:{mm:02d}",
        f"{month} {d}, {y}",
        f"{d} {month} {y}",
        f"Updated {month} {d}, {y}, {hh}:{mm:02d} p.m. ET",
        str(draw(st.integers(-(10**12), 10**12))),
        repr(draw(st.floats())),
        f"{draw(odd_text)} {y:04d} {draw(odd_text)}",
        f"{y:04d}-{m:02d}-{d:02d} {hh}:{mm} {draw(st.sampled_from(['UTC', 'EST', '+05:30', '-2500', 'GMT+99', 'Z']))}",
    ][form]
    pad = draw(st.sampled_from(["", " ", "\t", "\u3000", "\n"]))
    return pad + in_digits(s, draw(st.sampled_from(DIGITS))) + pad


ENCODINGS = ["utf-8"] * 6 + ["utf-8-sig", "utf-16", "latin-1", "cp1252", "shift_jis", "koi8-r"]
BAD_UTF8 = [b"\xff", b"\xc3", b"\xed\xa0\x80", b"\xf4\x90\x80\x80", b"\xc0\xaf", b"\x80\x80", b"\xe2\x82"]


@st.composite
def to_bytes(draw, text: str) -> bytes:
    """The text in some encoding, a quarter of the time with damaged bytes (invalid UTF-8, NUL, cut short)."""
    data = text.encode(draw(st.sampled_from(ENCODINGS)), errors="replace")
    if draw(st.integers(0, 3)) == 0:
        pos = draw(st.integers(1, max(1, len(data) - 1)))  # not at 0, where hypothesis would put most of them
        how = draw(st.sampled_from(["insert", "truncate", "nul", "invalid"]))
        if how == "insert":  # any bytes but NUL, which has its own case
            data = data[:pos] + draw(st.binary(min_size=1, max_size=8)).replace(b"\x00", b"\x80") + data[pos:]
        elif how == "truncate":
            data = data[:pos]
        elif how == "nul":
            data = data[:pos] + b"\x00" + data[pos:]
        else:
            data = data[:pos] + draw(st.sampled_from(BAD_UTF8)) + data[pos:]
    return data


max_bytes = st.integers(0, 15).map(lambda i: 64 if i == 7 else LIMIT)  # 1 in 16 (not 0: hypothesis favours bounds)


# --- seed format, .txt, .md ---------------------------------------------------------------------------------


@st.composite
def seed_files(draw) -> tuple[bytes, tuple | None]:
    """`date YYYY-MM-DD URL`, a blank line, the title, the body: well-formed (with the expected reading) or
    the same structure with any part mangled."""
    day, url, title, body = draw(st.dates()), draw(urls()), draw(line), draw(paragraphs)
    if draw(st.booleans()):
        text = f"date {day.isoformat()} {url}\n\n{title}\n\n{body}\n"
        return text.encode(), (day, url, title.strip())
    date_s = draw(
        st.one_of(
            st.just(day.isoformat()),
            st.builds(lambda y, m, d: f"{y}-{m}-{d}", st.integers(0, 99_999), st.integers(0, 999), st.integers(0, 999)),
            st.builds(in_digits, st.just(day.isoformat()), st.sampled_from(DIGITS)),
            odd_text,
        )
    )
    url_s = draw(st.one_of(st.just(url), odd_text, huge(), st.just("")))
    sep = draw(st.sampled_from([" ", "  ", "\t", "\u3000", "", " \u2028 "]))
    lead = draw(st.sampled_from(["", " ", "\n", "\ufeff", "Date ", "\n\n\n"]))
    gap = draw(st.sampled_from(["\n\n", "\n", "", "\r\n\r\n", "\n \n\t\n", "\u2029"]))
    title_s = draw(st.one_of(st.just(title), field_text))
    body_s = draw(st.one_of(st.just(body), field_text))
    return draw(to_bytes(f"{lead}date{sep}{date_s}{sep}{url_s}{gap}{title_s}\n\n{body_s}")), None


@st.composite
def txt_files(draw) -> tuple[bytes, str | None]:
    form = draw(st.integers(0, 3))
    if form == 0:
        return draw(st.binary(max_size=4096)), None
    if form == 1:
        title, body = draw(line), draw(paragraphs)
        expected = None if title.lstrip().lower().startswith("date") else title.strip()
        return f"{title}\n\n{body}\n".encode(), expected
    gap = st.sampled_from(["\n\n", "\n", "", "\r\n", "\r", "\u2028", "\x85", "\n\x0c\n"])
    text = draw(st.one_of(field_text, st.builds(lambda t, g, b: t + g + b, field_text, gap, field_text)))
    return draw(to_bytes(text)), None


md_words_clean = st.text(
    st.characters(exclude_categories=("Cs", "Cc", "Zl", "Zp"), exclude_characters="#[]()!\\*_`<>"),
    min_size=1,
    max_size=30,
).filter(lambda s: s.strip())


@st.composite
def md_files(draw) -> tuple[bytes, tuple | None]:
    """A heading, then paragraphs, sub-headings, links, images, lists and quotes; when not clean, any words
    and broken link syntax, then any encoding and damage."""
    clean = draw(st.booleans())
    words = md_words_clean if clean else field_text
    title = draw(words)
    blocks, links = [], []
    for _ in range(draw(st.integers(1, 6))):
        w = draw(words)
        form = draw(st.sampled_from(["p", "p", "h", "link", "img", "list", "quote"] + ([] if clean else ["broken"])))
        if form == "h":
            blocks.append("#" * draw(st.integers(1, 7)) + " " + w)
        elif form == "link":
            links.append(w)
            blocks.append(f"See [{w}]({draw(urls())}) now.")
        elif form == "img":
            blocks.append(f"![{w}]({draw(urls())})")
        elif form == "list":
            blocks.append(f"- {w}\n- {draw(words)}")
        elif form == "quote":
            blocks.append(f"> {w}")
        elif form == "broken":
            blocks.append(draw(st.sampled_from(["[", "](", "[x](", "![", "[a]", "(b)", "[" * 500, "](" * 500])) + w)
        else:
            blocks.append(w)
    text = f"# {title}\n\n" + "\n\n".join(blocks) + "\n"
    if clean:
        return text.encode(), (title.strip(), links)
    prefix = draw(st.sampled_from(["", "#", "###### ", "\n\n", "   #", "date 2022-01-04 https://x.y/a\n\n"]))
    return draw(to_bytes(prefix + text)), None


@given(case=seed_files(), limit=max_bytes)
@FUZZ
def test_seed_format(tmp_path, stats, case, limit):
    data, expected = case
    items = read(stats, tmp_path / "seed.txt", data, limit)
    single(items)
    if expected and limit == LIMIT:
        day, url, title = expected
        assert items is not None, "a well-formed seed file was rejected"
        (rec,) = items
        assert (rec.record_date, rec.url, rec.title) == (day.isoformat(), url, title)
        assert parse_date(rec.record_date) == day


@given(case=txt_files(), suffix=st.sampled_from([".txt", ".txt", ".TXT", ".text"]), limit=max_bytes)
@FUZZ
def test_txt(tmp_path, stats, case, suffix, limit):
    data, expected_title = case
    items = read(stats, tmp_path / f"article{suffix}", data, limit)
    single(items)
    if items:
        assert "\n" not in items[0].title and items[0].title == items[0].title.strip()
    if expected_title is not None and limit == LIMIT and suffix != ".text":
        assert items is not None, "a well-formed text file was rejected"
        assert items[0].title == expected_title and items[0].record_date is None


@given(case=md_files(), suffix=st.sampled_from([".md", ".markdown", ".MD"]), limit=max_bytes)
@FUZZ
def test_md(tmp_path, stats, case, suffix, limit):
    data, expected = case
    items = read(stats, tmp_path / f"article{suffix}", data, limit)
    single(items)
    if expected and limit == LIMIT:
        title, links = expected
        assert items is not None, "a well-formed Markdown file was rejected"
        (rec,) = items
        assert rec.title == title and "](" not in rec.text
        assert all(w in rec.text for w in links), "a link lost its words"


# --- HTML ---------------------------------------------------------------------------------------------------

WORDS = (
    "the council met again and voted on budget plan minister said on Tuesday that strikes targeted sites in "
    "Syria posed an imminent threat officials city police report election results markets fell sharply after "
    "the central bank raised rates by half a point court ruled"
).split()
META = [
    'property="article:published_time"',
    'name="date"',
    'itemprop="datePublished"',
    'property="og:url"',
    'property="og:site_name"',
    'property="og:title"',
    'name="author"',
    'http-equiv="content-type"',
]
ENTITIES = ["&#0;", "&#xD800;", "&#x110000;", "&#99999999999;", "&bogus;", "&nbsp", "&#x1F600;", "&amp;amp;"]
TAGS = ["p", "p", "p", "div", "h1", "h2", "span", "li", "blockquote", "script", "style", "nav", "footer", "pre"]


@st.composite
def html_files(draw) -> bytes:
    """A page with a head (title, date/url/site meta, canonical link) and a body of tags, well-formed or not,
    with text that is escaped or raw, entities valid and invalid; sometimes plain junk or bytes."""
    form = draw(st.integers(0, 9))
    if form == 0:
        return draw(st.binary(max_size=4096))
    if form == 1:
        return draw(to_bytes(draw(field_text)))
    escape = html.escape if draw(st.booleans()) else str
    news = st.lists(st.sampled_from(WORDS), min_size=3, max_size=30).map(lambda ws: " ".join(ws).capitalize() + ".")
    words = weighted((news, 6), (odd_text, 4), (huge(3_000), 1))
    head = []
    if draw(st.booleans()):
        head.append(f"<title>{escape(draw(odd_text))}</title>")
    for _ in range(draw(st.integers(0, 3))):
        value = draw(st.one_of(date_strings(), urls(), odd_text))
        head.append(f'<meta {draw(st.sampled_from(META))} content="{escape(value)}">')
    if draw(st.booleans()):
        head.append(f'<link rel="canonical" href="{escape(draw(st.one_of(urls(), odd_text)))}">')
    body = []
    for _ in range(draw(st.integers(0, 12))):
        tag, inner = draw(st.sampled_from(TAGS)), escape(draw(words))
        form = draw(st.sampled_from(["closed", "closed", "closed", "unclosed", "comment", "cdata", "entity", "nest"]))
        if form == "closed":
            body.append(f"<{tag}>{inner}</{tag}>")
        elif form == "unclosed":
            body.append(f"<{tag} class='x>{inner}")
        elif form == "comment":
            body.append(f"<!-- {inner} --")
        elif form == "cdata":
            body.append(f"<![CDATA[{inner}]]>")
        elif form == "entity":
            body.append(f"<p>{inner}{draw(st.sampled_from(ENTITIES))}{inner}</p>")
        else:
            depth = draw(st.integers(1, 400))
            body.append("<div>" * depth + f"<p>{inner}</p>" + "</div>" * draw(st.integers(0, depth)))
    wrap = draw(st.sampled_from(["article", "main", "div", ""]))
    page = (
        f"<!DOCTYPE html><html><head>{''.join(head)}</head><body>"
        + (f"<{wrap}>" if wrap else "")
        + "".join(body)
        + (f"</{wrap}>" if wrap else "")
        + "</body></html>"
    )
    tail = draw(st.sampled_from(["", "", "", "late-nul", "cut", "junk"]))
    if tail == "late-nul":  # past the 8 KiB that decode() checks for NUL bytes
        page = page.replace("</body>", "<p>" + "word " * 1800 + "\x00 after the null byte.</p></body>")
    elif tail == "cut":
        page = page[: draw(st.integers(0, len(page)))]
    elif tail == "junk":
        pos = draw(st.integers(0, len(page)))
        page = page[:pos] + draw(odd_text) + page[pos:]
    return draw(to_bytes(page))


@given(data=html_files(), suffix=st.sampled_from([".html", ".htm"]), limit=max_bytes)
@FUZZ
def test_html(tmp_path, stats, data, suffix, limit):
    items = read(stats, tmp_path / f"page{suffix}", data, limit)
    single(items)
    if items:
        rec = items[0]
        assert rec.meta_date is None or isinstance(rec.meta_date, str), rec.meta_date
        assert rec.record_date is None and rec.retrieved_at is None


# --- JSON and JSON lines ------------------------------------------------------------------------------------

FIELDS = ("text", "body", "content", "title", "url", "date", "published", "published_at", "publication_date")
FIELDS += ("pubdate", "retrieved_at", "source")
# Placeholders that the serialized JSON gets in place of a value: JSON that json.dumps cannot write.
RAW = [f"\x00RAW{i}\x00" for i in range(3)]
raw_json = st.one_of(
    st.integers(1, 6_000).map(lambda n: "9" * n),  # Python refuses ints of over 4,300 digits
    st.sampled_from(['"\\ud800"', '"a\\udfffb"', '"\\ud83d"', '"\\ude00 x"', '"\\ud83d\\ude00"']),  # surrogates
    st.integers(1, 5_000).map(lambda n: "[" * n + "]" * n),
    st.integers(1, 3_000).map(lambda n: '{"a":' * n + "1" + "}" * n),
    st.sampled_from(["NaN", "-Infinity", "1e999", "-0", "1E400", "0.1e-999", "1.5"]),
)
scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(), odd_text, date_strings(), st.sampled_from(RAW)
)
json_values = st.recursive(
    scalars,
    lambda c: st.lists(c, max_size=4) | st.dictionaries(st.one_of(st.sampled_from(FIELDS), st.text(max_size=8)), c),
    max_leaves=12,
)
# any value for any field; only a text is ever huge (a few in a file, not dozens: keeps 10,000 examples affordable)
field_values = weighted((odd_text, 8), (blanks, 1), (date_strings(), 4), (json_values, 4), (st.sampled_from(RAW), 2))
text_values = weighted((field_values, 12), (huge(), 1))
OTHER_FIELDS = {f: field_values for f in FIELDS if f not in ("text", "title")}
articles = st.fixed_dictionaries({"text": text_values, "title": field_values}, optional=OTHER_FIELDS)
json_records = weighted((articles, 2), (st.fixed_dictionaries({}, optional={f: field_values for f in FIELDS}), 1))


def is_record(obj: object) -> bool:
    """What a JSON record needs to be read (readers._record): an object with a non-blank str text/body/content."""
    if not isinstance(obj, dict):
        return False
    text = obj.get("text") or obj.get("body") or obj.get("content")
    return isinstance(text, str) and bool(text.strip())


@st.composite
def dumped(draw, value: object, indent: bool = False) -> tuple[str, bool]:
    """The value as JSON text, its placeholders replaced by raw JSON; and whether it is still plain (no raw)."""
    s = json.dumps(
        value,
        ensure_ascii=draw(st.booleans()),
        allow_nan=True,
        indent=draw(st.sampled_from([None, 1])) if indent else None,
    )
    plain = True
    for token in RAW:
        quoted = json.dumps(token)
        while quoted in s:
            s = s.replace(quoted, draw(raw_json), 1)
            plain = False
    return s, plain


@st.composite
def mangled_text(draw, s: str) -> tuple[str, bool]:
    """A quarter of the time: cut short, junk inserted or a BOM/garbage around it; and whether it is untouched."""
    if draw(st.integers(0, 3)):
        return s, True
    pos = draw(st.integers(1, max(1, len(s) - 1)))
    how = draw(st.sampled_from(["cut", "junk", "wrap"]))
    if how == "cut":
        return s[:pos], False
    if how == "junk":
        return s[:pos] + draw(odd_text) + s[pos:], False
    return draw(st.sampled_from(["\ufeff", "", "[", "{", " \n"])) + s + draw(
        st.sampled_from(["", "]", "}", ",", "x"])
    ), False


@st.composite
def json_files(draw) -> tuple[bytes, list | None]:
    """A list of records (or other values), one record, or any JSON value; with the expected kinds of item."""
    doc = draw(
        weighted((st.lists(st.one_of(json_records, json_records, json_values), max_size=6), 3), (json_records, 2))
        | json_values
    )
    s, plain = draw(dumped(doc, indent=True))
    s, untouched = draw(mangled_text(s))
    encoding = draw(st.sampled_from(["utf-8"] * 6 + ["utf-8-sig", "utf-16", "latin-1"]))
    data = s.encode(encoding, errors="replace")
    if plain and untouched and encoding.startswith("utf-8"):
        return data, [is_record(o) for o in (doc if isinstance(doc, list) else [doc])]
    return data, None


@st.composite
def jsonl_files(draw) -> tuple[bytes, dict]:
    """Lines of records, other JSON values, junk and blanks; with line number -> expected kind for the lines that
    are plain JSON (a record or not)."""
    lines, expected = [], {}
    for n in range(1, draw(st.integers(1, 12)) + 1):
        form = draw(st.sampled_from(["record", "record", "record", "value", "junk", "blank"]))
        if form == "junk":
            text, plain = re.sub(r"[\r\n]", " ", draw(field_text)), False
        elif form == "blank":
            text, plain = draw(st.sampled_from(["", " ", "\t"])), False
        else:
            value = draw(json_records if form == "record" else json_values)
            text, plain = draw(dumped(value))
            if plain:
                expected[n] = is_record(value)
        lines.append(text)
    s = draw(st.sampled_from(["\n", "\n", "\r\n"])).join(lines) + draw(st.sampled_from(["", "\n"]))
    s, untouched = draw(mangled_text(s))
    encoding = draw(st.sampled_from(["utf-8"] * 6 + ["utf-8-sig", "utf-16", "latin-1"]))
    data = s.encode(encoding, errors="replace")
    return data, expected if untouched and encoding.startswith("utf-8") else {}


@given(case=json_files(), limit=max_bytes)
@FUZZ
def test_json(tmp_path, stats, case, limit):
    data, expected = case
    items = read(stats, tmp_path / "records.json", data, limit)
    if expected is not None and limit == LIMIT and data.strip():
        assert items is not None, "valid JSON was rejected as a whole"
        assert [isinstance(i, RawRecord) for i in items] == expected


@given(case=jsonl_files(), suffix=st.sampled_from([".jsonl", ".ndjson"]), limit=max_bytes)
@FUZZ
def test_jsonl(tmp_path, stats, case, suffix, limit):
    data, expected = case
    path = tmp_path / f"records{suffix}"
    items = read(stats, path, data, limit)
    if items is None or limit != LIMIT:
        return
    by_key = {i.key: i for i in items}
    for n, is_rec in expected.items():  # one bad line never loses its neighbours
        item = by_key.get(f"{path}#L{n}")
        assert item is not None, f"line {n} (valid JSON) yielded nothing; keys: {sorted(by_key)}"
        assert isinstance(item, RawRecord) == is_rec, (n, item)


# --- dates --------------------------------------------------------------------------------------------------

date_values = weighted(
    (date_strings(), 6),
    (odd_text, 2),
    (huge(5_000), 1),
    (st.one_of(st.none(), st.booleans(), st.integers(), st.floats()), 2),
    (st.one_of(st.dates(), st.datetimes(), st.datetimes(timezones=st.just(dt.UTC))), 1),
    (json_values.filter(lambda v: not isinstance(v, str) or v not in RAW), 1),
)


def counted(stats: Stats, d: dt.date | None) -> None:
    stats.inputs += 1
    if d is None:
        stats.rejected["no date"] += 1
    else:
        stats.ok += 1


@given(value=date_values)
@FUZZ
def test_parse_date(stats, value):
    d = guarded(stats, parse_date, value)
    counted(stats, d)
    check_date(d)
    if isinstance(value, dt.datetime):
        assert d == value.date()
    elif isinstance(value, dt.date):
        assert d == value
    elif isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value, re.ASCII):
        try:
            assert d == dt.date.fromisoformat(value)
        except ValueError:
            assert d is None


@st.composite
def dated_urls(draw) -> tuple[str | None, dt.date | None]:
    """A news URL with /YYYY/MM/DD/ in its path (and the date), or any URL-ish text (and None)."""
    if draw(st.booleans()):
        day = draw(st.dates(dt.date(1995, 1, 1), dt.date(2030, 12, 31)))
        host = draw(st.sampled_from(HOSTS[:4]))
        slug = draw(st.text(st.sampled_from(string.ascii_lowercase + "-"), min_size=1, max_size=30))
        return f"{host}/{day.year}/{day.month:02d}/{day.day:02d}/world/{slug}", day
    url = draw(st.one_of(urls(), odd_text, huge(2_000), st.none(), st.just("")))
    if url and draw(st.integers(0, 3)) == 0:
        url = in_digits(url, draw(st.sampled_from(DIGITS)))
    return url, None


@given(case=dated_urls())
@FUZZ
def test_date_from_url(stats, case):
    url, expected = case
    d = guarded(stats, date_from_url, url)
    counted(stats, d)
    check_date(d)
    if d is not None:
        assert dt.date(1900, 1, 1) <= d <= dt.date(2100, 12, 31), d
    if expected is not None:
        assert d == expected


@st.composite
def datelines(draw) -> tuple[str, dt.date | None]:
    """Text with a dateline ('Aug. 28, 2025', '28 August 2025') somewhere in or past the first 400 characters,
    with any month spelling, day, year and digits; or clean, at the top, with the date it names."""
    if draw(st.booleans()):
        day = draw(st.dates(dt.date(1990, 1, 1), dt.date(2030, 12, 31)))
        month = FULL_MONTHS[day.month - 1]
        top = f"{month} {day.day}, {day.year}" if draw(st.booleans()) else f"{day.day} {month} {day.year}"
        return f"{top}\n\n{draw(odd_text)}", day
    y, d = draw(st.integers(0, 9999)), draw(st.integers(0, 99))
    month = draw(st.sampled_from(MONTHS))
    top = f"{month} {d}, {y:04d}" if draw(st.booleans()) else f"{d} {month} {y:04d}"
    top = in_digits(top, draw(st.sampled_from(DIGITS)))
    prefix = draw(st.one_of(odd_text, st.integers(0, 450).map(lambda n: "x " * (n // 2))))
    return prefix + draw(st.sampled_from(["", " ", "\n", "Updated "])) + top + draw(field_text), None


@given(case=st.one_of(datelines(), field_text.map(lambda t: (t, None))))
@FUZZ
def test_date_from_dateline(stats, case):
    text, expected = case
    d = guarded(stats, date_from_dateline, text)
    counted(stats, d)
    check_date(d)
    if expected is not None:
        assert d == expected


@given(
    record=date_values,
    meta=st.one_of(st.none(), date_strings(), odd_text),
    url=st.one_of(dated_urls().map(lambda c: c[0]), st.none()),
    text=st.one_of(datelines().map(lambda c: c[0]), field_text),
    retrieved_at=st.one_of(st.none(), st.dates(), st.dates(dt.date(2020, 1, 1), dt.date(2027, 1, 1))),
)
@FUZZ
def test_resolve_date(stats, record, meta, url, text, retrieved_at):
    result = guarded(stats, resolve_date, record=record, meta=meta, url=url, text=text, retrieved_at=retrieved_at)
    check_resolved(result, retrieved_at)
    counted(stats, result[0])
    d, basis = result
    if basis is not None:  # the date is what the named source says
        source = {
            "record": lambda: parse_date(record),
            "meta": lambda: parse_date(meta),
            "url": lambda: date_from_url(url),
            "dateline": lambda: date_from_dateline(text),
        }[basis]
        assert d == source()

import datetime as dt
import json

import pytest

from qa.config import Settings
from qa.ingest.dates import date_from_dateline, date_from_url, parse_date, resolve_date
from qa.ingest.pipeline import to_article
from qa.ingest.readers import RawRecord, ReadError, RecordError, read_file


def records(path):
    return list(read_file(path, 10**7))


def test_txt_md_html_json_jsonl(tmp_path):
    (tmp_path / "a.txt").write_text("Plain title\n\nFirst paragraph of the body. Second sentence.\n")
    (tmp_path / "b.md").write_text("# Markdown title\n\nSome [linked words](http://x.y) here.\n\n## Sub\n\nMore.\n")
    (tmp_path / "c.html").write_text(
        "<html><head><title>Page title</title>"
        '<meta property="article:published_time" content="2026-02-03T10:00:00Z">'
        '<link rel="canonical" href="https://www.cnn.com/2026/02/03/world/story"></head><body><article>'
        "<h1>Headline of the story</h1>"
        + "".join(f"<p>Paragraph {i} says the council met again and voted on the budget plan.</p>" for i in range(8))
        + "</article><footer>Cookie settings</footer></body></html>"
    )
    (tmp_path / "d.json").write_text(json.dumps([{"title": "J", "text": "Body one.", "date": "2026-01-02"}]))
    (tmp_path / "e.jsonl").write_text(
        json.dumps(
            {
                "url": "https://www.usatoday.com/story/news/2026/01/05/x/1/",
                "title": "U",
                "text": "Body.",
                "retrieved_at": "2026/03/01/10:00",
            }
        )
        + "\n"
    )
    (txt,) = records(tmp_path / "a.txt")
    assert txt.title == "Plain title" and "Second sentence" in txt.text
    (md,) = records(tmp_path / "b.md")
    assert md.title == "Markdown title" and "linked words" in md.text and "http://x.y" not in md.text
    (html,) = records(tmp_path / "c.html")
    assert "council met again" in html.text and "Cookie" not in html.text
    a = to_article(html, Settings())
    assert a.published == dt.date(2026, 2, 3)
    (js,) = records(tmp_path / "d.json")
    assert to_article(js, Settings()).published == dt.date(2026, 1, 2)
    (jl,) = records(tmp_path / "e.jsonl")
    a = to_article(jl, Settings())
    assert a.published == dt.date(2026, 1, 5) and a.date_basis == "url" and a.source == "usatoday.com"
    assert a.retrieved_at == dt.date(2026, 3, 1)


def test_dates():
    assert parse_date("2026/01/09/23:06") == dt.date(2026, 1, 9)
    assert parse_date("2026-01-09T10:00:00Z") == dt.date(2026, 1, 9)
    assert parse_date("not a date") is None
    assert date_from_url("https://www.cnn.com/2022/12/08/business/ftx") == dt.date(2022, 12, 8)
    assert date_from_url("https://sputniknews.com/20220104/slug-1092018702.html") == dt.date(2022, 1, 4)
    assert date_from_dateline("Aug. 28, 2025 Updated Aug. 29, 2025, 4:47 p.m. ET\n\nText") == dt.date(2025, 8, 28)
    assert date_from_dateline("Updated March 27, 2026, 6:59 p.m. ET") == dt.date(2026, 3, 27)
    # retrieved_at is an upper bound, never the date itself; unknown stays unknown
    assert resolve_date(text="No date here at all.", retrieved_at=dt.date(2026, 3, 1)) == (None, None)
    assert resolve_date(text="Dec. 1, 2026 story", retrieved_at=dt.date(2026, 3, 1)) == (None, None)
    assert resolve_date(text="Jan. 4, 2026 story", retrieved_at=dt.date(2026, 3, 1)) == (
        dt.date(2026, 1, 4),
        "dateline",
    )


def test_undated_article_is_not_dated_today():
    a = to_article(RawRecord(title="T", text="Body without any date.", key="k", path="p"), Settings())
    assert a.published is None


@pytest.mark.parametrize(
    "name,content,reason",
    [
        ("empty.txt", b"", "empty file"),
        ("blank.txt", b"  \n\n ", "empty file"),
        ("bin.txt", b"\x00\x01\x02binary" * 10, "binary"),
        ("bad.json", b'{"title": "x", "text": "trunc', "invalid JSON"),
        ("x.pdf", b"%PDF-1.4", "unsupported file type"),
        ("only_title.txt", b"Just a title\n", "no body"),
        ("noise.html", b"<html><body><div></div></body></html>", "no article text"),
    ],
)
def test_bad_files_get_specific_reasons(tmp_path, name, content, reason):
    p = tmp_path / name
    p.write_bytes(content)
    with pytest.raises(ReadError, match=reason):
        records(p)


def test_huge_and_misencoded_and_malformed_lines(tmp_path):
    big = tmp_path / "big.txt"
    big.write_bytes(b"Title\n\n" + b"word " * 1000)
    with pytest.raises(ReadError, match="too large"):
        list(read_file(big, 100))
    latin = tmp_path / "latin.txt"
    latin.write_bytes("Café title\n\nLe café était très bon et très chaud ce matin-là à Montréal.".encode("latin-1"))
    (rec,) = records(latin)
    assert "café" in rec.text
    bad = tmp_path / "garbage.txt"
    bad.write_bytes(bytes(range(128, 256)) * 40)
    with pytest.raises(ReadError):
        records(bad)
    jl = tmp_path / "mixed.jsonl"
    jl.write_text('{"title": "ok", "text": "Fine body."}\n{broken\n[1,2]\n{"title": "no text"}\n')
    out = records(jl)
    assert isinstance(out[0], RawRecord)
    errors = [r for r in out if isinstance(r, RecordError)]
    assert [e.reason.split(":")[0] for e in errors] == [
        "malformed JSON on line 2",
        "expected a JSON object, got list",
        "record has no 'text'",
    ]

"""HTML for the web chat. Article titles, text and URLs are untrusted: everything is escaped here, and only
links we build ourselves (http/https article URLs, in-page #src-n anchors) are emitted as markup."""

from __future__ import annotations

import datetime as dt
import html
import re
from urllib.parse import urlparse

from qa.text import ago, plural
from qa.types import Answer, Citation, Passage

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+!|~$-])")


def esc(text: str | None) -> str:
    return html.escape(text or "", quote=True)


def safe_url(url: str | None) -> str | None:
    if not url:
        return None
    u = urlparse(url.strip())
    return url.strip() if u.scheme in ("http", "https") and u.netloc else None


def md_escape(text: str) -> str:
    """Text for the Chatbot, which renders markdown: neutralise markdown and HTML, keep the words."""
    return _MD_SPECIAL.sub(r"\\\1", html.escape(text, quote=False))


def answer_markdown(ans: Answer) -> str:
    """The answer with its [n] markers turned into links to the sources panel."""
    if ans.refused:
        return f"**{md_escape(ans.text)}**"
    cited = {c.n for c in ans.citations}
    lines = []
    for line in ans.text.split("\n"):  # a timeline answer is a list: its "- " markers stay markdown
        bullet = "- " if line.startswith("- ") else ""
        out = [bullet]
        for part in re.split(r"(\[\d+\])", line[len(bullet) :]):
            m = re.fullmatch(r"\[(\d+)\]", part)
            if m and int(m.group(1)) in cited:
                n = m.group(1)
                out.append(f'<a href="#src-{n}" class="cite" title="source {n}">[{n}]</a>')
            else:
                out.append(md_escape(part))
        lines.append("".join(out))
    text = "\n".join(lines)
    if ans.unsupported:
        terms = ", ".join(sorted({u.term for u in ans.unsupported}))
        text += f"\n\n⚠️ *Not found in the cited passages:* {md_escape(terms)}"
    for w in ans.warnings:
        text += f"\n\nℹ️ {md_escape(w)}"
    return text


def when(date: dt.date | None, today: dt.date | None = None) -> str:
    """A source's date as people read it: "2022-01-04 (almost 5 years ago)"; "undated" when unknown."""
    if date is None:
        return "undated"
    return f"{date.isoformat()} ({ago(((today or dt.date.today()) - date).days)})"


def _meta(title: str, source: str | None, date, url: str | None) -> str:
    link = safe_url(url)
    t = esc(title)
    title_html = f'<a href="{esc(link)}" target="_blank" rel="noopener noreferrer nofollow">{t}</a>' if link else t
    return (
        f'<div class="src-title">{title_html}</div>'
        f'<div class="src-meta">{esc(source or "unknown outlet")} · {esc(when(date))}</div>'
    )


def citation_card(c: Citation, unsupported_terms: list[str]) -> str:
    a, b = c.start - c.context_start, c.end - c.context_start
    ctx = c.context
    if 0 <= a <= b <= len(ctx):
        body = f"{esc(ctx[:a])}<mark>{esc(ctx[a:b])}</mark>{esc(ctx[b:])}"
    else:
        body = f"<mark>{esc(c.quote)}</mark>"
    warn = ""
    if unsupported_terms:
        warn = f'<div class="src-warn">⚠️ not in this passage: {esc(", ".join(unsupported_terms))}</div>'
    return (
        f'<div class="src-card" id="src-{c.n}"><span class="src-n">[{c.n}]</span>'
        f'{_meta(c.title, c.source, c.date, c.url)}<p class="src-context">{body}</p>{warn}</div>'
    )


def passage_card(p: Passage, label: str) -> str:
    text = p.text if len(p.text) <= 500 else p.text[:500] + "…"
    return (
        f'<div class="src-card passage"><span class="src-n">{esc(label)}</span>'
        f'{_meta(p.title, p.source, p.published, p.url)}<p class="src-context">{esc(text)}</p></div>'
    )


def _one_per_article(passages: list[Passage], n: int) -> list[Passage]:
    first: dict[str, Passage] = {}
    for p in passages:
        first.setdefault(p.doc_id, p)
    return list(first.values())[:n]


def sources_html(ans: Answer | None = None, passages: list[Passage] | None = None) -> str:
    if ans is None:
        if not passages:
            return '<div class="src-empty">Sources appear here as soon as they are found.</div>'
        cards = "".join(passage_card(p, f"#{i}") for i, p in enumerate(_one_per_article(passages, 5), 1))
        return f'<div class="src-head">Retrieved passages (answer on its way)</div>{cards}'
    if ans.refused:
        cards = "".join(passage_card(p, f"#{i}") for i, p in enumerate(_one_per_article(ans.passages, 4), 1))
        head = '<div class="src-head refusal">The articles don\'t answer this. Closest passages:</div>'
        return head + (cards or '<div class="src-empty">No passage matched.</div>')
    unsupported: dict[str, list[str]] = {}
    for u in ans.unsupported:
        unsupported.setdefault(u.sentence, []).append(u.term)
    terms = sorted({t for ts in unsupported.values() for t in ts})
    cards = _time_axis(ans) + "".join(citation_card(c, terms) for c in ans.citations)
    # which question these are for: an earlier answer's sources can be reopened after later questions
    return f'<div class="src-head">Sources for “{esc(ans.question)}”</div>{cards}'


def _time_axis(ans: Answer) -> str:
    """The timeline's sources on a small time axis, placed by date, each linked to its card; read as a list by
    screen readers and keyboard (the links are in date order)."""
    by_n = {c.n: c for c in ans.citations}
    points = [by_n[n] for n in ans.timeline if n in by_n and by_n[n].date]
    if len(points) < 2:
        return ""
    dates = [c.date for c in points if c.date]
    first, last = dates[0], dates[-1]
    span = max((last - first).days, 1)
    marks = []
    for c, day in zip(points, dates, strict=True):
        left = 4 + 92 * (day - first).days / span
        label = f"{day.isoformat()}, {c.source or 'an article'}"
        marks.append(
            f'<li class="tl-point" style="left:{left:.1f}%"><a href="#src-{c.n}" title="{esc(label)}">[{c.n}]</a>'
            f'<span class="tl-date">{esc(day.isoformat())}</span></li>'
        )
    return f'<ol class="timeline" aria-label="Sources in date order">{"".join(marks)}</ol>'


# --- the library ---------------------------------------------------------------------------------------------
_KIND = {
    "comment": "markup comment",
    "hidden-element": "text the page hid",
    "chat-json": "chat messages or model records (JSON)",
    "chat-yaml": "chat messages (YAML)",
    "template": "chat-template or tool-call tokens",
    "code": "code or data block",
    "markup": "raw markup block (a feed, an XML export)",
    "advertising": "advertising (a paid unit of the page)",
    "wikitext": "wiki page source (templates, links, references)",
    "image": "embedded image markup",
    "link-markup": "link targets and titles",
    "blob": "encoded blob",
    "invisible": "invisible characters",
    "tag-characters": "hidden tag characters",
}


def _utc(stamp: str | None) -> str:
    """An ISO UTC time stamp as people read it: "2026-12-03 17:43:18" (the UTC is said beside it)."""
    return (stamp or "").replace("T", " ").removesuffix("+00:00")


def library_rows(page) -> list[list[str]]:
    """A catalog page as table rows (the Dataframe escapes its cells)."""
    return [
        [
            e.title,
            e.source or "unknown outlet",
            e.published or "undated",
            str(e.n_chunks),
            _utc(e.ingested_at) or "—",
        ]
        for e in page.entries
    ]


def article_html(view) -> str:
    """An article's cleaned text, as stored and cited, with each piece ingest left out marked where it was."""
    e = view.entry
    date = dt.date.fromisoformat(e.published) if e.published else None
    head = _meta(e.title, e.source, date, e.url)
    stamp = _utc(e.ingested_at)
    facts = [plural(e.n_chunks, "chunk"), f"ingested {stamp} UTC" if stamp else ""]
    if e.path:
        facts.append(f"file {e.path}")
    head += f'<div class="src-meta">{esc(" · ".join(f for f in facts if f))}</div>'
    placed = sorted((p for p in view.left_out if p.at is not None), key=lambda p: p.at)
    unplaced = [p for p in view.left_out if p.at is None]
    out, pos = [], 0
    for p in placed:
        out.append(esc(view.text[pos : p.at]))
        out.append(_left_out(p))
        pos = p.at
    out.append(esc(view.text[pos:]))
    body = "".join(out).replace("\n\n", "</p><p>")
    note = ""
    if view.left_out:
        n = len(view.left_out)
        note = (
            f'<div class="left-out-note">{plural(n, "piece")} of the file {"was" if n == 1 else "were"} left out as '
            "not article prose at ingest: never searched, quoted or shown to the model. They are marked "
            '<del class="left-out-example">like this</del>.</div>'
        )
        if unplaced:
            note += '<div class="left-out-list">' + "".join(_left_out(p) for p in unplaced) + "</div>"
    return f'<div class="article-view">{head}{note}<p>{body}</p></div>'


def _left_out(p) -> str:
    kind = _KIND.get(p.kind, p.kind)
    text = esc(" ".join(p.text.split()))
    return f'<del class="left-out" title="left out: {esc(kind)}"><b>[{esc(kind)}]</b> {text}</del>'


def ingest_report_html(report) -> str:
    if report is None:
        return '<p class="src-empty">No ingest has been recorded for this store yet.</p>'
    when_ = _utc(report.finished_at)
    rows = "".join(f"<tr><td>{esc(what)}</td><td>{esc(why)}</td></tr>" for what, why in report.skipped)
    skipped = f'<table class="upload-result"><tr><th>skipped</th><th>why</th></tr>{rows}</table>' if rows else ""
    removed = "".join(
        f"<li>{esc(key)}: {esc(', '.join(f'{n} {_KIND.get(k, k)}' for k, n in sorted(kinds.items())))}</li>"
        for key, kinds in sorted(report.removed.items())
    )
    removed = f"<p>Left out as not article prose:</p><ul>{removed}</ul>" if removed else ""
    return (
        f'<div class="ingest-report"><p><b>Last ingest</b> {esc(when_)} UTC, of {esc(", ".join(report.paths) or "?")}: '
        f"{esc(report.counts())}; {report.chunks_added} chunks added in {report.seconds:.1f} s.</p>"
        f"{skipped}{removed}</div>"
    )


CSS = """
.src-card{border:1px solid var(--border-color-primary);border-radius:8px;padding:8px 10px;margin:6px 0}
.src-card:target{outline:2px solid var(--color-accent)}
.src-n{font-weight:700;margin-right:6px}
.src-title{font-weight:600;display:inline}
.src-meta{color:var(--body-text-color-subdued);font-size:0.85em}
.src-context{font-size:0.9em;margin:6px 0 0}
.src-context mark{background:#ffe58a;color:#000;padding:0 2px}
.src-warn{color:#b45309;font-size:0.85em}
.src-head{font-weight:700;margin:4px 0}
.src-head.refusal{color:#b45309}
.src-empty{color:var(--body-text-color-subdued)}
.timeline{position:relative;list-style:none;margin:8px 0 12px;padding:0;height:44px}
.timeline::before{content:"";position:absolute;left:0;right:0;top:11px;border-top:2px solid var(--border-color-primary)}
.tl-point{position:absolute;top:0;transform:translateX(-50%);text-align:center;font-size:0.8em}
.tl-point a{display:inline-block;position:relative;background:var(--background-fill-primary);
  border:2px solid var(--color-accent);border-radius:999px;padding:0 5px}
.tl-date{display:block;white-space:nowrap;color:var(--body-text-color-subdued);margin-top:2px}
.article-view{max-height:640px;overflow-y:auto;padding:4px 8px}
.article-view p{margin:0 0 0.8em}
del.left-out,del.left-out-example{background:#fde2e2;color:#7f1d1d;text-decoration:line-through;
  padding:0 3px;border-radius:3px}
.left-out-note{font-size:0.85em;color:var(--body-text-color-subdued);margin:6px 0}
.left-out-list del{display:block;margin:3px 0}
.confirm{border:1px solid #b45309;border-radius:8px;padding:6px 10px}
"""

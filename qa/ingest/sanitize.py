"""What is not article prose never becomes searchable text.

News is scraped from the open web, and pages carry text written for machines, not readers: markup comments,
characters that render as nothing (zero-width and bidi controls, Unicode tag characters that can spell out a
whole hidden sentence), the chat-template and tool-call tokens of model families, serialised chat messages and
model records ("prompt"/"completion"), fenced code and data blocks, link and image markup (a link's title shows
only on hover), and long encoded blobs. None of it is prose a reader sees, and all of it can talk to a model. It
is removed here, before cleaning, so the stored text (which citations quote by offsets) never holds it, and each
removal is counted by kind for the ingest report.

The rules follow what each kind *is* (a syntax), not phrases of known attacks: a comment is ``<!-- ... -->``
whatever it says; a template turn runs from its opening token to its closing one.
"""

from __future__ import annotations

import functools
import json
import re
import sys
import unicodedata
from collections import Counter

from qa.text import paragraph_end

# --- markup -----------------------------------------------------------------------------------------------
_COMMENT = re.compile(r"<!--.*?(?:-->|(?=\n\s*\n)|\Z)", re.DOTALL)  # an unclosed one ends with its paragraph
_HIDDEN_STYLE = (
    r"(?:display\s*:\s*none|visibility\s*:\s*hidden|font-size\s*:\s*0(?![.\d]*[1-9])|opacity\s*:\s*0(?![.\d]*[1-9]))"
)
_HIDDEN_ELEMENT = re.compile(
    r"<(?P<tag>[a-zA-Z][\w-]*)\b(?=[^>]*(?:\bstyle\s*=\s*(?P<q>[\"'])[^\"'>]*"
    + _HIDDEN_STYLE
    + r"|\shidden(?:\s|>|=)))"
    r"[^>]*>.*?</(?P=tag)\s*>",
    re.IGNORECASE | re.DOTALL,
)

# --- template tokens of model families -----------------------------------------------------------------
# ChatML / Llama 3 / Phi / Qwen special tokens, Llama 2 and Mistral markers, Gemma turns, and the role headers
# of instruction-tuning formats (Alpaca, Vicuna) at the start of a line.
_OPENERS = (
    r"<\|(?:im_start|start_header_id|begin_of_text|system|user|assistant|developer|tool|prompter|human)\|>"
    r"|\[INST\]|<<SYS>>|\[SYSTEM_PROMPT\]|\[AVAILABLE_TOOLS\]|\[TOOL_CALLS\]|\[TOOL_RESULTS\]"
    r"|<start_of_turn>(?:user|model|system)?|<s>"
    # tool calls and their results as agent formats serialise them (Hermes/Qwen, Anthropic-style XML)
    r"|<(?:tool_call|tool_response|tool_result|tool_use|function_calls|function_results)>"
    r"|(?m:^[ \t]*#{2,4}[ \t]*(?:Instruction|Response|Input|System|Human|Assistant|User|Context)[ \t]*:)"
)
_CLOSERS = (
    r"<\|(?:im_end|end_header_id|eot_id|eom_id|end|endoftext|end_of_text)\|>"
    r"|\[/INST\]|<</SYS>>|\[/SYSTEM_PROMPT\]|\[/AVAILABLE_TOOLS\]|\[/TOOL_RESULTS\]|<end_of_turn>|</s>"
    r"|</(?:tool_call|tool_response|tool_result|tool_use|function_calls|function_results)>"
)
_TEMPLATE = re.compile(rf"(?P<open>{_OPENERS})|(?P<close>{_CLOSERS})|<\|[\w.-]{{1,40}}\|>", re.IGNORECASE)

# --- serialised chat messages --------------------------------------------------------------------------
_ROLES = r"(?:system|user|assistant|developer|tool|function|model|human|ai|bot)"
# a chat message's role, or the keys of the records models are tuned and steered with ("prompt"/"completion",
# "instruction"): data for a model, not prose for a reader
_JSON_ROLE = re.compile(
    rf"[\"']role[\"']\s*:\s*[\"']{_ROLES}[\"']|[\"'](?:prompt|completion|instruction|system_prompt)[\"']\s*:\s*[\"'{{\[]",
    re.IGNORECASE,
)
_YAML_LINE = re.compile(r"^[ \t]*(?:-[ \t]*)?[A-Za-z_]\w*[ \t]*:(?:[ \t].*)?$")
_YAML_ROLE = re.compile(rf"^[ \t]*(?:-[ \t]*)?role[ \t]*:[ \t]*[\"']?{_ROLES}[\"']?[ \t]*$", re.IGNORECASE | re.M)

# --- code and link markup ----------------------------------------------------------------------------------
# A fenced code block (``` or ~~~, to its closing fence) is data or a program, not the article's prose; a markdown
# link's target and title, a link reference definition and an embedded image are markup a reader does not read
# (a title shows only on hover). The link's own text stays. None occurs in the 2026 corpus (plain text).
_FENCE = re.compile(r"^[ \t]{0,3}(`{3,}|~{3,})[^\n]*\n.*?(?:^[ \t]{0,3}\1[ \t]*$|\Z)", re.MULTILINE | re.DOTALL)
_TITLE = r"(?:\s+(?:\"[^\"\n]*\"|'[^'\n]*'|\([^)\n]*\)))?"
_IMAGE = re.compile(rf"!\[[^\]\n]*\]\(\s*<?[^)\s>]*>?{_TITLE}\s*\)")
_LINK_TARGET = re.compile(rf"(?<=\])\(\s*<?(?:[a-z][\w+.-]*:|/|#|www\.)[^)\s>]*>?{_TITLE}\s*\)", re.IGNORECASE)
_LINK_DEFINITION = re.compile(rf"^[ \t]{{0,3}}\[(?!\^)[^\]\n]+\]:[ \t]*<?\S+>?{_TITLE}[ \t]*$", re.MULTILINE)

# Raw markup as a block: an element that opens on a line of its own and closes at the end of a later line (an RSS
# or Atom feed, a sitemap, an XML export, with its "<?xml" prolog), or a line that is one whole element. A browser
# or feed reader never shows the tags, and a text article that carries them carries a data block, like a fenced
# one. Inline markup inside a prose line ("<b>Breaking</b> news ...") is not a block and stays.
_MARKUP_BLOCK = re.compile(
    r"^[ \t]*(?:<\?xml[^>\n]*\?>\s*)?(?:<([A-Za-z][\w:.-]*)\b[^>\n]*>[ \t]*\n.*?^[ \t]*</\1>"
    r"|<([A-Za-z][\w:.-]*)\b[^>\n]*>[^<\n]*</\2>)[ \t]*$",
    re.MULTILINE | re.DOTALL,
)

# The source of a wiki page (MediaWiki's templates, links, references, bold quotes, headings and tables) is what an
# editor types, not what a reader of the page sees; pasted into an article, a paragraph of it is a data block like a
# fenced one, whatever its infobox or talk-page thread says. Two kinds of wiki markup in one paragraph make it
# source: one alone can be chance ("[[" in a transcript, "==" in a formula). None occurs in the 2026 corpus.
_WIKI_MARKS = (
    re.compile(r"\{\{[^{}\n]*(?:\}\}|\|)"),  # a template: {{Infobox ..., {{As of|2026}}, {{cite news |...}}
    re.compile(r"\[\[[^\[\]\n]+\]\]"),  # a wiki link: [[Amberstoke]], [[User:Name|Name]]
    re.compile(r"<ref(?:\s[^>]*)?/?>", re.IGNORECASE),  # a reference
    re.compile(r"'{3}[^'\n]+'{3}"),  # bold
    re.compile(r"^[ \t]*(={2,6})[^=\n]+\1[ \t]*$", re.MULTILINE),  # a section heading: == History ==
    re.compile(r"^[ \t]*(?:\{\||\|\}|\|-|\|\+|!)", re.MULTILINE),  # a table's rows
)


def _wikitext_spans(text: str) -> list[tuple[int, int]]:
    spans = []
    for m in re.finditer(r"(?:[^\n]*[^\s][^\n]*\n?)+", text):  # paragraphs: runs of lines that are not blank
        para = m.group(0)
        if "[[" not in para and "{{" not in para and "''" not in para and "<ref" not in para.lower():
            continue
        if sum(bool(r.search(para)) for r in _WIKI_MARKS) >= 2:
            spans.append((m.start(), m.start() + len(para.rstrip("\n"))))
    return spans


# --- encoded blobs -------------------------------------------------------------------------------------
_BASE64 = re.compile(r"(?<![\w/+:.-])[A-Za-z0-9+/]{40,}={0,2}(?![\w/+=-])")
_HEX = re.compile(r"\b(?:0x)?[0-9a-fA-F]{48,}\b")

# --- invisible characters ------------------------------------------------------------------------------
_TAGS = re.compile("[\U000e0000-\U000e007f]+")
_REORDER = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")  # bidi embeddings, overrides, isolates


def _cut(text: str, spans: list[tuple[int, int]]) -> str:
    """The text without the spans (merged where they overlap); a cut leaves one space so words stay apart."""
    out, pos = [], 0
    for a, b in sorted(spans):
        if a < pos:
            a = pos
        if b <= a:
            continue
        out.append(text[pos:a])
        left, right = text[a - 1 : a], text[b : b + 1]
        if left and right and not left.isspace() and not right.isspace():
            out.append(" ")
        pos = b
    out.append(text[pos:])
    return "".join(out)


def _template_spans(text: str) -> list[tuple[int, int]]:
    """Template turns: within a paragraph, from the first token to the last; a turn whose last token opens it
    ("... <|im_start|>assistant", "### Response:") runs to the end of the paragraph."""
    spans = []
    matches = list(_TEMPLATE.finditer(text))
    i = 0
    while i < len(matches):
        first = matches[i]
        end_para = paragraph_end(text, first.start())
        last = first
        while i + 1 < len(matches) and matches[i + 1].start() < end_para:
            i += 1
            last = matches[i]
        end = end_para if last.group("open") else last.end()
        spans.append((first.start(), end))
        i += 1
    return spans


def _json_spans(text: str) -> list[tuple[int, int]]:
    """JSON objects or arrays of chat messages (``{"role": "system", "content": ...}``), parsed, not guessed: the
    whole outermost value around a role key goes. Malformed JSON is cut from its brace to the paragraph end."""
    spans: list[tuple[int, int]] = []
    decoder = json.JSONDecoder()
    for m in _JSON_ROLE.finditer(text):
        if any(a <= m.start() < b for a, b in spans):
            continue
        start = _paragraph_start(text, m.start())
        best: tuple[int, int] | None = None
        for k in range(m.start(), start - 1, -1):
            if text[k] not in "[{":
                continue
            try:
                _, end = decoder.raw_decode(text, k)
            except ValueError:
                continue
            if end > m.start():
                best = (k, end)  # keep going back: the outermost value that still covers the role wins
        if best is None:
            brace = text.rfind("{", start, m.start())
            best = (brace if brace >= 0 else m.start(), paragraph_end(text, m.start()))
        spans.append(best)
    return spans


def _paragraph_start(text: str, pos: int) -> int:
    cut = max(text.rfind("\n\n", 0, pos), text.rfind("\n \n", 0, pos))
    return cut + 1 if cut >= 0 else 0


def _yaml_spans(text: str) -> list[tuple[int, int]]:
    """YAML chat messages: the run of ``key: value`` lines around a ``role: <role>`` line."""
    spans = []
    lines = text.splitlines(keepends=True)
    offsets, pos = [], 0
    for line in lines:
        offsets.append(pos)
        pos += len(line)
    yamlish = [
        bool(_YAML_LINE.match(line.rstrip("\n")) or (line.startswith((" ", "\t")) and line.strip())) for line in lines
    ]
    i = 0
    while i < len(lines):
        if _YAML_ROLE.match(lines[i].rstrip("\n")):
            a = i
            while a > 0 and yamlish[a - 1]:
                a -= 1
            b = i
            while b + 1 < len(lines) and yamlish[b + 1]:
                b += 1
            spans.append((offsets[a], offsets[b] + len(lines[b])))
            i = b + 1
        else:
            i += 1
    return spans


def _is_blob(run: str) -> bool:
    """Base64 has upper and lower case and digits mixed; a URL path or a long word does not look like that."""
    body = run.rstrip("=")
    return (
        any(c.isupper() for c in body)
        and any(c.islower() for c in body)
        and any(c.isdigit() for c in body)
        and body.count("/") <= len(body) // 10
    )


@functools.cache
def _format_chars() -> frozenset[str]:
    """Every format character (Unicode category Cf, as this Python's unicodedata has it): 0.08 s to build, once.
    With it, ``_invisible`` takes 0.7 s over the 2026 corpus instead of 2.6 s (asking a regular expression of them
    took 2.2 s)."""
    return frozenset(chr(c) for c in range(sys.maxunicode + 1) if unicodedata.category(chr(c)) == "Cf")


def _invisible(text: str, removed: Counter, parts: list[dict] | None = None) -> str:
    """Drop format characters that hide or reorder text: tag-character runs always; bidi overrides always;
    zero-width and other format characters where they sit inside Latin text (a zero-width joiner between two
    Devanagari letters is spelling, between two Latin ones it is a hiding place)."""

    def tags(m: re.Match) -> str:
        removed["tag-characters"] += 1
        if parts is not None:  # tag characters shadow ASCII: show what they spell
            spelled = "".join(chr(ord(c) - 0xE0000) for c in m.group() if 0x20 <= ord(c) - 0xE0000 < 0x7F)
            parts.append(_part("tag-characters", spelled or f"{len(m.group())} tag characters", text, m.start()))
        return ""

    text = _TAGS.sub(tags, text)
    fmt = _format_chars()
    if fmt.isdisjoint(text):  # 76 of the 2026 corpus's 2,955 articles have any
        return text
    out = []
    dropped = 0
    cf = [ch in fmt for ch in text]
    for i, ch in enumerate(text):
        if cf[i]:
            # the neighbours that are not format characters themselves: a run of zero-width characters (the
            # way zero-width steganography spells bits) is judged by the letters around the whole run
            j, k = i - 1, i + 1
            while j >= 0 and cf[j]:
                j -= 1
            while k < len(text) and cf[k]:
                k += 1
            before = text[j] if j >= 0 else " "
            after = text[k] if k < len(text) else " "
            if ch in _REORDER or ch == "\ufeff" or (before.isascii() and after.isascii()):
                removed["invisible"] += 1
                dropped += 1
                continue
        out.append(ch)
    if parts is not None and dropped:
        parts.append({"kind": "invisible", "text": f"{dropped} invisible formatting characters", "after": ""})
    return "".join(out)


_PART_CHARS = 400  # what a reader is shown of one removed piece (a blob can be megabytes)


def _part(kind: str, removed_text: str, text: str, at: int) -> dict:
    """One removed piece, for the library's article view: what it was and the words just before it (the view
    finds them in the cleaned text to mark the place; sanitising comes before cleaning, so offsets cannot)."""
    shown = removed_text if len(removed_text) <= _PART_CHARS else removed_text[:_PART_CHARS] + "…"
    # as the cleaned text has it: NFC, and without the format characters this module drops
    fmt = _format_chars()
    before = "".join(ch for ch in unicodedata.normalize("NFC", text[max(0, at - 120) : at]) if ch not in fmt)
    return {"kind": kind, "text": shown, "after": " ".join(before.split()[-8:])}


def sanitize(text: str, parts: list[dict] | None = None) -> tuple[str, Counter]:
    """``text`` without what is not prose, and how many of each kind were removed. Given a list, ``parts``
    also receives each removed piece (kind, text, the words before it), for readers of the library."""
    removed: Counter = Counter()
    text = _invisible(text, removed, parts)
    for kind, finder in (
        ("comment", lambda t: [m.span() for m in _COMMENT.finditer(t)]),
        ("hidden-element", lambda t: [m.span() for m in _HIDDEN_ELEMENT.finditer(t)]),
        ("chat-json", _json_spans),
        ("chat-yaml", _yaml_spans),
        ("template", _template_spans),
        ("code", lambda t: [m.span() for m in _FENCE.finditer(t)]),
        ("markup", lambda t: [m.span() for m in _MARKUP_BLOCK.finditer(t)]),
        ("wikitext", _wikitext_spans),
        ("image", lambda t: [m.span() for m in _IMAGE.finditer(t)]),
        ("link-markup", lambda t: [m.span() for r in (_LINK_DEFINITION, _LINK_TARGET) for m in r.finditer(t)]),
        (
            "blob",
            lambda t: (
                [m.span() for m in _BASE64.finditer(t) if _is_blob(m.group())]
                + [
                    m.span()
                    for m in _HEX.finditer(t)
                    if re.search(r"[a-fA-F]", m.group()) and re.search(r"\d", m.group())
                ]
            ),
        ),
    ):
        spans = finder(text)
        if spans:
            removed[kind] += len(spans)
            if parts is not None:
                parts += [_part(kind, text[a:b], text, a) for a, b in sorted(spans)]
            text = _cut(text, spans)
    return text, removed


_STYLE_HIDDEN = re.compile(_HIDDEN_STYLE, re.IGNORECASE)

# --- advertising -------------------------------------------------------------------------------------------
# Paid units in a page (display ads, sponsored cards, promoted-link grids, paid listings, advertorials) are not
# the article: a reader's eye skips them, and an ad can state anything in the advertiser's voice, a figure the
# article contradicts included. A unit is known the way ad blockers' element-hiding lists know it, by the names
# ad servers and CMSs give its container (one part of a class or id: "ad-slot", "text-ads", "promoted-grid",
# "adsbygoogle"), or by the disclosure a reader is shown ("Advertisement", "Sponsored · ...", "Paid listing",
# "Ads by ...", "Anzeige"), which marks the block around it. trafilatura's own lists miss most of these names.
_AD_NAME_PARTS = frozenset(
    "ad ads adv advert adverts advertisement advertisements advertising advertorial adsbygoogle adslot adunit "
    "adchoices dfp sponsor sponsored sponsorship promoted promo promotion taboola outbrain".split()
)
_DISCLOSURE = (
    r"advertisement|advertising|ads? by \S+|ad|ads|sponsored(?: content| post| story| by \S+)?|"
    r"paid (?:content|post|listing|partnership|promotion)|promoted(?: stories| content| links)?|partner content|"
    r"advertorial|adchoices|anzeige|werbung|publicité|publicidad|contenido patrocinado|contenu sponsorisé|"
    r"patrocinado|sponsorisé"
)
_SEPARATOR = r"[·•|:–—]"
# a label: the disclosure as one of its segments ("Advertisement", "Property · Paid listing", "Ads by AdLink")
_LABEL = re.compile(rf"(?:^|{_SEPARATOR}\s*)(?:{_DISCLOSURE})\s*(?:$|{_SEPARATOR})", re.IGNORECASE)
# a disclosure line that goes on ("Paid content produced for the university. The newsroom was not involved.");
# news that opens with the same words ("Advertising revenue fell ...") does not go on this way
_OPENER = re.compile(
    r"^(?:paid (?:content|post)|sponsored content|advertisement|advertorial|partner content)\s*"
    rf"(?:{_SEPARATOR}|(?:produced |written |created )?(?:for|by|from|in partnership with)\b)",
    re.IGNORECASE,
)
_LABEL_CHARS = 60  # a label, not a sentence that mentions advertising
_BLOCKS = frozenset("div section aside ins li figure ul ol table tr td form p".split())
_CONTENT = frozenset(("html", "body", "head", "main", "article"))


def _ad_named(el) -> bool:
    names = f"{el.get('class') or ''} {el.get('id') or ''}".lower()
    return any(part in _AD_NAME_PARTS for token in names.split() for part in re.split(r"[-_:]+", token))


def _discloses(el) -> bool:
    """An element that is an ad disclosure label ("Advertisement", "Sponsored · Parks Department", "Property ·
    Paid listing"), or whose own words open with a disclosure that goes on ("Paid content produced for ...")."""
    own = " ".join((el.text or "").split())
    whole = " ".join(el.text_content().split())
    if len(whole) <= _LABEL_CHARS and _LABEL.search(whole):
        return True
    return bool(own) and bool(_OPENER.match(own))


def _ad_units(root) -> list:
    """The advertising units of a parsed page: named ones, and the block that holds a disclosure label (unless
    that block holds the article or half of the page's text: then the label alone goes)."""
    total = len(root.text_content()) or 1
    units = []
    for el in root.iter():
        if not isinstance(el.tag, str) or el.tag in _CONTENT:
            continue
        if _discloses(el):  # a label ("sponsor-line", "ad-label" included) marks the block around it
            block = el.getparent()
            while block is not None and block.tag not in _BLOCKS and block.tag not in _CONTENT:
                block = block.getparent()
            fits = (
                block is not None
                and block.tag in _BLOCKS
                and len(block.text_content()) < total / 2
                and not any(True for _ in block.iter("article", "main"))
            )
            units.append(block if fits else el)
        elif _ad_named(el):
            units.append(el)
    return units


def _attached(el, root) -> bool:
    while el is not None and el is not root:
        el = el.getparent()
    return el is root


def strip_hidden_html(html: str, parts: list[dict] | None = None) -> tuple[str, Counter]:
    """An HTML page without what its own markup hides from readers: comments, ``<template>``, and elements hidden
    by the ``hidden`` attribute or an inline style (``display: none``, ``visibility: hidden``, ``font-size: 0``,
    ``opacity: 0``); and without its advertising units (``_ad_units``). Stylesheets in ``<style>`` blocks are not
    evaluated: only what the element says of itself."""
    import lxml.html

    removed: Counter = Counter()
    try:
        root = lxml.html.document_fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        return html, removed
    for c in root.xpath("//comment()"):
        if c.getparent() is not None:
            removed["comment"] += 1
            if parts is not None:
                parts.append(_part("comment", (c.text or "").strip(), "", 0))
            c.drop_tree()  # keeps the text after the comment
    for el in root.xpath("//*[@hidden or @style or self::template]"):
        style = el.get("style") or ""
        if el.tag == "template" or el.get("hidden") is not None or _STYLE_HIDDEN.search(style):
            if el.getparent() is not None:
                removed["hidden-element"] += 1
                if parts is not None:
                    parts.append(_part("hidden-element", " ".join(el.text_content().split()), "", 0))
                el.drop_tree()
    for el in _ad_units(root):
        if el.getparent() is not None and _attached(el, root):  # not inside a unit already dropped
            removed["advertising"] += 1
            if parts is not None:
                parts.append(_part("advertising", " ".join(el.text_content().split()), "", 0))
            el.drop_tree()
    if not removed:
        return html, removed
    return lxml.html.tostring(root, encoding="unicode"), removed

"""Text cleaning. Citations quote the *cleaned* text by offsets, so cleaning happens once, here, before
chunking, and every later stage indexes the same string.

The defects are the ones real scraped news shows: sentences glued without a space at paragraph joins, the lead
paragraph repeated at the top of the body, a title repeated as the first line, and boilerplate lines
(newsletter prompts, share buttons, footnotes of the outlet). Rules are general, not tuned to one file.
"""

from __future__ import annotations

import re
import unicodedata

# "threat."According  /  largest.The  /  (PMF).Ahead  /  UK.The  ->  insert a space. Requires a lower-case letter,
# digit, closing bracket or two-capital acronym before the stop, so "U.S.Army" and decimals stay as they are.
_GLUED = re.compile(r"(?:(?<=[a-z0-9%)\]][.!?])|(?<=[A-Z]{2}[.!?]))([\"'”’)]*)(?=[A-Z][a-z])")
_GLUED_FOOTNOTE = re.compile(r"(?<=[a-z0-9)][.!?])\*(?=[A-Z])")
_BOILERPLATE = re.compile(
    r"^(advertisement|story continues below advertisement|skip to (main )?content|read more:?.*|related:.*"
    r"|sign up for .*newsletter.*|subscribe( now)?( to .*)?|share (this|on) .*|follow us on .*|click here.*"
    r"|(copyright|©).*|all rights reserved\.?|ai-assisted summary|listen to this article.*"
    r"|this story has been (updated|shared).*|\*[A-Z][^*]{0,200}|getty images|image credit.*|photo:.*)$",
    re.IGNORECASE,
)
_WS = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


_NON_WORD = re.compile(r"\W+")


def _norm(s: str) -> str:
    return _NON_WORD.sub(" ", s).strip().lower()


def clean_text(text: str, title: str = "") -> str:
    """Cleaned body: paragraphs separated by one blank line, no duplicates, no boilerplate."""
    text = unicodedata.normalize("NFC", text)
    text = _CONTROL.sub("", text).replace("\r\n", "\n").replace("\r", "\n")
    text = _GLUED_FOOTNOTE.sub("\n\n*", text)
    title_key = _norm(title) if title else None
    paragraphs: list[str] = []
    keys: list[str] = []  # each kept paragraph's normalised form, computed once
    seen: set[str] = set()
    for raw in re.split(r"\n\s*\n", text):
        p = _WS.sub(" ", raw.replace("\n", " ")).strip()
        if not p or _BOILERPLATE.match(p):
            continue
        p = _GLUED.sub(r"\1 ", p)
        key = _norm(p)
        if not key or key in seen or key == title_key:
            continue
        # A lead paragraph that the next paragraph repeats (scraped pages often print it twice): keep the longer.
        if keys and key.startswith(keys[-1]) and len(keys[-1]) > 40:
            seen.discard(keys.pop())
            paragraphs.pop()
        elif keys and keys[-1].startswith(key) and len(key) > 40:
            continue
        seen.add(key)
        keys.append(key)
        paragraphs.append(p)
    return "\n\n".join(paragraphs)


def clean_title(title: str) -> str:
    title = _WS.sub(" ", _CONTROL.sub("", unicodedata.normalize("NFC", title))).strip()
    return re.sub(r"\s*(\.\.\.|…)$", "", title).strip()  # search-result titles end in an ellipsis

"""The text rules every stage shares, each defined once: sentence boundaries with exact character offsets (chunking
at ingest and evidence selection cut the same text the same way), words and stop words, figures and names (what
the citation checks and the conflict check compare), and SQuAD normalisation for comparing an answer with an
option."""

from __future__ import annotations

import ctypes
import re
import string
import unicodedata

import blingfire
import numpy as np

PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


def paragraph_end(text: str, pos: int) -> int:
    """Where the paragraph holding ``pos`` ends: at the next blank line, or at the end of ``text``."""
    m = PARAGRAPH_BREAK.search(text, pos)
    return m.start() if m else len(text)


def _sentence_offsets(para: str) -> list[tuple[int, int]]:
    """blingfire's sentence (start, end) character offsets in ``para``, as its ``text_to_sentences_and_offsets``
    gives them, without that wrapper's Python loop over every byte: the same C call, with UTF-8 byte offsets turned
    into character offsets by counting the bytes that begin a character. Over the 2026 corpus's 135,843 paragraphs
    it takes 3.4 s against the wrapper's 6.4 s (tests/test_clean.py checks that both agree)."""
    raw = para.encode("utf-8")
    size = len(raw) * 2
    out = np.empty(size, dtype=np.uint8)  # not zeroed: only the first n bytes and k offsets written are read
    starts = np.empty(size, dtype=np.int32)
    ends = np.empty(size, dtype=np.int32)
    n = blingfire.blingfire.TextToSentencesWithOffsets(  # the C library blingfire's wrapper calls
        ctypes.c_char_p(raw),
        ctypes.c_int(len(raw)),
        out.ctypes.data_as(ctypes.c_char_p),
        starts.ctypes.data_as(ctypes.POINTER(ctypes.c_int32)),
        ends.ctypes.data_as(ctypes.POINTER(ctypes.c_int32)),
        ctypes.c_int(size),
    )
    if n <= 0 or n > size:
        return []
    k = int(np.count_nonzero(out[:n] == ord("\n"))) + 1  # one sentence per output line
    if para.isascii():
        return list(zip(starts[:k].tolist(), (ends[:k] + 1).tolist(), strict=True))
    # chars[i]: how many characters begin at or before byte i
    chars = np.cumsum((np.frombuffer(raw, dtype=np.uint8) & 0xC0) != 0x80)
    first = chars[starts[:k]] - 1
    last = chars[np.minimum(ends[:k], len(raw) - 1)]
    return list(zip(first.tolist(), last.tolist(), strict=True))


def sentence_spans(text: str, offset: int = 0) -> list[tuple[int, int]]:
    """(start, end) of each sentence of ``text``, shifted by ``offset``; never crossing a paragraph break."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for m in [*PARAGRAPH_BREAK.finditer(text), None]:
        end = m.start() if m else len(text)
        para = text[pos:end]
        if para.strip():
            offs = _sentence_offsets(para)
            for a, b in offs:
                # blingfire trims; keep the span exactly on the sentence's own characters
                s = para[a:b]
                lead = len(s) - len(s.lstrip())
                trail = len(s) - len(s.rstrip())
                if b - trail > a + lead:
                    spans.append((offset + pos + a + lead, offset + pos + b - trail))
        pos = m.end() if m else len(text)
    return spans


_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’.\-]*")


def words(text: str) -> list[str]:
    return [w.strip(".'’-").lower() for w in _WORD.findall(text)]


STOP = frozenset(
    "a an the of in on at to for from by with and or but is are was were be been being this that these those what "
    "which who whom whose when where why how did does do has have had will would can could should may might "
    "it its as about into than then there their they them he she his her we our you your i me my not no yes "
    "week weeks this year month day days said says according".split()
)


def content_words(text: str) -> set[str]:
    return {w for w in words(text) if w not in STOP and len(w) > 1}


# A figure as written ("2,500", "7.9") and a capitalised name ("US Forest Service"): the claim's terms that a small
# model most often gets wrong, checked against the cited sentences (qa.citations) and across sources (qa.conflicts).
NUMBER = re.compile(r"\d[\d,.]*\d|\d")
NAME = re.compile(r"\b[A-Z][a-zA-Z\-]+(?:\s+[A-Z][a-zA-Z\-]+)*")
_YEARS = frozenset(str(y) for y in range(1990, 2100))
_SCALE = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_FIGURE = re.compile(r"(?<![\d.,])(\d[\d,]*(?:\.\d+)?)(?:\s+(thousand|million|billion|trillion)\b)?", re.IGNORECASE)


# A year as a text names it ("2,024" and "$2024" are not years), and a season naming two ("the 2025-26 season").
YEAR = re.compile(r"(?<![\d,.$])\b(19\d\d|20\d\d)\b(?![\d,.]\d)")
SEASON = re.compile(r"\b((?:19|20)\d\d)[-–/](\d\d)\b")  # "the 2025-26 season": both years


def question_years(question: str) -> list[str]:
    years = YEAR.findall(question)
    for first, second in SEASON.findall(question):
        years.append(first[:2] + second)
    return list(dict.fromkeys(years))


# Dotted initials ("U.S.", "U.K.") are compared undotted, as texts also write them ("US", "UK").
_DOTTED = re.compile(r"\b(?:[A-Z]\.){2,}")


def undotted(text: str) -> str:
    """The text with its dotted initials undotted: "U.S." as "US"."""
    return _DOTTED.sub(lambda m: m.group().replace(".", ""), text)


# the small words a name may hold between its capitalised ones ("Olivia de Havilland", "Declaration of Independence")
NAME_LINKS = ("of", "the", "de", "for", "du", "la", "von", "van")

# The names a question asks about, as its own clause states them after the question word: "Who is Belgium's prime
# minister?" names Belgium, "Which team did the Seattle Seahawks beat?" the Seattle Seahawks. Left out are what the
# answering article need not repeat: a preamble (the sentences before the last, the words before the question word:
# "Despite rupturing her ACL, ..."), and the names in the question word's own phrase, which describe the kind of
# answer ("which Texas city", "which city in the Midwest", "which of the following").
_QUESTION_WORD = re.compile(r"\b(?:who|whom|whose|which|what|where|when|how)\b", re.IGNORECASE)
_CAPITALISED = r"[A-Z][\w&'’.-]*"
_ANSWER_KIND = re.compile(
    rf"\s*(?:of\s+the\s+following\s+)?(?:{_CAPITALISED}\s+)*"
    rf"(?:[a-z]+\s+(?:in|of|from)\s+(?:the\s+)?(?:{_CAPITALISED}\s*)+)?"
)
_QUESTION_NAME = re.compile(
    r"(?<!\w)[\"“‘'](?P<quoted>[^\"”’']{2,60})[\"”’'](?!\w)"
    rf"|(?P<name>{_CAPITALISED}(?:\s+(?:(?:{'|'.join(NAME_LINKS)})\s+)?{_CAPITALISED})*)"
)
_TIMES = frozenset(
    "January February March April May June July August September October November December Monday Tuesday Wednesday "
    "Thursday Friday Saturday Sunday".split()
)
NOT_NAMES = _TIMES | frozenset(
    "I A An The In On At Of For And Or But If As By It Its This That These Those His Her Their Who Whom Whose What "
    "Which Where When Why How Is Are Was Were Did Does Do Has Have Had Will Can".split()
)


def last_sentence(question: str) -> str:
    """The question's last sentence: what it asks, after any preamble ("... in 1980. How many golds did he win?")."""
    return re.split(r"(?<=[.?!])(?<![A-Z]\.[A-Z]\.)\s+", question.strip())[-1]  # "U.S." or "N.Y." ends no sentence


def question_names(question: str) -> list[str]:
    """The names and quoted titles of the question's own clause (see above), in order, without their possessives,
    a month after them ("Brazil's October" runoff) or a name made a modifier ("the Arabic-language show"): those
    set the time or say what kind of thing, and an article that reports the thing need not write them."""
    last = last_sentence(question)
    asked = _QUESTION_WORD.search(last)
    if not asked:
        return []
    clause = undotted(last[asked.end() :])  # "N.Y." as "NY": a name is compared undotted, and keeps its last dot
    if asked.group().lower() in ("which", "what", "whose"):
        clause = clause[_ANSWER_KIND.match(clause).end() :]  # type: ignore[union-attr]  # it matches the empty string
    names = []
    for m in _QUESTION_NAME.finditer(clause):
        name = (m.group("quoted") or m.group("name")).strip(" .,;:?!")
        while name.split(" ", 1)[0] in NOT_NAMES and " " in name:
            name = name.split(" ", 1)[1]
        while not m.group("quoted") and name.rsplit(" ", 1)[-1] in _TIMES and " " in name:  # "Leo XIV's April"
            name = name.rsplit(" ", 1)[0]
        name = re.sub(r"['’]s?$", "", name)
        # a name made a modifier ("the Arabic-language show", "the Iran-backed Houthis") says what kind of thing
        name = re.sub(r"^.*-[a-z]+(?:\s+|$)", "", name)
        if name and name not in NOT_NAMES:
            names.append(name)
    return list(dict.fromkeys(names))


def number_key(s: str) -> str:
    """A figure as written, comparably: "2,500" and "2500." are one figure."""
    return s.replace(",", "").rstrip(".")


def numbers(text: str) -> set[str]:
    """The figures a text states, written comparably (``number_key``)."""
    return {number_key(n) for n in NUMBER.findall(text)}


def figure_values(text: str) -> set[float]:
    """The figures a text states, as values, years aside: "7.9 million" and "7,900,000" are one figure."""
    out = set()
    for m in _FIGURE.finditer(text):
        raw = m.group(1).rstrip(",")
        if raw in _YEARS:
            continue
        try:
            value = float(raw.replace(",", ""))
        except ValueError:
            continue
        out.add(value * _SCALE[m.group(2).lower()] if m.group(2) else value)
    return out


_ARTICLES = re.compile(r"\b(a|an|the)\b")
_PUNCT = set(string.punctuation) | {"‘", "’", "“", "”", "—", "–"}


def normalize(s: str) -> str:
    """SQuAD's answer normalisation (lower case, no punctuation or articles, single spaces): used where newsqa
    compares an answer with an option or a name; ``qa.scoring`` grades with the same rule."""
    s = (s or "").lower()
    s = "".join(" " if ch in _PUNCT else ch for ch in s)
    s = _ARTICLES.sub(" ", s)
    return " ".join(s.split())


def plural(n: int, word: str) -> str:
    """``plural(1, "article")`` -> "1 article", ``plural(3, "article")`` -> "3 articles"."""
    return f"{n:,} {word}{'' if n == 1 else 's'}"


def ago(days: int) -> str:
    """An age as people say it: "today", "yesterday", "5 days", "3 weeks", "over 2 months", "almost 5 years"
    (1,793 days). Whole units stand alone; a quarter past one is "over", three quarters is "almost" the next."""
    if days <= 0:
        return "today"
    if days == 1:
        return "yesterday"
    if days < 14:
        return f"{days} days ago"
    for limit, size, unit in ((56, 7, "week"), (330, 30.44, "month"), (None, 365.25, "year")):
        if limit is None or days < limit:
            value = days / size
            whole, part = int(value), value - int(value)
            if part >= 0.75:
                return f"almost {plural(whole + 1, unit)} ago"
            if part >= 0.25:
                return f"over {plural(whole, unit)} ago"
            return f"{plural(whole, unit)} ago"
    raise AssertionError("unreachable")


def visible(text: str) -> str:
    """What a reader sees: compatibility forms folded (full-width letters) and invisible format characters
    (zero-width spaces, bidi overrides) removed, so "ｉｇｎｏｒｅ" or "ig\u200bnore" cannot slip past the check."""
    text = unicodedata.normalize("NFKC", text)
    return "".join(ch for ch in text if unicodedata.category(ch) != "Cf")


def mentions(text: str, word: str) -> bool:
    """Whether ``text`` writes ``word`` whole, in any case: "US" is not the "us" of "bus"."""
    return re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text, re.IGNORECASE) is not None


def stem(word: str, size: int = 5) -> str:
    return word.lower()[:size]


def names(text: str, first: bool = False) -> list[str]:
    """Capitalised names, the common words aside, and the sentence's first word alone unless ``first``."""
    out = []
    for m in NAME.finditer(text):
        name = re.sub(r"^(?:The|A|An|As|Of)\s+", "", m.group(0))
        if not first and m.start() == 0 and " " not in m.group(0) or name.lower() in STOP or len(name) < 3:
            continue
        out.append(name)
    return out


_HOW_MANY = re.compile(
    r"\bhow many\s+((?:[\w'’-]+\s+){0,3}?[\w'’-]+)\s+(?:did|do|does|were|was|are|is|have|has|had|will|would|could|"
    r"can|should|must)\b(.*)$",
    re.IGNORECASE | re.DOTALL,
)
_COUNT = re.compile(r"(?<![\d.,])(\d[\d,]*(?:\.\d+)?)((?:\s+[\w'’-]+){1,4})")


def counts_asked(question: str, quote: str) -> set[float]:
    """The figures ``quote`` gives as a count of what a "how many" question asks: a figure followed, within a few
    words, by the question's counted noun ("597 street trees" for "How many street trees did the parks department
    plant?"), in a sentence that carries most of the rest of the question's words, its names aside ("planted"), and
    names no other year. A page that gives two such counts answers the question twice, however differently it
    words them (a total added up from wards, an encyclopaedic restatement), and the second is no less the page's
    word than the first; "40 people were injured" is not a count of those killed."""
    m = _HOW_MANY.search(question)
    if not m:
        return set()
    asked = [stem(w) for w in m.group(1).split()]
    noun = asked[-1]
    text = quote.lower()
    named = {w.lower() for n in names(question) for w in n.split()}
    said = [w for w in re.findall(r"[A-Za-z]+", m.group(2)) if w.lower() not in STOP | named and len(w) > 2]
    # what the question says of them, its names aside: two thirds of its words ("the trust" for "the harbour
    # trust"; "injured in the attack" is not "killed in the attack")
    if sum(stem(w) in text for w in said) < -(-2 * len(said) // 3):
        return set()
    if set(YEAR.findall(quote)) - set(YEAR.findall(question)):  # another year's count is history
        return set()
    out: set[float] = set()
    for c in _COUNT.finditer(quote):
        after = [stem(w) for w in c.group(2).split()]
        if noun in after:
            # the words between the figure and the noun are the question's own ("597 street trees" for "street
            # trees"): one it lacks counts a part ("128 new moons" is not how many moons Saturn has)
            between = after[: after.index(noun)]
            if all(w in asked or w in STOP for w in between):
                out |= figure_values(c.group(1))
    return out

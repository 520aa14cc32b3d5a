"""Evidence selection with the real MiniLM: which sentences of the retrieved passages reach the prompt."""

from __future__ import annotations

from qa.evidence import carries_new_answer, is_question, select_evidence
from qa.types import Passage

FAQ = (
    "Where will the 2026 Winter Olympics be held? When are the next Winter Olympics? "
    "Fans have asked about the Winter Olympics for months. "
    "The 2026 Winter Olympics will be hosted in two cities: Milan and Cortina d'Ampezzo, Italy. "
    "Tickets for the Winter Olympics went on sale last year."
)


def passage(text: str) -> Passage:
    return Passage(chunk_id="c1", doc_id="d1", title="Winter Games guide", text=text, start=0, end=len(text))


def test_answer_sentence_beats_headings_that_restate_the_question(embedder):
    q = "Where will the Winter Olympics be held next month?"
    top = select_evidence(q, [passage(FAQ)], embedder, 2, by_date=False)
    assert "Milan and Cortina" in top[0].quote
    assert not any(e.quote.endswith("?") for e in top)
    # with both levers off, the headings come first: what the levers are for
    old = select_evidence(q, [passage(FAQ)], embedder, 2, by_date=False, answer_type_weight=0.0, drop_questions=False)
    assert old[0].quote.endswith("?")


def test_answer_kinds():
    assert carries_new_answer("How many US troops are in Syria?", "About 900 US troops are in Syria.")
    assert not carries_new_answer("How many US troops are in Syria?", "US troops are in Syria, officials said.")
    assert carries_new_answer("Which city saw the crackdown?", "The crackdown reached Minneapolis on Monday.")
    assert not carries_new_answer("Which US city saw the crackdown?", "the crackdown in the US city went on.")
    assert is_question("Where are the next Winter Olympics?") and is_question('He asked: "Why now?"')
    assert not is_question("The Games open in February.")

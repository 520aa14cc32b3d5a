"""Timeline answers (issue #22, item 6): a question about change gets the dated statements in order, each
quoted and cited, over articles written here that report a figure changing."""

from __future__ import annotations

import pytest
from conftest import FLEET, assistant_over

from qa.timeline import asks_change


@pytest.mark.parametrize(
    "question",
    [
        "How has the number of US troops in Syria changed?",
        "How have gas prices evolved since January?",
        "How did the death toll rise over the week?",
        "What did the minister say before and after the vote?",
        "How has unemployment moved over the years?",
    ],
)
def test_questions_about_change_are_recognised(question):
    assert asks_change(question)


@pytest.mark.parametrize(
    "question",
    [
        "How many US troops are in Syria?",
        "NASA revealed a timeline this week for which future project?",
        "Who changed the law in 2024?",
        "How has the company responded to the strike?",
    ],
)
def test_other_questions_are_not(question):
    assert not asks_change(question)


def test_a_change_question_lists_the_dated_figures_in_order_each_cited(tmp_path, embedder, assistant):
    a = assistant_over(tmp_path, embedder, assistant.llm, FLEET)
    ans = a.ask("How has the size of Harbourton's bike-share fleet changed?")
    assert not ans.refused, ans.refusal_reason
    text = ans.text
    assert all(f in text for f in ("1,200", "2,050", "3,100")), text
    assert text.index("1,200") < text.index("2,050") < text.index("3,100"), text
    by_n = {c.n: c for c in ans.citations}
    assert [by_n[n].date.isoformat() for n in ans.timeline] == ["2023-03-01", "2024-03-05", "2025-03-10"]
    for n in ans.timeline:  # each statement is its article's own sentence, cited by its number
        assert f"[{n}]" in text and by_n[n].quote in text
    assert any("newest source is from March 10, 2025" in w for w in ans.warnings), ans.warnings

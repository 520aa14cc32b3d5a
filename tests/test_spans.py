"""An extractive answer in its cited sentence's own words (``qa.spans``): examples other than the ones the rules
were written from (those are in the module's docstring)."""

import pytest

from qa.spans import as_written, rewritten


@pytest.mark.parametrize(
    ("span", "quote", "expected"),
    [
        ("Lake Tahoe", "The race finished at Lake Tahoe on Sunday.", "Lake Tahoe"),  # already as written
        ("seven", "Officials counted 7 aftershocks overnight.", "7"),  # figures in the sentence's form
        ("12", "Twelve miners were rescued.", "Twelve"),
        ("3,400", "About 3400 homes lost power.", "About 3400"),  # the sentence's hedge stays with its figure
        ("more than 60", "more than 60 flights were cancelled", "more than 60"),
        ("Rio", "Flooding hit Rio Grande do Sul state.", "Rio Grande"),  # a name cut short is completed
        ("Lyon", "The summit opens in Lyon, France, next week.", "Lyon, France"),  # with the place that qualifies it
        ("Oslo", "Talks in Oslo, Bergen and Tromso went on.", "Oslo"),  # but not the rest of a list
        ("Pope Leo", "Pope Leo XIV spoke at the Vatican.", "Pope Leo XIV"),
        ("Kraków", "The fair moved to Krakow this year.", "Krakow"),  # accents do not decide
        ("$12 billion", "The deal is worth $12 billion, the company said.", "$12 billion"),
        ("Spain and Portugal", "Spain, Portugal and France lost power.", "Spain, Portugal"),  # its words
        ("Mumbai", "The monsoon reached Kerala early.", None),  # not this sentence's
    ],
)
def test_as_written(span, quote, expected):
    assert as_written(span, quote) == expected


def test_rewritten_each_piece_by_its_own_citation():
    quotes = {1: "Police said 14 people were hurt.", 2: "Hospitals treated sixteen people."}
    assert rewritten("14 [1]; 16 [2]", quotes) == "14 [1]; sixteen [2]"


def test_rewritten_leaves_sentences_and_unknown_numbers_alone():
    sentence = "The council said on Tuesday that the budget of the city would rise by a fifth next year [1]."
    assert rewritten(sentence, {1: "The budget will rise by a fifth."}) == sentence
    assert rewritten("Oslo [9]", {1: "Oslo, Norway"}) == "Oslo [9]"


@pytest.mark.parametrize(
    ("span", "quote"),
    [
        ("about 1,200 US forces", "The roughly 900 US forces in eastern Syria are not present."),  # another figure
        ("Warsaw Pact talks", "Vienna talks resumed on Monday."),  # another name
        ("2,500 US troops are in Iraq", "About 2,500 US troops are in Syria, officials said."),
    ],
)
def test_a_figure_or_name_the_sentence_lacks_is_never_dropped(span, quote):
    assert as_written(span, quote) is None

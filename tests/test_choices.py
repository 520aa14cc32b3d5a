"""Mapping a free, cited answer to one of the given options, with the real MiniLM (qa/choices.py)."""

from __future__ import annotations

from qa.choices import answered_option, names


def test_an_answer_naming_one_option_picks_it(embedder):
    options = ["Lisbon", "Porto", "Faro", "Braga"]
    assert answered_option("The festival moved to Porto this year [2].", options, embedder) == 1
    # whole words only: "500" is not named by "2,500"
    assert not names("About 2,500 volunteers came [1].", "500") and not names("It grew 76.4 percent.", "4")
    assert names("It grew 76.4 percent.", "76.4") and names("About 2,500 came.", "2500")
    assert answered_option("About 2,500 volunteers came [1].", ["500", "2,500", "900"], embedder) == 1


def test_an_answer_in_other_words_picks_the_option_closest_in_meaning(embedder):
    options = ["It is closing down", "It is moving to a new stadium", "It is changing its name", "It is being sold"]
    assert answered_option("The club will play at the new arena from May [3].", options, embedder) == 1
    options = ["A broken engine", "A sick driver", "Bad weather", "A budget cut"]
    assert answered_option("The rally was called off because the driver fell ill [1].", options, embedder) == 1


def test_an_answer_that_singles_out_no_option_decides_nothing(embedder):
    options = ["Lisbon", "Porto", "Faro", "Braga"]
    assert answered_option("The council met on Tuesday to discuss the budget [1].", options, embedder) is None
    assert answered_option("", options, embedder) is None
    # naming two options: only the one clearly closer in meaning could win, and neither is here
    assert answered_option("Both Lisbon and Porto bid for it [1].", options, embedder) is None

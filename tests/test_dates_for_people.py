"""Dates as a person reads them, wherever newsqa shows one: "almost 5 years ago" beside the date, plurals right."""

from __future__ import annotations

import datetime as dt

import pytest

from qa.render import when
from qa.text import ago, plural


@pytest.mark.parametrize(
    ("days", "said"),
    [
        (0, "today"),
        (1, "yesterday"),
        (2, "2 days ago"),
        (13, "13 days ago"),
        (14, "2 weeks ago"),
        (25, "over 3 weeks ago"),
        (59, "almost 2 months ago"),
        (200, "over 6 months ago"),
        (364, "almost 1 year ago"),
        (400, "1 year ago"),
        (1793, "almost 5 years ago"),
        (1900, "5 years ago"),
    ],
)
def test_ages_are_said_as_people_say_them(days, said):
    assert ago(days) == said


def test_plurals_and_dates_beside_their_age():
    assert plural(1, "article") == "1 article" and plural(2, "article") == "2 articles"
    assert plural(55776, "chunk") == "55,776 chunks"
    assert when(dt.date(2022, 1, 4), today=dt.date(2026, 12, 2)) == "2022-01-04 (almost 5 years ago)"
    assert when(None) == "undated"

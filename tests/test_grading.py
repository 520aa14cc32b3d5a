"""The evaluator's own rules, each a bug that once moved reported figures: the choice parser, RGB's accepted
answers, the reference RAG's refusals, the question loader's dates, and grading that reads only the gold."""

from __future__ import annotations

import json

import pytest

from qa import scoring
from qa.choices import parse_choice
from qa.evaluate import REFERENCE_REFUSAL
from qa.questions import load_questions, question_date, split_of
from qa.rgb import NoiseLabel, answer_parts, noise_by_label, noise_labels, noise_right, rgb_correct
from qa.scoring import score_record

OPTIONS = ["It is moving to a new stadium", "500", "1,500", "Lisbon"]


@pytest.mark.parametrize(
    ("reply", "expected"),
    [
        ("B) 500 [1]", 1),
        ("(C) 1,500", 2),
        ("D.", 3),
        ("Option A, because the club said so.", 0),
        ("d", 3),
        ("A new arena will host the games [1].", None),  # a leading article is not option A
        ("About 1,500 troops remain [2].", 2),  # names "1,500", which contains "500" but does not name it
        ("Lisbon hosted it [1].", 3),
        ("Either 500 or 1,500.", None),  # names two options: no pick
    ],
)
def testparse_choice(reply, expected):
    assert parse_choice(reply, OPTIONS) == expected


def test_rgb_accepted_spellings_are_alternatives_not_one_string():
    parts = answer_parts([["July 21 2017", "Jul 21, 2017", "21 July 2017"]])
    assert rgb_correct("It was released on 21 July 2017 [1].", parts)
    assert rgb_correct("Jul 21, 2017", parts)
    assert not rgb_correct("It was released in 2018.", parts)
    assert answer_parts("Paris") == [["Paris"]] and answer_parts(["Paris", "paris, France"]) == [
        ["Paris", "paris, France"]
    ]
    assert not rgb_correct("Berlin and Rome", answer_parts([["Berlin"], ["Madrid"]]))  # every part is required


def test_rgb_noise_is_graded_by_what_its_passages_say(tmp_path):
    """Clean noise should be refused; noise that states the answer may be answered rightly, and only a wrong
    answer there is a failure. Each label counts its own items, none twice."""
    items = [{"answer": "Facebook"}] * 5
    rows = [
        {"item": 0, "noise_refused": True, "noise_answer": "The articles don't say."},  # clean, refused
        {"item": 1, "noise_refused": False, "noise_answer": "Apple did [1]."},  # clean, answered: wrong
        {"item": 2, "noise_refused": False, "noise_answer": "Meta acquired it [2]."},  # states, rightly (alias)
        {"item": 3, "noise_refused": False, "noise_answer": "Apple did [1]."},  # states, answered wrongly
        {"item": 4, "noise_refused": True, "noise_answer": "The articles don't say."},  # hints, refused
    ]
    labels = {i: NoiseLabel(x) for i, x in enumerate(["clean", "clean", "states", "states", "hints"])}
    labels[2] = NoiseLabel("states", ("Meta",))
    by = noise_by_label(rows, items, labels)
    assert by["clean"] == {"items": 2, "refused": 0.5, "right": 0.0, "wrong": 0.5}
    assert by["states"] == {"items": 2, "refused": 0.0, "right": 0.5, "wrong": 0.5}
    assert by["hints"] == {"items": 1, "refused": 1.0, "right": 0.0, "wrong": 0.0}
    good = tmp_path / "labels.jsonl"
    good.write_text(
        '{"item": 0, "label": "clean"}\n{"item": 1, "label": "states", "passage": 2, "aliases": ["Meta"]}\n'
    )
    assert noise_labels(good) == {0: NoiseLabel("clean"), 1: NoiseLabel("states", ("Meta",))}
    parts = answer_parts("Facebook")
    assert noise_right("Meta acquired Instagram [2].", parts, NoiseLabel("states", ("Meta",)))
    assert noise_right("Facebook did [1].", parts, None) and not noise_right("Meta did [1].", parts, None)
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"item": 0, "label": "noise"}\n')
    with pytest.raises(ValueError, match="label among"):
        noise_labels(bad)


def test_the_shipped_rgb_noise_labels_cover_every_item():
    """The labels file the README's RGB figures are graded with: one label per item of RGB's 100."""
    from pathlib import Path

    labels = noise_labels(Path(__file__).resolve().parents[1] / "benchmarks" / "rgb" / "noise-labels.jsonl")
    assert sorted(labels) == list(range(100))
    assert all(bool(lab.aliases) == (lab.label == "states") for lab in labels.values())
    rgb = Path(__file__).resolve().parents[2] / "shared" / "benchmarks" / "rgb-counterfactual" / "en_fact.json"
    if not rgb.exists():
        pytest.skip(f"{rgb} is absent (the benchmark data lives beside the checkout): aliases not checked against it")
    items = [json.loads(line) for line in rgb.read_text().splitlines() if line.strip()]
    for i, lab in labels.items():  # each alias is the noise's own wording of the answer, so it is found there
        noise = " ".join(items[i]["negative"][:4]).lower()
        assert all(a.lower() in noise for a in lab.aliases), (i, lab.aliases)


@pytest.mark.parametrize(
    ("text", "refused"),
    [
        ("I don't know.", True),
        ("The context does not mention who won the race.", True),
        ("There is no information about the vote in the context.", True),
        ("The answer is not provided in the passages.", True),
        ("About 900 US troops are in Syria.", False),
        ("Officials said they do not expect a change.", False),
    ],
)
def test_reference_refusals_are_read_from_its_text(text, refused):
    assert bool(REFERENCE_REFUSAL.search(text)) is refused


def test_one_loader_reads_both_date_spellings(tmp_path):
    qs = [
        {"id": "a", "question": "Q1?", "answer": "x", "date": "2026-01-08"},
        {"id": "b", "question": "Q2?", "answer": "y", "date": "2026/05/01"},
        {"id": "c", "question": "Q3?", "choices": ["p", "q"], "answer_index": 1, "date": "2026/7/3"},
        {"question": "Q4?", "answers": ["z"]},
    ]
    f = tmp_path / "q.jsonl"
    f.write_text("\n".join(json.dumps(q) for q in qs) + "\n")
    got = {q["id"]: q for q in load_questions(f)}
    assert got["b"]["date"] == "2026-05-01" and got["b"]["split"] == "held-out"
    assert got["a"]["split"] == "tune" and got["c"]["date"] == "2026-07-03" and got["c"]["golds"] == ["q"]
    assert got["q4"]["date"] is None and got["q4"]["split"] is None
    assert [q["id"] for q in load_questions(f, ["2026-05", "2026-07"])] == ["b", "c"]
    assert question_date("not-a-date") == "not-a-date"  # kept, so the assistant rejects it for that question
    assert split_of("2026-04-30") == "tune" and split_of("2025-05-01") is None


def test_citation_precision_is_graded_by_gold_not_by_the_checker():
    q = {"question": "How many US troops are in Syria?", "golds": ["900"]}
    good = {"system": "newsqa:open", "answer": "About 900 [1].", "citations": [{"n": 1, "quote": "Some 900 troops."}]}
    # the product's checker flagged nothing here, yet the cited quote lacks the gold: not a good citation
    bad = {
        "system": "newsqa:open",
        "answer": "About 900 [1] [2].",
        "citations": [{"n": 1, "quote": "Some 900 troops."}, {"n": 2, "quote": "Troops left Iraq."}],
        "unsupported": [],
    }
    wrong = {"system": "newsqa:open", "answer": "About 500 [1].", "citations": [{"n": 1, "quote": "Some 500."}]}
    assert score_record(good, q)["citation_precision"] == 1.0
    assert score_record(bad, q)["citation_precision"] == 0.5
    assert "citation_precision" not in score_record(wrong, q)  # judged only for correct answers
    assert score_record(wrong, q)["key_term_cited"] == 1.0  # ...but it does say what it cites


def test_key_term():
    assert scoring.key_term("As of May 1, 2026: About 1,500 [1].", "How many?") == "1,500"
    assert scoring.key_term("Jannik Sinner won the title [2].", "Who won the Australian Open?") == "Jannik Sinner"
    assert scoring.key_term("B) Minneapolis: Tensions flared [1].", "Which US city?") == "Minneapolis"
    assert scoring.quotes_carry_key_term("About 1,500 [1].", "How many?", ["nearly 1500 soldiers"]) == 1.0
    assert scoring.quotes_carry_key_term("About 500 [1].", "How many?", ["nearly 1,500 soldiers"]) == 0.0
    assert scoring.quotes_carry_key_term("", "How many?", ["x"]) is None


def test_hand_labels_are_compared_with_the_automatic_grades(tmp_path):
    from qa.report import label_agreement, quote_digest
    from qa.scoring import grade_citations

    q = {"question": "How many US troops are in Syria?", "golds": ["900"]}
    right = {"system": "newsqa:open", "id": "a", "answer": "About 900 [1] [2].", **q}
    right["citations"] = [{"n": 1, "quote": "Some 900 troops remain."}, {"n": 2, "quote": "Troops left Iraq."}]
    wrong = {"system": "newsqa:open", "id": "b", "answer": "About 500 [1].", **q}
    wrong["citations"] = [{"n": 1, "quote": "Some 500 troops left in 2019."}]
    for rec in (right, wrong):
        grade_citations(rec, q)
        rec["scores"] = score_record(rec, q)
    done = {(r["system"], r["id"]): r for r in (right, wrong)}

    def lab(qid: str, n: int, quote: str, supports: bool, why: str) -> dict:
        return {"id": qid, "system": "newsqa:open", "n": n, "quote_sha1": quote_digest(quote), "supports": supports,
                "why": why}  # fmt: skip

    labels = [
        lab("a", 1, "Some 900 troops remain.", True, "x"),
        lab("a", 2, "Troops left Iraq.", False, "x"),
        # the quote supports the wrong answer's claim: the key-term grade agrees, the gold grade does not apply
        lab("b", 1, "Some 500 troops left in 2019.", True, "states 500, of 2019"),
        lab("b", 1, "another quote", False, "stale"),
    ]
    (tmp_path / "run.jsonl").write_text("\n".join(json.dumps(x) for x in labels) + "\n")
    got = label_agreement(tmp_path, done)
    assert got["labelled_citations"] == 3  # the stale label judged another quote
    assert got["gold_grade_n"] == 2 and got["gold_grade_agreement"] == 1.0
    assert got["key_term_grade_n"] == 3 and got["key_term_grade_agreement"] == 1.0
    assert got["supported_share"] == round(2 / 3, 3)
    # the same agreement from a ledger (no quotes kept): the grades were taken with each citation
    from qa.ledger import ledger_record

    kept = {k: ledger_record(r) for k, r in done.items()}
    text = json.dumps(list(kept.values()))
    assert '"quote":' not in text and "troops remain" not in text
    assert label_agreement(tmp_path, kept) == got
    # a source set beside the answer is quoted whole in the answer's text: the ledger keeps its digest, not its words
    rival = 'Other reporting differs: x.example on May 3 said "Troops left Iraq." [2].'
    beside = dict(right, answer=f"About 900 [1]. {rival}")
    kept_beside = ledger_record(beside)
    assert "Troops left Iraq" not in json.dumps(kept_beside) and kept_beside["answer"].startswith("About 900 [1].")


def test_exact_match_and_f1_grade_what_the_answer_says_not_its_date_or_the_sources_beside_it():
    q = {"question": "How many US troops are in Syria?", "golds": ["900"]}
    dated = {"system": "newsqa:open", "answer": "As of January 4, 2022: 900 [1]."}
    assert score_record(dated, q)["em"] == 1.0 and score_record(dated, q)["f1"] == 1.0
    beside = {"answer": 'As of May 2, 2026: 900 [1]. Other reporting differs: x.example on May 3 said "2,500" [2].'}
    assert score_record(beside, q)["em"] == 1.0
    long = {"answer": "As of January 4, 2022: There are 900 US troops in eastern Syria [1]."}
    assert score_record(long, q)["em"] == 0.0 and 0 < score_record(long, q)["f1"] < 0.5
    assert score_record(long, q)["contains"] == 1.0
    # an answer whose only 900 is in the source set beside it contains the gold, but does not say it
    other = {"answer": 'About 2,500 [1]. Other reporting differs: x.example on May 3, 2026 said "900" [2].'}
    assert score_record(other, q)["contains"] == 1.0 and score_record(other, q)["f1"] == 0.0

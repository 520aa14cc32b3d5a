"""The evaluator over the real pipeline (seed store, 1.5B model) on a small question file."""

from __future__ import annotations

import json

from qa import scoring
from qa.evaluate import main as evaluate_main


def test_scoring_is_squad_style():
    assert scoring.normalize("The  U.S.-led Coalition!") == "u s led coalition"
    assert scoring.exact_match("the Lisbon", ["Lisbon"]) == 1.0
    assert scoring.contains("Roughly 2,500 troops [1].", ["2,500"]) == 1.0
    assert scoring.contains("25,000 troops", ["2,500"]) == 0.0
    assert 0 < scoring.f1("900 US troops in Syria", ["900 troops"]) < 1
    assert scoring.recall_at(["a", "b 900 c"], ["900"], 1) == 0.0
    assert scoring.recall_at(["a", "b 900 c"], ["900"], 2) == 1.0


def test_evaluate_small_file_resumes_and_reports(tmp_path, seed_settings, monkeypatch, assistant):
    monkeypatch.setenv("QA_STORE_DIR", str(seed_settings.store_dir))
    qs = [
        {
            "id": "syria",
            "question": "How many US troops are in Syria?",
            "answers": ["900"],
            "date": "2022-02-01",
            "choices": ["500", "900", "2,500", "10,000"],
            "answer_index": 1,
        },
        {"id": "iraq", "question": "How many US troops are in Iraq?", "answer": "2,500", "date": "2022-02-01"},
        {"id": "tour", "question": "Who won the 2026 Tour de France?", "answers": ["Pogacar"], "answerable": False},
        {"id": "bad", "question": "How many US troops are in Syria?", "answers": ["900"], "date": "not-a-date"},
    ]
    qfile = tmp_path / "q.jsonl"
    qfile.write_text("\n".join(json.dumps(q) for q in qs) + "\n")
    base = tmp_path / "baselines.jsonl"
    base.write_text(
        json.dumps({"question_id": "syria", "model": "m1", "with_search": True, "kind": "open", "prediction": "900"})
        + "\n"
        + json.dumps({"question_id": "syria", "model": "m1", "with_search": True, "kind": "choice", "prediction": 2})
        + "\n"
    )
    out = tmp_path / "out"
    args = [str(qfile), "--out", str(out), "--baselines", str(base)]
    assert evaluate_main(args) == 0
    preds = [json.loads(line) for line in (out / "predictions.jsonl").read_text().splitlines()]
    by = {(p["system"], p["id"]): p for p in preds}
    assert by[("newsqa:open", "syria")]["scores"]["contains"] == 1.0
    assert by[("newsqa:choice", "syria")]["scores"]["choice_correct"] == 1.0
    assert by[("newsqa:open", "iraq")]["scores"]["contains"] == 1.0
    assert by[("newsqa:open", "tour")]["refused"] and by[("newsqa:open", "tour")]["scores"]["refusal_correct"] == 1
    assert by[("newsqa:open", "tour")]["refusal_reason"]  # why, for the failure analysis
    assert any("900" in quote for quote in by[("newsqa:open", "syria")]["evidence"])  # what the model was shown
    assert "900" in by[("newsqa:open", "syria")]["raw_text"]
    assert "not a date" in by[("newsqa:open", "bad")]["error"]  # recorded, not fatal
    assert ("reference-rag:open", "syria") in by
    summary = json.loads((out / "summary.json").read_text())
    row = summary["systems"]["newsqa:open"]
    assert row["n"] == 4 and row["errors"] == 1 and row["citation_precision"] == 1.0
    b = {(x["model"], x["kind"]): x for x in summary["baselines"]}
    assert b[("m1", "open")]["score"] == 1.0 and b[("m1", "choice")]["score"] == 0.0
    assert b[("m1", "choice")]["newsqa_same_ids"] == 1.0
    report = (out / "report.md").read_text()
    assert "newsqa:open" in report and "Published baselines" in report
    for png in ("accuracy_by_system", "accuracy_by_month", "recall_at_k", "latency"):
        assert (out / f"{png}.png").stat().st_size > 1000
    # a second run asks nothing again
    n = len(preds)
    assert evaluate_main(args) == 0
    assert len((out / "predictions.jsonl").read_text().splitlines()) == n

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


# An article only the "own results" input holds: newsqa can answer from it only when given it.
OWN = {
    "url": "https://example.org/2026/05/02/ferry-fleet",
    "title": "Ferry fleet grows",
    "retrieved_at": "2026/05/03/10:00",
    "text": "The Kestrel Bay ferry operator added 37 boats to its fleet on Friday, the port authority said. "
    "The new boats will serve the island routes from June, officials said.",
}


def test_evaluate_small_file_resumes_and_reports(tmp_path, seed_settings, monkeypatch, assistant):
    monkeypatch.setenv("QA_STORE_DIR", str(seed_settings.store.dir))
    qs = [
        {
            "id": "syria",
            "question": "How many US troops are in Syria?",
            "answers": ["900"],
            "date": "2022/02/01",
            "choices": ["500", "900", "2,500", "10,000"],
            "answer_index": 1,
            "search_urls": ["https://sputniknews.com/20220104/not-in-the-file"],
        },
        {"id": "iraq", "question": "How many US troops are in Iraq?", "answer": "2,500", "date": "2022-02-01"},
        {"id": "tour", "question": "Who won the 2026 Tour de France?", "answers": ["Pogacar"], "answerable": False},
        {"id": "bad", "question": "How many US troops are in Syria?", "answers": ["900"], "date": "not-a-date"},
        {
            "id": "ferry",
            "question": "How many boats did the Kestrel Bay ferry operator add to its fleet?",
            "answers": ["37"],
            "date": "2026-05-10",
            "search_urls": [OWN["url"]],
        },
    ]
    qfile = tmp_path / "q.jsonl"
    qfile.write_text("\n".join(json.dumps(q) for q in qs) + "\n")
    (tmp_path / "articles.jsonl").write_text(json.dumps(OWN) + "\n")
    base = tmp_path / "baselines.jsonl"
    base.write_text(
        json.dumps({"question_id": "syria", "model": "m1", "with_search": True, "kind": "open", "prediction": "900"})
        + "\n"
        + json.dumps({"question_id": "syria", "model": "m1", "with_search": True, "kind": "choice", "prediction": 2})
        + "\n"
        + json.dumps({"question_id": "ferry", "model": "m1", "with_search": True, "kind": "open", "prediction": "37"})
        + "\n"
    )
    out = tmp_path / "out"
    ledger = tmp_path / "ledger"
    args = [str(qfile), "--out", str(out), "--baselines", str(base), "--own-results", "--ledger", str(ledger)]
    assert evaluate_main(args) == 0
    preds = [json.loads(line) for line in (out / "predictions.jsonl").read_text().splitlines()]
    by = {(p["system"], p["id"]): p for p in preds}
    assert by[("newsqa:open", "syria")]["scores"]["contains"] == 1.0
    assert by[("newsqa:open", "syria")]["scores"]["citation_precision"] == 1.0  # its quote holds the gold
    assert by[("newsqa:choice", "syria")]["scores"]["choice_correct"] == 1.0
    assert by[("newsqa:open", "iraq")]["scores"]["contains"] == 1.0
    assert by[("newsqa:open", "tour")]["refused"] and by[("newsqa:open", "tour")]["scores"]["refusal_correct"] == 1
    assert by[("newsqa:open", "tour")]["refusal_reason"]  # why, for the failure analysis
    assert any("900" in quote for quote in by[("newsqa:open", "syria")]["evidence"])  # what the model was shown
    assert "900" in by[("newsqa:open", "syria")]["raw_text"]
    assert "not a date" in by[("newsqa:open", "bad")]["error"]  # recorded, not fatal
    # the reference RAG's as-of filter is not silently dropped for a date it cannot read
    assert "not a date" in by[("reference-rag:open", "bad")]["error"]
    assert isinstance(by[("reference-rag:open", "syria")]["refused"], bool)
    # own results: the ferry article is in no store, only in the question's own search results
    assert by[("newsqa-own:open", "ferry")]["scores"]["contains"] == 1.0
    assert not by[("newsqa:open", "ferry")]["scores"].get("contains")
    assert by[("newsqa-own:open", "syria")]["refused"]  # its one search result is not in the articles file
    prov = by[("newsqa:open", "syria")]["provenance"]
    assert len(prov["commit"]) == 40 and prov["settings_hash"] and prov["store_content"]
    assert len(prov["model_sha256"]) == 64
    summary = json.loads((out / "summary.json").read_text())
    assert summary["provenance"]["mixed"] is False and summary["provenance"]["commit"] == prov["commit"]
    row = summary["systems"]["newsqa:open"]
    assert row["n"] == 5 and row["errors"] == 1 and row["citation_precision"] == 1.0
    assert summary["splits"]["held-out"]["newsqa:open"]["n"] == 1  # ferry, of May 2026
    b = {(x["model"], x["kind"]): x for x in summary["baselines"]}
    assert b[("m1", "open")]["score"] == 1.0 and b[("m1", "choice")]["score"] == 0.0
    assert b[("m1", "choice")]["newsqa_same_ids"] == 1.0
    assert b[("m1", "open")]["newsqa_own_n"] == 2 and b[("m1", "open")]["newsqa_own_same_ids"] == 0.5
    report = (out / "report.md").read_text()
    assert "newsqa:open" in report and "Published baselines" in report and prov["commit"] in report
    assert "Kestrel" not in report.split("## Failures")[1]  # a held-out failure is not listed without the flag
    for png in ("accuracy_by_system", "accuracy_by_month", "recall_at_k", "latency"):
        assert (out / f"{png}.png").stat().st_size > 1000
    # a second run asks nothing again
    n = len(preds)
    assert evaluate_main(args) == 0
    assert len((out / "predictions.jsonl").read_text().splitlines()) == n
    # the ledger resumes the run on a machine that has only it (a new --out folder), asking nothing again, and
    # reports the same figures; it holds none of the benchmark's text: no question, gold, passage or quote
    kept = (ledger / "predictions.jsonl").read_text()
    assert len(kept.splitlines()) == n
    for text in [q["question"] for q in qs] + ["the port authority said", "will serve the island routes"]:
        assert text not in kept, text  # (answers are kept: they may echo a question's words)
    cite = by[("newsqa:open", "syria")]["citations"][0]
    assert cite["has_gold"] is True and len(cite["quote_sha1"]) == 16 and '"quote":' not in kept
    out2 = tmp_path / "elsewhere"
    assert evaluate_main([*args[:1], "--out", str(out2), *args[3:]]) == 0
    assert (out2 / "predictions.jsonl").read_text() == ""
    again = json.loads((out2 / "summary.json").read_text())
    assert again["systems"] == summary["systems"] and again["baselines"] == summary["baselines"]
    # other settings: resuming into the same folder is refused, unless asked, and the report then says mixed
    monkeypatch.setenv("QA_EVIDENCE_SENTENCES", "4")
    assert evaluate_main(args) == 2
    assert len((out / "predictions.jsonl").read_text().splitlines()) == n
    monkeypatch.setenv("QA_EVIDENCE_SENTENCES", "5")
    assert "MIXED RUN" not in (out / "report.md").read_text()
    lines = (out / "predictions.jsonl").read_text().splitlines()
    rec = json.loads(lines[0])
    rec["provenance"]["settings_hash"] = "0" * 16
    (out / "predictions.jsonl").write_text("\n".join([json.dumps(rec), *lines[1:]]) + "\n")
    assert evaluate_main(args) == 2
    assert evaluate_main([*args, "--resume-anyway"]) == 0
    assert "MIXED RUN" in (out / "report.md").read_text()
    assert json.loads((out / "summary.json").read_text())["provenance"]["mixed"] is True


def test_rgb_figures_are_in_the_report(tmp_path, seed_settings, monkeypatch, assistant):
    """RGB's figures go into report.md beside the rest of the run, not only summary.json (the ecbd20d run's report
    lacked them). One item written here in RGB's shape: two true passages, two counterfactual, two of noise."""
    monkeypatch.setenv("QA_STORE_DIR", str(seed_settings.store.dir))
    item = {
        "id": 0,
        "query": "How many boats did the Kestrel Bay ferry operator add to its fleet?",
        "answer": [["37", "thirty-seven"]],
        "fakeanswer": "73",
        "positive": [
            "The Kestrel Bay ferry operator added 37 boats to its fleet in May, the port authority said.",
            "With 37 new boats, the Kestrel Bay fleet is the largest on the coast.",
        ],
        "positive_wrong": [
            "The Kestrel Bay ferry operator added 73 boats to its fleet in May, the port authority said.",
            "With 73 new boats, the Kestrel Bay fleet is the largest on the coast.",
        ],
        "negative": ["The Kestrel Bay lighthouse reopened after repairs.", "Bus fares in Kestrel Bay rose 5 percent."],
    }
    rgb = tmp_path / "en_fact.json"
    rgb.write_text(json.dumps(item) + "\n")
    qfile = tmp_path / "q.jsonl"
    qfile.write_text(
        json.dumps({"id": "iraq", "question": "How many US troops are in Iraq?", "answer": "2,500"}) + "\n"
    )
    out = tmp_path / "out"
    labels = tmp_path / "noise-labels.jsonl"
    labels.write_text(json.dumps({"item": 0, "label": "clean", "passage": None, "why": "lighthouse and fares"}) + "\n")
    args = [
        str(qfile),
        "--out",
        str(out),
        "--open-only",
        "--no-reference",
        "--rgb",
        str(rgb),
        "--rgb-labels",
        str(labels),
    ]
    assert evaluate_main(args) == 0
    rows = [json.loads(line) for line in (out / "rgb.jsonl").read_text().splitlines()]
    assert len(rows) == 1 and isinstance(rows[0]["noise_refused"], bool)
    report = (out / "report.md").read_text()
    assert "## RGB counterfactual robustness (1 items" in report
    rgb_summary = json.loads((out / "summary.json").read_text())["rgb"]
    assert f"| {rgb_summary['noise_refused']} |" in report.split("## RGB")[1]
    clean = rgb_summary["noise_by_label"]["clean"]
    assert clean["items"] == 1 and clean["refused"] == float(rows[0]["noise_refused"])
    assert f"| clean | 1 | {clean['refused']} |" in report

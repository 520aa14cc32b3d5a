"""Batch evaluation over the same ``Assistant.ask()`` every other interface uses.

    python -m qa.evaluate QUESTIONS.jsonl --out DIR [--limit N] [--sample N --seed S] [--months 2026-01,...]
                          [--own-results] [--baselines FILE] [--no-reference] [--open-only]
                          [--rgb en_fact.json [--rgb-labels FILE]] [--labels FOLDER] [--ledger DIR]
                          [--show-heldout-failures] [--resume-anyway]

Resumable: each prediction is appended to ``predictions.jsonl`` as soon as it exists, and a rerun skips the ids
already there, so a killed run continues where it stopped and no question is asked twice. Every prediction
records its provenance (commit, settings, model, store); a rerun under another commit or other settings refuses
to resume into the same folder unless ``--resume-anyway``, and the report then says the run is mixed.
``--ledger`` keeps the run, without the benchmark's text, where it can be committed and resumed elsewhere.
"""

from __future__ import annotations

import argparse
import json
import logging
import random
import re
import sys
import time
import traceback
from pathlib import Path
from typing import Any

from tqdm import tqdm

from qa import provenance
from qa.config import Settings
from qa.ledger import ledger_file, ledger_record, read_done
from qa.questions import QuestionFileError, load_questions
from qa.scoring import grade_citations, score_record
from qa.types import Passage

log = logging.getLogger(__name__)

REFERENCE_PROMPT = (
    "You are an assistant for question-answering tasks. Use the following pieces of retrieved context to answer "
    "the question. If you don't know the answer, say that you don't know. Use three sentences maximum and keep "
    "the answer concise.\nQuestion: {question}\nContext: {context}\nAnswer:"
)  # LangChain's tutorial RAG prompt: the baseline a user would otherwise build

# How the tutorial prompt's "say that you don't know" comes out: counted as a refusal, as newsqa's are.
REFERENCE_REFUSAL = re.compile(
    r"\b(?:i )?(?:don't|do not|doesn't|does not|cannot|can't) (?:know|say|mention|provide|answer|determine)\b"
    r"|\bnot (?:mentioned|provided|specified|stated|available)\b|\bno (?:information|mention)\b",
    re.IGNORECASE,
)


def own_results(articles: Path, questions: list[dict], settings: Settings) -> dict[str, list[Passage]]:
    """Each question's own search results (its ``search_urls``) as passages, cleaned and chunked exactly as ingest
    does: the input the frontier "with search" rows were given, instead of the whole store."""
    from qa.ingest.chunk import chunk_article
    from qa.ingest.pipeline import chunk_metadata, to_article
    from qa.ingest.readers import ReadError, RecordError, record_from
    from qa.store import to_passage

    wanted = {u for q in questions for u in q.get("search_urls") or []}
    by_url: dict[str, dict] = {}
    with articles.open(encoding="utf-8") as f:
        for line in f:
            if line.strip() and (obj := json.loads(line)).get("url") in wanted:
                by_url[obj["url"]] = obj
    out: dict[str, list[Passage]] = {}
    for q in questions:
        passages: list[Passage] = []
        for url in q.get("search_urls") or []:
            if url not in by_url or isinstance(rec := record_from(by_url[url], url, articles), RecordError):
                continue
            try:
                art = to_article(rec, settings)
            except ReadError:
                continue
            chunks = chunk_article(art, settings.ingest.chunk_chars)
            passages += [to_passage(c.chunk_id, c.text, chunk_metadata(art, c, len(chunks))) for c in chunks]
        out[q["id"]] = passages
    return out


class Runner:
    def __init__(self, settings: Settings, retrieval_k: int = 20):
        from qa.answer import Assistant

        self.assistant = Assistant(settings)
        self.k = retrieval_k
        self.own: dict[str, list[Passage]] = {}

    def newsqa(self, q: dict, as_of: str | None, mode: str, documents: list[Passage] | None = None) -> dict:
        choices = q.get("choices") if mode == "choice" else None
        a = self.assistant
        ans = a.ask(q["question"], as_of=as_of, choices=choices, documents=documents)
        # recall@k up to k=20 needs 20 passages: the answer keeps top_k (8)
        if documents is None and self.k:
            hits = a.retrieve(ans.standalone_question, as_of=as_of, k=self.k)
        else:
            hits = ans.passages
        return {
            "answer": ans.text,
            "refused": ans.refused,
            # why it refused, what the model wrote and what it was shown: failure analysis need not recompute them
            "refusal_reason": ans.refusal_reason,
            "raw_text": ans.raw_text,
            "evidence": [e.quote for e in ans.evidence],
            "choice": ans.choice,
            "citations": [
                c.model_dump(mode="json", include={"n", "quote", "title", "date", "url"}) for c in ans.citations
            ],
            "unsupported": [u.model_dump(mode="json") for u in ans.unsupported],
            "passages": [p.text for p in hits],
            "latency_s": ans.timings.total_s,
            "first_token_s": ans.timings.first_token_s,
            "prompt_tokens": ans.usage.prompt_tokens,
        }

    def reference(self, q: dict, as_of: str | None) -> dict:
        """Dense top-4 chunks pasted into the tutorial prompt, same store, same model, same as-of filter (a date
        it cannot read is an error for that question, as it is for newsqa, never a silently dropped filter)."""
        from langchain_core.prompts import ChatPromptTemplate

        a = self.assistant
        t0 = time.perf_counter()
        hits = a.retrieve(q["question"], as_of=as_of, k=4, mode="dense")
        context = "\n\n".join(p.text for p in hits)
        msg = (ChatPromptTemplate.from_messages([("human", REFERENCE_PROMPT)]) | a.llm).invoke(
            {"question": q["question"], "context": context}
        )
        usage: dict[str, Any] = dict(msg.usage_metadata or {})
        text = str(msg.content)
        return {
            "answer": text,
            "refused": bool(REFERENCE_REFUSAL.search(text)),
            "choice": None,
            "passages": [p.text for p in hits],
            "latency_s": round(time.perf_counter() - t0, 3),
            "prompt_tokens": usage.get("input_tokens", 0),
        }


def _jobs(questions: list[dict], args: argparse.Namespace) -> list[tuple[dict, str, str]]:
    systems = ["newsqa"] + ([] if args.no_reference else ["reference-rag"]) + (["newsqa-own"] if args.own else [])
    modes = ["open"] if args.open_only else ["open", "choice"]
    return [
        (q, s, m)
        for q in questions
        for s in systems
        for m in modes
        if m == "open" or (s == "newsqa" and q.get("choices") and q.get("answer_index") is not None)
    ]


def run(args: argparse.Namespace) -> int:
    qpath = Path(args.questions)
    if not qpath.exists():
        print(f"error: {qpath} does not exist", file=sys.stderr)
        return 2
    try:
        questions = load_questions(qpath, args.months.split(",") if args.months else None)
    except QuestionFileError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    if args.sample:
        questions = random.Random(args.seed).sample(questions, min(args.sample, len(questions)))
    if args.limit:
        questions = questions[: args.limit]
    articles = Path(args.articles) if args.articles else qpath.parent / "articles.jsonl"
    if args.own and not articles.exists():
        print(f"error: --own-results needs the articles file {articles} (--articles)", file=sys.stderr)
        return 2
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    pred_path = out / "predictions.jsonl"
    ledger = Path(args.ledger) if args.ledger else None
    if ledger:
        ledger.mkdir(parents=True, exist_ok=True)
    # the full records where this machine has them, the ledger's for what another session answered
    done = {**(read_done(ledger / "predictions.jsonl") if ledger else {}), **read_done(pred_path)}
    settings = Settings()
    runner = Runner(settings)
    options = {"as_of_field": args.as_of_field}
    prov = provenance.provenance(settings, runner.assistant.library.fingerprint(), options)
    mixed = sorted({d for rec in done.values() for d in provenance.differences(rec.get("provenance"), prov)})
    if mixed and not args.resume_anyway:
        print(
            f"error: {out} holds {len(done)} predictions made under another commit or other settings "
            f"({'; '.join(mixed[:4])}). Use a new --out folder, or --resume-anyway to mix them (the report then "
            "says the run is mixed).",
            file=sys.stderr,
        )
        return 2
    if prov["dirty"]:
        log.warning("the working tree has uncommitted changes (%s): the run is not of a named commit", prov["dirty"])
    jobs = _jobs(questions, args)
    todo = [j for j in jobs if (f"{j[1]}:{j[2]}", j[0]["id"]) not in done]
    if args.own and todo:
        runner.own = own_results(articles, [j[0] for j in todo if j[1] == "newsqa-own"], settings)
    correct = total = 0
    bar = tqdm(todo, desc="evaluating", unit="q")
    with pred_path.open("a", encoding="utf-8") as f, ledger_file(ledger, "predictions.jsonl") as lf:
        for q, system, mode in bar:
            as_of = q.get(args.as_of_field) if args.as_of_field else None
            rec: dict[str, Any] = {
                "system": f"{system}:{mode}",
                "id": q["id"],
                "question": q["question"],
                "date": q.get("date"),
                "golds": q["golds"],
                "provenance": prov,
            }
            try:
                if system == "reference-rag":
                    rec.update(runner.reference(q, as_of))
                else:
                    rec.update(runner.newsqa(q, as_of, mode, runner.own[q["id"]] if system == "newsqa-own" else None))
            except Exception as e:  # noqa: BLE001 - recorded per question, never fatal
                rec.update(error=f"{type(e).__name__}: {e}", trace=traceback.format_exc(limit=3))
            grade_citations(rec, q)
            rec["scores"] = score_record(rec, q)
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")
            f.flush()
            if lf is not None:
                lf.write(json.dumps(ledger_record(rec), ensure_ascii=False) + "\n")
                lf.flush()
            done[(rec["system"], str(rec["id"]))] = rec
            key = "choice_correct" if mode == "choice" else "contains"
            if system == "newsqa" and key in rec["scores"] and q.get("split") != "held-out":
                total += 1
                correct += rec["scores"][key]
                bar.set_postfix(acc=f"{correct / total:.2f}")  # never the held-out months' figure, while running
    from qa.report import write_report

    summary = write_report(
        out,
        questions,
        done,
        Path(args.baselines) if args.baselines else None,
        labels=Path(args.labels) if args.labels else None,
        show_heldout=args.show_heldout_failures,
        settings=provenance.answering_settings(settings),
    )
    if args.rgb:
        from qa.rgb import noise_labels, rgb_eval

        labels = noise_labels(Path(args.rgb_labels)) if args.rgb_labels else None
        summary["rgb"] = rgb = rgb_eval(runner.assistant, Path(args.rgb), args.rgb_limit, out, prov, ledger, labels)
        (out / "summary.json").write_text(json.dumps(summary, indent=2))
        from qa.report import rgb_markdown

        with (out / "report.md").open("a", encoding="utf-8") as f:  # the report has every figure of the run
            f.write(rgb_markdown(rgb))
    print(json.dumps({k: v for k, v in summary.items() if k not in ("by_month", "settings")}, indent=2)[:4000])
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m qa.evaluate", description=__doc__.split("\n\n")[0])
    ap.add_argument("questions", help="JSON lines: question, answers|answer, optional id, date, choices, answerable")
    ap.add_argument("--out", required=True, help="output folder (reused to resume)")
    ap.add_argument(
        "--ledger",
        help="also keep the run in this folder without the benchmark's text (commit it to resume on another machine)",
    )
    ap.add_argument("--limit", type=int)
    ap.add_argument("--sample", type=int, help="a random sample of N questions")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--months", help="only these months, e.g. 2026-01,2026-02 (dates as 2026/01/.. count too)")
    ap.add_argument("--as-of-field", default="date", help="question field used as as_of ('' for none)")
    ap.add_argument(
        "--own-results",
        dest="own",
        action="store_true",
        help="also answer each question from its own search results only (search_urls): the frontier's input",
    )
    ap.add_argument("--articles", help="articles.jsonl for --own-results (default: beside the questions file)")
    ap.add_argument("--baselines", help="published predictions to score side by side (baselines.jsonl)")
    ap.add_argument("--labels", help="folder of hand labels (benchmarks/labels): agreement with the automatic grade")
    ap.add_argument("--no-reference", action="store_true", help="skip the plain reference RAG")
    ap.add_argument("--open-only", action="store_true", help="skip the multiple-choice pass")
    ap.add_argument("--rgb", help="RGB en_fact.json: counterfactual robustness from given passages")
    ap.add_argument("--rgb-limit", type=int, help="only the first N RGB items (default: all)")
    ap.add_argument(
        "--rgb-labels",
        help="hand labels of RGB's noise passages (benchmarks/rgb/noise-labels.jsonl): noise-only answers by label",
    )
    ap.add_argument(
        "--show-heldout-failures",
        action="store_true",
        help="list failures of the held-out months (May-July) in report.md too; off so nobody designs on them",
    )
    ap.add_argument(
        "--resume-anyway",
        action="store_true",
        help="resume into a folder made under another commit or settings; the report marks the run as mixed",
    )
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    return run(args)


if __name__ == "__main__":
    sys.exit(main())

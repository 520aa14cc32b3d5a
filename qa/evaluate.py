"""Batch evaluation over the same ``Assistant.ask()`` every other interface uses.

    python -m qa.evaluate QUESTIONS.jsonl --out DIR [--limit N] [--sample N --seed S] [--as-of-field date]
                          [--baselines FILE] [--no-reference] [--rgb en_fact.json]

Resumable: each prediction is appended to ``predictions.jsonl`` as soon as it exists, and a rerun skips the
ids already there, so a killed run continues where it stopped and no question is asked twice.
"""

from __future__ import annotations

import argparse
import json
import logging
import random
import statistics
import sys
import time
import traceback
from pathlib import Path
from typing import Any

from tqdm import tqdm

from qa import scoring
from qa.config import Settings

log = logging.getLogger(__name__)

REFERENCE_PROMPT = (
    "You are an assistant for question-answering tasks. Use the following pieces of retrieved context to answer "
    "the question. If you don't know the answer, say that you don't know. Use three sentences maximum and keep "
    "the answer concise.\nQuestion: {question}\nContext: {context}\nAnswer:"
)  # LangChain's tutorial RAG prompt: the baseline a user would otherwise build


def load_questions(path: Path) -> list[dict]:
    out = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            q = json.loads(line)
        except json.JSONDecodeError as e:
            raise SystemExit(f"{path}:{n}: malformed JSON ({e.msg})") from e
        if not isinstance(q, dict) or not q.get("question"):
            raise SystemExit(f"{path}:{n}: a question record needs a 'question'")
        q.setdefault("id", f"q{n}")
        golds = q.get("answers") or ([q["answer"]] if q.get("answer") else [])
        if not golds and q.get("choices") is not None and q.get("answer_index") is not None:
            golds = [q["choices"][q["answer_index"]]]
        q["golds"] = [str(g) for g in golds]
        out.append(q)
    return out


def read_done(path: Path) -> dict[str, dict]:
    done: dict[str, dict] = {}
    if path.exists():
        for line in path.read_text(encoding="utf-8").splitlines():
            try:
                rec = json.loads(line)
                done[(rec["system"], str(rec["id"]))] = rec
            except (json.JSONDecodeError, KeyError):
                continue  # a line cut by a kill: that question is simply asked again
    return done


def score_record(rec: dict, q: dict) -> dict:
    golds = q["golds"]
    text = rec.get("answer") or ""
    s: dict[str, Any] = {}
    if golds and text:
        s.update(
            em=scoring.exact_match(text, golds), contains=scoring.contains(text, golds), f1=scoring.f1(text, golds)
        )
    if q.get("choices") is not None and q.get("answer_index") is not None:
        s["choice_correct"] = float(rec.get("choice") == q["answer_index"])
    passages = rec.get("passages") or []
    if golds and passages:
        s.update({f"recall@{k}": scoring.recall_at(passages, golds, k) for k in (1, 3, 5, 10, 20)})
    if rec.get("citations") is not None:
        cp = scoring.citation_precision(rec, golds)
        if cp is not None:
            s["citation_precision"] = cp
    if q.get("answerable") is False:
        s["refusal_correct"] = float(bool(rec.get("refused")))
    return s


class Runner:
    def __init__(self, settings: Settings, retrieval_k: int = 20):
        from qa.answer import Assistant

        self.assistant = Assistant(settings)
        self.k = retrieval_k

    def newsqa(self, q: dict, as_of: str | None, mode: str) -> dict:
        choices = q.get("choices") if mode == "choice" else None
        ans = self.assistant.ask(q["question"], as_of=as_of, choices=choices)
        a = self.assistant
        # recall@k up to k=20 needs 20 passages: retrieve() stops at top_k (8)
        hits = a.retriever.search(ans.standalone_question, a.retriever_filters(as_of), k=self.k) if self.k else []
        passages = [p.text for p in hits]
        return {
            "answer": ans.text,
            "refused": ans.refused,
            # why it refused, what the model wrote and what it was shown: the failure analysis of issue #6
            # otherwise has to recompute them
            "refusal_reason": ans.refusal_reason,
            "raw_text": ans.raw_text,
            "evidence": [e.quote for e in ans.evidence],
            "choice": ans.choice,
            "citations": [
                c.model_dump(mode="json", include={"n", "quote", "title", "date", "url"}) for c in ans.citations
            ],
            "unsupported": [u.model_dump() for u in ans.unsupported],
            "passages": passages or [p.text for p in ans.passages],
            "latency_s": ans.timings.total_s,
            "first_token_s": ans.timings.first_token_s,
            "prompt_tokens": ans.usage.prompt_tokens,
        }

    def reference(self, q: dict, as_of: str | None) -> dict:
        """Dense top-4 chunks pasted into the tutorial prompt, same store, same model."""
        from langchain_core.prompts import ChatPromptTemplate

        from qa.retrieve import Filters

        a = self.assistant
        t0 = time.perf_counter()
        f = Filters(as_of=scoring_date(as_of))
        hits = a.store.query(a.embedder.embed([q["question"]])[0], 4, f.chroma_where())
        context = "\n\n".join(p.text for p, _ in hits)
        msg = (ChatPromptTemplate.from_messages([("human", REFERENCE_PROMPT)]) | a.llm).invoke(
            {"question": q["question"], "context": context}
        )
        usage = msg.usage_metadata or {}
        return {
            "answer": msg.content,
            "refused": False,
            "choice": None,
            "passages": [p.text for p, _ in hits],
            "latency_s": round(time.perf_counter() - t0, 3),
            "prompt_tokens": usage.get("input_tokens", 0),
        }


def scoring_date(v: str | None):
    from qa.ingest.dates import parse_date

    return parse_date(v) if v else None


def run(args: argparse.Namespace) -> int:
    qpath = Path(args.questions)
    if not qpath.exists():
        print(f"error: {qpath} does not exist", file=sys.stderr)
        return 2
    questions = load_questions(qpath)
    if args.sample:
        questions = random.Random(args.seed).sample(questions, min(args.sample, len(questions)))
    if args.limit:
        questions = questions[: args.limit]
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    pred_path = out / "predictions.jsonl"
    done = read_done(pred_path)
    runner = Runner(Settings())
    systems = ["newsqa"] + ([] if args.no_reference else ["reference-rag"])
    modes = ["open", "choice"] if any(q.get("choices") for q in questions) and not args.open_only else ["open"]
    jobs = [
        (q, s, m)
        for q in questions
        for s in systems
        for m in modes
        if not (m == "choice" and (s == "reference-rag" or not q.get("choices")))
    ]
    todo = [j for j in jobs if (f"{j[1]}:{j[2]}", str(j[0]["id"])) not in done]
    correct = total = 0
    bar = tqdm(todo, desc="evaluating", unit="q")
    with pred_path.open("a", encoding="utf-8") as f:
        for q, system, mode in bar:
            as_of = q.get(args.as_of_field) if args.as_of_field else None
            rec: dict[str, Any] = {
                "system": f"{system}:{mode}",
                "id": str(q["id"]),
                "question": q["question"],
                "date": q.get("date"),
                "golds": q["golds"],
            }
            try:
                rec.update(runner.newsqa(q, as_of, mode) if system == "newsqa" else runner.reference(q, as_of))
            except Exception as e:  # noqa: BLE001 - recorded per question, never fatal
                rec.update(error=f"{type(e).__name__}: {e}", trace=traceback.format_exc(limit=3))
            rec["scores"] = score_record(rec, q)
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")
            f.flush()
            key = "choice_correct" if mode == "choice" else "contains"
            if system == "newsqa" and key in rec["scores"]:
                total += 1
                correct += rec["scores"][key]
                bar.set_postfix(acc=f"{correct / total:.2f}")
    from qa.report import write_report

    baselines = Path(args.baselines) if args.baselines else None
    summary = write_report(out, questions, read_done(pred_path), baselines)
    if args.rgb:
        summary["rgb"] = rgb_eval(runner, Path(args.rgb), args.rgb_limit or args.limit, out)
        (out / "summary.json").write_text(json.dumps(summary, indent=2))
    print(json.dumps({k: v for k, v in summary.items() if k != "by_month"}, indent=2)[:4000])
    return 0


CONFLICT_WORDS = ("conflict", "disagree", "differ", "contradict", "however", "while other", "but other", "vary")


def rgb_items(path: Path, limit: int | None = None) -> list[dict]:
    """RGB's items (one JSON object per line), the first ``limit``: read here for the evaluator and for
    benchmarks/self_check.py alike, so both measure the same items."""
    items = [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
    return items[:limit] if limit else items


def rgb_eval(runner: Runner, path: Path, limit: int | None, out: Path) -> dict:
    """RGB counterfactual robustness: answers from given passages, not the store."""
    items = rgb_items(path, limit)
    noticed = refused_noise = correct_with_conflict = 0
    rows = []
    for it in tqdm(items, desc="rgb", unit="q"):
        golds = it["answer"] if isinstance(it["answer"], list) else [it["answer"]]
        golds = [g for g in (x if isinstance(x, str) else " ".join(x) for x in golds)]
        mixed = (it.get("positive") or [])[:2] + (it.get("positive_wrong") or [])[:2]
        a = runner.assistant.ask(it["query"], documents=mixed)
        text = a.text.lower()
        fake = str(it.get("fakeanswer", "")).lower()
        both = scoring.contains(a.text, golds) and fake and fake in text
        n = bool(both or any(w in text for w in CONFLICT_WORDS))
        noticed += n
        correct_with_conflict += int(scoring.contains(a.text, golds) > 0)
        noise = runner.assistant.ask(it["query"], documents=(it.get("negative") or [])[:4])
        refused_noise += noise.refused
        rows.append(
            {
                "query": it["query"],
                "conflict_answer": a.text,
                "noticed": n,
                "noise_answer": noise.text,
                "noise_refused": noise.refused,
            }
        )
    (out / "rgb.jsonl").write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    n = max(len(items), 1)
    return {
        "items": len(items),
        "conflict_noticed": round(noticed / n, 3),
        "correct_under_conflict": round(correct_with_conflict / n, 3),
        "noise_refused": round(refused_noise / n, 3),
    }


def summarize_latency(values: list[float]) -> dict[str, float]:
    if not values:
        return {}
    values = sorted(values)
    return {"p50": round(statistics.median(values), 2), "p95": round(values[int(0.95 * (len(values) - 1))], 2)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m qa.evaluate", description=__doc__.split("\n\n")[0])
    ap.add_argument("questions", help="JSON lines: question, answers|answer, optional id, date, choices, answerable")
    ap.add_argument("--out", required=True, help="output folder (reused to resume)")
    ap.add_argument("--limit", type=int)
    ap.add_argument("--sample", type=int, help="a random sample of N questions")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--as-of-field", default="date", help="question field used as as_of ('' for none)")
    ap.add_argument("--baselines", help="published predictions to score side by side (baselines.jsonl)")
    ap.add_argument("--no-reference", action="store_true", help="skip the plain reference RAG")
    ap.add_argument("--open-only", action="store_true", help="skip the multiple-choice pass")
    ap.add_argument("--rgb", help="RGB en_fact.json: counterfactual robustness from given passages")
    ap.add_argument("--rgb-limit", type=int)
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    return run(args)


if __name__ == "__main__":
    sys.exit(main())

"""Can the model itself tell an answer its evidence states from one it does not? A candidate refusal signal for
answers over passages that do not hold the answer (issue #6: "refusal rather than a guess").

After each answer, the same conversation goes on with one yes/no question; the prompt prefix is cached, so the
check costs one short model call. It reports the model's reply and P(yes) / (P(yes) + P(no)) from the first
token's top log-probabilities, for RGB's noise-only passages (no answer in them) and its positive passages (the
answer in them). A usable signal would separate the two.

    python benchmarks/self_check.py [--limit 10]
"""

from __future__ import annotations

import argparse
import math
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from langchain_core.messages import AIMessage, HumanMessage  # noqa: E402
from retrieval_levers import QUESTIONS  # noqa: E402 - the one place that says where ../shared/benchmarks is

from qa.answer import Assistant  # noqa: E402
from qa.rgb import rgb_items  # noqa: E402
from qa.types import Answer  # noqa: E402

RGB = QUESTIONS.parents[1] / "rgb-counterfactual" / "en_fact.json"
CHECKS = {
    "plain": "Does the evidence state that answer to the question? Reply yes or no.",
    "strict": "Check your answer: does one evidence sentence say exactly this, for exactly what the question asks "
    "(same year, same event)? Reply yes or no.",
}


def p_yes(a: Assistant, answer: Answer, question: str, check: str) -> tuple[str, float, float]:
    """The reply, P(yes) among yes/no, and the seconds the check took."""
    messages = a.prompt.format_messages(**a.prompt_variables(answer.evidence, question, None, answer.as_of))
    t = time.perf_counter()
    reply = a.llm.invoke(
        [*messages, AIMessage(answer.raw_text), HumanMessage(check)], max_tokens=1, logprobs=True, top_logprobs=10
    )
    took = time.perf_counter() - t
    content = (reply.response_metadata.get("logprobs") or {}).get("content") or [{}]
    tops = content[0].get("top_logprobs", [])
    yes = sum(math.exp(x["logprob"]) for x in tops if x["token"].strip().lower().startswith("yes"))
    no = sum(math.exp(x["logprob"]) for x in tops if x["token"].strip().lower().startswith("no"))
    return str(reply.content).strip().lower(), yes / max(yes + no, 1e-9), took


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--rgb", type=Path, default=RGB)
    ap.add_argument("--limit", type=int, default=10)
    args = ap.parse_args()
    if not args.rgb.exists():
        print(f"SKIP: {args.rgb} is absent (../shared/benchmarks is not on this machine)")
        return 0
    items = rgb_items(args.rgb, args.limit)
    a = Assistant()
    seen: dict[tuple[str, str], list[tuple[str, float, float]]] = {}
    refused = {"negative": 0, "positive": 0}
    for it in items:
        for kind in ("negative", "positive"):
            answer = a.ask(it["query"], documents=it[kind][:4])
            if answer.refused:
                refused[kind] += 1
                continue
            for name, check in CHECKS.items():
                seen.setdefault((kind, name), []).append(p_yes(a, answer, it["query"], check))
    print(
        f"{len(items)} RGB items; refused before the check: noise-only {refused['negative']}, "
        f"with the answer {refused['positive']}\n"
    )
    print("| passages | check | answers | replied yes | P(yes) mean (min-max) | check time (mean) |")
    print("|---|---|---|---|---|---|")
    for (kind, name), rows in seen.items():
        ps = [p for _, p, _ in rows]
        label = "noise only" if kind == "negative" else "with the answer"
        yes = sum(r.startswith("yes") for r, _, _ in rows)
        print(
            f"| {label} | {name} | {len(rows)} | {yes} | {statistics.mean(ps):.3f} ({min(ps):.3f}-{max(ps):.3f}) | "
            f"{statistics.mean(t for _, _, t in rows):.2f} s |"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

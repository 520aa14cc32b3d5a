"""The local model's prompt processing and generation speed, as llama.cpp itself times them, for one or more GGUF
files in one run (the issue asks for today's model against other builds and quantisations, side by side).

    python benchmarks/llm_speed.py [--gguf default] [--gguf /path/other.gguf ...] [--reps 3]

Each model serves the product's own prompt shape: the fixed system prompt, then evidence sentences and a question
(about 450 prompt tokens, none cached: each repetition changes the first line of the evidence), and writes up to
48 tokens. Printed per model: prompt tokens/s and generation tokens/s (medians), and ratios to the first model.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from qa import prompts  # noqa: E402
from qa.config import Settings  # noqa: E402
from qa.llm import LocalServer, resolve_gguf  # noqa: E402
from qa.provenance import code_state  # noqa: E402

SEED = Path(__file__).resolve().parents[1] / "data"


def evidence(rep: int) -> str:
    """Ten sentences of data/'s article as evidence lines, the first made unique per repetition (no cache hit)."""
    from qa.text import sentence_spans

    text = next(SEED.glob("*.txt")).read_text(encoding="utf-8")
    sents = [text[a:b] for a, b in sentence_spans(text) if 40 < b - a < 400][:10]
    lines = [f"[{i + 1}] (sputniknews.com, 2022-01-04) {s}" for i, s in enumerate(sents)]
    lines[0] = f"[1] (example.org, 2022-01-0{1 + rep % 9}) Repetition {rep}: {sents[0]}"
    return "\n".join(lines)


def timed(base: str, rep: int) -> dict:
    human = prompts.HUMAN.format(
        evidence=evidence(rep), today="", question="How many US troops are in Syria?", choices=""
    )
    body = {
        "messages": [{"role": "system", "content": prompts.SYSTEM}, {"role": "user", "content": human}],
        "max_tokens": 48,
        "temperature": 0,
        "cache_prompt": False,
    }
    req = urllib.request.Request(
        f"{base}/chat/completions", json.dumps(body).encode(), {"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(req, timeout=600) as r:
        return json.load(r)["timings"]


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--gguf", action="append", help="a GGUF file, or 'default' (the product's model)")
    ap.add_argument("--reps", type=int, default=3)
    args = ap.parse_args()
    print("provenance:", json.dumps(code_state()))
    first = None
    for name in args.gguf or ["default"]:
        settings = Settings(llm_gguf=None if name == "default" else Path(name))
        server = LocalServer(resolve_gguf(settings), settings)
        runs = [timed(server.base_url, rep) for rep in range(args.reps + 1)][1:]  # the first warms up the process
        pp = statistics.median(t["prompt_per_second"] for t in runs)
        tg = statistics.median(t["predicted_per_second"] for t in runs)
        first = first or (pp, tg)
        print(
            f"{server.gguf.name}: prompt {runs[0]['prompt_n']} tokens at {pp:.1f} tok/s ({pp / first[0]:.2f}x), "
            f"generation {tg:.1f} tok/s ({tg / first[1]:.2f}x)",
            flush=True,
        )
        del server
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""The local model's prompt processing and generation speed, as llama.cpp itself times them, for GGUF files and
llama.cpp builds side by side in one run (today's model and wheel against other quantisations and builds).

    python benchmarks/llm_speed.py [--gguf default] [--gguf /path/other.gguf ...] [--build DIR ...]
                                   [--openvino-genai installed|DIR] [--reps 3]

``--build DIR``: a folder holding another build of the ``xllamacpp`` package (an unpacked wheel, e.g. the portable
one from PyPI); each build runs in a process of its own with that folder first on its path. The installed package
is the first build. Every GGUF is run on every build, and the ratios are to the first row. (Micro-batch sizes,
measured at `62f5289` with an ``--ubatch`` option, were no better than llama.cpp's default and the option is gone.)

``--openvino-genai installed`` (the ``openvino`` extra, which ``make setup`` installs) or ``--openvino-genai DIR``
(a folder with other builds of ``openvino_genai`` and ``openvino_tokenizers``): its ``LLMPipeline`` reads the same
GGUF files and runs them on OpenVINO, timed on the same prompts with its prefix cache off, as the last rows. The
product's ``QA_LLM=openvino`` runs the same pipeline with the prefix cache on.

Each model serves the product's own prompt shape: the fixed system prompt, then evidence sentences and a question
(about 450 prompt tokens, none cached: each repetition changes the first line of the evidence), and writes up to
48 tokens. Printed per model: prompt tokens/s and generation tokens/s (medians), and ratios to the first model.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from _provenance import print_provenance  # noqa: E402

from qa import prompts  # noqa: E402
from qa.config import Settings  # noqa: E402
from qa.llm import LocalServer, resolve_gguf  # noqa: E402

SEED = Path(__file__).resolve().parents[1] / "data"


def evidence(rep: int) -> str:
    """Ten sentences of data/'s article as evidence lines, the first made unique per repetition (no cache hit)."""
    from qa.text import sentence_spans

    text = next(SEED.glob("*.txt")).read_text(encoding="utf-8")
    sents = [text[a:b] for a, b in sentence_spans(text) if 40 < b - a < 400][:10]
    # grouped as qa.prompts.evidence_lines writes them: an outlet and date line, then its sentences
    lines = [f"(example.org, 2022-01-0{1 + rep % 9})", f"[1] Repetition {rep}: {sents[0]}"]
    lines += ["(sputniknews.com, 2022-01-04)", *(f"[{i}] {s}" for i, s in enumerate(sents[1:], 2))]
    return "\n".join(lines)


def messages(rep: int) -> list[dict[str, str]]:
    """The product's prompt for repetition ``rep``: the fixed system text, then the evidence and the question."""
    human = prompts.HUMAN.format(
        evidence=evidence(rep), today="", question="How many US troops are in Syria?", choices=""
    )
    return [{"role": "system", "content": prompts.SYSTEM}, {"role": "user", "content": human}]


def timed(base: str, rep: int) -> dict:
    body = {
        "messages": messages(rep),
        "max_tokens": 48,
        "temperature": 0,
        "cache_prompt": False,
    }
    req = urllib.request.Request(
        f"{base}/chat/completions", json.dumps(body).encode(), {"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(req, timeout=600) as r:
        return json.load(r)["timings"]


def measure(gguf: str, reps: int) -> dict:
    """One model on the xllamacpp this process imports: median prompt and generation tokens/s."""
    import xllamacpp

    settings = Settings(llm_gguf=None if gguf == "default" else Path(gguf))
    server = LocalServer(resolve_gguf(settings), settings)
    runs = [timed(server.base_url, rep) for rep in range(reps + 1)][1:]  # the first warms up the process
    cpu = xllamacpp.get_system_info().split("|")
    return {
        "runtime": f"llama.cpp {'AVX-512' if any('AVX512 = 1' in f for f in cpu) else 'without AVX-512'}",
        "gguf": server.gguf.name,
        "prompt_n": runs[0]["prompt_n"],
        "pp": statistics.median(t["prompt_per_second"] for t in runs),
        "tg": statistics.median(t["predicted_per_second"] for t in runs),
    }


def measure_openvino_genai(gguf: str, reps: int) -> dict:
    """The same prompts through OpenVINO GenAI's ``LLMPipeline`` reading the GGUF: prompt tokens/s from its time to
    the first token, generation tokens/s from its time per later token (medians)."""
    import openvino_genai as og

    settings = Settings(llm_gguf=None if gguf == "default" else Path(gguf))
    scheduler = og.SchedulerConfig()
    scheduler.enable_prefix_caching = False  # as llama.cpp's cache_prompt false above: every prompt computed whole
    pipe = og.LLMPipeline(str(resolve_gguf(settings)), "CPU", scheduler_config=scheduler)
    tokenizer = pipe.get_tokenizer()
    config = og.GenerationConfig(max_new_tokens=48, do_sample=False)
    config.apply_chat_template = False
    runs = []
    for rep in range(reps + 1):
        prompt = tokenizer.apply_chat_template(messages(rep), add_generation_prompt=True)
        metrics = pipe.generate([prompt], config).perf_metrics
        n = metrics.get_num_input_tokens()
        runs.append((n, n / (metrics.get_ttft().mean / 1000), 1000 / metrics.get_tpot().mean))
    runs = runs[1:]  # the first compiles and warms up
    return {
        "runtime": f"OpenVINO GenAI {og.__version__}",
        "gguf": resolve_gguf(settings).name,
        "prompt_n": runs[0][0],
        "pp": statistics.median(r[1] for r in runs),
        "tg": statistics.median(r[2] for r in runs),
    }


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--gguf", action="append", help="a GGUF file, or 'default' (the product's model)")
    ap.add_argument("--build", action="append", default=[], help="a folder with another build of xllamacpp")
    ap.add_argument("--openvino-genai", metavar="DIR", help="'installed', or a folder with other builds of it")
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--child", choices=["llama.cpp", "openvino-genai"], help=argparse.SUPPRESS)
    args = ap.parse_args()
    ggufs = args.gguf or ["default"]
    if args.child:
        child = measure if args.child == "llama.cpp" else measure_openvino_genai
        print(json.dumps(child(ggufs[0], args.reps)))
        return 0
    print_provenance()  # no store: the prompts are built here
    runs = [(build, "llama.cpp", gguf) for build in ["installed", *args.build] for gguf in ggufs]
    runs += [(args.openvino_genai, "openvino-genai", gguf) for gguf in ggufs if args.openvino_genai]
    first = None
    for build, runtime, gguf in runs:
        env = dict(os.environ)
        if build != "installed":
            env["PYTHONPATH"] = os.pathsep.join(p for p in [str(Path(build).resolve()), env.get("PYTHONPATH")] if p)
        cmd = [sys.executable, __file__, "--child", runtime, "--gguf", gguf, "--reps", str(args.reps)]
        proc = subprocess.run(cmd, env=env, capture_output=True, text=True)
        if proc.returncode:
            print(proc.stderr[-2000:])
            return proc.returncode
        r = json.loads(proc.stdout.strip().splitlines()[-1])
        first = first or r
        print(
            f"{build}: {r['runtime']}, {r['gguf']}: prompt {r['prompt_n']} tokens at {r['pp']:.1f} tok/s "
            f"({r['pp'] / first['pp']:.2f}x), generation {r['tg']:.1f} tok/s ({r['tg'] / first['tg']:.2f}x)",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""The warm start: the fixed prefixes' KV states (the answer's system prompt, the judge's) are computed once, saved
with llama.cpp's slot files under the cache folder, and restored by the next launch instead of computed again; the
first question then finds them cached. Each launch is its own process, as after `python app.py`; the plumbing model
keeps it fast."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LAUNCH = """
import json, sys
from qa.config import Settings
from qa.llm import LazyModel
from qa.types import Usage
model = LazyModel(Settings(cache_dir=sys.argv[1], llm_gguf="smollm2", llm_max_tokens=16))
restored = model.warm()
usage = [u for u in model.stream({"evidence": "[1] (x.example, 2026-01-02) Ferries run hourly.",
                                   "question": "How often do ferries run?", "choices": ""}) if isinstance(u, Usage)]
print(json.dumps({"restored": restored, "cached": usage[-1].cached_tokens, "prompt": usage[-1].prompt_tokens}))
"""


def launch(cache: Path) -> dict:
    out = subprocess.run([sys.executable, "-c", LAUNCH, str(cache)], cwd=ROOT, capture_output=True, text=True,
                         timeout=600, check=True)  # fmt: skip
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_the_system_prompt_is_computed_once_then_restored_by_each_launch(tmp_path):
    first = launch(tmp_path)
    assert first["restored"] is False and first["cached"] > 0  # computed, then reused by the question
    saved = list((tmp_path / "kv").glob("warm-*.bin"))  # the answer's prefix and the judge's, one file each
    assert len(saved) == 2 and all(f.stat().st_size > 0 for f in saved)
    second = launch(tmp_path)
    assert second["restored"] is True
    assert second["cached"] == first["cached"]  # the restored state serves the question as the computed one did


def test_a_state_that_does_not_load_is_computed_again(tmp_path):
    launch(tmp_path)
    for f in (tmp_path / "kv").glob("warm-*.bin"):
        f.write_bytes(b"not a llama.cpp state")
    again = launch(tmp_path)
    assert again["restored"] is False and again["cached"] > 0

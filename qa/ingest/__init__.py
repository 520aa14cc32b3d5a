"""Ingest: articles on disk -> cleaned, dated documents -> chunks -> embeddings -> the Chroma store."""

from qa.ingest.pipeline import IngestReport, ingest

__all__ = ["IngestReport", "ingest"]

"""Chunking on sentence boundaries with a small sentence overlap; each chunk keeps exact offsets."""

from __future__ import annotations

from qa.text import sentence_spans
from qa.types import Article, Chunk

CHUNK_FORMAT = 1  # bump when chunk or embed-text layout changes: the content hash changes, chunks are rebuilt
# Sentences a chunk repeats from the one before it, so a fact split across a boundary is whole in one of them.
OVERLAP_SENTENCES = 1


def embed_text(article: Article, text: str) -> str:
    """Title and date give a short passage the context a question names ("the Deir-ez-Zor strikes")."""
    date = article.published.isoformat() if article.published else "date unknown"
    return f"{article.title} ({date})\n{text}"


def chunk_article(article: Article, max_chars: int, overlap: int = OVERLAP_SENTENCES) -> list[Chunk]:
    spans = sentence_spans(article.text)
    if not spans:
        return []
    groups: list[list[tuple[int, int]]] = []
    cur: list[tuple[int, int]] = []
    for span in spans:
        if cur and span[1] - cur[0][0] > max_chars:
            groups.append(cur)
            cur = cur[-overlap:] if overlap else []
            # an overlap that alone fills the window would repeat forever
            if cur and span[1] - cur[0][0] > max_chars:
                cur = []
        cur.append(span)
    groups.append(cur)
    chunks = []
    for i, g in enumerate(groups):
        start, end = g[0][0], g[-1][1]
        text = article.text[start:end]
        chunks.append(
            Chunk(
                chunk_id=f"{article.doc_id}-{article.content_hash[:8]}-{i:04d}",
                doc_id=article.doc_id,
                index=i,
                start=start,
                end=end,
                text=text,
                embed_text=embed_text(article, text),
            )
        )
    return chunks

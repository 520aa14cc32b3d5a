"""What one ingest did, article by article: counts, what was skipped and why, and what was left out of each article
as not prose. Kept beside the store as the last ingest's report, which the web library shows."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path


@dataclass
class IngestReport:
    files_seen: int = 0
    articles_seen: int = 0
    ingested: int = 0  # new articles
    replaced: int = 0  # articles whose content changed
    unchanged: int = 0
    repaired: int = 0  # incomplete leftovers of an interrupted run, completed now
    pruned: int = 0
    chunks_added: int = 0
    embedded: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (file or record, reason)
    # what was left out of each article as not prose (comments, hidden text, template tokens...), by kind
    removed: dict[str, dict[str, int]] = field(default_factory=dict)
    seconds: float = 0.0
    embed_seconds: float = 0.0
    paths: list[str] = field(default_factory=list)  # what was asked to be ingested
    finished_at: str | None = None  # UTC, ISO

    @property
    def ok(self) -> bool:
        return not self.skipped

    def save(self, path: Path) -> None:
        """Kept beside the store as the last ingest's report (the web library shows it)."""
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.tmp")
        tmp.write_text(json.dumps(asdict(self), ensure_ascii=False, indent=1), encoding="utf-8")
        tmp.replace(path)

    @classmethod
    def load(cls, path: Path) -> IngestReport | None:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            data["skipped"] = [tuple(x) for x in data.get("skipped", [])]
            return cls(**{k: v for k, v in data.items() if k in cls.__dataclass_fields__})
        except (OSError, ValueError, TypeError):
            return None

    def counts(self) -> str:
        return (
            f"files seen {self.files_seen}, articles {self.articles_seen}: ingested {self.ingested}, "
            f"replaced {self.replaced}, unchanged {self.unchanged}, repaired {self.repaired}, "
            f"pruned {self.pruned}, skipped {len(self.skipped)}"
        )

    def summary(self) -> str:
        lines = [
            self.counts(),
            f"chunks added {self.chunks_added}, embeddings computed {self.embedded}, "
            f"{self.seconds:.1f} s ({self.embed_seconds:.1f} s embedding)",
        ]
        if self.removed:
            totals: dict[str, int] = {}
            for kinds in self.removed.values():
                for kind, n in kinds.items():
                    totals[kind] = totals.get(kind, 0) + n
            what = ", ".join(f"{n} {kind}" for kind, n in sorted(totals.items()))
            lines.append(f"not article prose, left out of {len(self.removed)} articles: {what}")
            lines += [
                f"  {key}: " + ", ".join(f"{n} {kind}" for kind, n in sorted(kinds.items()))
                for key, kinds in sorted(self.removed.items())
            ]
        lines += [f"  skipped {what}: {why}" for what, why in self.skipped]
        return "\n".join(lines)

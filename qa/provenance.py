"""What an evaluation figure was measured on: the code (commit, and a digest of any uncommitted change), the
effective settings, the model file and what the article store holds (a digest of its chunk ids, equal for the
same articles ingested on another machine).

Every prediction carries this, so a figure can be traced to one run of one commit, and a resumed run can refuse
to mix answers made under another commit or other settings into it.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
from pathlib import Path
from typing import Any

from qa.config import Settings

ROOT = Path(__file__).resolve().parents[1]

# Settings that cannot change an answer: where things live, how the web chat listens, secrets and timeouts.
_NOT_ANSWERING: dict[str, Any] = {
    "store": {"dir", "chroma_url"},
    "cache_dir": True,
    "web": True,
    "llm": {"api_key", "timeout_s", "threads"},
    "embedding": {"threads"},
}
KEYS = ("commit", "dirty", "settings_hash", "model_sha256", "store_content")


def _git(*args: str) -> str | None:
    try:
        out = subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, timeout=30, check=True)
    except (OSError, subprocess.SubprocessError):
        return None
    return out.stdout


def code_state() -> dict[str, Any]:
    """``commit`` (None outside a git checkout) and ``dirty``: False, or a digest of the uncommitted changes to
    tracked files plus the names of untracked ones, so that two different dirty trees never look alike."""
    commit = _git("rev-parse", "HEAD")
    if commit is None:
        return {"commit": None, "dirty": None}
    status = _git("status", "--porcelain", "--untracked-files=normal") or ""
    if not status.strip():
        return {"commit": commit.strip(), "dirty": False}
    diff = (_git("diff", "HEAD") or "") + status
    return {"commit": commit.strip(), "dirty": "diff-" + hashlib.sha256(diff.encode()).hexdigest()[:12]}


def answering_settings(settings: Settings) -> dict[str, Any]:
    """The settings that can change an answer, as JSON values."""
    return settings.model_dump(mode="json", exclude=_NOT_ANSWERING)


def settings_hash(settings: Settings, options: dict[str, Any] | None = None) -> str:
    """A digest of the answering settings and of the run's own options that change answers (as-of field...)."""
    blob = json.dumps({"settings": answering_settings(settings), "options": options or {}}, sort_keys=True)
    return hashlib.sha256(blob.encode()).hexdigest()[:16]


def model_identity(settings: Settings) -> str:
    """The local GGUF's sha256 (read from the file, not assumed), or the remote endpoint and model name."""
    if settings.llm.backend not in ("local", "openvino"):
        return f"{settings.llm.backend}:{settings.llm.model}@{settings.llm.base_url}"
    from qa.llm import resolve_gguf, sha256_of

    digest = sha256_of(resolve_gguf(settings))
    return digest if settings.llm.backend == "local" else f"openvino:{digest}"


def provenance(settings: Settings, store_content: str | None, options: dict[str, Any] | None = None) -> dict:
    return {
        **code_state(),
        "settings_hash": settings_hash(settings, options),
        "model_sha256": model_identity(settings),
        "store_content": store_content,
    }


def differences(have: dict | None, now: dict) -> list[str]:
    """What differs between a stored record's provenance and this run's, in words."""
    if not have:
        return ["recorded without provenance"]
    return [f"{k}: {have.get(k)!r} then, {now.get(k)!r} now" for k in KEYS if have.get(k) != now.get(k)]

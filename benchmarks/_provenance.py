"""What every benchmark prints first: the commit it ran (and whether the tree was dirty) and the store it used.

The commit and the digest of uncommitted changes come from ``qa.provenance.code_state``, as in the evaluator's
reports. ``use_store`` makes ``--store DIR`` the store of this process and of the processes it starts.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def use_store(store: str | Path | None) -> str:
    """``--store DIR`` as ``QA_STORE_DIR`` (set before any Settings is built); returns the store then in effect."""
    if store:
        os.environ["QA_STORE_DIR"] = str(Path(store).resolve())
    from qa.config import Settings

    configured = Settings().store
    return configured.chroma_url or str(configured.dir)


def print_provenance(store: str | Path | None = None) -> None:
    """One line: ``provenance: commit <sha> (clean tree | uncommitted changes diff-...), store <where>``."""
    from qa.provenance import code_state

    state = code_state()
    if state["commit"] is None:
        code = "commit unknown (not a git checkout)"
    else:
        tree = f"uncommitted changes {state['dirty']}" if state["dirty"] else "clean tree"
        code = f"commit {state['commit']} ({tree})"
    print(f"provenance: {code}" + (f", store {store}" if store else ""), flush=True)

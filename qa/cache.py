"""Folders under ``QA_CACHE_DIR`` that are made once (converted model IRs) and must appear whole or not at all."""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Iterator
from pathlib import Path


@contextlib.contextmanager
def whole_folder(folder: Path) -> Iterator[Path]:
    """A fresh folder of this process's own to write ``folder``'s contents into, renamed into place when the block
    ends: a killed or failed conversion leaves no half cache (the block's exception removes it), and when another
    process got there first, its copy stays and this one is dropped."""
    tmp = folder.with_name(f"{folder.name}.{os.getpid()}.tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    try:
        yield tmp
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    try:
        os.replace(tmp, folder)
    except OSError:
        shutil.rmtree(tmp, ignore_errors=True)

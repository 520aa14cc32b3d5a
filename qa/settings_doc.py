"""The settings as a reader sees them: each one's effective value and where it came from (``python -m qa
settings``), and the README's table, generated from the fields' own descriptions so the two cannot drift."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from dotenv import dotenv_values
from pydantic import BaseModel, SecretStr
from pydantic.fields import FieldInfo

from qa.config import ENV_FILE, FLAT, GROUPS, PREFIX, Settings

# defaults computed at run time, shown as a reader would write them
_SHOWN_DEFAULTS = {
    "store.dir": "~/.local/share/newsqa/store",
    "llm.threads": "CPU count, at most 8",
    "cache_dir": "~/.cache/newsqa",
    "llm.api_key": "`not-needed`",
}
_ALIAS = {f"{group}.{field}": flat for flat, (group, field) in FLAT.items()}


def fields() -> list[tuple[str, FieldInfo]]:
    """Every leaf setting as ("group.field", its field), in declaration order; ``cache_dir`` stands alone."""
    out: list[tuple[str, FieldInfo]] = []
    for name, info in Settings.model_fields.items():
        group = GROUPS.get(name)
        if group is None:
            out.append((name, info))
        else:
            out += [(f"{name}.{field}", sub) for field, sub in group.model_fields.items()]
    return out


def variables(path: str) -> list[str]:
    """The environment variables that set it: the nested name, then the flat alias of earlier releases."""
    nested = PREFIX + path.replace(".", "__").upper()
    alias = _ALIAS.get(path)
    return [nested] + ([PREFIX + alias.upper()] if alias and PREFIX + alias.upper() != nested else [])


def _shown(value: Any) -> str:
    if isinstance(value, SecretStr):
        return "(secret)" if value.get_secret_value() else "–"
    if value is None:
        return "–"
    if isinstance(value, Path):
        return str(value).replace(str(Path.home()), "~", 1)
    return str(value).lower() if isinstance(value, bool) else str(value)


def _value(settings: Settings, path: str) -> Any:
    obj: Any = settings
    for part in path.split("."):
        obj = getattr(obj, part)
    return obj


def origin(settings: Settings, path: str, env_file: str | None = ENV_FILE) -> str:
    """Where the value came from: an environment variable, ``.env``, the caller, or the default."""
    environ = {k.upper(): v for k, v in os.environ.items()}
    for name in variables(path):
        if name in environ:
            return f"environment {name}"
    if env_file and Path(env_file).is_file():
        dotenv = {k.upper() for k in dotenv_values(env_file)}
        for name in variables(path):
            if name in dotenv:
                return f"{env_file} {name}"
    group, _, field = path.rpartition(".")
    holder: BaseModel = getattr(settings, group) if group else settings
    return "set by the caller" if field in holder.model_fields_set else "default"


def effective(settings: Settings | None = None) -> str:
    """One line per setting: its name, its value (secrets masked) and where that came from."""
    settings = settings or Settings()
    rows = [(path, _shown(_value(settings, path)), origin(settings, path)) for path, _ in fields()]
    width = max(len(p) for p, _, _ in rows)
    return "\n".join(f"{p:<{width}}  {v}  ({o})" for p, v, o in rows)


def markdown() -> str:
    """The README's settings table, from the fields' descriptions and defaults."""
    lines = ["| setting | variables | default | meaning |", "|---|---|---|---|"]
    for path, info in fields():
        default = _SHOWN_DEFAULTS.get(path) or _shown(info.get_default(call_default_factory=True))
        names = ", ".join(f"`{v}`" for v in variables(path))
        lines.append(f"| `{path}` | {names} | {default} | {info.description or ''} |")
    return "\n".join(lines)

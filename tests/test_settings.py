"""Settings: nested groups, the flat names of earlier releases as aliases, where each value came from, and the
README's table generated from the settings' own descriptions."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from pydantic import ValidationError

from qa import settings_doc
from qa.config import Settings

ROOT = Path(__file__).resolve().parents[1]


def test_nested_names_flat_aliases_and_the_constructor(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)  # no .env of the checkout
    monkeypatch.setenv("QA_RETRIEVAL__TOP_K", "4")
    monkeypatch.setenv("QA_LLM", "openai")  # a flat alias that shares its name with the llm group
    monkeypatch.setenv("QA_LLM__CTX", "8192")
    monkeypatch.setenv("QA_PORT", "9000")
    s = Settings(store_dir=tmp_path / "store", judge_below=0.3)
    assert (s.retrieval.top_k, s.llm.backend, s.llm.ctx, s.web.port) == (4, "openai", 8192, 9000)
    assert (s.store.dir, s.answer.judge_below) == (tmp_path / "store", 0.3)
    monkeypatch.setenv("QA_TOP_K", "3")  # the nested name wins over the alias, the constructor over both
    assert Settings().retrieval.top_k == 4 and Settings(top_k=9).retrieval.top_k == 9
    copy = s.replace(top_k=5, answer={"choice_by_answer": False})
    assert (copy.retrieval.top_k, copy.answer.choice_by_answer, copy.store.dir) == (5, False, s.store.dir)


def test_dotenv_is_read_with_both_names(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".env").write_text("QA_EVIDENCE_SENTENCES=7\nQA_WEB__HOST=localhost\n")
    s = Settings()
    assert (s.evidence.sentences, s.web.host) == (7, "localhost")
    assert settings_doc.origin(s, "evidence.sentences") == ".env QA_EVIDENCE_SENTENCES"
    assert settings_doc.origin(s, "retrieval.top_k") == "default"


def test_a_bad_value_names_its_setting(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ValidationError, match="retrieval.top_k"):
        Settings(top_k=0)
    monkeypatch.setenv("QA_ANSWER__JUDGE_BELOW", "1.5")
    with pytest.raises(ValidationError, match="answer.judge_below"):
        Settings()


def test_settings_command_says_where_each_value_came_from(tmp_path):
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "QA_TOP_K": "4", "QA_LLM__MAX_TOKENS": "64"}
    out = subprocess.run(
        [sys.executable, "-m", "qa", "settings", "--store", str(tmp_path / "s")],
        cwd=tmp_path, env=env, capture_output=True, text=True, check=True, timeout=120,
    ).stdout  # fmt: skip
    lines = {line.split()[0]: line for line in out.splitlines()}
    assert len(lines) == len(settings_doc.fields()) < 30  # the settings a user tunes, no more
    assert lines["retrieval.top_k"].endswith("4  (environment QA_TOP_K)")
    assert lines["llm.max_tokens"].endswith("64  (environment QA_LLM__MAX_TOKENS)")
    assert "(set by the caller)" in lines["store.dir"] and "(default)" in lines["web.port"]


def test_the_readme_table_is_generated_from_the_descriptions():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme.split("<!-- settings-table:start -->\n")[1].split("<!-- settings-table:end -->")[0].strip()
    assert table == settings_doc.markdown(), "README is stale: paste `python -m qa settings --markdown` into it"
    assert all(info.description for _, info in settings_doc.fields())

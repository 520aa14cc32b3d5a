"""RGB counterfactual robustness (Chen et al. 2023): answers from given passages, not the store.

Per item, two questions: with two true and two counterfactual passages (is the true answer kept, and is the
disagreement noticed?), and with noise passages only (is the question refused?). Resumable like the evaluator:
each item is appended to ``rgb.jsonl`` as soon as it is answered.

RGB chose its noise passages by the absence of the answer's exact string, so some of them state the answer in other
words: "Super Bowl LV will be played in Tampa Bay" for the 2021 game, "acquired by Meta" for who bought Instagram.
Answering those is right, not a failure to refuse. ``noise_labels`` reads hand labels of each item's noise
(``benchmarks/rgb/noise-labels.jsonl``: the four passages state the answer, hint at it, or never mention it; where
they state it, the words they use for it, "Meta" or "Tampa Bay"), and the summary then also gives refusal where the
noise is clean, and right or wrong answers where it states the answer.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tqdm import tqdm

from qa import provenance, scoring
from qa.ledger import read_records

CONFLICT_WORDS = ("conflict", "disagree", "differ", "contradict", "however", "while other", "but other", "vary")


def rgb_items(path: Path, limit: int | None = None) -> list[dict]:
    """RGB's items (one JSON object per line), the first ``limit``: read here for the evaluator and for the
    benchmarks alike, so both measure the same items."""
    items = [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
    return items[:limit] if limit else items


def answer_parts(answer: Any) -> list[list[str]]:
    """RGB's ``answer``: a string, a list of accepted strings, or a list of lists, each inner list the accepted
    spellings of one required part (``[["July 21 2017", "Jul 21, 2017", ...]]``). Returned as parts, each a list
    of alternatives: joining the alternatives into one string (as once done here) made 28 of the 100 items
    impossible to score."""
    if isinstance(answer, str):
        return [[answer]]
    if answer and all(isinstance(a, list) for a in answer):
        return [[str(x) for x in part] for part in answer]
    return [[str(a) for a in answer]]  # a flat list: alternatives of one part


def rgb_correct(text: str, parts: list[list[str]]) -> bool:
    """Every required part is stated, in any of its accepted spellings."""
    return bool(parts) and all(scoring.contains(text, alts) for alts in parts)


NOISE_LABELS = ("states", "hints", "clean")


@dataclass(frozen=True)
class NoiseLabel:
    """What an item's noise passages say about its query (``NOISE_LABELS``), and the words they use for the answer
    where RGB's accepted strings miss them ("Meta" for Facebook)."""

    label: str
    aliases: tuple[str, ...] = ()


def noise_labels(path: Path) -> dict[int, NoiseLabel]:
    """Hand labels of each item's noise passages by item index, checked so that a mistyped file fails here rather
    than as a silently smaller count."""
    labels = {}
    for row in read_records(path):
        aliases = row.get("aliases", [])
        if (
            row.get("label") not in NOISE_LABELS
            or not isinstance(row.get("item"), int)
            or not (isinstance(aliases, list) and all(isinstance(a, str) and a.strip() for a in aliases))
        ):
            raise ValueError(
                f"{path}: each line needs an integer item, a label among {NOISE_LABELS} and a list of aliases: {row}"
            )
        labels[row["item"]] = NoiseLabel(row["label"], tuple(aliases))
    return labels


def noise_right(text: str, parts: list[list[str]], label: NoiseLabel | None) -> bool:
    """A noise-only answer states RGB's answer, or the answer in the words the noise passages use for it."""
    aliases = list(label.aliases) if label else []
    return rgb_correct(text, parts) or bool(aliases and scoring.contains(text, aliases))


def noise_by_label(rows: list[dict], items: list[dict], labels: dict[int, NoiseLabel]) -> dict[str, dict]:
    """Per label of the noise passages: items, and the shares refused, answered rightly (``noise_right``, graded here
    from each answer's text, so rows resumed from a run under other labels count under these) and answered
    otherwise. Clean noise should be refused; noise that states the answer may be answered, rightly."""
    out = {}
    for label in NOISE_LABELS:
        mine = [(r, lab) for r in rows if (lab := labels.get(int(r["item"]))) and lab.label == label]
        n = max(len(mine), 1)
        right = sum(
            not r["noise_refused"]
            and noise_right(r["noise_answer"], answer_parts(items[int(r["item"])]["answer"]), lab)
            for r, lab in mine
        )
        refused = sum(bool(r["noise_refused"]) for r, _ in mine)
        out[label] = {
            "items": len(mine),
            "refused": round(refused / n, 3),
            "right": round(right / n, 3),
            "wrong": round((len(mine) - refused - right) / n, 3),
        }
    return out


def rgb_eval(
    assistant,
    path: Path,
    limit: int | None,
    out: Path,
    prov: dict,
    ledger: Path | None = None,
    labels: dict[int, NoiseLabel] | None = None,
) -> dict:
    """Scores of the first ``limit`` items; a ``ledger`` folder also keeps each row without RGB's own text (its
    query and answers), so the run resumes from a committed ledger on another machine. ``labels`` (``noise_labels``)
    adds the noise-only figures by what the noise passages say."""
    from qa.ledger import RGB_LEDGER_DROPS, elide, ledger_file

    items = rgb_items(path, limit)
    rows_path = out / "rgb.jsonl"
    kept = read_records(ledger / "rgb.jsonl") if ledger else []
    done = {
        int(r["item"]): r
        for r in [*kept, *read_records(rows_path)]
        if "item" in r and not provenance.differences(r.get("provenance"), prov)
    }
    with rows_path.open("a", encoding="utf-8") as f, ledger_file(ledger, "rgb.jsonl") as lf:
        for i, it in enumerate(tqdm(items, desc="rgb", unit="item")):
            if i in done:
                continue
            parts = answer_parts(it["answer"])
            mixed = (it.get("positive") or [])[:2] + (it.get("positive_wrong") or [])[:2]
            a = assistant.ask(it["query"], documents=mixed)
            fake = str(it.get("fakeanswer", "")).strip()
            correct = rgb_correct(a.text, parts)
            both = correct and bool(fake) and scoring.contains(a.text, [fake]) > 0
            noticed = bool(both or any(w in a.text.lower() for w in CONFLICT_WORDS))
            noise = assistant.ask(it["query"], documents=(it.get("negative") or [])[:4])
            row = {
                "item": i,
                "query": it["query"],
                "answer_parts": parts,
                "conflict_answer": a.text,
                "correct_under_conflict": correct,
                "noticed": noticed,
                "noise_answer": noise.text,
                "noise_refused": noise.refused,
                "provenance": prov,
            }
            done[i] = row
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
            f.flush()
            if lf is not None:
                kept_row = {k: v for k, v in row.items() if k not in RGB_LEDGER_DROPS}
                kept_row["conflict_answer"] = elide(a.text, (c.quote for c in a.citations))
                kept_row["noise_answer"] = elide(noise.text, (c.quote for c in noise.citations))
                lf.write(json.dumps(kept_row) + "\n")
                lf.flush()
    rows = [done[i] for i in range(len(items)) if i in done]
    n = max(len(rows), 1)
    summary: dict = {
        "items": len(rows),
        "conflict_noticed": round(sum(r["noticed"] for r in rows) / n, 3),
        "correct_under_conflict": round(sum(r["correct_under_conflict"] for r in rows) / n, 3),
        "noise_refused": round(sum(r["noise_refused"] for r in rows) / n, 3),
    }
    if labels:
        summary["noise_by_label"] = noise_by_label(rows, items, labels)
    return summary

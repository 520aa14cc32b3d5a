"""Whether two evaluation runs gave the same answers, item by item: for a change that must not change answers
(a refactor), run ``python -m qa.evaluate`` with the same options on the commit before and after, then

    python benchmarks/same_answers.py RUN_BEFORE RUN_AFTER

It compares each prediction's answer text, refusal, picked option and cited quotes, and each RGB item's answers and
grades, and prints every difference. Exit status 1 when any differs.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

PREDICTION_FIELDS = ("answer", "refused", "choice")
RGB_FIELDS = ("conflict_answer", "noise_answer", "correct_under_conflict", "noticed", "noise_refused")


def _lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _prediction(r: dict) -> tuple:
    return (*(r.get(f) for f in PREDICTION_FIELDS), [c.get("quote") for c in r.get("citations") or []])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("before", type=Path)
    ap.add_argument("after", type=Path)
    args = ap.parse_args()
    differ = 0
    for name, key, fields in (
        ("predictions.jsonl", lambda r: (r["system"], str(r["id"])), _prediction),
        ("rgb.jsonl", lambda r: r["item"], lambda r: tuple(r.get(f) for f in RGB_FIELDS)),
    ):
        if not (args.before / name).exists() or not (args.after / name).exists():
            continue
        before = {key(r): r for r in _lines(args.before / name)}
        after = {key(r): r for r in _lines(args.after / name)}
        common = sorted(set(before) & set(after), key=str)
        changed = [k for k in common if fields(before[k]) != fields(after[k])]
        for k in changed:
            print(f"{name} {k}:\n  before: {fields(before[k])}\n  after:  {fields(after[k])}")
        print(f"{name}: {len(common)} items in both ({len(before)} before, {len(after)} after), "
              f"{len(common) - len(changed)} identical, {len(changed)} different")  # fmt: skip
        differ += len(changed)
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())

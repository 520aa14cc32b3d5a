"""How well evidence selection tells sentences that address a machine reader from news (issue #18, layer 2).

    .venv/bin/python benchmarks/addressing/measure.py [--corpus ../shared/benchmarks/realtimeqa-2026/articles.jsonl]

``positive.txt``: sentences written here that address a machine reader, in English, French, Spanish and German
(requests to AI systems, second-person instructions about answering, summarising or citing, dialogue turns).
``negative.txt``: news sentences written here that are hard to tell from them (news about chatbots, reported
instructions, "you" in quotes). Both were written apart from the attack corpus (benchmarks/attacks).
``heldout_positive.txt`` / ``heldout_negative.txt``: 120 each (30 per language), written later by a helper who
saw neither the rules nor the sets above; their odd lines were used to write the directive rule, their even lines
are held out (``--heldout``: run once, and do not read its misses to write a rule).

Prints, for the dialogue-turn rule, the directive rule and all of the evidence checks together: the positives
caught, the written negatives flagged, and the real sentences of the 2026 corpus removed out of 2,000 (odd lines,
seed 2), each removed one printed, to be read.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
HERE = Path(__file__).parent

from _provenance import print_provenance  # noqa: E402


def corpus_sentences(path: Path, parity: int, n: int, seed: int) -> list[str]:
    from qa.text import sentence_spans

    out = []
    with path.open(encoding="utf-8") as f:
        for i, line in enumerate(f):
            if i % 2 != parity or not line.strip():
                continue
            text = json.loads(line).get("text") or ""
            out += [text[a:b].strip() for a, b in sentence_spans(text) if 25 <= b - a <= 400]
    return random.Random(seed).sample(out, min(n, len(out)))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", default=str(ROOT.parent / "shared/benchmarks/realtimeqa-2026/articles.jsonl"))
    ap.add_argument("--sample", type=int, default=2000)
    ap.add_argument("--heldout", action="store_true", help="the held-out even lines instead of the tuning sets")
    args = ap.parse_args()
    print_provenance()  # no store: written sentences and a sample of the corpus file
    from qa.addressing import dialogue_turn, directs_reader
    from qa.evidence import looks_like_injection
    from qa.text import visible

    def lines(name: str, part: slice = slice(None)) -> list[str]:
        return [s for s in (HERE / name).read_text(encoding="utf-8").splitlines() if s.strip()][part]

    if args.heldout:
        print("held-out halves: report these figures once; do not design a rule on their misses")
        pos, neg = lines("heldout_positive.txt", slice(1, None, 2)), lines("heldout_negative.txt", slice(1, None, 2))
    else:
        pos = lines("positive.txt") + lines("heldout_positive.txt", slice(0, None, 2))
        neg = lines("negative.txt") + lines("heldout_negative.txt", slice(0, None, 2))
    corpus = Path(args.corpus)
    real = corpus_sentences(corpus, 1, args.sample, seed=2) if corpus.exists() else []
    if not real:
        print(f"(the 2026 corpus is not at {corpus}: --corpus; real false positives not measured)")
    checks = {
        "dialogue turn": dialogue_turn,
        "directive": lambda s: directs_reader(visible(s)),
        "all evidence checks (qa.evidence)": looks_like_injection,
    }
    for name, check in checks.items():
        caught = sum(map(check, pos))
        flagged = [s for s in real if check(s)]
        print(
            f"{name}: positives {caught}/{len(pos)} ({caught / len(pos):.0%}), "
            f"written negatives flagged {sum(map(check, neg))}/{len(neg)}"
            + (f", real removed {len(flagged)}/{len(real)} ({len(flagged) / len(real):.2%})" if real else "")
        )
        for s in flagged:
            print("   -", s[:200])
    return 0


if __name__ == "__main__":
    sys.exit(main())

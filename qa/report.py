"""``report.md``, ``summary.json`` and PNG plots for an evaluation folder. Baselines are scored by the same
scoring module on the same question ids, with newsqa's figure on exactly those ids beside each row."""

from __future__ import annotations

import json
import statistics
from collections import defaultdict
from pathlib import Path

from qa import scoring


def _mean(xs: list[float]) -> float | None:
    return round(statistics.fmean(xs), 3) if xs else None


def _pct(values: list[float], q: float) -> float | None:
    if not values:
        return None
    v = sorted(values)
    return round(v[min(len(v) - 1, int(q * (len(v) - 1) + 0.5))], 2)


def system_rows(done: dict, ids: set[str]) -> dict[str, dict]:
    by_sys: dict[str, list[dict]] = defaultdict(list)
    for (system, qid), rec in done.items():
        if qid in ids:
            by_sys[system].append(rec)
    rows = {}
    for system, recs in sorted(by_sys.items()):
        sc = [r.get("scores", {}) for r in recs]

        def col(key: str, sc=sc) -> float | None:
            return _mean([s[key] for s in sc if key in s])

        lat = [r["latency_s"] for r in recs if r.get("latency_s") is not None]
        rows[system] = {
            "n": len(recs),
            "errors": sum(1 for r in recs if r.get("error")),
            "contains": col("contains"),
            "em": col("em"),
            "f1": col("f1"),
            "choice_acc": col("choice_correct"),
            "refusal_rate": _mean([float(bool(r.get("refused"))) for r in recs]),
            "refusal_correct": col("refusal_correct"),
            "citation_precision": col("citation_precision"),
            **{f"recall@{k}": col(f"recall@{k}") for k in (1, 3, 5, 10, 20)},
            "latency_p50": _pct(lat, 0.5),
            "latency_p95": _pct(lat, 0.95),
            "first_token_p50": _pct([r["first_token_s"] for r in recs if r.get("first_token_s")], 0.5),
            "prompt_tokens_mean": _mean([r["prompt_tokens"] for r in recs if r.get("prompt_tokens")]),
        }
    return rows


def baseline_rows(path: Path, questions: dict[str, dict], done: dict) -> list[dict]:
    groups: dict[tuple, list[dict]] = defaultdict(list)
    for line in path.read_text().splitlines():
        if line.strip():
            b = json.loads(line)
            if str(b["question_id"]) in questions:
                groups[(b["model"], b["with_search"], b["kind"])].append(b)
    rows = []
    for (model, search, kind), preds in sorted(groups.items()):
        ids = [str(p["question_id"]) for p in preds]
        if kind == "choice":
            score = _mean(
                [float(p["prediction"] == questions[str(p["question_id"])].get("answer_index")) for p in preds]
            )
            ours = _mean(
                [
                    done[("newsqa:choice", i)]["scores"]["choice_correct"]
                    for i in ids
                    if ("newsqa:choice", i) in done and "choice_correct" in done[("newsqa:choice", i)]["scores"]
                ]
            )
        else:
            score = _mean(
                [scoring.contains(str(p["prediction"]), questions[str(p["question_id"])]["golds"]) for p in preds]
            )
            ours = _mean(
                [
                    done[("newsqa:open", i)]["scores"]["contains"]
                    for i in ids
                    if ("newsqa:open", i) in done and "contains" in done[("newsqa:open", i)]["scores"]
                ]
            )
        ours_n = sum(1 for i in ids if (f"newsqa:{kind}", i) in done)
        rows.append(
            {
                "model": model,
                "with_search": search,
                "kind": kind,
                "n": len(preds),
                "score": score,
                "newsqa_same_ids": ours,
                "newsqa_n": ours_n,
            }
        )
    return rows


def write_report(out: Path, questions: list[dict], done: dict, baselines: Path | None) -> dict:
    qmap = {str(q["id"]): q for q in questions}
    ids = set(qmap)
    systems = system_rows(done, ids)
    months: dict[str, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    for (system, qid), rec in done.items():
        if qid in ids and (d := qmap[qid].get("date")):
            s = rec.get("scores", {})
            key = "choice_correct" if system.endswith(":choice") else "contains"
            if key in s:
                months[system][str(d)[:7].replace("/", "-")].append(s[key])  # "2026/05" and "2026-05" alike
    by_month = {sys_: {m: _mean(v) for m, v in sorted(ms.items())} for sys_, ms in months.items()}
    base = baseline_rows(baselines, qmap, done) if baselines and baselines.exists() else []
    summary = {"questions": len(questions), "systems": systems, "by_month": by_month, "baselines": base}
    (out / "summary.json").write_text(json.dumps(summary, indent=2))

    cols = [
        "n",
        "contains",
        "em",
        "f1",
        "choice_acc",
        "refusal_rate",
        "citation_precision",
        "recall@5",
        "recall@20",
        "latency_p50",
        "latency_p95",
        "prompt_tokens_mean",
        "errors",
    ]
    md = [
        f"# Evaluation ({len(questions)} questions)",
        "",
        "## Systems",
        "",
        "| system | " + " | ".join(cols) + " |",
        "|---" * (len(cols) + 1) + "|",
    ]
    md += [
        f"| {name} | " + " | ".join("" if r[c] is None else str(r[c]) for c in cols) + " |"
        for name, r in systems.items()
    ]
    if base:
        md += [
            "",
            "## Published baselines, same scoring, same question ids",
            "",
            "| model | with search | kind | n | score | newsqa on the same ids (n) |",
            "|---|---|---|---|---|---|",
        ]
        md += [
            f"| {b['model']} | {b['with_search']} | {b['kind']} | {b['n']} | {b['score']} | "
            f"{b['newsqa_same_ids']} ({b['newsqa_n']}) |"
            for b in base
        ]
    md += ["", "## By month", "", "| system | " + " | ".join(sorted({m for v in by_month.values() for m in v})) + " |"]
    all_months = sorted({m for v in by_month.values() for m in v})
    md += ["|---" * (len(all_months) + 1) + "|"]
    md += [f"| {s} | " + " | ".join(str(v.get(m, "")) for m in all_months) + " |" for s, v in by_month.items()]
    md += ["", "## Failures (newsqa, open)", ""]
    for (system, qid), rec in sorted(done.items()):
        if system == "newsqa:open" and qid in ids and rec.get("scores", {}).get("contains") == 0:
            md.append(f"- **{rec['question']}** gold: {rec['golds']} — answer: {rec.get('answer') or rec.get('error')}")
            for p in (rec.get("passages") or [])[:3]:
                md.append(f"    - {p[:200].replace(chr(10), ' ')}…")
    (out / "report.md").write_text("\n".join(md) + "\n")
    plots(out, systems, by_month, done, ids)
    return summary


def plots(out: Path, systems: dict, by_month: dict, done: dict, ids: set[str]) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    names = list(systems)
    fig, ax = plt.subplots(figsize=(7, 4))
    vals = [systems[n]["choice_acc"] if n.endswith(":choice") else systems[n]["contains"] for n in names]
    ax.bar(names, [v or 0 for v in vals])
    ax.set_ylabel("accuracy (contains gold / choice)")
    ax.set_ylim(0, 1)
    fig.tight_layout()
    fig.savefig(out / "accuracy_by_system.png")
    plt.close(fig)

    fig, ax = plt.subplots(figsize=(7, 4))
    for s, months in by_month.items():
        ax.plot(list(months), [v or 0 for v in months.values()], marker="o", label=s)
    ax.set_ylim(0, 1)
    ax.legend()
    ax.set_ylabel("accuracy")
    fig.tight_layout()
    fig.savefig(out / "accuracy_by_month.png")
    plt.close(fig)

    fig, ax = plt.subplots(figsize=(7, 4))
    for s, r in systems.items():
        ks = [k for k in (1, 3, 5, 10, 20) if r.get(f"recall@{k}") is not None]
        if ks:
            ax.plot(ks, [r[f"recall@{k}"] for k in ks], marker="o", label=s)
    ax.set_xlabel("k")
    ax.set_ylabel("answer recall@k")
    ax.set_ylim(0, 1)
    ax.legend()
    fig.tight_layout()
    fig.savefig(out / "recall_at_k.png")
    plt.close(fig)

    fig, ax = plt.subplots(figsize=(7, 4))
    for s in names:
        lat = [r["latency_s"] for (sy, q), r in done.items() if sy == s and q in ids and r.get("latency_s")]
        if lat:
            ax.hist(lat, bins=20, alpha=0.5, label=s)
    ax.set_xlabel("seconds per answer")
    ax.legend()
    fig.tight_layout()
    fig.savefig(out / "latency.png")
    plt.close(fig)

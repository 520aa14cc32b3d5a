"""``report.md``, ``summary.json`` and PNG plots for an evaluation folder. Baselines are scored by the same
scoring module on the same question ids, with newsqa's figure on exactly those ids beside each row."""

from __future__ import annotations

import hashlib
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
            "citation_precision_n": sum(1 for s in sc if "citation_precision" in s),
            "key_term_cited": col("key_term_cited"),
            **{f"recall@{k}": col(f"recall@{k}") for k in (1, 3, 5, 10, 20)},
            "latency_p50": _pct(lat, 0.5),
            "latency_p95": _pct(lat, 0.95),
            "first_token_p50": _pct([r["first_token_s"] for r in recs if r.get("first_token_s")], 0.5),
            "prompt_tokens_mean": _mean([r["prompt_tokens"] for r in recs if r.get("prompt_tokens")]),
        }
    return rows


def _same_ids(done: dict, system: str, ids: list[str], key: str) -> tuple[float | None, int]:
    vals = [done[(system, i)]["scores"][key] for i in ids if key in done.get((system, i), {}).get("scores", {})]
    return _mean(vals), len(vals)


def baseline_rows(path: Path, questions: dict[str, dict], done: dict) -> list[dict]:
    """Each published row beside newsqa on exactly its question ids: corpus-wide (newsqa searches all the
    articles, the harder setting) and, for open answers, from each question's own search results (the input the
    "with search" rows were given)."""
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
            ours, ours_n = _same_ids(done, "newsqa:choice", ids, "choice_correct")
            own, own_n = None, 0
        else:
            score = _mean(
                [scoring.contains(str(p["prediction"]), questions[str(p["question_id"])]["golds"]) for p in preds]
            )
            ours, ours_n = _same_ids(done, "newsqa:open", ids, "contains")
            own, own_n = _same_ids(done, "newsqa-own:open", ids, "contains")
        rows.append(
            {
                "model": model,
                "with_search": search,
                "kind": kind,
                "n": len(preds),
                "score": score,
                "newsqa_same_ids": ours,
                "newsqa_n": ours_n,
                "newsqa_own_same_ids": own,
                "newsqa_own_n": own_n,
            }
        )
    return rows


def run_provenance(done: dict, ids: set[str]) -> dict:
    """The one provenance the report's records share, or ``mixed`` with how many records each one has."""
    counts: dict[str, int] = defaultdict(int)
    for (_, qid), rec in done.items():
        if qid in ids:
            counts[json.dumps(rec.get("provenance"), sort_keys=True)] += 1
    if len(counts) == 1:
        return {"mixed": False, **(json.loads(next(iter(counts))) or {})}
    return {"mixed": True, "provenances": [{"records": n, **(json.loads(p) or {})} for p, n in counts.items()]}


def quote_digest(quote: str) -> str:
    """What a hand label keeps of the quote it judged: enough to notice a rerun citing something else."""
    return hashlib.sha1(quote.encode()).hexdigest()[:16]


def label_agreement(folder: Path, done: dict) -> dict:
    """Hand labels (``benchmarks/labels/*.jsonl``: ``id``, ``system``, ``n`` the citation, ``quote_sha1`` (a digest
    of the quote judged, so the benchmark's article text is not copied into the labels), ``supports``,
    ``why``)
    against the automatic grades: for citations of correct answers, the gold in the quote; for every labelled
    citation, the answer's key term in the quote."""
    gold_agree = gold_n = key_agree = key_n = labelled = supported = 0
    for f in sorted(folder.glob("*.jsonl")):
        for line in f.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            lab = json.loads(line)
            rec = done.get((lab["system"], str(lab["id"])))
            cite = next((c for c in (rec or {}).get("citations") or [] if c.get("n") == lab["n"]), None)
            if rec is None or cite is None or lab.get("quote_sha1") != cite.get("quote_sha1"):
                continue  # a label judges one quote: a rerun that cites something else is not what was labelled
            labelled += 1
            supported += bool(lab["supports"])
            if "citation_precision" in rec.get("scores", {}) and cite.get("has_gold") is not None:
                gold_n += 1
                gold_agree += cite["has_gold"] == bool(lab["supports"])
            if cite.get("key_term") is not None:
                key_n += 1
                key_agree += bool(cite["key_term"]) == bool(lab["supports"])
    return {
        "labelled_citations": labelled,
        "supported_share": round(supported / labelled, 3) if labelled else None,
        "gold_grade_agreement": round(gold_agree / gold_n, 3) if gold_n else None,
        "gold_grade_n": gold_n,
        "key_term_grade_agreement": round(key_agree / key_n, 3) if key_n else None,
        "key_term_grade_n": key_n,
    }


COLS = [
    "n",
    "contains",
    "em",
    "f1",
    "choice_acc",
    "refusal_rate",
    "citation_precision",
    "key_term_cited",
    "recall@5",
    "recall@20",
    "latency_p50",
    "latency_p95",
    "first_token_p50",
    "errors",
]


def _table(rows: dict[str, dict], first: str = "system") -> list[str]:
    md = [f"| {first} | " + " | ".join(COLS) + " |", "|---" * (len(COLS) + 1) + "|"]
    md += [
        f"| {name} | " + " | ".join("" if r[c] is None else str(r[c]) for c in COLS) + " |" for name, r in rows.items()
    ]
    return md


def _provenance_md(prov: dict) -> list[str]:
    if prov.get("mixed"):
        md = ["**MIXED RUN**: these records were made under different commits, settings, models or stores:", ""]
        for p in prov["provenances"]:
            md.append(f"- {p.pop('records')} records: " + ", ".join(f"{k} `{v}`" for k, v in p.items()))
        return md
    dirty = prov.get("dirty")
    return [
        f"- commit `{prov.get('commit')}`"
        + (f" **with uncommitted changes** (`{dirty}`)" if dirty else " (clean tree)"),
        f"- settings hash `{prov.get('settings_hash')}` (the effective settings are in summary.json)",
        f"- model `{prov.get('model_sha256')}`",
        f"- store content `{prov.get('store_content')}` (digest of its chunk ids)",
    ]


def write_report(
    out: Path,
    questions: list[dict],
    done: dict,
    baselines: Path | None,
    *,
    labels: Path | None = None,
    show_heldout: bool = False,
    settings: dict | None = None,
) -> dict:
    qmap = {str(q["id"]): q for q in questions}
    ids = set(qmap)
    systems = system_rows(done, ids)
    splits = {
        name: system_rows(done, {i for i, q in qmap.items() if q.get("split") == name}) for name in ("tune", "held-out")
    }
    months: dict[str, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    for (system, qid), rec in done.items():
        if qid in ids and (m := qmap[qid].get("month")):
            s = rec.get("scores", {})
            key = "choice_correct" if system.endswith(":choice") else "contains"
            if key in s:
                months[system][m].append(s[key])
    by_month = {sys_: {m: _mean(v) for m, v in sorted(ms.items())} for sys_, ms in months.items()}
    base = baseline_rows(baselines, qmap, done) if baselines and baselines.exists() else []
    prov = run_provenance(done, ids)
    agreement = label_agreement(labels, done) if labels and labels.is_dir() else None
    summary = {
        "questions": len(questions),
        "provenance": prov,
        "settings": settings,
        "systems": systems,
        "splits": splits,
        "by_month": by_month,
        "baselines": base,
        "labels": agreement,
    }
    (out / "summary.json").write_text(json.dumps(summary, indent=2))

    md = [f"# Evaluation ({len(questions)} questions)", "", "## Provenance", "", *_provenance_md(dict(prov)), ""]
    md += [
        "Grades come from the gold answers only: `contains` (the gold string in the answer), `citation_precision` "
        "(share of a correct answer's cited quotes that contain the gold), `key_term_cited` (share of cited "
        "answers whose quotes contain the answer's own key term). None of them reads newsqa's own checks.",
        "",
        "## Systems",
        "",
        *_table(systems),
    ]
    for name, rows in splits.items():
        if rows:
            months_of = "January-April" if name == "tune" else "May-July"
            md += ["", f"## {name} months ({months_of} 2026)", "", *_table(rows)]
    if agreement:
        md += ["", "## Hand labels against the automatic grades", "", "```", json.dumps(agreement, indent=2), "```"]
    if base:
        md += [
            "",
            "## Published baselines, same scoring, same question ids",
            "",
            "newsqa corpus-wide searches all the articles (the harder setting); newsqa own results answers from each "
            'question\'s own search results, the input the "with search" rows were given.',
            "",
            "| model | with search | kind | n | score | newsqa corpus-wide (n) | newsqa own results (n) |",
            "|---|---|---|---|---|---|---|",
        ]
        md += [
            f"| {b['model']} | {b['with_search']} | {b['kind']} | {b['n']} | {b['score']} | "
            f"{b['newsqa_same_ids']} ({b['newsqa_n']}) | "
            + (f"{b['newsqa_own_same_ids']} ({b['newsqa_own_n']})" if b["kind"] == "open" else "")
            + " |"
            for b in base
        ]
    all_months = sorted({m for v in by_month.values() for m in v})
    md += ["", "## By month", "", "| system | " + " | ".join(all_months) + " |"]
    md += ["|---" * (len(all_months) + 1) + "|"]
    md += [f"| {s} | " + " | ".join(str(v.get(m, "")) for m in all_months) + " |" for s, v in by_month.items()]
    hidden = 0
    md += ["", "## Failures (newsqa, open)", ""]
    for (system, qid), rec in sorted(done.items()):
        if system == "newsqa:open" and qid in ids and rec.get("scores", {}).get("contains") == 0:
            if qmap[qid].get("split") == "held-out" and not show_heldout:
                hidden += 1
                continue
            q = qmap[qid]  # the question and its golds from the questions file: a ledger record does not keep them
            md.append(f"- **{q['question']}** gold: {q['golds']} — answer: {rec.get('answer') or rec.get('error')}")
            for p in (rec.get("passages") or [])[:3]:
                md.append(f"    - {p[:200].replace(chr(10), ' ')}…")
    if hidden:
        md.append(f"- ({hidden} failures of the held-out months not listed: `--show-heldout-failures` lists them)")
    (out / "report.md").write_text("\n".join(md) + "\n")
    plots(out, systems, by_month, done, ids)
    return summary


def rgb_markdown(rgb: dict) -> str:
    """RGB's section of report.md, appended once its items are answered (after the questions' report)."""
    return (
        f"\n## RGB counterfactual robustness ({rgb['items']} items, from given passages)\n\n"
        "| conflict noticed | correct under conflict | noise-only refused |\n|---|---|---|\n"
        f"| {rgb['conflict_noticed']} | {rgb['correct_under_conflict']} | {rgb['noise_refused']} |\n"
    ) + noise_label_markdown(rgb.get("noise_by_label"))


def noise_label_markdown(by_label: dict | None) -> str:
    """The noise-only answers by what the noise passages say (hand labels): RGB picked its noise by the absence of
    the answer's exact string, and some of it states the answer in other words."""
    if not by_label:
        return ""
    rows = "".join(
        f"| {label} | {c['items']} | {c['refused']} | {c['right']} | {c['wrong']} |\n" for label, c in by_label.items()
    )
    return (
        "\nNoise-only answers by what the four noise passages say (hand labels, benchmarks/rgb/noise-labels.jsonl; "
        "rightly: RGB's answer, or the answer in the noise's own words):\n\n"
        "| the noise passages | items | refused | answered rightly | answered otherwise |\n"
        "|---|---|---|---|---|\n" + rows
    )


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

"""The multi-objective benchmark's table: per problem and method, the median hypervolume after
the budget with its quartiles (higher is better), every run's hypervolume recomputed from its
objective values against the problem's fixed reference point (problems.py).

  python3 multiobjective/table.py results/mo-hpo.jsonl results/mo-peers.jsonl
  python3 multiobjective/table.py --readme ../README.md results/mo-table.md   # the README's copy
"""

import importlib.util
import os
import sys
from collections import defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import problems  # noqa: E402

# The multi-fidelity table's loader, quantile and README writer, loaded by path (both scripts are table.py).
_spec = importlib.util.spec_from_file_location("mf_table", os.path.join(HERE, "..", "multifidelity", "table.py"))
mf_table = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(mf_table)

ORDER = ["hpo-bayes", "hpo-tpe", "hpo-random", "optuna-gp", "optuna-tpe", "optuna-nsga2"]
PEERS = ["optuna-gp", "optuna-tpe", "optuna-nsga2"]
MARKERS = ("<!-- multiobjective-table -->", "<!-- /multiobjective-table -->")


def fmt(x):
    return f"{x:.6g}"


def common_seeds(records):
    """Per problem, the seeds every method of that problem finished: a run cut short compares
    the methods on the same seeds only."""
    seeds, methods = defaultdict(lambda: defaultdict(set)), defaultdict(set)
    for r in records:
        seeds[r["task"]][r["method"]].add(r["seed"])
        methods[r["task"]].add(r["method"])
    return {t: set.intersection(*(seeds[t][m] for m in methods[t])) for t in methods}


def table(records):
    hv = defaultdict(list)
    seconds = defaultdict(list)
    shared = common_seeds(records)
    for r in records:
        if r["seed"] not in shared[r["task"]]:
            continue
        reference = problems.PROBLEMS[r["task"]]["reference"]
        hv[(r["task"], r["method"])].append(problems.hypervolume(r["values"], reference))
        seconds[(r["task"], r["method"])].append(r["seconds"])
    tasks = [t for t in problems.PROBLEMS if any(k[0] == t for k in hv)]
    methods = [m for m in ORDER if any(k[1] == m for k in hv)]
    lines = ["| problem (reference) | " + " | ".join(methods) + " | hpo-bayes ≥ best peer |",
             "|---|" + "---|" * len(methods) + "---|"]
    for t in tasks:
        cells, medians = [], {}
        for m in methods:
            v = hv.get((t, m))
            if not v:
                cells.append("—")
                continue
            medians[m] = mf_table.quantile(v, 0.5)
            cells.append(f"{fmt(medians[m])} ({fmt(mf_table.quantile(v, 0.25))}–{fmt(mf_table.quantile(v, 0.75))}), "
                         f"n={len(v)}, {mf_table.quantile(seconds[(t, m)], 0.5):.0f} s")
        peers = [medians[m] for m in PEERS if m in medians]
        verdict = "—" if "hpo-bayes" not in medians or not peers else (
            "yes" if medians["hpo-bayes"] >= max(peers) else f"no ({fmt(medians['hpo-bayes'] - max(peers))})")
        reference = ", ".join(fmt(x) for x in problems.PROBLEMS[t]["reference"])
        lines.append(f"| {t} ({reference}) | " + " | ".join(cells) + f" | {verdict} |")
    lines.append("")
    lines.append("Each cell: median hypervolume after the budget (lower–upper quartile), seeds, median seconds "
                 "per run (wall clock on a shared machine). Higher is better. Only the seeds every method of a "
                 "problem finished count: " + "; ".join(f"{t} {sorted(shared[t])}" for t in tasks) + ".")
    return "\n".join(lines)


def into_readme(readme, table_file):
    mf_table.MARKERS = MARKERS
    mf_table.into_readme(readme, table_file)


def main():
    if sys.argv[1:2] == ["--readme"]:
        into_readme(sys.argv[2], sys.argv[3])
        return
    print(table(mf_table.load(sys.argv[1:])))


if __name__ == "__main__":
    main()

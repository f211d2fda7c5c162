"""The multi-fidelity benchmark's table from the JSON lines of `hpo-bench multifidelity` and
`peers.py`: per task and method, the median regret (and upper quartile) of the best
full-fidelity value found at each budget, over seeds.

Regret = best value found at step R − the task's known best. The synthetic functions' known
best is their closed-form minimum; a training task's is the best full-fidelity value any method
found in any seed of the files read (so the best run of the table has regret 0 at its largest
budget). A run that had no trial reach step R by a budget counts as infinitely bad there (—).

  python3 multifidelity/table.py results/mf-hpo.jsonl results/mf-peers.jsonl
  python3 multifidelity/table.py --readme ../README.md results/mf-table.md   # the README's copy
"""

import json
import math
import sys
from collections import defaultdict


def quantile(values, q):
    """The q-quantile, interpolated linearly (numpy's default); an infinite neighbour gives inf."""
    v = sorted(values)
    pos = q * (len(v) - 1)
    lo, frac = math.floor(pos), pos - math.floor(pos)
    if frac == 0:
        return v[lo]
    if v[lo + 1] == math.inf:
        return math.inf
    return v[lo] + (v[lo + 1] - v[lo]) * frac


def fmt(x):
    return "—" if x == math.inf else f"{x:.3g}"


def load(paths):
    """The runs of the files; a run repeated (same task, method and seed) counts once, the last."""
    records = {}
    for path in paths:
        with open(path) as f:
            for line in f:
                if line.strip():
                    r = json.loads(line)
                    records[(r["task"], r["method"], r["seed"])] = r
    return list(records.values())


def known_best(records, optima):
    """Each task's known best: the closed form's, else the best found by any run."""
    best = {}
    for r in records:
        found = [b for b in r["best"] if b is not None] + [p[1] for p in r["trace"]]
        if found:
            best[r["task"]] = min(best.get(r["task"], math.inf), min(found))
    return {t: (optima[t] if optima.get(t) is not None else b) for t, b in best.items()}


def order(method):
    """hpo's random baseline, its Bayes baseline (`off`), hpo's other methods, then the peers."""
    rank = 0 if method == "hpo-random-asha" else 1 if method == "hpo-bayes-asha-off" else \
        2 if method.startswith("hpo-") else 3
    return rank, method


def table(records, optima):
    """Markdown: one row per task and method; the cells are median [upper quartile] at each
    budget any run recorded (blank where a task's runs stopped earlier)."""
    best = known_best(records, optima)
    budgets = sorted({b for r in records for b in r["budgets"]})
    regrets = defaultdict(lambda: defaultdict(list))
    runs = defaultdict(lambda: [set(), 0.0, set()])
    for r in records:
        key = (r["task"], r["method"])
        for b, v in zip(r["budgets"], r["best"]):
            regrets[key][b].append(math.inf if v is None else v - best[r["task"]])
        runs[key][0].add(r["seed"])
        runs[key][1] += r["seconds"]
        runs[key][2].add(r["workers"])
    lines = ["| task | method | workers | " + " | ".join(f"{b}R" for b in budgets) + " | seeds | s/run |",
             "|---|---|---:|" + "---:|" * (len(budgets) + 2)]
    for task in dict.fromkeys(r["task"] for r in records):
        for method in sorted({r["method"] for r in records if r["task"] == task}, key=order):
            by_budget = regrets[(task, method)]
            cells = [f"{fmt(quantile(by_budget[b], 0.5))} [{fmt(quantile(by_budget[b], 0.75))}]" if by_budget[b] else ""
                     for b in budgets]
            seeds, seconds, workers = runs[(task, method)]
            n = sum(len(v) for v in by_budget.values()) // max(1, sum(1 for v in by_budget.values() if v))
            lines.append(f"| {task} | {method} | {','.join(map(str, sorted(workers)))} | " + " | ".join(cells)
                         + f" | {len(seeds)} | {seconds / n:.1f} |")
    return "\n".join(lines)


MARKERS = ("<!-- multifidelity-table -->", "<!-- /multifidelity-table -->")


def into_readme(readme, table_file):
    """Replaces what lies between the README's markers with the table file's text."""
    with open(readme) as f:
        text = f.read()
    start, end = text.find(MARKERS[0]), text.find(MARKERS[1])
    if start < 0 or end < start:
        sys.exit(f"{readme}: no {MARKERS[0]} … {MARKERS[1]} pair to write the table between")
    with open(table_file) as f:
        table_text = f.read().strip()
    with open(readme, "w") as f:
        f.write(text[:start + len(MARKERS[0])] + "\n" + table_text + "\n" + text[end:])


def main():
    if sys.argv[1:2] == ["--readme"]:
        into_readme(sys.argv[2], sys.argv[3])
        return
    sys.path.insert(0, __file__.rsplit("/", 1)[0])
    import tasks
    optima = {name: spec["optimum"] for name, spec in tasks.TASKS.items()}
    records = load(sys.argv[1:])
    print(table(records, optima))


if __name__ == "__main__":
    main()

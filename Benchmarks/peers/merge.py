"""Merges the suite's JSON lines into the markdown tables of the README:

    python3 merge.py ../results > ../results/table.md

Quality: median [interquartile range] of the final simple regret per function and method, the
best median of each row in bold, and per method the number of functions where it has the best
median. Speed: seconds per bayes suggestion against n, beside optuna's GPSampler and one
LAPACK Cholesky. Standard library only."""
import json
import os
import statistics
import sys

ORDER = ["hpo-bayes", "hpo-bayes-4slots", "hpo-bayes-16slots", "hpo-cli-bayes", "hpo-random", "hpo-tpe", "optuna-gp", "optuna-tpe", "optuna-cmaes",
         "skopt-gp-ei", "hyperopt-tpe"]
FUNCTIONS = ["branin", "hartmann6", "ackley5", "rosenbrock4", "levy6", "styblinski_tang8", "griewank10",
             "ackley20", "rosenbrock20", "hartmann6_30"]


def read(directory, prefix):
    records = []
    for name in sorted(os.listdir(directory)):
        if name.startswith(prefix) and name.endswith(".jsonl"):
            with open(os.path.join(directory, name)) as f:
                records += [json.loads(line) for line in f if line.strip()]
    return records


def quartiles(values):
    if len(values) == 1:
        return values[0], values[0], values[0]
    q = statistics.quantiles(values, n=4, method="inclusive")
    return q[0], statistics.median(values), q[2]


def fmt(x):
    return f"{x:.3g}" if abs(x) >= 1e-3 or x == 0 else f"{x:.1e}"


def quality_table(records):
    cells = {}
    for r in records:
        cells.setdefault((r["function"], r["method"]), []).append(max(0.0, r["regret"]))
    methods = [m for m in ORDER if any(k[1] == m for k in cells)]
    methods += sorted({k[1] for k in cells} - set(methods))
    seeds = sorted({len(v) for v in cells.values()})
    lines = [f"Final simple regret, median [IQR] over {'/'.join(map(str, seeds))} seeds (lower is better; best median in bold):", "",
             "| function | " + " | ".join(methods) + " |", "|---" * (len(methods) + 1) + "|"]
    wins = {m: 0 for m in methods}
    for function in FUNCTIONS:
        row = {m: quartiles(cells[(function, m)]) for m in methods if (function, m) in cells}
        if not row:
            continue
        peers = {m: q[1] for m, q in row.items() if not m.startswith("hpo-")}
        best = min(q[1] for q in row.values())
        for m, q in row.items():
            if q[1] == best:
                wins[m] += 1
        text = []
        for m in methods:
            if m not in row:
                text.append("")
                continue
            q1, med, q3 = row[m]
            cell = f"{fmt(med)} [{fmt(q1)}, {fmt(q3)}]"
            text.append(f"**{cell}**" if med == best else cell)
        lines.append(f"| {function} | " + " | ".join(text) + " |")
    rows = sum(1 for function in FUNCTIONS if any(k[0] == function for k in cells))
    lines.append("| best median on | " + " | ".join(f"{wins[m]} of {rows}" for m in methods) + " |")
    return lines, cells


def targets(cells):
    """The issue's quality targets for hpo-bayes against the best peer, per function: medians, upper
    quartiles (robustness on every seed), and parallel slots against sequential."""
    lines = ["", "| function | hpo-bayes median | best peer median (peer) | ratio | hpo-bayes upper quartile "
             "| best peer upper quartile (peer) | ratio | 4 slots / sequential | 16 slots / sequential |",
             "|---|---|---|---|---|---|---|---|---|"]
    at_most = 0
    worst = 0.0
    rows = 0
    for function in FUNCTIONS:
        if (function, "hpo-bayes") not in cells:
            continue
        ours = quartiles(cells[(function, "hpo-bayes")])
        peers = {m: quartiles(v) for (f, m), v in cells.items() if f == function and not m.startswith("hpo-")}
        if not peers:
            continue
        rows += 1
        peer, theirs = min(peers.items(), key=lambda kv: kv[1][1])
        upper_peer, upper = min(peers.items(), key=lambda kv: kv[1][2])
        ratio = ours[1] / theirs[1] if theirs[1] > 0 else (1.0 if ours[1] == 0 else float("inf"))
        upper_ratio = ours[2] / upper[2] if upper[2] > 0 else (1.0 if ours[2] == 0 else float("inf"))
        at_most += ours[1] <= theirs[1]
        worst = max(worst, ratio)
        parallel = []
        for k in (4, 16):
            slots = cells.get((function, f"hpo-bayes-{k}slots"))
            parallel.append(f"{statistics.median(slots) / ours[1]:.2f}" if slots and ours[1] > 0 else "")
        lines.append(f"| {function} | {fmt(ours[1])} | {fmt(theirs[1])} ({peer}) | {ratio:.2f} | {fmt(ours[2])} "
                     f"| {fmt(upper[2])} ({upper_peer}) | {upper_ratio:.2f} | " + " | ".join(parallel) + " |")
    lines.append(f"\nhpo-bayes is at most the best peer on {at_most} of {rows} functions; "
                 f"its worst ratio to the best peer is {worst:.2f}.")
    return lines


def batch_table(records):
    """Median regret of each batch method and slot count ("batch-methods" files, whose records
    carry a "batch" field), and its ratio to sequential hpo-bayes on the same seeds."""
    sequential, batch = {}, {}
    for r in records:
        if r["method"] == "hpo-bayes":
            sequential.setdefault(r["function"], []).append(max(0.0, r["regret"]))
        else:
            batch.setdefault((r["function"], f'{r["method"].removeprefix("hpo-bayes-")} {r["batch"]}'), []).append(
                max(0.0, r["regret"]))
    if not batch:
        return []
    columns = sorted({k[1] for k in batch}, key=lambda m: (int(m.split("slots")[0]), m))
    seeds = sorted({len(v) for v in batch.values()})
    lines = ["", f"Batch methods: median regret (ratio to the median of sequential hpo-bayes in the same file), "
             f"{'/'.join(map(str, seeds))} seeds:", "",
             "| function | " + " | ".join(columns) + " |", "|---" * (len(columns) + 1) + "|"]
    for function in FUNCTIONS:
        row = []
        for m in columns:
            values = batch.get((function, m))
            base = statistics.median(sequential[function]) if function in sequential else 0
            own = statistics.median(values) if values else None
            row.append("" if own is None else f"{fmt(own)} ({own / base:.2f})" if base > 0 else fmt(own))
        if any(row):
            lines.append(f"| {function} | " + " | ".join(row) + " |")
    return lines


def speed_table(hpo, peers):
    by_n = {r["n"]: dict(r) for r in hpo}
    for r in peers:
        by_n.setdefault(r["n"], {"n": r["n"]}).update(r)
    lines = ["", "Seconds per suggestion with n observations, d = 6, in a running study (median of the repeats; "
             "hpo's with its from-scratch fits spread over their anchor step, see `hpo-bench speed --help`):", "",
             "| n | hpo bayes, 1 | hpo bayes, batch of 8 | hpo bayes, batch of 32 | optuna GPSampler, 1 | GPSampler / hpo | one Cholesky (floor) |",
             "|---|---|---|---|---|---|---|"]
    for n in sorted(by_n):
        r = by_n[n]
        single, optuna = r.get("single_s"), r.get("optuna_gp_single_s")
        ratio = f"{optuna / single:.1f}×" if single and optuna else ""
        cells = [fmt(single) if single else "", fmt(r["batch8_s"]) if "batch8_s" in r else "",
                 fmt(r["batch32_s"]) if "batch32_s" in r else "",
                 fmt(optuna) if optuna else "", ratio, fmt(r["cholesky_s"]) if "cholesky_s" in r else ""]
        lines.append(f"| {n} | " + " | ".join(cells) + " |")
    return lines


def main():
    directory = sys.argv[1] if len(sys.argv) > 1 else "../results"
    lines, cells = quality_table(read(directory, "hpo-quality") + read(directory, "peers-quality")
                                 + read(directory, "cli-quality"))
    lines += targets(cells)
    lines += batch_table(read(directory, "batch-methods"))
    lines += speed_table(read(directory, "hpo-speed"), read(directory, "peers-speed"))
    print("\n".join(lines))


if __name__ == "__main__":
    main()

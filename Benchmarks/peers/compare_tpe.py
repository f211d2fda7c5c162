"""hpo-tpe against optuna-tpe, per function over the seeds both ran: median [quartiles], the
ratio of medians with a bootstrap 95 % interval (2,000 resamples), and a Mann-Whitney U test's
p (are the two regret distributions the same?). Needs numpy and scipy (.venv-peers has both).

    .venv-peers/bin/python peers/compare_tpe.py results/tpe-quality.jsonl [--seeds 1-40]
"""
import argparse
import json

import numpy as np
from scipy.stats import mannwhitneyu

from functions import FUNCTIONS, HIGH_DIMENSIONAL


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="+", help="JSON lines of hpo-bench quality / run_peers.py")
    parser.add_argument("--seeds", default=None, help="FIRST-LAST, e.g. 41-80 (default: every seed)")
    args = parser.parse_args()
    first, last = map(int, args.seeds.split("-")) if args.seeds else (None, None)
    regrets = {}
    for path in args.files:
        for line in open(path):
            r = json.loads(line)
            if first is None or first <= r["seed"] <= last:
                regrets.setdefault((r["function"], r["method"]), {})[r["seed"]] = r["regret"]
    rng = np.random.default_rng(0)
    wins = 0
    print("| function | hpo-tpe median [quartiles] | optuna-tpe median [quartiles] | ratio (95 % bootstrap) | p | seeds |")
    print("|---|---|---|---|---|---|")
    for name in (n for n in FUNCTIONS if n not in HIGH_DIMENSIONAL):
        a, b = regrets.get((name, "hpo-tpe"), {}), regrets.get((name, "optuna-tpe"), {})
        seeds = sorted(set(a) & set(b))
        if not seeds:
            continue
        x, y = np.array([a[s] for s in seeds]), np.array([b[s] for s in seeds])
        ratios = [np.median(rng.choice(x, x.size)) / np.median(rng.choice(y, y.size)) for _ in range(2000)]
        wins += np.median(x) <= np.median(y)

        def cell(v):
            return f"{np.median(v):.3g} [{np.percentile(v, 25):.3g}, {np.percentile(v, 75):.3g}]"

        print(f"| {name} | {cell(x)} | {cell(y)} | {np.median(x) / np.median(y):.2f} "
              f"({np.percentile(ratios, 2.5):.2f}–{np.percentile(ratios, 97.5):.2f}) | "
              f"{mannwhitneyu(x, y).pvalue:.2f} | {len(seeds)} |")
    print(f"\nhpo-tpe's median at most optuna-tpe's on {wins} functions")


if __name__ == "__main__":
    main()

"""Best feasible regret on Gramacy's constrained toy problem (gramacy.py), 30 evaluations,
10 seeds: hpo's `hpo search --strategy bayes --constraint "c1 <= 0" --constraint "c2 <= 0"`
(one Python process per evaluation, through the CLI and the store) against optuna's GPSampler
and TPESampler with `constraints_func`, in the same run. Writes JSON lines and prints the
table of the README.

    ../.venv-peers/bin/python run_constrained.py --hpo ../../.build/release/hpo --out ../results/constrained.jsonl
"""
import argparse
import json
import os
import shutil
import statistics
import subprocess
import tempfile
import time

import optuna

from gramacy import MINIMUM, evaluate

HERE = os.path.dirname(os.path.abspath(__file__))


def hpo_run(hpo, work, seed, budget):
    run = f"gramacy-{seed}"
    subprocess.run([hpo, "search", "--strategy", "bayes", "--trials", str(budget), "--seed", str(seed), "--name", run,
                    "--root", "runs", "--no-snapshot", "--constraint", "c1 <= 0", "--constraint", "c2 <= 0", "--",
                    "python3", "gramacy.py", "--x1", "uniform(0, 1)", "--x2", "uniform(0, 1)"],
                   cwd=work, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    best = subprocess.run([hpo, "best", run, "--json", "--root", "runs"], cwd=work, capture_output=True, text=True)
    if best.returncode != 0:
        return None
    return json.loads(best.stdout)["trial"]["objective"]


def optuna_run(sampler_name, seed, budget):
    def constraints(trial):
        return trial.user_attrs["constraints"]

    if sampler_name == "optuna-gp":
        sampler = optuna.samplers.GPSampler(seed=seed, constraints_func=constraints)
    else:
        sampler = optuna.samplers.TPESampler(seed=seed, constraints_func=constraints)
    study = optuna.create_study(sampler=sampler)

    def objective(trial):
        f, c1, c2 = evaluate(trial.suggest_float("x1", 0, 1), trial.suggest_float("x2", 0, 1))
        trial.set_user_attr("constraints", [c1, c2])
        return f

    study.optimize(objective, n_trials=budget)
    feasible = [t.value for t in study.trials if t.value is not None and all(c <= 0 for c in t.user_attrs["constraints"])]
    return min(feasible) if feasible else None


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--hpo", required=True)
    parser.add_argument("--seeds", type=int, default=10)
    parser.add_argument("--budget", type=int, default=30)
    parser.add_argument("--methods", default="hpo-bayes,optuna-gp,optuna-tpe")
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    optuna.logging.set_verbosity(optuna.logging.WARNING)
    hpo = os.path.abspath(args.hpo)
    regrets = {}
    with tempfile.TemporaryDirectory(prefix="hpo-constrained-") as work, open(args.out, "a") as out:
        shutil.copy(os.path.join(HERE, "gramacy.py"), work)
        for seed in range(1, args.seeds + 1):
            for method in args.methods.split(","):
                start = time.monotonic()
                best = hpo_run(hpo, work, seed, args.budget) if method == "hpo-bayes" else optuna_run(method, seed, args.budget)
                seconds = time.monotonic() - start
                regret = None if best is None else best - MINIMUM
                regrets.setdefault(method, []).append(regret)
                out.write(json.dumps({"problem": "gramacy", "method": method, "seed": seed, "best": best,
                                      "regret": regret, "evaluations": args.budget, "seconds": seconds}) + "\n")
                out.flush()
    print("| method | median regret | mean regret | seeds without a feasible trial |")
    print("| --- | --- | --- | --- |")
    for method, values in regrets.items():
        found = [r for r in values if r is not None]
        median = f"{statistics.median(found):.2e}" if found else "-"
        mean = f"{statistics.mean(found):.2e}" if found else "-"
        print(f"| {method} | {median} | {mean} | {len(values) - len(found)} of {len(values)} |")


if __name__ == "__main__":
    main()

"""The multi-objective benchmark's peers: Optuna's NSGA-II, TPE and GPSampler, each with two
objectives to minimize, on the problems of problems.py, same seeds and budget as hpo-bench
multiobjective. One JSON line per run: every evaluation's objective values and the final
hypervolume against the problem's fixed reference point.

  .venv-peers/bin/python multiobjective/peers.py --tasks zdt1,zdt2 --seeds 10 --out results/mo-peers.jsonl
"""

import argparse
import json
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import problems  # noqa: E402

METHODS = ["optuna-nsga2", "optuna-tpe", "optuna-gp"]


def sampler(method, seed):
    import optuna

    if method == "optuna-nsga2":
        return optuna.samplers.NSGAIISampler(seed=seed)
    if method == "optuna-tpe":
        return optuna.samplers.TPESampler(seed=seed)
    if method == "optuna-gp":
        return optuna.samplers.GPSampler(seed=seed)
    raise SystemExit(f"unknown method {method!r}; known: {', '.join(METHODS)}")


def run(task, method, seed, budget):
    import optuna

    optuna.logging.set_verbosity(optuna.logging.WARNING)
    spec = problems.PROBLEMS[task]

    def objective(trial):
        config = {}
        for name, kind, low, high, log in spec["space"]:
            if kind == "int":
                config[name] = trial.suggest_int(name, int(low), int(high), log=log)
            else:
                config[name] = trial.suggest_float(name, low, high, log=log)
        return tuple(spec["evaluate"](config))

    study = optuna.create_study(directions=["minimize", "minimize"], sampler=sampler(method, seed))
    start = time.monotonic()
    study.optimize(objective, n_trials=budget)
    values = [list(t.values) for t in study.trials if t.values is not None]
    return {"task": task, "method": method, "seed": seed, "evaluations": len(values), "values": values,
            "hypervolume": problems.hypervolume(values, spec["reference"]), "reference": spec["reference"],
            "seconds": time.monotonic() - start}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--tasks", default="all")
    parser.add_argument("--methods", default="all")
    parser.add_argument("--seeds", type=int, default=10)
    parser.add_argument("--first-seed", type=int, default=1)
    parser.add_argument("--budget", type=int, default=100)
    parser.add_argument("--out")
    args = parser.parse_args()
    tasks = list(problems.PROBLEMS) if args.tasks == "all" else args.tasks.split(",")
    methods = METHODS if args.methods == "all" else args.methods.split(",")
    out = open(args.out, "a") if args.out else sys.stdout
    # Seed-major, so that a run cut short has every task and method at its first seeds.
    for seed in range(args.first_seed, args.first_seed + args.seeds):
        for task in tasks:
            for method in methods:
                out.write(json.dumps(run(task, method, seed, args.budget), sort_keys=True) + "\n")
                out.flush()


if __name__ == "__main__":
    main()

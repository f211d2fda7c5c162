"""Runs the peers on the suite's functions, seeds and budgets, one JSON line per run, in the
format of `hpo-bench quality`: {"function", "method", "seed", "regret", "best", "evaluations",
"seconds"}. Also times optuna's GPSampler per suggestion (`--speed`).

    python run_peers.py --seeds 10 --jobs 2 --out ../results/peers-quality.jsonl
    python run_peers.py --speed --out ../results/peers-speed.jsonl
"""
import argparse
import json
import logging
import multiprocessing
import os
import time
import warnings

# One BLAS thread a process, as hpo-bench uses: the pool runs --jobs processes side by side.
for variable in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(variable, "1")

import numpy as np

from functions import FUNCTIONS, HIGH_DIMENSIONAL, budget

METHODS = ["optuna-tpe", "optuna-gp", "optuna-cmaes", "skopt-gp-ei", "hyperopt-tpe"]


def run_optuna(name, seed, sampler_name):
    import optuna
    optuna.logging.set_verbosity(optuna.logging.ERROR)
    f, bounds, _, _ = FUNCTIONS[name]
    samplers = {
        "optuna-tpe": lambda: optuna.samplers.TPESampler(seed=seed),
        "optuna-gp": lambda: optuna.samplers.GPSampler(seed=seed),
        "optuna-cmaes": lambda: optuna.samplers.CmaEsSampler(seed=seed),
    }
    study = optuna.create_study(sampler=samplers[sampler_name](), direction="minimize")

    def objective(trial):
        return f([trial.suggest_float(f"x{i + 1}", lo, hi) for i, (lo, hi) in enumerate(bounds)])

    study.optimize(objective, n_trials=budget(name))
    return study.best_value


def run_skopt(name, seed):
    from skopt import gp_minimize
    f, bounds, _, _ = FUNCTIONS[name]
    result = gp_minimize(lambda x: f(x), [(float(lo), float(hi)) for lo, hi in bounds], acq_func="EI",
                         n_calls=budget(name), random_state=seed)
    return float(result.fun)


def run_hyperopt(name, seed):
    from hyperopt import Trials, fmin, hp, tpe
    f, bounds, _, _ = FUNCTIONS[name]
    space = [hp.uniform(f"x{i + 1}", lo, hi) for i, (lo, hi) in enumerate(bounds)]
    trials = Trials()
    fmin(lambda x: f(list(x)), space, algo=tpe.suggest, max_evals=budget(name), trials=trials,
         rstate=np.random.default_rng(seed), show_progressbar=False)
    return float(min(trials.losses()))


def one_run(task):
    name, method, seed = task
    warnings.filterwarnings("ignore")
    logging.disable(logging.WARNING)
    start = time.monotonic()
    if method.startswith("optuna"):
        best = run_optuna(name, seed, method)
    elif method == "skopt-gp-ei":
        best = run_skopt(name, seed)
    else:
        best = run_hyperopt(name, seed)
    return {"function": name, "method": method, "seed": seed, "regret": best - FUNCTIONS[name][2], "best": best,
            "evaluations": budget(name), "seconds": time.monotonic() - start}


def gp_sampler_speed(ns, repeats, clock=time.monotonic):
    """Seconds per optuna GPSampler suggestion with n completed trials of Hartmann6 (d = 6), in a
    running study: the sampler has just suggested with n − 1 of them (that trial is failed, so it
    is ignored), so its kernel-parameter cache holds that fit, as hpo's fit cache does in
    `hpo-bench speed`."""
    import optuna
    optuna.logging.set_verbosity(optuna.logging.ERROR)
    f, bounds, _, _ = FUNCTIONS["hartmann6"]
    distributions = {f"x{i + 1}": optuna.distributions.FloatDistribution(lo, hi) for i, (lo, hi) in enumerate(bounds)}

    def add(study, x):
        study.add_trial(optuna.trial.create_trial(params={f"x{i + 1}": float(v) for i, v in enumerate(x)},
                                                  distributions=distributions, value=f(x)))

    records = []
    for n in ns:
        rng = np.random.default_rng(n)
        timings = []
        for r in range(repeats):
            study = optuna.create_study(sampler=optuna.samplers.GPSampler(seed=r), direction="minimize")
            points = rng.uniform(0, 1, (n, 6))
            for x in points[:-1]:
                add(study, x)
            previous = study.ask(distributions)
            study.tell(previous, state=optuna.trial.TrialState.FAIL)
            add(study, points[-1])
            start = clock()
            study.ask(distributions)  # GPSampler fits (from its cache) and optimizes its acquisition here
            timings.append(clock() - start)
        records.append({"n": n, "dimension": 6, "optuna_gp_single_s": float(np.median(timings))})
    return records


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--functions", default="all", help="all (the seven), highdim (the three of d 20-30) or names")
    parser.add_argument("--methods", default=",".join(METHODS))
    parser.add_argument("--seeds", type=int, default=10)
    parser.add_argument("--first-seed", type=int, default=1, help="seeds first-seed … first-seed + seeds − 1 "
                        "(to add seeds to an earlier run's file)")
    parser.add_argument("--jobs", type=int, default=multiprocessing.cpu_count())
    parser.add_argument("--speed", action="store_true", help="time GPSampler instead of the quality runs")
    parser.add_argument("--n", default="50,100,200,500,1000")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--cpu-time", action="store_true", help="time --speed by the process's CPU clock "
                        "(as hpo-bench speed --cpu-time): on a loaded machine it varies less")
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    with open(args.out, "a") as out:
        if args.speed:
            clock = time.process_time if args.cpu_time else time.monotonic
            for record in gp_sampler_speed([int(n) for n in args.n.split(",")], args.repeats, clock):
                out.write(json.dumps(record) + "\n")
                out.flush()
            return
        names = ([n for n in FUNCTIONS if n not in HIGH_DIMENSIONAL] if args.functions == "all"
                 else HIGH_DIMENSIONAL if args.functions == "highdim" else args.functions.split(","))
        tasks = [(n, m, s) for n in names for m in args.methods.split(",") for s in range(args.first_seed, args.first_seed + args.seeds)]
        # The slow GP methods first, so the pool ends on short tasks.
        tasks.sort(key=lambda t: t[1] not in ("skopt-gp-ei", "optuna-gp"))
        with multiprocessing.get_context("spawn").Pool(args.jobs) as pool:
            for record in pool.imap_unordered(one_run, tasks):
                out.write(json.dumps(record) + "\n")
                out.flush()


if __name__ == "__main__":
    main()

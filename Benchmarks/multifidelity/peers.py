"""The multi-fidelity benchmark's peers on the same tasks, seeds and budget accounting as
`hpo-bench multifidelity`, writing the same JSON lines.

  optuna-tpe-hyperband   Optuna TPE + HyperbandPruner(min_resource, R, eta)
  optuna-tpe-sha         Optuna TPE + SuccessiveHalvingPruner(min_resource, eta)
  synetune-bohb          Syne Tune's BOHB (ASHA + a KDE searcher, its asynchronous form)
  smac-hyperband         SMAC3's MultiFidelityFacade (random forest + Hyperband intensifier)

Optuna and Syne Tune run on the same virtual clock as hpo: k workers, one step per time unit,
each step reported and the pruner or scheduler asked; a freed worker starts a new trial at once.
SMAC's Hyperband asks for (configuration, budget) pairs trained from scratch, so it runs one
trial at a time and each trial costs its budget in steps; its full-fidelity values are its
trials at budget R. A trial cut by the end of the budget has no value. Resource: the sum of steps.

  .venv-peers/bin/python multifidelity/peers.py --tasks all --seeds 5 --out results/mf-peers.jsonl
"""

import argparse
import json
import logging
import math
import os
import sys
import tempfile
import time
import warnings
from concurrent.futures import ProcessPoolExecutor

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import tasks  # noqa: E402

METHODS = ["optuna-tpe-hyperband", "optuna-tpe-sha", "synetune-bohb", "smac-hyperband"]


class Trace:
    """Steps spent and the best full-fidelity value after each improvement (hpo-bench's RunTrace)."""

    def __init__(self):
        self.steps, self.trials, self.full_trials, self.improvements = 0, 0, 0, []

    def record(self, full_value=None):
        self.steps += 1
        best = self.improvements[-1][1] if self.improvements else math.inf
        if full_value is not None and math.isfinite(full_value) and full_value < best:
            self.improvements.append([float(self.steps), full_value])

    def best_at(self, steps):
        found = [b for s, b in self.improvements if s <= steps]
        return found[-1] if found else None


def run_asynchronous(method, task, length, budget, workers):
    """The virtual clock of hpo-bench's SimulatedRun: the worker whose step ends first (lowest
    number on ties) steps its trial, reports, and is told to continue or stop."""
    trace = Trace()

    def start(clock):
        handle, config = method.new_trial()
        trace.trials += 1
        return {"handle": handle, "trial": tasks.start(task, config, length), "step": 0, "clock": clock}

    slots = [start(0) for _ in range(workers)]
    while trace.steps < budget:
        w = min(range(workers), key=lambda i: (slots[i]["clock"], i))
        slot = slots[w]
        slot["step"] += 1
        slot["clock"] += 1
        value = slot["trial"].advance()
        finished = True
        if slot["step"] >= length:
            method.complete(slot["handle"], slot["step"], value)
            trace.record(value)
            trace.full_trials += 1
        elif method.report(slot["handle"], slot["step"], value):
            trace.record()
            finished = False
        else:
            method.prune(slot["handle"], slot["step"], value)
            trace.record()
        if finished and trace.steps < budget:
            slots[w] = start(slot["clock"])
    return trace


class OptunaMethod:
    def __init__(self, task, seed, pruner):
        import optuna
        optuna.logging.set_verbosity(optuna.logging.WARNING)
        warnings.filterwarnings("ignore", category=optuna.exceptions.ExperimentalWarning)
        self.optuna, self.space = optuna, tasks.TASKS[task]["space"]
        # A fixed name: the HyperbandPruner puts trials in brackets by a hash of the study's name,
        # a random one by default, which made runs of the same seed differ.
        self.study = optuna.create_study(study_name=f"{task}-{seed}", direction="minimize",
                                         sampler=optuna.samplers.TPESampler(seed=seed), pruner=pruner)

    def new_trial(self):
        trial = self.study.ask()
        config = {}
        for name, kind, lo, hi, log in self.space:
            config[name] = (trial.suggest_int(name, lo, hi, log=log) if kind == "int"
                            else trial.suggest_float(name, lo, hi, log=log))
        return trial, config

    def report(self, trial, step, value):
        """True: continue."""
        trial.report(value, step)
        return not trial.should_prune()

    def prune(self, trial, step, value):
        self.study.tell(trial, state=self.optuna.trial.TrialState.PRUNED)

    def complete(self, trial, step, value):
        self.study.tell(trial, value)


class SyneTuneBOHB:
    def __init__(self, task, seed, length, min_resource, eta):
        from syne_tune.backend.trial_status import Trial
        from syne_tune.config_space import loguniform, lograndint, randint, uniform
        from syne_tune.optimizer.baselines import BOHB
        logging.getLogger("syne_tune").setLevel(logging.WARNING)
        self.Trial, self.next_id = Trial, 0
        domain = {}
        for name, kind, lo, hi, log in tasks.TASKS[task]["space"]:
            domain[name] = ((lograndint if log else randint)(lo, hi) if kind == "int"
                            else (loguniform if log else uniform)(lo, hi))
        self.kinds = {name: kind for name, kind, *_ in tasks.TASKS[task]["space"]}
        self.scheduler = BOHB(domain, metric="loss", time_attr="step", max_t=length, do_minimize=True,
                              random_seed=seed, grace_period=min_resource, reduction_factor=eta)

    def new_trial(self):
        import datetime
        suggestion = self.scheduler.suggest()
        trial = self.Trial(trial_id=self.next_id, config=suggestion.config, creation_time=datetime.datetime.now())
        self.next_id += 1
        self.scheduler.on_trial_add(trial)
        config = {k: (int(v) if self.kinds.get(k) == "int" else v) for k, v in suggestion.config.items()
                  if k in self.kinds}
        return trial, config

    def report(self, trial, step, value):
        from syne_tune.optimizer.scheduler import SchedulerDecision
        return self.scheduler.on_trial_result(trial, {"loss": value, "step": step}) != SchedulerDecision.STOP

    def prune(self, trial, step, value):
        self.scheduler.on_trial_remove(trial)

    def complete(self, trial, step, value):
        self.scheduler.on_trial_complete(trial, {"loss": value, "step": step})


def run_smac(task, seed, length, budget, min_resource, eta):
    from ConfigSpace import ConfigurationSpace, Float, Integer
    from smac import MultiFidelityFacade, Scenario
    from smac.runhistory.dataclasses import TrialValue
    logging.getLogger("smac").setLevel(logging.ERROR)
    space = ConfigurationSpace(seed=seed)
    for name, kind, lo, hi, log in tasks.TASKS[task]["space"]:
        space.add(Integer(name, (lo, hi), log=log) if kind == "int" else Float(name, (lo, hi), log=log))
    trace = Trace()
    with tempfile.TemporaryDirectory() as out:
        scenario = Scenario(space, deterministic=True, n_trials=10 ** 6, min_budget=min_resource, max_budget=length,
                            seed=seed, output_directory=out)
        smac = MultiFidelityFacade(scenario, lambda config, seed=0, budget=1: 0.0,
                                   intensifier=MultiFidelityFacade.get_intensifier(scenario, eta=eta),
                                   overwrite=True, logging_level=40)
        while trace.steps < budget:
            info = smac.ask()
            steps = int(round(info.budget))
            trial = tasks.start(task, dict(info.config), length)
            trace.trials += 1
            value = None
            while trial.step < steps:
                value = trial.advance()
                if trial.step < steps:  # the last step is recorded with its value below
                    trace.record()
                    if trace.steps >= budget:
                        break
            if trial.step < steps:  # cut by the end of the budget
                break
            full = steps >= length
            trace.record(value if full else None)
            trace.full_trials += int(full)
            smac.tell(info, TrialValue(cost=value))
    return trace


def run_one(args):
    task, method, seed, workers, budget_r, checkpoints, min_resource, eta = args
    import numpy as np
    warnings.filterwarnings("ignore")
    # Syne Tune draws each trial's bracket from numpy's global generator.
    np.random.seed(seed)
    length = tasks.TASKS[task]["length"]
    budget = budget_r * length
    started = time.monotonic()
    if method == "smac-hyperband":
        trace, workers = run_smac(task, seed, length, budget, min_resource, eta), 1
    else:
        if method.startswith("optuna"):
            import optuna
            pruner = (optuna.pruners.HyperbandPruner(min_resource=min_resource, max_resource=length,
                                                     reduction_factor=eta)
                      if method == "optuna-tpe-hyperband" else
                      optuna.pruners.SuccessiveHalvingPruner(min_resource=min_resource, reduction_factor=eta))
            peer = OptunaMethod(task, seed, pruner)
        else:
            peer = SyneTuneBOHB(task, seed, length, min_resource, eta)
        trace = run_asynchronous(peer, task, length, budget, workers)
    return {"task": task, "method": method, "seed": seed, "workers": workers, "length": length,
            "budgets": checkpoints, "best": [trace.best_at(c * length) for c in checkpoints], "steps": trace.steps,
            "trials": trace.trials, "full_trials": trace.full_trials, "trace": trace.improvements,
            "seconds": time.monotonic() - started}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tasks", default="all")
    parser.add_argument("--methods", default="all")
    parser.add_argument("--seeds", type=int, default=5)
    parser.add_argument("--first-seed", type=int, default=1)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--budget", type=int, default=100, help="steps per run, as a multiple of R")
    parser.add_argument("--checkpoints", default="10,30,100")
    parser.add_argument("--min-resource", type=int, default=1)
    parser.add_argument("--reduction-factor", type=int, default=3)
    parser.add_argument("--jobs", type=int, default=os.cpu_count())
    parser.add_argument("--out")
    a = parser.parse_args()
    names = list(tasks.TASKS) if a.tasks == "all" else a.tasks.split(",")
    methods = METHODS if a.methods == "all" else a.methods.split(",")
    for m in methods:
        if m not in METHODS:
            parser.error(f"unknown method {m!r}; known: {', '.join(METHODS)}")
    checkpoints = [int(c) for c in a.checkpoints.split(",")]
    # Seed-major, so that a run cut short has every task and method at its first seeds.
    runs = [(t, m, s, a.workers, a.budget, checkpoints, a.min_resource, a.reduction_factor)
            for s in range(a.first_seed, a.first_seed + a.seeds) for t in names for m in methods]
    out = open(a.out, "a") if a.out else sys.stdout
    with ProcessPoolExecutor(max_workers=max(1, a.jobs)) as pool:
        for record in pool.map(run_one, runs):
            out.write(json.dumps(record, sort_keys=True) + "\n")
            out.flush()


if __name__ == "__main__":
    main()

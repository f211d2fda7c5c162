"""Reference decisions for the early-stopping tests, from Optuna itself.

Simulates asynchronous studies: trials report (step, value) points in a random interleaving,
Optuna's pruner is asked after every report (as hpo's executor asks its rule), and a pruned
trial reports nothing more. Writes every report and Optuna's verdict to
early_stopping_optuna.json. The Swift tests replay the reports and expect the same verdicts.

  - asha: optuna.pruners.SuccessiveHalvingPruner(min_resource, reduction_factor,
    min_early_stopping_rate=0, bootstrap_count=0), against hpo's SuccessiveHalving with no
    max_resource. Steps advance by 1 to 3, so rungs are often passed between two steps and
    several rungs at once; values are rounded to one decimal so that ties happen; some are NaN.
    Two documented differences are kept out of the simulation: a report never passes two rungs
    at once (hpo counts a trial stopped at the lower rung as having reached the higher one,
    Optuna does not), and NaN never comes at a rung (hpo ranks it worst among the values
    there, Optuna leaves it out). NaN between rungs does occur.
  - hyperband: optuna.pruners.HyperbandPruner(min_resource, max_resource, reduction_factor).
    Optuna assigns brackets by a CRC32 hash, hpo by the golden-ratio sequence, so the
    fixture records Optuna's bracket of each trial and its per-bracket weights; the test
    checks hpo's bracket b (first rung min_resource*eta^b) against Optuna's bracket b, each
    trial compared with the trials of its bracket. Trials stop before max_resource, where
    Optuna (unlike hpo) would still place a rung.

Run: python3 -m pip install optuna==5.0.0 numpy && python3 early_stopping_optuna.py
"""
import json
import math
import random

import optuna

optuna.logging.set_verbosity(optuna.logging.ERROR)


def rung_steps(pruner, study, trial):
    """The rung steps of a trial under Optuna's pruner (below 10**4)."""
    if isinstance(pruner, optuna.pruners.HyperbandPruner):
        b = pruner._get_bracket_id(study, study._storage.get_trial(trial._trial_id))
        pruner = pruner._pruners[b]
    first = pruner._min_resource * pruner._reduction_factor ** pruner._min_early_stopping_rate
    out = [first]
    while out[-1] * pruner._reduction_factor < 10**4:
        out.append(out[-1] * pruner._reduction_factor)
    return out


def next_step(rng, rungs, step):
    """step + 1 to 3, but passing at most one rung."""
    nxt = step + rng.randint(1, 3)
    while sum(step < r <= nxt for r in rungs) > 1:
        nxt -= 1
    return nxt


def simulate(seed, pruner, direction, n_trials, last_step, nan_rate):
    rng = random.Random(seed)
    study = optuna.create_study(direction=direction, pruner=pruner, study_name=f"s{seed}")
    # A curve per trial: a level and a slope, noisy, one decimal so that ties occur.
    curves = []
    for _ in range(n_trials):
        level, slope = rng.uniform(0.5, 2.0), rng.uniform(-0.05, 0.02)
        curves.append(lambda s, l=level, k=slope: round(l + k * s + rng.gauss(0, 0.1), 1))
    running = {}   # number -> (optuna trial, next step)
    waiting = list(range(n_trials))
    events, brackets, rungs = [], {}, {}
    while running or waiting:
        # Start a new trial now and then, so trials are at different steps.
        if waiting and (not running or rng.random() < 0.3):
            t = study.ask()
            assert t.number == waiting[0]
            if isinstance(pruner, optuna.pruners.HyperbandPruner) and not pruner._pruners:
                pruner._try_initialization(study)
            rungs[t.number] = rung_steps(pruner, study, t)
            running[waiting.pop(0)] = (t, next_step(rng, rungs[t.number], 0))
            continue
        number = rng.choice(sorted(running))
        t, step = running[number]
        previous = max((e["step"] for e in events if e["trial"] == number), default=0)
        at_rung = any(previous < r <= step for r in rungs[number])
        value = float("nan") if rng.random() < nan_rate and not at_rung else curves[number](step)
        t.report(value, step)
        pruned = t.should_prune()
        if isinstance(pruner, optuna.pruners.HyperbandPruner):
            brackets[number] = pruner._get_bracket_id(study, study._storage.get_trial(t._trial_id))
        events.append({"trial": number, "step": step, "value": None if math.isnan(value) else value,
                       "pruned": pruned})
        nxt = next_step(rng, rungs[number], step)
        if pruned:
            study.tell(t, state=optuna.trial.Trial.State.PRUNED)
            del running[number]
        elif nxt > last_step:
            study.tell(t, 0.0 if math.isnan(value) else value)
            del running[number]
        else:
            running[number] = (t, nxt)
    return events, brackets


scenarios = []
seed = 0
for direction in ["minimize", "maximize"]:
    for min_resource, eta in [(1, 2), (1, 3), (2, 3), (1, 4)]:
        seed += 1
        pruner = optuna.pruners.SuccessiveHalvingPruner(min_resource=min_resource, reduction_factor=eta)
        events, _ = simulate(seed, pruner, direction, n_trials=14, last_step=40, nan_rate=0.1)
        scenarios.append({"rule": "asha", "goal": direction, "min_resource": min_resource,
                          "reduction_factor": eta, "events": events})
    for min_resource, max_resource, eta in [(1, 27, 3), (1, 16, 2)]:
        seed += 1
        pruner = optuna.pruners.HyperbandPruner(min_resource=min_resource, max_resource=max_resource,
                                                reduction_factor=eta)
        events, brackets = simulate(seed, pruner, direction, n_trials=30, last_step=max_resource - 1,
                                    nan_rate=0.1)
        scenarios.append({"rule": "hyperband", "goal": direction, "min_resource": min_resource,
                          "max_resource": max_resource, "reduction_factor": eta,
                          "bracket_weights": pruner._trial_allocation_budgets,
                          "brackets": [brackets[n] for n in sorted(brackets)], "events": events})

with open("early_stopping_optuna.json", "w") as f:
    json.dump({"optuna": optuna.__version__, "scenarios": scenarios}, f, indent=None, separators=(",", ":"))
    f.write("\n")
print(f"{len(scenarios)} scenarios, {sum(len(s['events']) for s in scenarios)} reports, "
      f"{sum(e['pruned'] for s in scenarios for e in s['events'])} pruned")

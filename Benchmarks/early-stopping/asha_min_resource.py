#!/usr/bin/env python3
"""ASHA's first rung on the README's digits example: how often it keeps the sweep's best trial,
and at what share of a full sweep's epochs (the README's table under "asha").

Record full learning curves first (no early stopping; about 10 minutes each on 2 cores):

    for seed in 0 1; do
      hpo search --name full-$seed --seed $seed --strategy random --trials 60 --parallel 2 \
        --metric val_loss -- python3 Examples/train_digits.py --lr "loguniform(1e-4, 1e-1)" --epochs 30
    done
    python3 Benchmarks/early-stopping/asha_min_resource.py runs/full-0/run.db runs/full-1/run.db

Then the curves are replayed through ASHA (Optuna's semantics, as hpo's rule): trials run 4 at
a time in waves; at each rung r*eta^k < max_resource a trial's value joins the values recorded
there by the trials that reached it so far, and it continues if no worse than the
floor(n/eta)-th best (at least 1). The launch order is shuffled 500 times (seeded).
"""
import json, sqlite3, sys, statistics

def curves(db):
    con = sqlite3.connect(db)
    out = {}
    for trial, step, value in con.execute("SELECT trial, step, value FROM metric WHERE name='val_loss' ORDER BY id"):
        out.setdefault(trial, {})[step] = value if value is not None else float('inf')
    return [out[t] for t in sorted(out)]

def asha(cs, min_resource, eta=3, max_resource=30, parallel=4):
    rungs = []
    r = min_resource
    while r < max_resource:
        rungs.append(r); r *= eta
    recorded = {r: [] for r in rungs}
    # Trials run `parallel` at a time in waves: a wave's trials reach each rung together, in order.
    results = []
    for w in range(0, len(cs), parallel):
        wave = cs[w:w+parallel]
        alive = {i: True for i in range(len(wave))}
        stopped_at = {i: max(c) for i, c in enumerate(wave)}
        for r in rungs:
            for i, c in enumerate(wave):
                if not alive[i]: continue
                v = c[r]
                recorded[r].append(v)
                vals = sorted(recorded[r])
                k = max(1, len(vals) // eta)
                if v > vals[k-1]:
                    alive[i] = False; stopped_at[i] = r
        for i, c in enumerate(wave):
            results.append((alive[i], stopped_at[i], c[max(c)]))
    best = min(v for ok, _, v in results if ok)
    epochs = sum(s for _, s, _ in results)
    return best, epochs, sum(1 for ok, _, _ in results if not ok)

for db in sys.argv[1:]:
    cs = curves(db)
    full_best = min(c[max(c)] for c in cs)
    full_epochs = sum(max(c) for c in cs)
    print(f"{db}: {len(cs)} trials, no early stopping: best {full_best:.4f}, {full_epochs} epochs")
    for mr in (1, 2, 3, 5):
        best, epochs, pruned = asha(cs, mr)
        rank = sorted(c[max(c)] for c in cs).index(best) + 1
        print(f"  asha min_resource {mr}: best {best:.4f} (rank {rank} of {len(cs)}), {epochs} epochs ({epochs/full_epochs:.0%}), {pruned} pruned")

import random
print("\nOver 500 random launch orders of the same curves (parallel 4):")
for db in sys.argv[1:]:
    cs = curves(db)
    finals = sorted(c[max(c)] for c in cs)
    print(f"{db}: best {finals[0]:.4f}, 5th best {finals[4]:.4f}, median {statistics.median(finals):.4f}")
    for mr in (1, 2, 3, 5):
        rng = random.Random(0)
        found, regrets, fracs = 0, [], []
        for _ in range(500):
            order = cs[:]
            rng.shuffle(order)
            best, epochs, _ = asha(order, mr)
            found += best == finals[0]
            regrets.append(best - finals[0])
            fracs.append(epochs / sum(max(c) for c in cs))
        regrets.sort()
        print(f"  min_resource {mr}: finds the best in {found/5:.0f}% of orders, regret median {statistics.median(regrets):.4f} "
              f"p90 {regrets[449]:.4f}, epochs {statistics.median(fracs):.0%} of a full sweep")

"""Drives the cancel-latency benchmark for cancel-latency.sh; see there.

    python3 cancel-latency.py HPO SCRATCH PARALLEL TRIAL_CANCELS RUN_CANCELS
"""
import os
import sqlite3
import statistics
import subprocess
import sys
import time

hpo, scratch, parallel, trial_cancels, run_cancels = sys.argv[1:]
parallel, trial_cancels, run_cancels = int(parallel), int(trial_cancels), int(run_cancels)
here = os.path.dirname(os.path.abspath(__file__))
space = [a for i in range(1, 7) for a in (f"--x{i}", "uniform(0, 1)")]


def wait_for(condition, timeout=120.0):
    deadline = time.time() + timeout
    while not condition():
        if time.time() > deadline:
            raise SystemExit("timed out waiting for the sweep")
        time.sleep(0.002)


def lines(path):
    try:
        return open(path).read().split("\n")[:-1]
    except FileNotFoundError:
        return []


def summary(values):
    values = sorted(values)
    n = len(values)
    p = lambda q: values[min(n - 1, int(q * n))]
    return f"{statistics.median(values):.1f} / {p(0.99):.1f} / {values[-1]:.1f} ms"


trial_latencies, request_latencies, run_latencies = [], [], []
for repeat in range(run_cancels):
    out = os.path.join(scratch, f"out-{repeat}")
    os.makedirs(out)
    name = f"cancel{repeat}"
    sweep = subprocess.Popen(
        [hpo, "search", "--strategy", "bayes", "--trials", "100000", "--parallel", str(parallel), "--seed", str(repeat + 1),
         "--root", os.path.join(scratch, "runs"), "--name", name, "--workspace", os.path.join(scratch, "workspace"),
         "--", "python3", os.path.join(here, "cancel_trial.py"), out] + space,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wait_for(lambda: len(lines(os.path.join(out, "started"))) >= parallel)
    # One trial at a time: from the start of `hpo cancel RUN TRIAL` to that trial's SIGTERM.
    for k in range(trial_cancels if repeat == 0 else 0):
        stopped = {line.split()[0] for line in lines(os.path.join(out, "stopped"))}
        victim = next(t for t in reversed(lines(os.path.join(out, "started"))) if t not in stopped)
        begin = time.time()
        subprocess.run([hpo, "cancel", "--root", os.path.join(scratch, "runs"), name, victim],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        wait_for(lambda: any(l.split()[0] == victim for l in lines(os.path.join(out, "stopped"))))
        moment = next(float(l.split()[1]) for l in lines(os.path.join(out, "stopped")) if l.split()[0] == victim)
        trial_latencies.append(1000 * (moment - begin))
        # The part after the request was stored (its `at`): the controller's own share.
        database = sqlite3.connect(os.path.join(scratch, "runs", name, "run.db"))
        (stored,) = database.execute("SELECT max(at) FROM request WHERE trial = ?", (int(victim),)).fetchone()
        database.close()
        request_latencies.append(1000 * (moment - stored))
        # Let the freed slot fill again, so every cancel finds the sweep full.
        wait_for(lambda: len(lines(os.path.join(out, "started"))) - len(lines(os.path.join(out, "stopped"))) >= parallel)
    # The whole run: from the start of `hpo cancel RUN` to hpo's exit (every trial stopped and recorded).
    begin = time.time()
    subprocess.run([hpo, "cancel", "--root", os.path.join(scratch, "runs"), name],
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    sweep.wait()
    run_latencies.append(1000 * (time.time() - begin))

print(f"| --parallel {parallel} | {len(trial_latencies)} trials: {summary(trial_latencies)} "
      f"| {summary(request_latencies)} | {len(run_latencies)} runs: {summary(run_latencies)} |")

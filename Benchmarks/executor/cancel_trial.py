"""A trial for the cancel-latency benchmark: says it started, then sleeps until hpo stops it;
its SIGTERM handler appends the moment the signal came (wall clock) to OUT/stopped.

    python3 cancel_trial.py OUT --x1 V1 … --x6 V6
"""
import os
import signal
import sys
import time

out = sys.argv[1]
trial = os.environ.get("HPO_TRIAL", "?")


def on_term(signum, frame):
    with open(os.path.join(out, "stopped"), "a") as f:
        f.write(f"{trial} {time.time():.6f}\n")
    os._exit(0)


signal.signal(signal.SIGTERM, on_term)
with open(os.path.join(out, "started"), "a") as f:
    f.write(f"{trial}\n")
time.sleep(600)

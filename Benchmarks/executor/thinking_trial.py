"""A trial for the thinking-latency benchmark: a cheap 6-parameter function reported over
7 steps, 10 ms apart (about 0.07 s). A trial whose value is above the threshold bound waits
after its first line until hpo stops it; its SIGTERM handler writes how long after that
deciding write the signal came. Every trial writes its own start and end (wall clock) so
that the recorded durations can be checked against the real ones; it then exits at once
(`os._exit`), so that its end is its process's.

    python3 thinking_trial.py OUT --x1 V1 … --x6 V6
"""
import json
import os
import signal
import sys
import time

started = time.time()
out = sys.argv[1]
xs = [float(v) for v in sys.argv[3::2]]  # --x1 V1 … --x6 V6
trial = os.environ.get("HPO_TRIAL", "?")
# A shifted sphere: minimum 0 at (0.3, …, 0.3); about half of random points are above 0.35.
value = sum((x - 0.3) ** 2 for x in xs)
deciding = None


def record(latency):
    with open(out, "a") as f:
        f.write(f"{trial} {started:.6f} {time.time():.6f} {latency}\n")


def on_term(signum, frame):
    arrived = time.monotonic_ns()
    record(f"{(arrived - deciding) / 1e6:.3f}" if deciding is not None else "-")
    os._exit(0)


signal.signal(signal.SIGTERM, on_term)
metrics = open(os.environ["HPO_METRICS_FILE"], "a")
for step in range(1, 8):
    deciding = time.monotonic_ns()
    metrics.write(json.dumps({"step": step, "objective": value}) + "\n")
    metrics.flush()
    if value > 0.35:
        time.sleep(60)  # the threshold rule stops it on this line
    time.sleep(0.01)
record("-")
# Exit at once, as the SIGTERM handler does: the interpreter's own teardown (tens of ms on a
# loaded machine) would otherwise count as hpo's error in recording the end.
metrics.close()
os._exit(0)

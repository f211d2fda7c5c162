"""A trial for the early-stop reaction benchmark: writes one metric line that the threshold
rule stops at once, and records how long after the write its SIGTERM arrived (µs)."""
import os
import signal
import sys
import time

out = sys.argv[3]
written = None


def on_term(signum, frame):
    arrived = time.monotonic_ns()
    with open(out, "a") as f:
        f.write(f"{(arrived - written) / 1000:.1f}\n")
    os._exit(0)


signal.signal(signal.SIGTERM, on_term)
metrics = open(os.environ["HPO_METRICS_FILE"], "a")
written = time.monotonic_ns()
metrics.write('{"step": 1, "objective": 1}\n')
metrics.flush()
time.sleep(30)

"""Gramacy et al.'s (2016) constrained toy problem: minimize x1 + x2 on [0, 1]^2 subject to
c1 = 1.5 - x1 - 2 x2 - 0.5 sin(2 pi (x1^2 - 2 x2)) <= 0 and c2 = x1^2 + x2^2 - 1.5 <= 0.
Its constrained minimum is 0.5997881 (x = (0.195123, 0.404665), by SLSQP); the feasible set is two parts.

As an hpo trial: `python3 gramacy.py --x1 V --x2 V` appends {"objective", "c1", "c2"} to
$HPO_METRICS_FILE."""
import json
import math
import os
import sys

MINIMUM = 0.599788052010066


def evaluate(x1, x2):
    c1 = 1.5 - x1 - 2 * x2 - 0.5 * math.sin(2 * math.pi * (x1 * x1 - 2 * x2))
    c2 = x1 * x1 + x2 * x2 - 1.5
    return x1 + x2, c1, c2


if __name__ == "__main__":
    values = dict(zip(sys.argv[1::2], sys.argv[2::2]))
    f, c1, c2 = evaluate(float(values["--x1"]), float(values["--x2"]))
    with open(os.environ["HPO_METRICS_FILE"], "a") as metrics:
        metrics.write(json.dumps({"objective": f, "c1": c1, "c2": c2}) + "\n")

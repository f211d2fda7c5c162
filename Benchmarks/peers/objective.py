"""One evaluation of a suite function as an hpo trial: `python3 objective.py NAME --x1 V --x2 V …`
appends {"objective": f(x)} to $HPO_METRICS_FILE."""
import json
import os
import sys

from functions import FUNCTIONS

name = sys.argv[1]
values = dict(zip(sys.argv[2::2], sys.argv[3::2]))
f, bounds = FUNCTIONS[name][0], FUNCTIONS[name][1]
y = f([float(values[f"--x{i + 1}"]) for i in range(len(bounds))])
with open(os.environ["HPO_METRICS_FILE"], "a") as metrics:
    metrics.write(json.dumps({"objective": y}) + "\n")

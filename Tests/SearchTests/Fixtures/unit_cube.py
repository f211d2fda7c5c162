"""Reference values for the unit-cube encoding and the log-scale samplers of Search.

Independent of the Swift code: each value is written from the encoding's definition
(SearchSpace+UnitCube.swift's doc comment) with numpy. Run from this folder:

    python3 unit_cube.py > unit_cube.json
"""
import json
import math

import numpy as np


def unit(x, low, high, log):
    if log:
        x, low, high = math.log(x), math.log(low), math.log(high)
    return (x - low) / (high - low)


cases = {}

# real [0.5, 2.5]: linear.
cases["real_linear"] = {"values": [0.5, 1.0, 2.0, 2.5],
                        "encoded": [unit(v, 0.5, 2.5, False) for v in [0.5, 1.0, 2.0, 2.5]]}
# real [1e-5, 1e-1] on a log scale.
vals = [1e-5, 3e-4, 1e-3, 0.05, 1e-1]
cases["real_log"] = {"values": vals, "encoded": [unit(v, 1e-5, 1e-1, True) for v in vals]}
# integer [1, 10]: widened to [0.5, 10.5].
vals = [1, 3, 7, 10]
cases["int_linear"] = {"values": vals, "encoded": [unit(v, 0.5, 10.5, False) for v in vals]}
# integer [-3, 3]: widened to [-3.5, 3.5].
vals = [-3, 0, 2]
cases["int_negative"] = {"values": vals, "encoded": [unit(v, -3.5, 3.5, False) for v in vals]}
# integer [1, 1000] on a log scale: widened to [0.5, 1000.5], then log.
vals = [1, 2, 10, 100, 999, 1000]
cases["int_log"] = {"values": vals, "encoded": [unit(v, 0.5, 1000.5, True) for v in vals]}
# ordinal given as [32, 8, 16, 64]: rank by value, centre of the rank's bin.
given = [32, 8, 16, 64]
ranks = {v: r for r, v in enumerate(sorted(given))}
cases["ordinal"] = {"values": given, "encoded": [(ranks[v] + 0.5) / len(given) for v in given]}

# Probability of each integer under the log-integer sampler over [1, 20]: uniform in
# log over [0.5, 20.5], rounded to the nearest integer, so P(k) = log((k+.5)/(k-.5)) / log(20.5/.5).
ks = np.arange(1, 21)
p = np.log((ks + 0.5) / (ks - 0.5)) / np.log(20.5 / 0.5)
assert abs(p.sum() - 1) < 1e-12
cases["int_log_probabilities_1_20"] = {"values": ks.tolist(), "encoded": p.tolist()}

print(json.dumps(cases, indent=1, sort_keys=True))

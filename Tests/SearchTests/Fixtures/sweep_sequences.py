"""Reference values for the sweep syntax's value generators (numpy's meaning).

Run:  python3 Tests/SearchTests/Fixtures/sweep_sequences.py > Tests/SearchTests/Fixtures/sweep_sequences.json

Each case is the sweep text and the values numpy gives, rounded to 15 significant digits as
hpo rounds generated floats. Integer ranges use Python's range itself.
"""
import json
import numpy as np

def r15(x):
    return float('%.15g' % x)

cases = []
def add(text, values):
    cases.append({"text": text, "values": [v if isinstance(v, int) else r15(float(v)) for v in values]})

for args in [(5,), (1, 10, 2), (10, 0, -3), (-3, 3), (0, 10, 3), (5, 6)]:
    add("range(%s)" % ", ".join(map(str, args)), list(range(*args)))
for args in [(0, 1, 0.1), (0.5, 2.5, 0.5), (1, 0, -0.25), (0, 0.3, 0.1), (1e-3, 5e-3, 1e-3), (0.0, 1.0)]:
    add("range(%s)" % ", ".join(map(repr, args)), list(np.arange(*args)))
for a, b, n in [(0, 1, 5), (0, 1, 11), (1, 5, 5), (-1, 1, 4), (2.5, -2.5, 3), (3, 7, 1), (1e-4, 1e-3, 4)]:
    add("linspace(%r, %r, %d)" % (a, b, n), list(np.linspace(a, b, n)))
for a, b, n in [(-5, -1, 5), (0, 3, 4), (-3, 0, 7), (1, 2, 1), (0.5, 1.5, 3)]:
    add("logspace(%r, %r, %d)" % (a, b, n), list(np.logspace(a, b, n)))
for a, b, n in [(1, 1000, 4), (1e-5, 1e-1, 5), (2, 32, 5), (-1, -100, 3), (1, 2, 3), (7, 7.5, 1)]:
    add("geomspace(%r, %r, %d)" % (a, b, n), list(np.geomspace(a, b, n)))

print('{"numpy": %s, "cases": [' % json.dumps(np.__version__))
print(",\n".join(" " + json.dumps(c) for c in cases))
print("]}")

"""The multi-objective benchmark's problems: a search space, two objectives to minimize, and a
fixed reference point for the hypervolume.

Three synthetic functions (Zitzler, Deb & Thiele 2000; Deb, Thiele, Laumanns & Zitzler 2002),
d = 6 on [0, 1]^6; hpo-bench has the same definitions in Swift
(BenchmarkFunctions/MultiObjectiveFunction.swift, checked against these by the Benchmarks tests):
  zdt1   f1 = x1, g = 1 + 9/(d-1) sum_{i>=2} x_i, f2 = g (1 - sqrt(f1/g)); front f2 = 1 - sqrt(f1).
  zdt2   as zdt1 with f2 = g (1 - (f1/g)^2); a concave front f2 = 1 - f1^2.
  dtlz2  two objectives: g = sum_{i>=2} (x_i - 0.5)^2, f1 = (1+g) cos(pi x1/2),
         f2 = (1+g) sin(pi x1/2); front the quarter circle f1^2 + f2^2 = 1.
Reference points as BoTorch's test problems use them: (11, 11) for ZDT, (1.1, 1.1) for DTLZ2.
The true fronts' hypervolumes: zdt1 120 + 2/3, zdt2 120 + 1/3, dtlz2 1.21 - pi/4.

One real task on data that ships with scikit-learn (nothing downloaded):
  mlp-digits  MLPClassifier on the digits images (fixed stratified 75/25 split, seed 0), 60 epochs
              of Adam; objectives the validation error and the number of weights (and biases).
              Space: layers 1-2, width 2-128 (log, every layer), learning_rate_init 1e-4-1e-1 (log),
              alpha 1e-6-1e-1 (log). Reference (1.0, 30000): an error no model exceeds and more
              weights than the largest network (26,122).
"""

import math

D = 6

SYNTHETIC_SPACE = [(f"x{i + 1}", "real", 0.0, 1.0, False) for i in range(D)]

MLP_SPACE = [
    ("layers", "int", 1, 2, False),
    ("width", "int", 2, 128, True),
    ("learning_rate_init", "real", 1e-4, 1e-1, True),
    ("alpha", "real", 1e-6, 1e-1, True),
]


def zdt1(x):
    g = 1 + 9 / (len(x) - 1) * sum(x[1:])
    return [x[0], g * (1 - math.sqrt(x[0] / g))]


def zdt2(x):
    g = 1 + 9 / (len(x) - 1) * sum(x[1:])
    return [x[0], g * (1 - (x[0] / g) ** 2)]


def dtlz2(x):
    g = sum((xi - 0.5) ** 2 for xi in x[1:])
    return [(1 + g) * math.cos(math.pi * x[0] / 2), (1 + g) * math.sin(math.pi * x[0] / 2)]


def mlp_weights(layers, width):
    """Weights and biases of a 64-input, 10-class network with `layers` hidden layers of `width`."""
    sizes = [64] + [width] * layers + [10]
    return sum(a * b + b for a, b in zip(sizes, sizes[1:]))


_DIGITS = None


def mlp_digits(config):
    global _DIGITS
    import warnings

    from sklearn.datasets import load_digits
    from sklearn.exceptions import ConvergenceWarning
    from sklearn.model_selection import train_test_split
    from sklearn.neural_network import MLPClassifier

    if _DIGITS is None:
        x, y = load_digits(return_X_y=True)
        _DIGITS = train_test_split(x / 16.0, y, test_size=0.25, random_state=0, stratify=y)
    x_train, x_valid, y_train, y_valid = _DIGITS
    layers, width = int(config["layers"]), int(config["width"])
    model = MLPClassifier(hidden_layer_sizes=(width,) * layers, learning_rate_init=float(config["learning_rate_init"]),
                          alpha=float(config["alpha"]), max_iter=60, random_state=0)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        model.fit(x_train, y_train)
    error = 1.0 - model.score(x_valid, y_valid)
    return [error, float(mlp_weights(layers, width))]


def _vector(config):
    return [float(config[f"x{i + 1}"]) for i in range(D)]


PROBLEMS = {
    "zdt1": {"space": SYNTHETIC_SPACE, "reference": [11.0, 11.0], "evaluate": lambda c: zdt1(_vector(c))},
    "zdt2": {"space": SYNTHETIC_SPACE, "reference": [11.0, 11.0], "evaluate": lambda c: zdt2(_vector(c))},
    "dtlz2": {"space": SYNTHETIC_SPACE, "reference": [1.1, 1.1], "evaluate": lambda c: dtlz2(_vector(c))},
    "mlp-digits": {"space": MLP_SPACE, "reference": [1.0, 30000.0], "evaluate": mlp_digits},
}


def hypervolume(points, reference):
    """Two-objective hypervolume (minimization) by the staircase sweep; points not strictly
    below the reference in both objectives add nothing."""
    inside = sorted(p for p in points if all(math.isfinite(v) for v in p) and p[0] < reference[0] and p[1] < reference[1])
    total, ceiling = 0.0, reference[1]
    for i, p in enumerate(inside):
        if p[1] >= ceiling:
            continue
        ceiling = p[1]
        following = next((q[0] for q in inside[i + 1:] if q[1] < ceiling), reference[0])
        total += (following - p[0]) * (reference[1] - ceiling)
    return total

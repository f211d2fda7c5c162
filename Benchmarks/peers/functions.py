"""The suite's test functions in numpy, written from the Virtual Library of Simulation
Experiments (sfu.ca/~ssurjano), independently of the Swift ones in
Benchmarks/Sources/BenchmarkFunctions. The peers evaluate these; `python3 functions.py` prints
each at x = (0.5, ..., 0.5) and at its minimizer, the figures the Swift tests check against."""
import math

import numpy as np


def branin(x):
    b, c, t = 5.1 / (4 * math.pi ** 2), 5 / math.pi, 1 / (8 * math.pi)
    return (x[1] - b * x[0] ** 2 + c * x[0] - 6) ** 2 + 10 * (1 - t) * math.cos(x[0]) + 10


_HA = np.array([[10, 3, 17, 3.5, 1.7, 8], [0.05, 10, 17, 0.1, 8, 14], [3, 3.5, 1.7, 10, 17, 8], [17, 8, 0.05, 10, 0.1, 14]])
_HP = 1e-4 * np.array([[1312, 1696, 5569, 124, 8283, 5886], [2329, 4135, 8307, 3736, 1004, 9991],
                       [2348, 1451, 3522, 2883, 3047, 6650], [4047, 8828, 8732, 5743, 1091, 381]])
_HALPHA = np.array([1.0, 1.2, 3.0, 3.2])


def hartmann6(x):
    x = np.asarray(x)
    return float(-np.sum(_HALPHA * np.exp(-np.sum(_HA * (x - _HP) ** 2, axis=1))))


def ackley(x):
    x = np.asarray(x)
    d = len(x)
    return float(-20 * np.exp(-0.2 * np.sqrt(np.sum(x ** 2) / d)) - np.exp(np.sum(np.cos(2 * np.pi * x)) / d) + 20 + np.e)


def rosenbrock(x):
    x = np.asarray(x)
    return float(np.sum(100 * (x[1:] - x[:-1] ** 2) ** 2 + (x[:-1] - 1) ** 2))


def levy(x):
    w = 1 + (np.asarray(x) - 1) / 4
    head = np.sin(np.pi * w[0]) ** 2
    mid = np.sum((w[:-1] - 1) ** 2 * (1 + 10 * np.sin(np.pi * w[:-1] + 1) ** 2))
    tail = (w[-1] - 1) ** 2 * (1 + np.sin(2 * np.pi * w[-1]) ** 2)
    return float(head + mid + tail)


def styblinski_tang(x):
    x = np.asarray(x)
    return float(0.5 * np.sum(x ** 4 - 16 * x ** 2 + 5 * x))


def griewank(x):
    x = np.asarray(x)
    i = np.arange(1, len(x) + 1)
    return float(np.sum(x ** 2) / 4000 - np.prod(np.cos(x / np.sqrt(i))) + 1)


def hartmann6_embedded(x):
    """Hartmann6 of the first six coordinates; the others are dummies."""
    return hartmann6(np.asarray(x)[:6])


_ST_ROOT = -2.9035340276126953
# name: (function, bounds (low, high) per coordinate, dimension, known minimum, a minimizer)
FUNCTIONS = {
    "branin": (branin, [(-5, 10), (0, 15)], 0.39788735772973816, [math.pi, 2.275]),
    "hartmann6": (hartmann6, [(0, 1)] * 6, -3.322368011415515,
                  [0.20168952, 0.15001069, 0.47687398, 0.27533243, 0.31165162, 0.65730054]),
    "ackley5": (ackley, [(-32.768, 32.768)] * 5, 0.0, [0.0] * 5),
    "rosenbrock4": (rosenbrock, [(-5, 10)] * 4, 0.0, [1.0] * 4),
    "levy6": (levy, [(-10, 10)] * 6, 0.0, [1.0] * 6),
    "styblinski_tang8": (styblinski_tang, [(-5, 5)] * 8, 8 * 0.5 * (_ST_ROOT ** 4 - 16 * _ST_ROOT ** 2 + 5 * _ST_ROOT),
                         [_ST_ROOT] * 8),
    "griewank10": (griewank, [(-50, 100)] * 10, 0.0, [0.0] * 10),
    # High-dimensional: 200 evaluations each. Hartmann6 in d = 30 reads the first six
    # coordinates and ignores the 24 others (dummies a method must learn to disregard).
    "ackley20": (ackley, [(-32.768, 32.768)] * 20, 0.0, [0.0] * 20),
    "rosenbrock20": (rosenbrock, [(-5, 10)] * 20, 0.0, [1.0] * 20),
    "hartmann6_30": (hartmann6_embedded, [(0, 1)] * 30, -3.322368011415515,
                     [0.20168952, 0.15001069, 0.47687398, 0.27533243, 0.31165162, 0.65730054] + [0.5] * 24),
}

HIGH_DIMENSIONAL = ["ackley20", "rosenbrock20", "hartmann6_30"]


def budget(name):
    """50 evaluations for d <= 3, 200 for d > 10, else 100."""
    d = len(FUNCTIONS[name][1])
    return 50 if d <= 3 else 200 if d > 10 else 100


if __name__ == "__main__":
    for name, (f, bounds, minimum, xstar) in FUNCTIONS.items():
        print(f"{name}: f(0.5...) = {f([0.5] * len(bounds)):.8f}, f(x*) - min = {f(xstar) - minimum:.2e}")

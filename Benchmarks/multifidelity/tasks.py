"""The multi-fidelity benchmark's learning-curve tasks: a search space, a full length R (steps),
and an incremental evaluator (start a trial with a configuration, advance it one step, read the
objective at that step; lower is better).

Two synthetic functions with closed forms, where the fidelity of step s is z = s/R in (0, 1]:
  branin-mf    the multi-fidelity Branin of Kandasamy et al., "Multi-fidelity Bayesian
               optimisation with continuous approximations" (BOCA, ICML 2017), appendix:
               b(z) = 5.1/(4 pi^2) - 0.01(1 - z), c(z) = 5/pi - 0.1(1 - z),
               t(z) = 1/(8 pi) + 0.05(1 - z); at z = 1 the Branin function, minimum 0.397887.
  hartmann6-mf the multi-fidelity Hartmann6 of the same paper: alpha'(z) = alpha - 0.1(1 - z);
               at z = 1 the Hartmann6 function, minimum -3.322368.
Two real training tasks on data that ships with scikit-learn (nothing downloaded), each with a
fixed train/validation split:
  mlp-digits   MLPClassifier trained epoch by epoch (partial_fit) on digits, R = 81 epochs.
  gb-cancer    GradientBoostingClassifier grown one tree per step (warm_start) on breast
               cancer, R = 81 trees.
Both report the validation log loss rather than the error: the error of the good digits models
is a handful of the 450 validation images, so many configurations tie and the regret is a step
function; the log loss orders them. The known best of a real task is not known in closed form:
the table takes the best full-fidelity value any method found over all seeds of the run
(`table.py`).

Only the real tasks import numpy and scikit-learn (when a trial starts), so the synthetic ones
run on a bare python3 (the Benchmarks tests use them so).

Cost: one step is one unit of resource for every task (an epoch, a tree, or a fidelity step
of the synthetic functions, where cost grows linearly with z).
"""

import math

# --- synthetic functions -------------------------------------------------------------------

BRANIN_MIN = 0.39788735772973816

HARTMANN6_ALPHA = [1.0, 1.2, 3.0, 3.2]
HARTMANN6_A = [
    [10, 3, 17, 3.5, 1.7, 8],
    [0.05, 10, 17, 0.1, 8, 14],
    [3, 3.5, 1.7, 10, 17, 8],
    [17, 8, 0.05, 10, 0.1, 14],
]
HARTMANN6_P = [[1e-4 * p for p in row] for row in [
    [1312, 1696, 5569, 124, 8283, 5886],
    [2329, 4135, 8307, 3736, 1004, 9991],
    [2348, 1451, 3522, 2883, 3047, 6650],
    [4047, 8828, 8732, 5743, 1091, 381],
]]
HARTMANN6_MIN = -3.322368011391339
HARTMANN6_ARGMIN = [0.20168952, 0.15001069, 0.47687398, 0.27533243, 0.31165162, 0.65730054]


def branin_mf(x1, x2, z):
    """The multi-fidelity Branin of BOCA (Kandasamy et al. 2017) at fidelity z in (0, 1]."""
    b = 5.1 / (4 * math.pi ** 2) - 0.01 * (1 - z)
    c = 5 / math.pi - 0.1 * (1 - z)
    t = 1 / (8 * math.pi) + 0.05 * (1 - z)
    return (x2 - b * x1 ** 2 + c * x1 - 6) ** 2 + 10 * (1 - t) * math.cos(x1) + 10


def hartmann6_mf(x, z):
    """The multi-fidelity Hartmann6 of BOCA (Kandasamy et al. 2017) at fidelity z in (0, 1]."""
    total = 0.0
    for alpha, a, p in zip(HARTMANN6_ALPHA, HARTMANN6_A, HARTMANN6_P):
        inner = sum(aj * (xj - pj) ** 2 for aj, xj, pj in zip(a, x, p))
        total += (alpha - 0.1 * (1 - z)) * math.exp(-inner)
    return -total


class SyntheticTrial:
    """A closed-form function read at z = step/R: each step moves the fidelity up by 1/R."""

    def __init__(self, function, config, length):
        self.function, self.config, self.length, self.step = function, config, length, 0

    def advance(self):
        self.step += 1
        return self.function(self.config, self.step / self.length)


# --- real training tasks -------------------------------------------------------------------

_DATA = {}


def _split(name):
    """The task's fixed split (random_state 0, stratified), standardized on the training part."""
    if name not in _DATA:
        from sklearn.datasets import load_breast_cancer, load_digits
        from sklearn.model_selection import train_test_split
        from sklearn.preprocessing import StandardScaler
        X, y = (load_digits if name == "digits" else load_breast_cancer)(return_X_y=True)
        Xt, Xv, yt, yv = train_test_split(X, y, test_size=0.25, random_state=0, stratify=y)
        scaler = StandardScaler().fit(Xt)
        _DATA[name] = (scaler.transform(Xt), scaler.transform(Xv), yt, yv)
    return _DATA[name]


class MLPDigitsTrial:
    """One epoch of Adam (partial_fit) per step; the model's own seed is fixed, so a configuration
    always gives the same curve."""

    def __init__(self, config):
        import warnings

        from sklearn.exceptions import ConvergenceWarning
        from sklearn.neural_network import MLPClassifier
        warnings.filterwarnings("ignore", category=ConvergenceWarning)
        self.Xt, self.Xv, self.yt, self.yv = _split("digits")
        self.classes = sorted(set(self.yt))
        self.model = MLPClassifier(
            hidden_layer_sizes=(int(config["hidden_units"]),),
            learning_rate_init=float(config["learning_rate_init"]), alpha=float(config["alpha"]),
            batch_size=int(config["batch_size"]), beta_1=float(config["beta_1"]), random_state=0)
        self.step = 0

    def advance(self):
        from sklearn.metrics import log_loss
        self.step += 1
        self.model.partial_fit(self.Xt, self.yt, classes=self.classes)
        return _finite(log_loss(self.yv, self.model.predict_proba(self.Xv), labels=self.classes))


class GBCancerTrial:
    """One more tree per step (warm_start); the subsampling seed is fixed."""

    def __init__(self, config):
        from sklearn.ensemble import GradientBoostingClassifier
        self.Xt, self.Xv, self.yt, self.yv = _split("cancer")
        self.model = GradientBoostingClassifier(
            n_estimators=0, warm_start=True, learning_rate=float(config["learning_rate"]),
            max_depth=int(config["max_depth"]), subsample=float(config["subsample"]),
            min_samples_leaf=int(config["min_samples_leaf"]), max_features=float(config["max_features"]),
            random_state=0)
        self.step = 0

    def advance(self):
        from sklearn.metrics import log_loss
        self.step += 1
        self.model.n_estimators += 1
        self.model.fit(self.Xt, self.yt)
        return _finite(log_loss(self.yv, self.model.predict_proba(self.Xv), labels=[0, 1]))


def _finite(value):
    """A diverged model's NaN loss as a large finite loss, so every method ranks it the same."""
    return value if math.isfinite(value) else 1e3


# --- the task table ------------------------------------------------------------------------

# Each parameter: (name, kind, low, high, log). Kinds: float, int.
TASKS = {
    "branin-mf": {
        "length": 81,
        "space": [("x1", "float", -5.0, 10.0, False), ("x2", "float", 0.0, 15.0, False)],
        "optimum": BRANIN_MIN,
        "trial": lambda c, R: SyntheticTrial(lambda x, z: branin_mf(x["x1"], x["x2"], z), c, R),
    },
    "hartmann6-mf": {
        "length": 81,
        "space": [(f"x{i}", "float", 0.0, 1.0, False) for i in range(1, 7)],
        "optimum": HARTMANN6_MIN,
        "trial": lambda c, R: SyntheticTrial(lambda x, z: hartmann6_mf([x[f"x{i}"] for i in range(1, 7)], z), c, R),
    },
    "mlp-digits": {
        "length": 81,
        "space": [("learning_rate_init", "float", 1e-4, 1e-1, True), ("alpha", "float", 1e-6, 1e-1, True),
                  ("hidden_units", "int", 16, 128, True), ("batch_size", "int", 32, 512, True),
                  ("beta_1", "float", 0.7, 0.99, False)],
        "optimum": None,
        "trial": lambda c, R: MLPDigitsTrial(c),
    },
    "gb-cancer": {
        "length": 81,
        "space": [("learning_rate", "float", 1e-2, 1.0, True), ("max_depth", "int", 1, 6, False),
                  ("subsample", "float", 0.5, 1.0, False), ("min_samples_leaf", "int", 1, 50, True),
                  ("max_features", "float", 0.1, 1.0, False)],
        "optimum": None,
        "trial": lambda c, R: GBCancerTrial(c),
    },
}


def start(task, config, length=None):
    """A new trial of `task` with `config` (a dict name -> value) and full length `length`."""
    spec = TASKS[task]
    return spec["trial"](config, length or spec["length"])

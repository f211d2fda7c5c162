#!/usr/bin/env python3
"""Reference values for the Gaussian process and log-EI tests (gp_fixtures.json).

Computed independently of the Swift code: numpy/scipy for the GP (dense inverse-free
Cholesky solves), mpmath at 60 significant digits for the normal tail functions.
Run from this directory:  python3 make_gp_fixtures.py > gp_fixtures.json

Conventions (they match the Swift API):
- Matérn-5/2 ARD: k(x, y) = s2 (1 + sqrt5 r + 5 r^2 / 3) exp(-sqrt5 r), r^2 = sum((x - y)^2 / l^2)
- targets standardized with the sample mean and the population std (ddof = 0)
- log marginal likelihood of the standardized targets; its gradient w.r.t.
  [log s2, log l_1 .. log l_d, log noise]
- posterior mean and (latent, noise-free) variance reported in the original units
"""
import json
import sys

import mpmath
import numpy as np
from scipy.linalg import cho_factor, cho_solve

mpmath.mp.dps = 60


def matern(a, b, s2, ls):
    d = (a[:, None, :] - b[None, :, :]) / ls
    r = np.sqrt((d ** 2).sum(-1))
    s = np.sqrt(5.0) * r
    return s2 * (1 + s + s * s / 3) * np.exp(-s)


def lml(x, y, s2, ls, noise):
    n = len(y)
    k = matern(x, x, s2, ls) + noise * np.eye(n)
    c = cho_factor(k, lower=True)
    alpha = cho_solve(c, y)
    logdet = 2 * np.log(np.diag(c[0])).sum()
    return -0.5 * y @ alpha - 0.5 * logdet - 0.5 * n * np.log(2 * np.pi)


def lml_mp(x, y, params):
    """The log marginal likelihood in mpmath; params = [s2, l_1 .. l_d, noise]."""
    n, d = x.shape
    s2, ls, noise = params[0], params[1:-1], params[-1]
    k = mpmath.matrix(n, n)
    for i in range(n):
        for j in range(n):
            r = mpmath.sqrt(sum(((mpmath.mpf(x[i, c]) - mpmath.mpf(x[j, c])) / ls[c]) ** 2 for c in range(d)))
            s = mpmath.sqrt(5) * r
            k[i, j] = s2 * (1 + s + s * s / 3) * mpmath.exp(-s) + (noise if i == j else 0)
    chol = mpmath.cholesky(k)
    yv = mpmath.matrix([mpmath.mpf(v) for v in y])
    alpha = mpmath.cholesky_solve(k, yv)
    fit = sum(yv[i] * alpha[i] for i in range(n))
    logdet = 2 * sum(mpmath.log(chol[i, i]) for i in range(n))
    return -fit / 2 - logdet / 2 - n * mpmath.log(2 * mpmath.pi) / 2


def lml_gradient(x, y, s2, ls, noise):
    """Analytic: 0.5 tr((alpha alpha^T - K^-1) dK/dtheta)."""
    n, d = x.shape
    k = matern(x, x, s2, ls) + noise * np.eye(n)
    kinv = np.linalg.inv(k)
    alpha = kinv @ y
    w = np.outer(alpha, alpha) - kinv
    diff = (x[:, None, :] - x[None, :, :]) / ls
    r = np.sqrt((diff ** 2).sum(-1))
    s = np.sqrt(5.0) * r
    g = 5.0 / 3.0 * (1 + s) * np.exp(-s)
    grads = [0.5 * np.sum(w * matern(x, x, s2, ls))]
    for j in range(d):
        grads.append(0.5 * np.sum(w * s2 * g * diff[:, :, j] ** 2))
    grads.append(0.5 * noise * np.trace(w))
    return np.array(grads)


def gp_case(name, seed, n, d, s2, ls, noise, m):
    rng = np.random.default_rng(seed)
    x = rng.random((n, d))
    raw = np.sin(3 * x[:, 0]) + (x ** 2).sum(1) - 0.5 * x[:, -1] + 0.05 * rng.standard_normal(n)
    y_obs = 10 + 4 * raw  # not already standardized, so the Swift side must standardize
    mean, scale = y_obs.mean(), y_obs.std()
    y = (y_obs - mean) / scale
    ls = np.array(ls, dtype=float)
    value = lml(x, y, s2, ls, noise)
    grad = lml_gradient(x, y, s2, ls, noise)
    # Independent check of the analytic gradient: central differences in the log parameters.
    theta = np.concatenate([[np.log(s2)], np.log(ls), [np.log(noise)]])

    # mpmath at 60 digits so that the differences are exact to far more digits than checked.
    def f(t):
        return lml_mp(x, y, [mpmath.exp(v) for v in t])

    h = mpmath.mpf("1e-12")
    tm = [mpmath.mpf(v) for v in theta]
    fd = []
    for i in range(len(tm)):
        up = list(tm); up[i] += h
        down = list(tm); down[i] -= h
        fd.append(float((f(up) - f(down)) / (2 * h)))
    assert np.allclose(fd, grad, rtol=1e-7, atol=1e-8), (fd, grad)
    assert abs(float(f(tm)) - value) < 1e-8 * max(1, abs(value)), (f(tm), value)

    t = rng.random((m, d))
    t[0] = x[0]  # one test point sits on an observation
    k = matern(x, x, s2, ls) + noise * np.eye(n)
    c = cho_factor(k, lower=True)
    ks = matern(x, t, s2, ls)
    mu = ks.T @ cho_solve(c, y)
    var = s2 - np.sum(ks * cho_solve(c, ks), 0)
    return {
        "name": name,
        "inputs": x.tolist(),
        "targets": y_obs.tolist(),
        "signalVariance": s2,
        "lengthScales": ls.tolist(),
        "noiseVariance": noise,
        "standardizationMean": mean,
        "standardizationScale": scale,
        "logMarginalLikelihood": value,
        "gradient": grad.tolist(),
        "testPoints": t.tolist(),
        "posteriorMean": (mean + scale * mu).tolist(),
        "posteriorVariance": (scale ** 2 * var).tolist(),
        "kernelAtFirstPair": float(matern(x[:1], x[1:2], s2, ls)[0, 0]),
    }


def log_h(z):
    z = mpmath.mpf(z)
    h = mpmath.npdf(z) + z * mpmath.ncdf(z)
    return mpmath.log(h), mpmath.ncdf(z) / h


def main():
    cases = [
        gp_case("d3n10", 1, 10, 3, 1.3, [0.3, 0.7, 1.5], 0.01, 6),
        gp_case("d6n30", 2, 30, 6, 0.8, [0.2, 0.4, 0.6, 0.8, 1.0, 2.0], 1e-4, 8),
        gp_case("d1n5", 3, 5, 1, 2.0, [0.25], 1e-6, 5),
    ]
    zs = [-1e6, -1e4, -1e3, -100, -40, -20, -12.5, -12, -11.9, -10, -5, -2, -1.0001, -1, -0.999, -0.5,
          0, 0.5, 1, 2, 5, 10, 40, 100]
    log_h_rows = []
    for z in zs:
        v, dv = log_h(z)
        log_h_rows.append({"z": z, "logH": float(v), "derivative": float(dv)})
    ei_rows = []
    for mean, var, best in [(0.0, 1.0, 0.0), (1.0, 0.25, -0.5), (3.0, 1e-4, 0.0), (-2.0, 4.0, 0.5),
                            (50.0, 1.0, 0.0), (0.0, 1e-10, 1.0)]:
        sigma = mpmath.sqrt(var)
        v, _ = log_h((mpmath.mpf(best) - mean) / sigma)
        ei_rows.append({"mean": mean, "variance": var, "best": best, "logEI": float(mpmath.log(sigma) + v)})
    xs = [-26, -5, -1, -0.1, 0, 0.3, 1, 2.5, 5, 9.99, 10, 10.01, 15, 26, 30, 100, 1e4, 1e9]
    erfcx_rows = [{"x": x, "erfcx": float(mpmath.erfc(x) * mpmath.exp(mpmath.mpf(x) ** 2))} for x in xs]
    json.dump({"generatedBy": "make_gp_fixtures.py", "gp": cases, "logH": log_h_rows,
               "logEI": ei_rows, "erfcx": erfcx_rows}, sys.stdout, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()

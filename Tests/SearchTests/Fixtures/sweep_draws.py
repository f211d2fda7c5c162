"""Reference values for the sweep syntax's pre-sampled draws, from an independent Python
implementation of SplitMix64 and of the draw rules documented in
Sources/Search/Sweep/SweepFunction+Draws.swift and Sources/Search/Strategies/RandomStrategy.swift.

Run:  python3 Tests/SearchTests/Fixtures/sweep_draws.py > Tests/SearchTests/Fixtures/sweep_draws.json
"""
import json
import math

M = (1 << 64) - 1

class SplitMix64:
    def __init__(self, seed, index=None, salt=0):
        if index is None:
            self.state = seed & M
            return
        mixer = SplitMix64(seed ^ ((salt * 0xD1B54A32D192ED03) & M))
        base = mixer.next()
        # Stream i starts at a hash of (seed, salt, i): see SplitMix64.init(seed:index:salt:).
        self.state = SplitMix64((base + index * 0x9E3779B97F4A7C15) & M).next()

    def next(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & M
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & M
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & M
        return z ^ (z >> 31)

    def unit(self):
        return (self.next() >> 11) * 2.0 ** -53

def fnv1a(name):
    h = 0xCBF29CE484222325
    for b in name.encode():
        h ^= b
        h = (h * 0x100000001B3) & M
    return h

def stream(seed, name):
    return SplitMix64(seed, 0, fnv1a(name))

def clamp(x, lo, hi):
    return min(max(x, lo), hi)

def at_unit(u, lo, hi, log):
    if log:
        return math.exp(math.log(lo) + u * (math.log(hi) - math.log(lo)))
    return lo + u * (hi - lo)

def round_half_away(x):
    return math.floor(x + 0.5) if x >= 0 else -math.floor(-x + 0.5)

def distinct(n, draw):
    out = []
    while len(out) < n:
        v = draw()
        if v not in out:
            out.append(v)
    return out

def uniform(rng, lo, hi, log):
    return lambda: clamp(at_unit(rng.unit(), lo, hi, log), lo, hi)

def randint(rng, lo, hi, log):
    if not log:
        return lambda: lo + rng.next() % (hi - lo + 1)
    return lambda: clamp(int(round_half_away(at_unit(rng.unit(), lo - 0.5, hi + 0.5, True))), lo, hi)

def normal(rng, mean, sigma, exponentiate):
    def draw():
        u1 = 1 - rng.unit()
        u2 = rng.unit()
        z = math.sqrt(-2 * math.log(u1)) * math.cos(2 * math.pi * u2)
        return math.exp(mean + sigma * z) if exponentiate else mean + sigma * z
    return draw

cases = []
for seed, name, text, make, n in [
    (0, "lr", "uniform(0, 1, 5)", lambda r: uniform(r, 0.0, 1.0, False), 5),
    (7, "lr", "uniform(-2, 3, 4)", lambda r: uniform(r, -2.0, 3.0, False), 4),
    (7, "lr", "loguniform(1e-5, 0.1, 6)", lambda r: uniform(r, 1e-5, 0.1, True), 6),
    (42, "batch", "randint(1, 6, 6)", lambda r: randint(r, 1, 6, False), 6),
    (42, "width", "lograndint(1, 1024, 5)", lambda r: randint(r, 1, 1024, True), 5),
    (3, "noise", "normal(0, 1, 5)", lambda r: normal(r, 0.0, 1.0, False), 5),
    (3, "scale", "lognormal(0.5, 0.25, 3)", lambda r: normal(r, 0.5, 0.25, True), 3),
]:
    values = distinct(n, make(stream(seed, name)))
    cases.append({"seed": seed, "name": name, "text": text, "values": values})

print('{"cases": [')
print(",\n".join(" " + json.dumps(c) for c in cases))
print("]}")

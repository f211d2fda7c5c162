"""Checks of the closed forms and of the evaluator's protocol: python3 test_tasks.py (a bare
python3 is enough; the Benchmarks package's tests run it)."""

import json
import math
import random
import subprocess
import sys
import unittest
from pathlib import Path

import tasks

HERE = Path(__file__).resolve().parent


class SyntheticFunctions(unittest.TestCase):
    def test_branin_at_full_fidelity_has_its_known_minimum_at_its_three_minimizers(self):
        for x1, x2 in [(-math.pi, 12.275), (math.pi, 2.275), (9.42478, 2.475)]:
            self.assertAlmostEqual(tasks.branin_mf(x1, x2, 1.0), tasks.BRANIN_MIN, delta=1e-5)

    def test_branin_at_full_fidelity_is_nowhere_lower_than_its_minimum(self):
        rng = random.Random(1)
        for _ in range(20000):
            x1, x2 = rng.uniform(-5, 10), rng.uniform(0, 15)
            self.assertGreaterEqual(tasks.branin_mf(x1, x2, 1.0), tasks.BRANIN_MIN - 1e-9)

    def test_branin_low_fidelity_shifts_b_c_and_t_as_in_boca(self):
        # At x1 = 0 only t(z) matters: (x2 - 6)^2 + 10(1 - t(z)) + 10, t(0.5) = 1/(8 pi) + 0.025.
        self.assertAlmostEqual(tasks.branin_mf(0.0, 1.0, 0.5), 25 + 10 * (1 - 1 / (8 * math.pi) - 0.025) + 10,
                               places=12)
        # At x1 = 2, z = 0: b = 5.1/(4 pi^2) - 0.01, c = 5/pi - 0.1, t = 1/(8 pi) + 0.05.
        b, c, t = 5.1 / (4 * math.pi ** 2) - 0.01, 5 / math.pi - 0.1, 1 / (8 * math.pi) + 0.05
        expected = (3.0 - 4 * b + 2 * c - 6) ** 2 + 10 * (1 - t) * math.cos(2.0) + 10
        self.assertAlmostEqual(tasks.branin_mf(2.0, 3.0, 0.0), expected, places=12)

    def test_hartmann6_at_full_fidelity_has_its_known_minimum(self):
        self.assertAlmostEqual(tasks.hartmann6_mf(tasks.HARTMANN6_ARGMIN, 1.0), tasks.HARTMANN6_MIN, delta=1e-6)
        self.assertAlmostEqual(tasks.HARTMANN6_MIN, -3.32237, delta=1e-5)  # Surjanovic & Bingham

    def test_hartmann6_at_full_fidelity_is_nowhere_lower_than_its_minimum(self):
        rng = random.Random(2)
        for _ in range(20000):
            x = [rng.random() for _ in range(6)]
            self.assertGreaterEqual(tasks.hartmann6_mf(x, 1.0), tasks.HARTMANN6_MIN - 1e-9)

    def test_hartmann6_low_fidelity_lowers_every_alpha_by_a_tenth_of_one_minus_z(self):
        # At x = P's first row the first term's exponent is 0; the others are computed here again.
        x = tasks.HARTMANN6_P[0]
        for z in (0.0, 0.3, 1.0):
            expected = 0.0
            for i in range(4):
                inner = sum(tasks.HARTMANN6_A[i][j] * (x[j] - tasks.HARTMANN6_P[i][j]) ** 2 for j in range(6))
                expected -= (tasks.HARTMANN6_ALPHA[i] - 0.1 * (1 - z)) * math.exp(-inner)
            self.assertAlmostEqual(tasks.hartmann6_mf(x, z), expected, places=12)
        self.assertLess(tasks.hartmann6_mf(x, 1.0), tasks.hartmann6_mf(x, 0.0))

    def test_a_synthetic_trial_reads_the_function_at_step_over_length(self):
        trial = tasks.start("branin-mf", {"x1": 1.0, "x2": 2.0}, length=4)
        values = [trial.advance() for _ in range(4)]
        self.assertEqual(values, [tasks.branin_mf(1.0, 2.0, s / 4) for s in range(1, 5)])
        self.assertEqual(trial.step, 4)


class Evaluator(unittest.TestCase):
    def test_the_evaluator_answers_each_request_on_one_line(self):
        requests = [
            {"op": "describe", "task": "branin-mf"},
            {"op": "start", "id": 7, "task": "branin-mf", "config": {"x1": math.pi, "x2": 2.275}},
            {"op": "step", "id": 7},
            {"op": "stop", "id": 7},
            {"op": "step", "id": 7},
        ]
        out = subprocess.run([sys.executable, str(HERE / "evaluator.py")], check=True, capture_output=True, text=True,
                             input="".join(json.dumps(r) + "\n" for r in requests)).stdout.splitlines()
        self.assertEqual(len(out), 5)
        describe = json.loads(out[0])
        self.assertEqual(describe["length"], 81)
        self.assertEqual([p["name"] for p in describe["space"]], ["x1", "x2"])
        self.assertEqual(json.loads(out[1]), {"ok": True})
        step = json.loads(out[2])
        self.assertEqual(step["step"], 1)
        self.assertAlmostEqual(step["value"], tasks.branin_mf(math.pi, 2.275, 1 / 81), places=12)
        self.assertIn("error", json.loads(out[4]))  # a stopped trial is forgotten


if __name__ == "__main__":
    unittest.main()

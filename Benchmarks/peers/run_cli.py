"""hpo end to end: each function and seed as a real `hpo search --strategy bayes` sweep, one
Python process per evaluation, one trial at a time; JSON lines like `hpo-bench quality` with
method "hpo-cli-bayes". Shows what the CLI, the store and a process per trial cost on top of
the library, and that the sweep finds what the library finds.

    python3 run_cli.py --hpo ../../.build/release/hpo --seeds 3 --out ../results/cli-quality.jsonl
"""
import argparse
import json
import os
import shutil
import subprocess
import tempfile
import time

from functions import FUNCTIONS, HIGH_DIMENSIONAL, budget

HERE = os.path.dirname(os.path.abspath(__file__))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--hpo", required=True)
    parser.add_argument("--functions", default="all")
    parser.add_argument("--seeds", type=int, default=3)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    hpo = os.path.abspath(args.hpo)
    names = ([n for n in FUNCTIONS if n not in HIGH_DIMENSIONAL] if args.functions == "all"
             else HIGH_DIMENSIONAL if args.functions == "highdim" else args.functions.split(","))
    with tempfile.TemporaryDirectory(prefix="hpo-cli-bench-") as work, open(args.out, "a") as out:
        for script in ("objective.py", "functions.py"):
            shutil.copy(os.path.join(HERE, script), work)
        for name in names:
            bounds = FUNCTIONS[name][1]
            sweep = []
            for i, (lo, hi) in enumerate(bounds):
                sweep += [f"--x{i + 1}", f"uniform({lo}, {hi})"]
            for seed in range(1, args.seeds + 1):
                run = f"{name}-{seed}"
                start = time.monotonic()
                subprocess.run([hpo, "search", "--strategy", "bayes", "--trials", str(budget(name)), "--seed", str(seed),
                                "--name", run, "--root", "runs", "--", "python3", "objective.py", name] + sweep,
                               cwd=work, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                seconds = time.monotonic() - start
                best = json.loads(subprocess.run([hpo, "best", run, "--json", "--root", "runs"], cwd=work, check=True,
                                                 capture_output=True, text=True).stdout)["trial"]["objective"]
                record = {"function": name, "method": "hpo-cli-bayes", "seed": seed, "regret": best - FUNCTIONS[name][2],
                          "best": best, "evaluations": budget(name), "seconds": seconds}
                out.write(json.dumps(record) + "\n")
                out.flush()


if __name__ == "__main__":
    main()

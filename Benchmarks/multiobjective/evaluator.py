"""A persistent evaluator of the multi-objective problems for hpo-bench (problems.py): one JSON
object per line on stdin, one answer per line on stdout.

  {"op": "describe", "task": T}   -> {"reference": [r1, r2], "space": [{"name", "kind", "low", "high", "log"}],
                                      "length": 1, "optimum": null}
  {"op": "evaluate", "task": T, "config": {name: value}} -> {"values": [f1, f2]}
Errors answer {"error": "..."}; end of input ends the process.
"""

import json
import sys

import problems


def handle(request):
    spec = problems.PROBLEMS[request["task"]]
    if request.get("op") == "describe":
        space = [{"name": n, "kind": k, "low": float(lo), "high": float(hi), "log": log} for n, k, lo, hi, log in spec["space"]]
        # length and optimum: the learning-curve evaluator's describe, which hpo-bench reuses.
        return {"reference": spec["reference"], "space": space, "length": 1, "optimum": None}
    if request.get("op") == "evaluate":
        return {"values": spec["evaluate"](request["config"])}
    raise ValueError(f"unknown op {request.get('op')!r}")


def main():
    for line in sys.stdin:
        if not line.strip():
            continue
        try:
            answer = handle(json.loads(line))
        except Exception as error:  # the driver reports it with the request
            answer = {"error": f"{type(error).__name__}: {error}"}
        sys.stdout.write(json.dumps(answer) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()

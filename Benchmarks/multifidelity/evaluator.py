"""A persistent evaluator of the learning-curve tasks, for drivers in other languages (hpo-bench
multifidelity): one JSON object per line on stdin, one answer per line on stdout, so a run pays
Python's start-up once rather than once per step.

Requests and answers:
  {"op": "describe", "task": T}                -> {"length": R, "optimum": v or null,
                                                   "space": [{"name", "kind", "low", "high", "log"}]}
  {"op": "start", "id": N, "task": T, "config": {name: value}} -> {"ok": true}
  {"op": "step", "id": N}                      -> {"step": s, "value": v}   (the trial's next step)
  {"op": "stop", "id": N}                      -> {"ok": true}             (forgets the trial)
Errors answer {"error": "..."}; end of input ends the process.
"""

import json
import sys

import tasks


def handle(request, trials):
    op = request.get("op")
    if op == "describe":
        spec = tasks.TASKS[request["task"]]
        space = [{"name": n, "kind": k, "low": lo, "high": hi, "log": log} for n, k, lo, hi, log in spec["space"]]
        return {"length": spec["length"], "optimum": spec["optimum"], "space": space}
    if op == "start":
        trials[request["id"]] = tasks.start(request["task"], request["config"])
        return {"ok": True}
    if op == "step":
        trial = trials[request["id"]]
        value = trial.advance()
        return {"step": trial.step, "value": value}
    if op == "stop":
        trials.pop(request["id"], None)
        return {"ok": True}
    raise ValueError(f"unknown op {op!r}")


def main():
    trials = {}
    for line in sys.stdin:
        if not line.strip():
            continue
        try:
            answer = handle(json.loads(line), trials)
        except Exception as error:  # the driver reports it with the request
            answer = {"error": f"{type(error).__name__}: {error}"}
        sys.stdout.write(json.dumps(answer) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()

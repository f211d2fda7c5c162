#!/usr/bin/env python3
"""A "training script" with two objectives that pull apart: a wider, deeper model has a lower
loss but answers slower.

    hpo run Examples/two_objectives.py --width "[1, 2, 4]" --depth "[1, 2]" \
        --metric val_loss:min --metric latency_ms:min

It appends both metrics to the file named by HPO_METRICS_FILE as one JSON object a line:
{"val_loss": 0.3, "latency_ms": 8.0}. Python standard library only.
"""
import argparse
import json
import os


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--width", type=int, default=1)
    parser.add_argument("--depth", type=int, default=1)
    args = parser.parse_args()

    val_loss = 1.0 / (args.width * args.depth) + 0.05 * args.depth
    latency_ms = 2.0 * args.width * args.depth
    print(f"width={args.width} depth={args.depth} val_loss={val_loss:g} latency_ms={latency_ms:g}")

    metrics_file = os.environ.get("HPO_METRICS_FILE")
    if metrics_file:
        with open(metrics_file, "a", encoding="utf-8") as f:
            f.write(json.dumps({"val_loss": val_loss, "latency_ms": latency_ms}) + "\n")


if __name__ == "__main__":
    main()

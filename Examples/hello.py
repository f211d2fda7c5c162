#!/usr/bin/env python3
"""hpo's hello world: a "training script" that takes two hyperparameters.

    hpo run --dry-run Examples/hello.py --number "[1, 2]" --food_item "['pizza', 'hotdog']"

It prints its arguments and, when hpo runs it, appends its objective to the file named by
HPO_METRICS_FILE as one JSON object a line: {"objective": 1.5}. Python standard library only.
"""
import argparse
import json
import os

TASTINESS = {"pizza": 1.0, "hotdog": 0.5, "salad": 0.25}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--number", type=float, default=1.0)
    parser.add_argument("--food_item", default="pizza")
    args = parser.parse_args()

    print(f"number={args.number:g} food_item={args.food_item}")
    # A made-up objective to minimize: best near number = 3, with the tastiest food.
    objective = (args.number - 3.0) ** 2 + (1.0 - TASTINESS.get(args.food_item, 0.0))

    metrics_file = os.environ.get("HPO_METRICS_FILE")
    if metrics_file:
        with open(metrics_file, "a", encoding="utf-8") as f:
            f.write(json.dumps({"objective": objective}) + "\n")


if __name__ == "__main__":
    main()

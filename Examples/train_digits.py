#!/usr/bin/env python3
"""Train a small MLP on scikit-learn's bundled digits data (no download), epoch by epoch.

The hpo trial contract, with no SDK: hyperparameters arrive as command-line flags, and
after every epoch one JSON line is appended to $HPO_METRICS_FILE:
    {"step": 3, "val_loss": 0.41, "val_accuracy": 0.93}
Run alone it prints the same lines to stdout.

Auto-resume: the model, the epoch, the position in the epoch and the random state are
pickled to $HPO_CHECKPOINT_DIR/state.pkl at the end of every epoch and on SIGTERM (then the
script exits with $HPO_PREEMPTED_EXIT_CODE, 75). When hpo runs the trial again (a
preemption, a retry, `hpo resume` after Ctrl-C or a crash) with HPO_RESUME=1, it loads the
checkpoint and goes on from the next batch: the result is the one an uninterrupted run
gets.

    hpo search --strategy bayes --trials 20 --metric val_loss -- \
        python3 Examples/train_digits.py --lr "loguniform(1e-4, 1e-1)" \
        --hidden "randint(16, 256)" --alpha "loguniform(1e-6, 1e-2)" --epochs 20
"""
import argparse
import json
import os
import pickle
import signal
import sys
import warnings

import numpy as np
from sklearn.datasets import load_digits
from sklearn.exceptions import ConvergenceWarning
from sklearn.metrics import log_loss
from sklearn.model_selection import train_test_split
from sklearn.neural_network import MLPClassifier
from sklearn.preprocessing import StandardScaler


def parse_args():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--lr", type=float, default=1e-3, help="Adam learning rate")
    p.add_argument("--hidden", type=int, default=64, help="hidden units")
    p.add_argument("--layers", type=int, default=1, help="hidden layers")
    p.add_argument("--alpha", type=float, default=1e-4, help="L2 penalty")
    p.add_argument("--batch_size", type=int, default=64)
    p.add_argument("--epochs", type=int, default=20)
    p.add_argument("--seed", type=int, default=0)
    return p.parse_args()


class Checkpoint:
    """The training state in $HPO_CHECKPOINT_DIR/state.pkl, written atomically (a kill in the
    middle of a save leaves the previous checkpoint)."""

    def __init__(self):
        directory = os.environ.get("HPO_CHECKPOINT_DIR")
        self.path = os.path.join(directory, "state.pkl") if directory else None

    def load(self):
        if not self.path or os.environ.get("HPO_RESUME") != "1" or not os.path.exists(self.path):
            return None
        with open(self.path, "rb") as f:
            return pickle.load(f)

    def save(self, state):
        if not self.path:
            return
        temporary = self.path + ".tmp"
        with open(temporary, "wb") as f:
            pickle.dump(state, f)
            f.flush()
            os.fsync(f.fileno())
        os.replace(temporary, self.path)


def main():
    args = parse_args()
    if args.lr <= 0 or args.hidden < 1 or args.epochs < 1:
        print("infeasible configuration", file=sys.stderr)
        return 3  # hpo: `invalid`

    x, y = load_digits(return_X_y=True)
    x_train, x_val, y_train, y_val = train_test_split(x, y, test_size=0.25, random_state=0, stratify=y)
    scaler = StandardScaler().fit(x_train)
    x_train, x_val = scaler.transform(x_train), scaler.transform(x_val)
    classes = np.unique(y)
    metrics_path = os.environ.get("HPO_METRICS_FILE")

    checkpoint = Checkpoint()
    state = checkpoint.load()
    if state:
        model, epoch, start, order = state["model"], state["epoch"], state["start"], state["order"]
        rng = np.random.default_rng()
        rng.bit_generator.state = state["rng"]
        print(f"resumed from epoch {epoch}, sample {start}", file=sys.stderr)
    else:
        model = MLPClassifier(hidden_layer_sizes=(args.hidden,) * args.layers, alpha=args.alpha,
                              learning_rate_init=args.lr, batch_size=args.batch_size, random_state=args.seed)
        rng = np.random.default_rng(args.seed)
        epoch, start, order = 1, 0, None

    # SIGTERM (hpo stopping the trial, a scheduler preempting it) only raises a flag: the
    # state is saved between two batches, where it is consistent.
    stop = []
    signal.signal(signal.SIGTERM, lambda *_: stop.append(True))

    while epoch <= args.epochs:
        if order is None:
            order = rng.permutation(len(x_train))
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ConvergenceWarning)
            warnings.simplefilter("ignore", UserWarning)  # the last, smaller batch is "clipped"
            while start < len(order):
                if stop:
                    checkpoint.save({"model": model, "epoch": epoch, "start": start, "order": order,
                                     "rng": rng.bit_generator.state})
                    return int(os.environ.get("HPO_PREEMPTED_EXIT_CODE", "75"))
                batch = order[start:start + args.batch_size]
                model.partial_fit(x_train[batch], y_train[batch], classes=classes)
                start += args.batch_size
        proba = model.predict_proba(x_val)
        line = json.dumps({
            "step": epoch,
            "val_loss": float(log_loss(y_val, proba, labels=classes)),
            "val_accuracy": float((proba.argmax(axis=1) == y_val).mean()),
        })
        # The report before the checkpoint: a kill between the two repeats the epoch's report
        # rather than losing it.
        if metrics_path:
            with open(metrics_path, "a") as f:
                f.write(line + "\n")
        print(line, flush=True)
        epoch, start, order = epoch + 1, 0, None
        checkpoint.save({"model": model, "epoch": epoch, "start": 0, "order": None, "rng": rng.bit_generator.state})
    return 0


if __name__ == "__main__":
    sys.exit(main())

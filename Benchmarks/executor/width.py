"""Drives one wide sweep for width.sh and prints its table: starts hpo, samples its CPU time,
open descriptors and inotify watches every 0.1 s from /proc, then reads the trials' own starts
and ends (width_trial.sh appends them) to see when the slots were really busy.

    python3 width.py HPO RUNS TRIALS_FILE TRIALS PARALLEL SLEEP
"""
import collections
import csv
import os
import subprocess
import sys
import time

hpo, runs, trials_file, trials, parallel, sleep = sys.argv[1:]
trials, parallel = int(trials), int(parallel)
tick = os.sysconf("SC_CLK_TCK")
here = os.path.dirname(os.path.abspath(__file__))


def cpu_seconds(pid):
    """hpo's own user + system time (its children, the trials, are not counted)."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / tick


def descriptors(pid):
    fds = os.listdir(f"/proc/{pid}/fd")
    watches = 0
    for fd in fds:
        try:
            if os.readlink(f"/proc/{pid}/fd/{fd}") == "anon_inode:inotify":
                with open(f"/proc/{pid}/fdinfo/{fd}") as f:
                    watches += sum(line.startswith("inotify wd:") for line in f)
        except OSError:
            pass
    return len(fds), watches


# An empty workspace: each trial gets its own copy of it, not of the repository.
workspace = os.path.join(os.path.dirname(runs), "workspace")
os.makedirs(workspace, exist_ok=True)
begin = time.time()
process = subprocess.Popen(
    [hpo, "search", "--strategy", "random", "--trials", str(trials), "--parallel", str(parallel),
     "--max-failures", str(trials + 1), "--root", runs, "--name", "width", "--workspace", workspace, "--",
     "/bin/sh", os.path.join(here, "width_trial.sh"), trials_file, sleep, "--x", "uniform(0, 1)"],
    stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
samples = []  # (time, cpu seconds)
peak_fds = peak_watches = 0
last_count = 0.0
while process.poll() is None:
    try:
        samples.append((time.time(), cpu_seconds(process.pid)))
        if time.time() - last_count > 0.5:
            fds, watches = descriptors(process.pid)
            peak_fds, peak_watches = max(peak_fds, fds), max(peak_watches, watches)
            last_count = time.time()
    except (OSError, IndexError, ValueError):
        pass
    time.sleep(0.1)
errors = process.stderr.read()
end = time.time()

spans = []
for line in open(trials_file):
    trial, start, stop = line.split()
    spans.append((float(start), float(stop)))
starts = sorted(s for s, _ in spans)
ends = sorted(e for _, e in spans)
states = collections.Counter(row["state"] for row in csv.DictReader(open(os.path.join(runs, "width", "results.csv"))))

# Concurrency over time, from the trials' own clocks.
events = sorted([(s, 1) for s in starts] + [(e, -1) for e in ends])
running = peak = 0
full = None  # when every slot was first busy at once
for moment, step in events:
    running += step
    peak = max(peak, running)
    if full is None and running >= parallel:
        full = moment - begin
busy = sum(e - s for s, e in spans)
wall = end - begin
# Steady state: from the first wave's last start to the last start (after it the sweep drains).
window = (starts[min(parallel, len(starts)) - 1], starts[-1])
inside = sum(max(0.0, min(e, window[1]) - max(s, window[0])) for s, e in spans)
steady = inside / (parallel * (window[1] - window[0])) if window[1] > window[0] else float("nan")

# hpo's CPU by thousands of trials finished (by the trials' own ends).
def cpu_at(moment):
    before = [c for t, c in samples if t <= moment]
    return before[-1] if before else 0.0

bucket = 1000 if trials >= 2000 else max(1, trials // 3)
rows = []
for low in range(0, len(ends), bucket):
    high = min(len(ends), low + bucket)
    t0 = begin if low == 0 else ends[low - 1]
    t1 = ends[high - 1]
    rows.append((low + 1, high, (cpu_at(t1) - cpu_at(t0)) / (high - low) * 1000))

total_cpu = samples[-1][1] if samples else float("nan")
print(f"{trials} trials of `sleep {sleep}`, --parallel {parallel}, descriptor soft limit at start "
      f"{os.environ.get('HPO_WIDTH_NOFILE', 'unchanged')}: exit {process.returncode}, {', '.join(f'{n} {state}' for state, n in states.most_common())}, wall {wall:.1f} s "
      f"(ideal {trials / parallel * float(sleep):.1f} s)")
print(f"| every slot busy after | peak concurrent | steady-state slot use | all slots (busy s / parallel × wall) "
      f"| hpo CPU | hpo CPU per trial | peak fds | peak inotify watches |")
print("| --- | --- | --- | --- | --- | --- | --- | --- |")
print(f"| {'never' if full is None else f'{full:.2f} s'} | {peak} | {100 * steady:.1f} % | {100 * busy / (parallel * wall):.1f} % "
      f"| {total_cpu:.1f} s | {1000 * total_cpu / max(1, len(spans)):.2f} ms | {peak_fds} | {peak_watches} |")
print()
print("| trials finished | hpo CPU per trial |")
print("| --- | --- |")
for low, high, ms in rows:
    print(f"| {low:,}–{high:,} | {ms:.2f} ms |")
# The machine's own ceiling: xargs -P starting the same trials, no bookkeeping at all.
baseline = trials_file + ".xargs"
env = dict(os.environ, HPO_METRICS_FILE="/dev/null")
xbegin = time.time()
subprocess.run(f"seq {trials} | xargs -P {parallel} -I N env HPO_TRIAL=N /bin/sh {os.path.join(here, 'width_trial.sh')} "
               f"{baseline} {sleep} --x 0.5", shell=True, env=env, check=True)
xend = time.time()
xspans = [tuple(map(float, line.split()[1:])) for line in open(baseline)]
xevents = sorted([(a, 1) for a, _ in xspans] + [(b, -1) for _, b in xspans])
running = xpeak = 0
xfull = None
for moment, step in xevents:
    running += step
    xpeak = max(xpeak, running)
    if xfull is None and running >= parallel:
        xfull = moment - xbegin
print(f"\nxargs -P {parallel}, the same trials: wall {xend - xbegin:.1f} s, every slot busy after "
      f"{'never' if xfull is None else f'{xfull:.2f} s'}, peak concurrent {xpeak}, "
      f"all slots {100 * sum(b - a for a, b in xspans) / (parallel * (xend - xbegin)):.1f} %")
notices = [line for line in errors.splitlines() if line.strip()]
if notices:
    print(f"\nhpo said ({len(notices)} lines; first 5):")
    for line in notices[:5]:
        print("  " + line)

#!/usr/bin/env bash
# The dashboard and the report in a real browser: makes an example run, serves it with
# `hpo ui`, renders the run page in headless Chromium to a PNG and a DOM dump, and checks
# that every view is there (titles, SVG charts), that the image is not blank and that the
# Content-Security-Policy blocked nothing of the page's own; then opens
# the run's report.html with the network disabled and checks the same.
#
#   scripts/ui-check.sh [OUT_DIR]        # default: a temporary directory
#   UPDATE_README_IMAGE=1 scripts/ui-check.sh   # also copies the PNG to docs/ui-run.png
#
# Needs Debian's chromium (installed here when missing and running as root) and python3.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-$(mktemp -d)}
mkdir -p "$out"
work=$(mktemp -d)
server=
cleanup() { [ -n "$server" ] && kill "$server" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

if ! command -v chromium >/dev/null; then
  [ "$(id -u)" = 0 ] || { echo "ui-check: chromium is missing (apt-get install chromium)"; exit 1; }
  echo "ui-check: installing chromium"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >/dev/null
fi
swift build --product hpo >/dev/null
hpo=$(swift build --show-bin-path)/hpo

# An example run: 12 random trials of a curve with noise, median early stopping.
cat > "$work/train.py" <<'PY'
import json, math, os, sys
args = dict(zip(sys.argv[1::2], sys.argv[2::2]))
lr, width = float(args["--lr"]), int(args["--width"])
for step in range(1, 11):
    loss = (math.log10(lr) + 2.5) ** 2 / 4 + 8 / width + 1 / step
    with open(os.environ["HPO_METRICS_FILE"], "a") as f:
        f.write(json.dumps({"step": step, "loss": loss}) + "\n")
PY
(cd "$work" && "$hpo" search --strategy random --trials 12 --parallel 2 --metric loss --name example --root runs \
  --early-stopping median --min-trials 3 --no-snapshot -- python3 train.py --lr "loguniform(1e-4, 1e-1)" \
  --width "randint(8, 64)" >/dev/null)

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$hpo" ui --root "$work/runs" --port "$port" > "$work/ui.log" 2>&1 &
server=$!
python3 - "$port" <<'PY'
import sys, time, urllib.request
for _ in range(300):
    try:
        urllib.request.urlopen(f"http://127.0.0.1:{sys.argv[1]}/", timeout=1)
        break
    except OSError:
        time.sleep(0.1)
else:
    sys.exit("ui-check: hpo ui did not answer")
PY

chrome=(chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1280,2400 --virtual-time-budget=3000)
"${chrome[@]}" --screenshot="$out/ui-run.png" "http://127.0.0.1:$port/runs/example" 2>/dev/null
# The console too: a page whose own script or style the Content-Security-Policy blocks fails.
"${chrome[@]}" --enable-logging=stderr --v=0 --dump-dom "http://127.0.0.1:$port/runs/example" > "$out/ui-run.dom.html" \
  2> "$out/ui-run.console.log"
"$hpo" report example --root "$work/runs" -o "$out/report.html" >/dev/null
# The report with no network at all (a network namespace of its own), else through a dead proxy.
if unshare -n true 2>/dev/null; then
  unshare -n "${chrome[@]}" --dump-dom "file://$out/report.html" > "$out/report.dom.html" 2>/dev/null
else
  "${chrome[@]}" --proxy-server=127.0.0.1:9 --dump-dom "file://$out/report.html" > "$out/report.dom.html" 2>/dev/null
fi

python3 - "$out" <<'PY'
import struct, sys, zlib
out = sys.argv[1]
failures = []
views = ["Optimization history", "Parallel coordinates", "Learning curves", "Metrics", "Parameter importance", "Slot timeline", "Trials"]
charts = ["history", "parallel", "curves", "metrics", "importance", "timeline"]
for name in ["ui-run.dom.html", "report.dom.html"]:
    dom = open(f"{out}/{name}", encoding="utf-8").read()
    for title in views:
        if f"<h2>{title}</h2>" not in dom:
            failures.append(f"{name}: no view '{title}'")
    for chart in charts:
        if f'data-chart="{chart}"' not in dom:
            failures.append(f"{name}: no {chart} chart")
    if dom.count("<svg") < len(charts) or dom.count("<path") + dom.count("<circle") + dom.count("<polyline") < 20:
        failures.append(f"{name}: the charts have too few marks")

for line in open(f"{out}/ui-run.console.log", encoding="utf-8", errors="replace"):
    if "Content Security Policy" in line:
        failures.append("ui-run: " + line.strip()[:300])

def pixels(path):
    data = open(path, "rb").read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat, width = 8, b"", 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour = struct.unpack(">IIBB", body[:10])
            assert depth == 8 and colour in (2, 6), "an 8-bit RGB(A) PNG"
            channels = 3 if colour == 2 else 4
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    raw, stride, rows, previous = zlib.decompress(idat), width * channels, [], bytearray(width * channels)
    for y in range(height):
        kind, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - channels] if i >= channels else 0
            b, c = previous[i], previous[i - channels] if i >= channels else 0
            if kind == 1: line[i] = (line[i] + a) & 255
            elif kind == 2: line[i] = (line[i] + b) & 255
            elif kind == 3: line[i] = (line[i] + (a + b) // 2) & 255
            elif kind == 4:
                p = a + b - c; pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(bytes(line)); previous = line
    return width, height, channels, rows

width, height, channels, rows = pixels(f"{out}/ui-run.png")
colours, dark = set(), 0
for row in rows[::4]:
    for x in range(0, width * channels, channels * 4):
        rgb = row[x:x + 3]
        colours.add(rgb)
        dark += sum(rgb) < 600
sampled = len(rows[::4]) * len(range(0, width * channels, channels * 4))
if len(colours) < 30 or dark < sampled * 0.01:
    failures.append(f"ui-run.png looks blank: {len(colours)} colours, {dark} of {sampled} sampled pixels not near white")
if failures:
    print("ui-check: FAILED\n  " + "\n  ".join(failures))
    sys.exit(1)
print(f"ui-check: ok: every view in the dashboard and in the offline report; ui-run.png {width}x{height}, "
      f"{len(colours)} colours")
PY
if [ "${UPDATE_README_IMAGE:-0}" = 1 ]; then mkdir -p docs && cp "$out/ui-run.png" docs/ui-run.png; fi
echo "ui-check: files in $out"

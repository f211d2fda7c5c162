#!/usr/bin/env bash
# The dashboard's views at N trials (default 10,000) served by a release build of `hpo ui`:
# fills run `big` as measure.sh does (the debug test target, HPO_VIEWS_KEEP), serves it with
# the release binary and prints each view's bytes and median time of 5 requests (curl):
# after a change (before each request a new loss point of the last trial, or a trial whose
# objective changed with a transition — as a finish changes one, so every chart of the trials
# is drawn again — both written with the sqlite3 command as a controller writes them, or a tag
# added: a new version, so the views are brought up to date and drawn again), unchanged, and
# /live?since= the current version.
#
#   Benchmarks/views/measure-release.sh [N]
set -euo pipefail
cd "$(dirname "$0")/../.."
n=${1:-10000}
swift build -c release --product hpo >/dev/null
hpo=$(swift build -c release --show-bin-path)/hpo
swift build --build-tests >/dev/null
work=$(mktemp -d)
ui=""
trap '[ -n "$ui" ] && kill "$ui" 2>/dev/null; rm -rf "$work"' EXIT
HPO_VIEWS_MEASURE=$n HPO_VIEWS_KEEP="$work/runs" swift test --skip-build --filter 'ViewsMeasure/kept' >/dev/null 2>&1
"$hpo" ui --root "$work/runs" --port 0 >"$work/ui.out" 2>&1 &
ui=$!
for _ in $(seq 200); do grep -q 'http://' "$work/ui.out" && break; sleep 0.1; done
address=$(grep -o 'http://[^ ]*' "$work/ui.out" | head -1)
base=${address%%/\?*}
query=${address#*\?}
[ "$query" = "$address" ] && query=""
# Median bytes and seconds of 5 requests of $1; $2, when given, runs before each (untimed).
measure() {
  for i in 1 2 3 4 5; do
    case "${2:-}" in
      tag) "$hpo" tag big --root "$work/runs" --add "t$RANDOM$i" >/dev/null ;;
      point) sqlite3 "$work/runs/big/run.db" "INSERT INTO metric (trial, attempt, step, name, value, at)
               SELECT max(number), 1, (SELECT max(id) FROM metric), 'loss', 0.5, 1750000000 FROM trial" ;;
      trial) pick="(SELECT max(number) FROM trial WHERE state = 'succeeded' AND number < $i * 1000)"
             sqlite3 "$work/runs/big/run.db" "UPDATE trial SET objective = objective - 0.001 WHERE number = $pick;
               INSERT INTO transition (trial, attempt, from_state, to_state, at, note)
               SELECT number, attempt, state, state, 1750000000, 'measure' FROM trial WHERE number = $pick" ;;
    esac
    curl -s -o /dev/null -w '%{size_download} %{time_total}\n' "$base$1${query:+$([[ $1 == *\?* ]] && echo '&' || echo '?')$query}"
  done | sort -k2 -n | sed -n 3p
}
echo "views (release hpo ui, $n trials): run page, after a new point: $(measure /runs/big point)"
echo "views (release hpo ui, $n trials): run page, after a trial changed: $(measure /runs/big trial)"
echo "views (release hpo ui, $n trials): run page, after a tag: $(measure /runs/big tag)"
echo "views (release hpo ui, $n trials): run page, unchanged: $(measure /runs/big)"
echo "views (release hpo ui, $n trials): /live, after a new point: $(measure /runs/big/live point)"
version=$(curl -s -D - -o /dev/null "$base/runs/big/live${query:+?$query}" | tr -d '\r' | awk -F': ' 'tolower($1)=="x-run-version"{print $2}')
echo "views (release hpo ui, $n trials): /live?since=V, unchanged: $(measure "/runs/big/live?since=$version")"
echo "views (release hpo ui, $n trials): report, after a new point: $(measure /runs/big/report.html point)"

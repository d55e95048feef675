#!/usr/bin/env bash
# Report build benchmark: how long `bodycam report` takes to rebuild report.html and junit.xml from a
# run record, and how big report.html gets.
#
# usage: benchmarks/report.sh RUN_DIR      time the rebuild of a real run's reports (JVM start included)
#        benchmarks/report.sh              generate a synthetic 1,000-camera, 600-second record and time
#                                          the report build in-process (HtmlReportTest's figures line)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

if [ $# -eq 0 ]; then
  cd "$root"
  mvn -B -q -pl reports -am test -Dtest='HtmlReportTest#a_thousand*' -Dsurefire.failIfNoSpecifiedTests=false | grep 'report figures'
  exit 0
fi

run="$(cd "$1" && pwd)"
[ -f "$run/summary.json" ] || { echo "report.sh: $run is not a run folder (no summary.json)" >&2; exit 2; }
"$root/bodycam" --version >/dev/null  # builds the jar first if needed, outside the timing
cameras="$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["devices"]["configured"])' "$run/summary.json")"
record_mb="$(du -sm --exclude=report.html "$run" | cut -f1)"
start="$(date +%s.%N)"
"$root/bodycam" report "$run" >/dev/null
end="$(date +%s.%N)"
size="$(stat -c %s "$run/report.html")"
python3 -c "import sys; print(f'report.sh: {sys.argv[1]} cameras, record {sys.argv[2]} MB: bodycam report took {float(sys.argv[4]) - float(sys.argv[3]):.2f} s (JVM start included), report.html {int(sys.argv[5]) / 1e6:.2f} MB')" \
  "$cameras" "$record_mb" "$start" "$end" "$size"

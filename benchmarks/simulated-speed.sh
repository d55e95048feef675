#!/usr/bin/env bash
# Simulated mode's speed (docs/reproduce.md): the quickstart fleet (200 cameras, its behaviour and timeline)
# over a 12-hour day in simulated mode, beside the same scenario in real-network mode (sockets, the embedded
# backend, the virtual clock following the wall clock at the scenario's speed of 60) over a slice of it, in
# the same run. Each figure is virtual seconds per wall second, end to end (JVM start and the run record
# included); the table shows medians of ROUNDS and their ratio.
#
# usage: benchmarks/simulated-speed.sh [ROUNDS] [HOURS] [REAL_MINUTES]
#   ROUNDS        runs of each mode (default 3)
#   HOURS         virtual hours of the simulated run (default 12)
#   REAL_MINUTES  virtual minutes of the real-network baseline (default 30; at speed 60, that many wall seconds)
# Keep the machine otherwise idle.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rounds="${1:-3}"
hours="${2:-12}"
real_minutes="${3:-30}"
cd "$root"
./bodycam --version > /dev/null
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

median() { sort -g | awk '{v[NR]=$1} END {if (NR % 2) print v[(NR+1)/2]; else print (v[NR/2]+v[NR/2+1])/2}'; }
now_ms() { date +%s%3N; }

for i in $(seq 1 "$rounds"); do
  t0=$(now_ms)
  ./bodycam run scenarios/quickstart.yaml --set clock.mode=simulated --set "duration=${hours}h" \
      --out "$work/sim-$i" > "$work/sim-$i.log"
  t1=$(now_ms)
  sha=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["eventsSha256"][:16])' "$work/sim-$i/simulation.json")
  events=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["events"])' "$work/sim-$i/simulation.json")
  echo "RUN simulated round=$i virtual_s=$((hours * 3600)) wall_ms=$((t1 - t0)) events=$events events_sha256=$sha..."
  echo "$hours $t0 $t1" | awk '{printf "%.1f\n", $1 * 3600 / (($3 - $2) / 1000)}' >> "$work/sim.speed"

  t0=$(now_ms)
  # a slice of the shift: its assertions (dock wave, nothing pending) are not the point, so its verdict is not either
  ./bodycam run scenarios/quickstart.yaml --set "duration=${real_minutes}m" --out "$work/real-$i" > "$work/real-$i.log" || true
  t1=$(now_ms)
  test -s "$work/real-$i/summary.json" || { echo "simulated-speed.sh: the real-network run wrote no summary; see its log:" >&2; tail -n 20 "$work/real-$i.log" >&2; exit 1; }
  echo "RUN real round=$i virtual_s=$((real_minutes * 60)) wall_ms=$((t1 - t0))"
  echo "$real_minutes $t0 $t1" | awk '{printf "%.1f\n", $1 * 60 / (($3 - $2) / 1000)}' >> "$work/real.speed"
done

sim=$(median < "$work/sim.speed")
real=$(median < "$work/real.speed")
same=$(for i in $(seq 1 "$rounds"); do python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["eventsSha256"])' "$work/sim-$i/simulation.json"; done | sort -u | wc -l)
echo
echo "| mode | cameras | virtual time | virtual s per wall s (median of $rounds) | ratio |"
echo "|---|---|---|---|---|"
echo "| real network (embedded backend, speed 60) | 200 | ${real_minutes} min | $real | 1.0 |"
echo "| simulated | 200 | ${hours} h | $sim | $(awk -v a="$sim" -v b="$real" 'BEGIN {printf "%.1f", a / b}') |"
echo
echo "simulated runs with the same events.jsonl: $([ "$same" = 1 ] && echo "all $rounds" || echo "NO: $same different logs")"

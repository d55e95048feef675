#!/usr/bin/env bash
# Simulated mode's speed (docs/reproduce.md): the quickstart scenario as written (200 cameras, its behaviour and
# timeline, 3 virtual hours) in simulated mode, beside the same scenario in real-network mode (sockets, the
# embedded backend, the virtual clock following the wall clock at the scenario's speed of 60; it ends once its
# dock wave has drained, about two and a half wall minutes a round), in the same run; then, simulated only, the same fleet over a 12-hour shift (the
# issue's target: under a minute of wall time). Each figure is virtual seconds per wall second, end to end
# (JVM start and the run record included); the table shows medians of ROUNDS and their ratio.
#
# usage: benchmarks/simulated-speed.sh [ROUNDS]
#   ROUNDS  runs of each mode (default 3)
# Keep the machine otherwise idle.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rounds="${1:-3}"
case "$rounds" in ''|*[!0-9]*|0) echo "usage: benchmarks/simulated-speed.sh [ROUNDS], ROUNDS a whole number from 1" >&2; exit 2 ;; esac
virtual_s=$((3 * 3600))   # quickstart.yaml's duration
cd "$root"
./bodycam --version > /dev/null
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

median() { sort -g | awk '{v[NR]=$1} END {if (NR % 2) print v[(NR+1)/2]; else print (v[NR/2]+v[NR/2+1])/2}'; }
now_ms() { date +%s%3N; }

for i in $(seq 1 "$rounds"); do
  t0=$(now_ms)
  ./bodycam run scenarios/quickstart.yaml --set clock.mode=simulated --out "$work/sim-$i" > "$work/sim-$i.log"
  t1=$(now_ms)
  sha=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["eventsSha256"][:16])' "$work/sim-$i/simulation.json")
  events=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["events"])' "$work/sim-$i/simulation.json")
  echo "RUN simulated round=$i virtual_s=$virtual_s wall_ms=$((t1 - t0)) events=$events events_sha256=$sha..."
  echo "$virtual_s $t0 $t1" | awk '{printf "%.1f\n", $1 / (($3 - $2) / 1000)}' >> "$work/sim.speed"

  t0=$(now_ms)
  # the verdict is not the point here (it is the same scenario's), the time is
  ./bodycam run scenarios/quickstart.yaml --out "$work/real-$i" > "$work/real-$i.log" || true
  t1=$(now_ms)
  test -s "$work/real-$i/summary.json" || { echo "simulated-speed.sh: the real-network run wrote no summary; see its log:" >&2; tail -n 20 "$work/real-$i.log" >&2; exit 1; }
  # a real run ends once its timeline is over and every camera is docked and idle: count the virtual time it ran
  real_s=$(python3 -c 'import json,sys; print(int(json.load(open(sys.argv[1]))["run"]["virtualTime"] / 1000))' "$work/real-$i/summary.json")
  echo "RUN real round=$i virtual_s=$real_s wall_ms=$((t1 - t0))"
  echo "$real_s $t0 $t1" | awk '{printf "%.1f\n", $1 / (($3 - $2) / 1000)}' >> "$work/real.speed"

  t0=$(now_ms)
  ./bodycam run scenarios/quickstart.yaml --set clock.mode=simulated --set duration=12h --out "$work/shift-$i" > "$work/shift-$i.log" || true
  t1=$(now_ms)
  test -s "$work/shift-$i/simulation.json" || { echo "simulated-speed.sh: the 12-hour run wrote no figures; see its log:" >&2; tail -n 20 "$work/shift-$i.log" >&2; exit 1; }
  echo "RUN simulated-12h round=$i virtual_s=43200 wall_ms=$((t1 - t0))"
  echo "43200 $t0 $t1" | awk '{printf "%.1f\n", $1 / (($3 - $2) / 1000)}' >> "$work/shift.speed"
  echo "$t0 $t1" | awk '{printf "%.2f\n", ($2 - $1) / 1000}' >> "$work/shift.wall"
done

sim=$(median < "$work/sim.speed")
real=$(median < "$work/real.speed")
shift_speed=$(median < "$work/shift.speed")
shift_wall=$(median < "$work/shift.wall")
same=$(for i in $(seq 1 "$rounds"); do python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["eventsSha256"])' "$work/sim-$i/simulation.json"; done | sort -u | wc -l)
echo
echo "| mode | cameras | virtual time | virtual s per wall s (median of $rounds) | ratio |"
echo "|---|---|---|---|---|"
echo "| real network (embedded backend, speed 60) | 200 | until drained | $real | 1.0 |"
echo "| simulated | 200 | 3 h | $sim | $(awk -v a="$sim" -v b="$real" 'BEGIN {printf "%.1f", a / b}') |"
echo "| simulated, a 12-hour shift | 200 | 12 h | $shift_speed ($shift_wall s of wall time) | $(awk -v a="$shift_speed" -v b="$real" 'BEGIN {printf "%.1f", a / b}') |"
echo
echo "simulated runs with the same events.jsonl: $([ "$same" = 1 ] && echo "all $rounds" || echo "NO: $same different logs")"

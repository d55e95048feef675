#!/usr/bin/env bash
# Fleet scale benchmark: the quickstart behaviour mix (power-on storm, patrol with GPS, incidents, a 30 %
# surge, a command wave, the whole shift docking and uploading every segment) at several fleet sizes,
# against Debian's Mosquitto for MQTT and `bodycam backend` in another process for uploads, each size
# beside the bare Netty baseline loop (benchmarks/baselines, PeerB: telemetry only) at the same count
# against the same broker, in the same run. Three rounds by default; the table shows medians.
#
# usage: benchmarks/fleet-scale.sh [SIZES] [ROUNDS] [BASELINE_SECONDS]
#   SIZES             fleet sizes, quoted and space-separated (default "2000 6000 12000")
#   ROUNDS            runs per size (default 3)
#   BASELINE_SECONDS  the baseline's measurement window (default 60)
# environment: BODYCAM_JAVA_OPTS (the fleet JVM's options, e.g. a JFR recording), BODYCAM_RUN_ARGS (more
# options for bodycam run, e.g. --no-input-log), BENCH_SPEED (the clock speed, default 60), BENCH_KEEP_WORK=1
# (keep the work folder: run records, consoles, Mosquitto's log)
# prints each run's summary figures as a RUN line and the baseline's RESULT line, then a table of medians
# (docs/benchmarks.md explains the columns and the targets). Keep the machine otherwise idle: the
# bench's own health columns (timer lag, machine CPU, saturated) say when it was not.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
sizes="${1:-2000 6000 12000}"
rounds="${2:-3}"
baseline_seconds="${3:-60}"

# shellcheck source=benchmarks/scale-env.sh
source "$root/benchmarks/scale-env.sh"

echo "== building the baselines" >&2
(cd "$root/benchmarks/baselines" && mvn -q -B -DskipTests package >"$work/baselines-build.log" 2>&1) \
  || { cat "$work/baselines-build.log" >&2; exit 3; }
cp="$root/benchmarks/baselines/target/classes:$root/benchmarks/baselines/target/lib/*"

results="$work/results.txt"

for n in $sizes; do
  scenario "$n" > "$work/scale-$n.yaml"
  for r in $(seq 1 "$rounds"); do
    echo "== bodycam fleet: $n cameras, round $r of $rounds" >&2
    out="$work/run-$n-$r"
    /usr/bin/env time -f '%P %M' -o "$work/time-$n-$r" \
      "$root/bodycam" run "$work/scale-$n.yaml" --out "$out" ${BODYCAM_RUN_ARGS:-} > "$work/console-$n-$r.txt" 2>&1 || true
    if [ ! -f "$out/summary.json" ]; then
      echo "fleet-scale.sh: the $n-camera run wrote no summary; its last lines:" >&2
      tail -n 15 "$work/console-$n-$r.txt" >&2
      echo "RUN approach=bodycam n=$n round=$r failed=no-summary" | tee -a "$results"
      continue
    fi
    # time's last line is "CPU% max-RSS-KiB" (a failed assertion adds a line before it)
    read -r cpu rss < <(tail -n 1 "$work/time-$n-$r") || true
    cpu="${cpu%\%}"
    [[ "$cpu" =~ ^[0-9]+$ && "${rss:-}" =~ ^[0-9]+$ ]] || { cpu=-2; rss=-1024; }
    echo "RUN approach=bodycam n=$n round=$r $(field "$out/summary.json") process_cpu_pct_of_2_cores=$(( cpu / 2 )) rss_mb=$(( rss / 1024 ))" \
      | tee -a "$results"
  done
  echo "== baseline PeerB (bare Netty loop, telemetry only): $n for ${baseline_seconds}s" >&2
  java -Dport="$mqtt_port" -Dbroker.pid="$broker" -cp "$cp" sim.PeerB "$n" "$baseline_seconds" 2 epoll \
    | grep -E "^RESULT" \
    | tee -a "$results" || echo "fleet-scale.sh: the baseline did not finish at $n" >&2
done

echo
python3 - "$results" <<'PY'
import statistics, sys
runs, base = {}, {}
for line in open(sys.argv[1]):
    kv = dict(p.split('=', 1) for p in line.split()[1:] if '=' in p)
    if line.startswith('RUN') and 'failed' not in kv:
        runs.setdefault(int(kv['n']), []).append(kv)
    elif line.startswith('RESULT'):
        base[int(kv['n'])] = kv
def med(rows, key):
    vals = []
    for r in rows:
        try:
            vals.append(float(r[key]))
        except (KeyError, ValueError):
            pass
    return statistics.median(vals) if vals else float('nan')
cols = ['connected', 'all_connected_s', 'lag_patrol_p99_ms', 'state_patrol_p99_ms', 'seq_gaps', 'seq_gaps_patrol', 'lost',
        'process_cpu_pct_of_2_cores', 'rss_mb', 'saturated']
print('%-8s %5s ' % ('cameras', 'runs') + ' '.join('%14s' % c[:14] for c in cols) + '  %14s %14s %9s' % ('base_lag_p99', 'base_cpu_pct', 'cpu_ratio'))
for n in sorted(set(runs) | set(base)):
    rows = runs.get(n, [])
    b = base.get(n, {})
    cpu = med(rows, 'process_cpu_pct_of_2_cores')
    bcpu = float(b.get('cpu_pct_of_2_cores', 'nan'))
    print('%-8d %5d ' % (n, len(rows)) + ' '.join('%14.2f' % med(rows, c) for c in cols)
          + '  %14s %14s %9.1f' % (b.get('lag_p99_ms', '-'), b.get('cpu_pct_of_2_cores', '-'), cpu / bcpu if bcpu == bcpu and bcpu > 0 else float('nan')))
PY

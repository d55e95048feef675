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
# options for bodycam run, e.g. --no-input-log)
# prints each run's summary figures as a RUN line and the baseline's RESULT line, then a table of medians
# (docs/benchmarks.md explains the columns and the targets). Keep the machine otherwise idle: the
# bench's own health columns (timer lag, machine CPU, saturated) say when it was not.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
sizes="${1:-2000 6000 12000}"
rounds="${2:-3}"
baseline_seconds="${3:-60}"

mosquitto_bin="$(command -v mosquitto || echo /usr/sbin/mosquitto)"
[ -x "$mosquitto_bin" ] || { echo "fleet-scale.sh: needs Debian's mosquitto (apt-get install mosquitto)" >&2; exit 3; }
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true

work="$(mktemp -d)"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
mqtt_port="$(free_port)"
http_port="$(free_port)"
backend_mqtt_port="$(free_port)"

cat > "$work/mosquitto.conf" <<CONF
listener $mqtt_port 127.0.0.1
allow_anonymous true
persistence false
max_queued_messages 100000
CONF
"$mosquitto_bin" -c "$work/mosquitto.conf" > "$work/mosquitto.log" 2>&1 &
broker=$!
pids=("$broker")
trap 'kill "${pids[@]}" 2>/dev/null || true; rm -rf "$work"' EXIT

echo "== building bodycam and the baselines" >&2
"$root/bodycam" --version >&2
(cd "$root/benchmarks/baselines" && mvn -q -B -DskipTests package >"$work/baselines-build.log" 2>&1) \
  || { cat "$work/baselines-build.log" >&2; exit 3; }
cp="$root/benchmarks/baselines/target/classes:$root/benchmarks/baselines/target/lib/*"

# the evidence server in its own JVM, so its CPU is not the bench's (its own broker idles)
"$root/bodycam" backend --http-port="$http_port" --mqtt-port="$backend_mqtt_port" --data="$work/backend" \
  --status-every=0s > "$work/backend.log" 2>&1 &
pids+=("$!")
for _ in $(seq 1 60); do curl -sf "http://127.0.0.1:$http_port/firmware/key" >/dev/null && break; sleep 1; done
key="$(curl -sf "http://127.0.0.1:$http_port/firmware/key" | sed 's/.*"publicKey":"\([^"]*\)".*/\1/')" \
  || { echo "fleet-scale.sh: bodycam backend did not start:" >&2; cat "$work/backend.log" >&2; exit 3; }

# the quickstart mix (scenarios/quickstart.yaml), with a phase for the dock wave so that the camera timer
# lag can be judged outside it; the assertions only collect figures (a saturated bench fails them, the
# script goes on)
scenario() {
  cat <<YAML
name: fleet-scale-$1
description: the quickstart mix at $1 cameras against Mosquitto and bodycam backend
seed: 42
duration: 3h
clock:
  speed: 60
payload: synthetic
payloadScale: 0.002
backend:
  mqtt: tcp://127.0.0.1:$mqtt_port
  upload: http://127.0.0.1:$http_port
  firmwareKey: "$key"
fleet:
  - name: patrol
    count: $1
    idPattern: "SCL-{index:00000}"
    agency: scale
    profile: patrol-vehicle
behaviour:
  incidentsPerHour: 0.5
  recordingDuration: {median: 10m, p95: 60m}
  flaggedShare: 10%
timeline:
  - at: 0s
    powerOn: {over: 2m}
  - at: 10m
    phase: patrol
  - at: 45m
    surge: {fraction: 30%, over: 10s, length: 5m}
  - at: 1h
    command: {fraction: 5%, type: setConfig, params: {gpsIntervalIdle: 5m}}
  - at: 2h
    phase: dock-wave
    dock: {over: 5m}
assertions:
  - evidence.lost == 0
  - expr: timer.lag.p99 < 5ms
    during: patrol
  - expr: mqtt.state.latency.p99 < 500ms
    during: patrol
  - bench.saturated == 0
YAML
}

results="$work/results.txt"
field() { python3 - "$@" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
def get(path):
    v = d
    for k in path.split('.'):
        v = v.get(k) if isinstance(v, dict) else None
    return v
def assertion(expr):
    for a in d.get('assertions', []):
        if a['expr'].startswith(expr):
            return a.get('actual')
    return None
out = {
    'connected': get('devices.connectedPeak'),
    'all_connected_s': (get('devices.allConnectedAfter') or 0) / 1000,
    'lag_patrol_p99_ms': assertion('timer.lag.p99 < 5ms'),
    'lag_run_p99_ms': get('timer.lag.p99'),
    'state_patrol_p99_ms': assertion('mqtt.state.latency.p99'),
    'seq_gaps': get('mqtt.seqGaps'),
    'lost': get('evidence.lost'),
    'verified': get('evidence.verified'),
    'recorded': get('evidence.segmentsRecorded'),
    'bench_cpu_mean_pct': get('bench.cpu.mean'),
    'machine_cpu_max_pct': get('bench.machineCpu.max'),
    'saturated': get('bench.saturated'),
    'saturated_windows': '%s/%s' % (get('bench.saturatedWindows'), get('bench.windows')),
}
print(' '.join('%s=%s' % (k, ('%.2f' % v) if isinstance(v, float) else v) for k, v in out.items()))
PY
}

for n in $sizes; do
  scenario "$n" > "$work/scale-$n.yaml"
  for r in $(seq 1 "$rounds"); do
    echo "== bodycam fleet: $n cameras, round $r of $rounds" >&2
    out="$work/run-$n-$r"
    /usr/bin/env time -f '%P %M' -o "$work/time-$n-$r" \
      java ${BODYCAM_JAVA_OPTS:-} -Dlogback.configurationFile="$root/bodycam-logback.xml" -jar "$root/cli/target/bodycam.jar" \
      run "$work/scale-$n.yaml" --out "$out" ${BODYCAM_RUN_ARGS:-} > "$work/console-$n-$r.txt" 2>&1 || true
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
cols = ['connected', 'all_connected_s', 'lag_patrol_p99_ms', 'state_patrol_p99_ms', 'seq_gaps', 'lost',
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

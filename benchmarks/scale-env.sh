# Sourced by fleet-scale.sh and fleet-shards.sh: starts Debian's Mosquitto (mosquitto-env.sh) and `bodycam
# backend` (the evidence server, in its own JVM so that its CPU is not the bench's) on free loopback ports,
# stops them on exit, and defines `scenario N` (the quickstart behaviour mix at N cameras against them) and
# `field FILE` (a run's summary figures as key=value pairs). Expects `root` set; sets `work`, `mqtt_port`, `http_port`,
# `broker` and `pids`. BENCH_KEEP_WORK=1 keeps the work folder; BENCH_SPEED sets the clock speed (default 60:
# a camera then does in one wall second what it does in a minute, so N cameras load the bench about as
# N x speed cameras would in real time).
[[ "${BENCH_SPEED:-60}" =~ ^[0-9]+$ && "${BENCH_SPEED:-60}" -ge 1 ]] || { echo "$(basename "$0"): BENCH_SPEED must be a whole number >= 1, was '${BENCH_SPEED}'" >&2; exit 2; }
# shellcheck source=benchmarks/mosquitto-env.sh
source "$root/benchmarks/mosquitto-env.sh"
http_port="$(free_port)"
backend_mqtt_port="$(free_port)"

echo "== building bodycam" >&2
"$root/bodycam" --version >&2

# the evidence server in its own JVM, so its CPU is not the bench's (its own broker idles); BODYCAM_JAVA_OPTS
# are the fleet's (two JVMs writing one JFR recording or GC log spoil it)
BODYCAM_JAVA_OPTS="" "$root/bodycam" backend --http-port="$http_port" --mqtt-port="$backend_mqtt_port" --data="$work/backend" \
  --status-every=0s > "$work/backend.log" 2>&1 &
pids+=("$!")
for _ in $(seq 1 60); do curl -sf "http://127.0.0.1:$http_port/firmware/key" >/dev/null && break; sleep 1; done
key="$(curl -sf "http://127.0.0.1:$http_port/firmware/key" | sed 's/.*"publicKey":"\([^"]*\)".*/\1/')" \
  || { echo "$(basename "$0"): bodycam backend did not start:" >&2; cat "$work/backend.log" >&2; exit 3; }

# the quickstart mix (scenarios/quickstart.yaml), with a phase for the dock wave so that the camera timer
# lag can be judged outside it; the assertions only collect figures (a saturated bench fails them, the
# script goes on)
scenario() {
  cat <<YAML
name: fleet-scale-$1
description: the quickstart mix at $1 cameras, speed ${BENCH_SPEED:-60}, against Mosquitto and bodycam backend
seed: 42
duration: 3h
clock:
  speed: ${BENCH_SPEED:-60}
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
  - expr: mqtt.seqGaps == 0
    during: patrol
  - bench.saturated == 0
YAML
}

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
    'seq_gaps_patrol': assertion('mqtt.seqGaps == 0'),
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

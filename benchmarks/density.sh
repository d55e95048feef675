#!/usr/bin/env bash
# Density benchmark: the bodycam camera fleet and the two baseline MQTT device loops (Netty "PeerB",
# thread-per-device Paho "PeerA"), one after the other against the same Debian Mosquitto, with the same
# workload: status (QoS 1, ~500 B) every 5 s and GPS (QoS 0, ~300 B) every second per device.
#
# usage: benchmarks/density.sh [CAMERAS] [SECONDS] [--no-paho]
#   CAMERAS  devices per approach (default 2000); SECONDS  measurement window (default 60)
# prints each approach's RESULT line, then a side-by-side table (docs/benchmarks.md explains the columns)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
n="${1:-2000}"
seconds="${2:-60}"
paho=1
[ "${3:-}" = "--no-paho" ] && paho=0

# shellcheck source=benchmarks/mosquitto-env.sh
source "$root/benchmarks/mosquitto-env.sh"
sleep 1

echo "== building the baselines" >&2
(cd "$root/benchmarks/baselines" && mvn -q -B -DskipTests package >"$work/baselines-build.log" 2>&1) \
  || { cat "$work/baselines-build.log" >&2; exit 3; }
cp="$root/benchmarks/baselines/target/classes:$root/benchmarks/baselines/target/lib/*"

results="$work/results.txt"
echo "== bodycam cameras: $n for ${seconds}s" >&2
"$root/bodycam" density --broker "tcp://127.0.0.1:$mqtt_port" --cameras "$n" --seconds "$seconds" | tee -a "$results"
echo "== baseline PeerB (bare Netty loop, epoll): $n for ${seconds}s" >&2
java -Dport="$mqtt_port" -Dbroker.pid="$broker" -cp "$cp" sim.PeerB "$n" "$seconds" 2 epoll | grep -E '^(CONNECT|RESULT)' | tee -a "$results"
if [ "$paho" = 1 ]; then
  echo "== baseline PeerA (Paho, thread per device): $n for ${seconds}s" >&2
  java -Dbroker="tcp://127.0.0.1:$mqtt_port" -Dbroker.pid="$broker" -cp "$cp" sim.PeerA "$n" "$seconds" | grep -E '^(CONNECT|RESULT)' | tee -a "$results"
fi

echo
printf '%-22s %8s %10s %10s %9s %9s %9s %8s %11s %8s\n' approach n connected msg/s lag_p50 lag_p99 lag_max cpu_% cpu_us/msg rss_MB
grep '^RESULT' "$results" | while read -r line; do
  get() { echo "$line" | tr ' ' '\n' | grep "^$1=" | head -n1 | cut -d= -f2-; }
  cpu="$(echo "$line" | tr ' ' '\n' | grep '^cpu_pct_of_' | cut -d= -f2)"
  printf '%-22s %8s %10s %10s %9s %9s %9s %8s %11s %8s\n' "$(get approach)" "$(get n)" "$(get connected)" \
    "$(get achieved_msg_s)" "$(get lag_p50_ms)" "$(get lag_p99_ms)" "$(get lag_max_ms)" "$cpu" "$(get cpu_us_per_msg)" "$(get rss_mb_max)"
done

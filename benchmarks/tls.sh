#!/usr/bin/env bash
# TLS benchmark: the same cameras against the same Debian Mosquitto, side by side in one run, connecting
# and then reporting (state every 5 s, GPS every second) over plain MQTT, over mutual TLS with OpenSSL
# (netty-tcnative BoringSSL) and over mutual TLS with the JDK's TLS. Each camera shows its own
# certificate (bodycam pki create); Mosquitto requires one from the fleet CA.
#
# usage: benchmarks/tls.sh [CAMERAS] [SECONDS]
#   CAMERAS  cameras per run (default 2000); SECONDS  steady-state window after all connected (default 60)
# prints each run's CONNECT and RESULT lines, then a table (docs/benchmarks.md explains the columns)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
n="${1:-2000}"
seconds="${2:-60}"

mosquitto_bin="$(command -v mosquitto || echo /usr/sbin/mosquitto)"
[ -x "$mosquitto_bin" ] || { echo "tls.sh: needs Debian's mosquitto (apt-get install mosquitto)" >&2; exit 3; }
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true

work="$(mktemp -d)"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
plain="$(free_port)"
tls="$(free_port)"

echo "== certificates: a fleet CA and $n cameras" >&2
"$root/bodycam" pki create --cameras "$n" --id-pattern 'DEN-{index:00000}' --out "$work/pki" >&2

# run as root, Mosquitto would drop to its own user and could not read the keys bodycam pki made
cat > "$work/mosquitto.conf" <<CONF
user $(id -un)
per_listener_settings true
listener $plain 127.0.0.1
allow_anonymous true
listener $tls 127.0.0.1
cafile $work/pki/ca.pem
certfile $work/pki/server.pem
keyfile $work/pki/server.key
require_certificate true
use_identity_as_username true
allow_anonymous false
persistence false
max_queued_messages 100000
CONF
"$mosquitto_bin" -c "$work/mosquitto.conf" > "$work/mosquitto.log" 2>&1 &
broker=$!
trap 'kill $broker 2>/dev/null || true; rm -rf "$work"' EXIT
sleep 1
kill -0 "$broker" 2>/dev/null || { echo "tls.sh: mosquitto did not start:" >&2; cat "$work/mosquitto.log" >&2; exit 3; }

results="$work/results.txt"
run() {
  local label="$1"; shift
  echo "== $label: $n cameras, ${seconds}s" >&2
  "$root/bodycam" density --cameras "$n" --seconds "$seconds" "$@" | sed "s/approach=bodycam-camera/approach=$label/" \
    | tee -a "$results" || echo "tls.sh: $label did not connect every camera (its figures say how many did)" >&2
}
run plain --broker "tcp://127.0.0.1:$plain"
run mtls-openssl --broker "mqtts://127.0.0.1:$tls" --tls-ca "$work/pki/ca.pem" --tls-certs "$work/pki" --tls-provider openssl
run mtls-jdk --broker "mqtts://127.0.0.1:$tls" --tls-ca "$work/pki/ca.pem" --tls-certs "$work/pki" --tls-provider jdk

echo
printf '%-14s %6s %10s %10s %14s %10s %9s %9s %8s %11s %8s\n' run n connected connect_ms cpu_ms/camera msg/s lag_p50 lag_p99 cpu_% cpu_us/msg rss_MB
for label in plain mtls-openssl mtls-jdk; do
  c="$(grep "^CONNECT approach=$label " "$results" || true)"
  r="$(grep "^RESULT approach=$label " "$results" || true)"
  get() { echo "$1" | tr ' ' '\n' | grep "^$2=" | head -n1 | cut -d= -f2-; }
  cpu="$(echo "$r" | tr ' ' '\n' | grep '^cpu_pct_of_' | cut -d= -f2)"
  printf '%-14s %6s %10s %10s %14s %10s %9s %9s %8s %11s %8s\n' "$label" "$(get "$r" n)" "$(get "$r" connected)" \
    "$(get "$c" ms)" "$(get "$c" cpu_ms_per_camera)" "$(get "$r" achieved_msg_s)" "$(get "$r" lag_p50_ms)" \
    "$(get "$r" lag_p99_ms)" "$cpu" "$(get "$r" cpu_us_per_msg)" "$(get "$r" rss_mb_max)"
done

#!/usr/bin/env bash
# Broker matrix numbers: `bodycam density` against each broker that runs on this machine, one after the
# other, each started here on a free loopback port and stopped after: HiveMQ CE (inside `bodycam backend`),
# Debian's Mosquitto, RabbitMQ's MQTT plugin (a private node) and aedes (Node.js). Same workload for all:
# state (QoS 1) every 5 s and GPS (QoS 0) every second per camera, all powered on at once.
#
# usage: benchmarks/brokers.sh [CAMERAS] [SECONDS] [BROKER...]
#   CAMERAS  default 1000; SECONDS  measurement window, default 30; BROKER  hivemq mosquitto rabbitmq aedes
# Each broker also feeds one subscriber to every camera topic (the backend's observer for HiveMQ,
# mosquitto_sub for the others), so each delivers every message once, as a real backend would need.
# Prints each CONNECT/RESULT line and the broker's CPU over the whole density run (connect and window),
# then a table (docs/brokers.md explains the columns).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
n="${1:-1000}"
seconds="${2:-30}"
shift $(( $# > 2 ? 2 : $# ))
brokers=("$@")
[ ${#brokers[@]} -eq 0 ] && brokers=(hivemq mosquitto rabbitmq aedes)
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true

work="$(mktemp -d)"
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  [ -n "${epmd_port:-}" ] && ERL_EPMD_PORT="$epmd_port" epmd -kill >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_port() {
  for _ in $(seq 1 600); do (echo > "/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0; sleep 0.1; done
  echo "brokers.sh: nothing listens on $1 after 60 s" >&2; return 1
}
stop_all() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done
  pids=()
}
descendants() { echo "$1"; local c; for c in $(pgrep -P "$1"); do descendants "$c"; done; }
tree_ticks() {   # CPU clock ticks (user + system) of a process and its descendants
  local total=0 p stat
  for p in $(descendants "$1"); do
    stat="$(cat "/proc/$p/stat" 2>/dev/null)" || continue
    set -- ${stat##*) }
    total=$(( total + ${12} + ${13} ))
  done
  echo "$total"
}
subscribe_all() {
  command -v mosquitto_sub >/dev/null && { mosquitto_sub -p "$1" -t 'bwc/#' -q 1 >/dev/null 2>&1 & pids+=($!); }
  return 0
}

"$root/bodycam" --version >/dev/null   # builds the jar if needed, before anything is timed
results="$work/results.txt"
for b in "${brokers[@]}"; do
  port="$(free_port)"
  case "$b" in
    hivemq)
      "$root/bodycam" backend --mqtt-port "$port" --http-port "$(free_port)" --data "$work/backend" --status-every 0s \
        > "$work/hivemq.log" 2>&1 & pids+=($!) ;;
    mosquitto)
      printf 'listener %s 127.0.0.1\nallow_anonymous true\npersistence false\nmax_queued_messages 100000\n' "$port" > "$work/mosquitto.conf"
      mosquitto -c "$work/mosquitto.conf" > "$work/mosquitto.log" 2>&1 & pids+=($!)
      subscribe_all "$port" ;;
    rabbitmq)
      epmd_port="$(free_port)"; amqp="$(free_port)"; dist="$(free_port)"
      mkdir -p "$work/rabbitmq"; echo '[rabbitmq_mqtt].' > "$work/rabbitmq/enabled_plugins"
      printf 'listeners.tcp.1 = 127.0.0.1:%s\nmqtt.listeners.tcp.1 = 127.0.0.1:%s\nmqtt.allow_anonymous = true\nlog.console = false\n' \
        "$amqp" "$port" > "$work/rabbitmq/rabbitmq.conf"
      ( cd "$work/rabbitmq" && HOME="$work/rabbitmq" RABBITMQ_CONF_ENV_FILE="$work/rabbitmq/none" \
        RABBITMQ_CONFIG_FILE="$work/rabbitmq/rabbitmq.conf" RABBITMQ_ENABLED_PLUGINS_FILE="$work/rabbitmq/enabled_plugins" \
        RABBITMQ_NODENAME="bench-$port@localhost" RABBITMQ_NODE_IP_ADDRESS=127.0.0.1 RABBITMQ_NODE_PORT="$amqp" \
        RABBITMQ_DIST_PORT="$dist" RABBITMQ_MNESIA_BASE="$work/rabbitmq/mnesia" RABBITMQ_LOG_BASE="$work/rabbitmq/log" \
        ERL_EPMD_PORT="$epmd_port" ERL_EPMD_ADDRESS=127.0.0.1 exec /usr/lib/rabbitmq/bin/rabbitmq-server ) \
        > "$work/rabbitmq.log" 2>&1 & pids+=($!)
      wait_port "$port"; subscribe_all "$port" ;;
    aedes)
      aedes_home="$root/bench/target/aedes"
      [ -d "$aedes_home/node_modules/aedes" ] \
        || npm install --prefix "$aedes_home" --no-audit --no-fund --no-save aedes@1.2.0 > "$work/npm.log" 2>&1 \
        || { echo "brokers.sh: npm install aedes failed: $(tail -3 "$work/npm.log")" >&2; continue; }
      cp "$root/simulator/src/test/resources/io/bodycam/sim/testing/aedes-broker.mjs" "$aedes_home/broker.mjs"
      node "$aedes_home/broker.mjs" "$port" > "$work/aedes.log" 2>&1 & pids+=($!)
      wait_port "$port"; subscribe_all "$port" ;;
    *) echo "brokers.sh: unknown broker $b" >&2; exit 2 ;;
  esac
  wait_port "$port"
  sleep 2
  echo "== $b: $n cameras for ${seconds}s" >&2
  ticks0="$(tree_ticks "${pids[0]}")"; t0="$(date +%s.%N)"
  "$root/bodycam" density --broker "tcp://127.0.0.1:$port" --cameras "$n" --seconds "$seconds" --ramp 0s \
    | sed "s/^\(CONNECT\|RESULT\) /\1 broker=$b /" | tee -a "$results"
  ticks1="$(tree_ticks "${pids[0]}")"; t1="$(date +%s.%N)"
  echo "BROKER broker=$b cpu_pct_of_$(nproc)_cores=$(python3 -c "print(round(100 * ($ticks1 - $ticks0) / $(getconf CLK_TCK) / ($t1 - $t0) / $(nproc), 1))")" \
    | tee -a "$results"
  stop_all
  [ "$b" = rabbitmq ] && { ERL_EPMD_PORT="$epmd_port" epmd -kill >/dev/null 2>&1 || true; epmd_port=""; }
done

echo
printf '%-10s %6s %10s %11s %10s %9s %11s %12s\n' broker n connected connect_ms msg/s lag_p99 bench_cpu_% broker_cpu_%
grep '^RESULT' "$results" | while read -r line; do
  get() { echo "$line" | tr ' ' '\n' | grep "^$1=" | head -n1 | cut -d= -f2-; }
  b="$(get broker)"
  connect="$(grep "^CONNECT broker=$b " "$results" | tr ' ' '\n' | grep '^ms=' | cut -d= -f2)"
  cpu="$(echo "$line" | tr ' ' '\n' | grep '^cpu_pct_of_' | cut -d= -f2)"
  broker_cpu="$(grep "^BROKER broker=$b " "$results" | tr ' ' '\n' | grep '^cpu_pct_of_' | cut -d= -f2)"
  printf '%-10s %6s %10s %11s %10s %9s %11s %12s\n' "$b" "$(get n)" "$(get connected)" "$connect" \
    "$(get achieved_msg_s)" "$(get lag_p99_ms)" "$cpu" "$broker_cpu"
done

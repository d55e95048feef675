# Sourced by density.sh and scale-env.sh: checks for Debian's Mosquitto, raises the open-file limit to the
# hard one, makes a work folder and starts Mosquitto on a free loopback port. On exit it stops every process
# in `pids` and removes the folder (BENCH_KEEP_WORK=1 keeps it, for a look afterwards). Sets `work`,
# `mqtt_port`, `broker` (Mosquitto's pid) and `pids`, and defines `free_port`.
mosquitto_bin="$(command -v mosquitto || echo /usr/sbin/mosquitto)"
[ -x "$mosquitto_bin" ] || { echo "$(basename "$0"): needs Debian's mosquitto (apt-get install mosquitto)" >&2; exit 3; }
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true

work="$(mktemp -d)"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
mqtt_port="$(free_port)"

cat > "$work/mosquitto.conf" <<CONF
listener $mqtt_port 127.0.0.1
allow_anonymous true
persistence false
max_queued_messages 100000
CONF
"$mosquitto_bin" -c "$work/mosquitto.conf" > "$work/mosquitto.log" 2>&1 &
broker=$!
pids=("$broker")
trap 'kill "${pids[@]}" 2>/dev/null || true; if [ -n "${BENCH_KEEP_WORK:-}" ]; then echo "work folder kept: $work" >&2; else rm -rf "$work"; fi' EXIT

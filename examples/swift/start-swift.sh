#!/bin/sh
# A single-node, one-replica OpenStack Swift on 127.0.0.1 from Debian's packages, for trying the axis-bwi
# device profile (docs/backends.md). Runs in the foreground until stopped (Ctrl-C or SIGTERM), then stops
# every server it started.
#
#   examples/swift/start-swift.sh DIR PROXY_PORT BASE_PORT USER=KEY [USER=KEY ...]
#
# DIR holds the configuration, rings and data (made if missing); the proxy (TempAuth, GET /auth/v1.0)
# listens on PROXY_PORT; the account, container and object servers and memcached on BASE_PORT to
# BASE_PORT+3. Each USER=KEY becomes a TempAuth user "bodycam:USER" of account AUTH_bodycam.
# Needs: apt-get install -y swift-proxy swift-account swift-container swift-object memcached
set -eu
if [ $# -lt 4 ]; then
  sed -n '6,11p' "$0" >&2
  exit 2
fi
dir=$(realpath -m "$1"); proxy=$2; base=$3; shift 3
for bin in swift-proxy-server swift-account-server swift-container-server swift-object-server swift-ring-builder memcached; do
  [ -x "/usr/bin/$bin" ] || { echo "start-swift.sh: /usr/bin/$bin is missing (apt-get install -y swift-proxy swift-account swift-container swift-object memcached)" >&2; exit 3; }
done
me=$(id -un)
mkdir -p "$dir/etc" "$dir/srv/d1"
cd "$dir/etc"
cat > swift.conf <<CONF
[swift-hash]
swift_hash_path_suffix = bodycam-bench
swift_hash_path_prefix = bodycam-bench
[storage-policy:0]
name = Policy-0
default = yes
CONF
port=$base
for kind in account container object; do
  if [ ! -f "$kind.ring.gz" ]; then
    /usr/bin/swift-ring-builder "$kind.builder" create 4 1 1 >/dev/null
    /usr/bin/swift-ring-builder "$kind.builder" add "r1z1-127.0.0.1:$port/d1" 1 >/dev/null
    /usr/bin/swift-ring-builder "$kind.builder" rebalance >/dev/null
  fi
  cat > "$kind-server.conf" <<CONF
[DEFAULT]
bind_ip = 127.0.0.1
bind_port = $port
workers = 0
user = $me
swift_dir = $dir/etc
devices = $dir/srv
mount_check = false
log_level = WARNING
[pipeline:main]
pipeline = $kind-server
[app:$kind-server]
use = egg:swift#$kind
CONF
  port=$((port + 1))
done
cat > proxy-server.conf <<CONF
[DEFAULT]
bind_ip = 127.0.0.1
bind_port = $proxy
workers = 0
user = $me
swift_dir = $dir/etc
log_level = WARNING
[pipeline:main]
pipeline = catch_errors cache tempauth proxy-server
[app:proxy-server]
use = egg:swift#proxy
account_autocreate = true
[filter:catch_errors]
use = egg:swift#catch_errors
[filter:cache]
use = egg:swift#memcache
memcache_servers = 127.0.0.1:$port
[filter:tempauth]
use = egg:swift#tempauth
CONF
for login in "$@"; do
  user=${login%%=*}; key=${login#*=}
  case "$user" in *[!A-Za-z0-9.-]*|'') echo "start-swift.sh: user '$user': letters, digits, '.' and '-' only" >&2; exit 2;; esac
  echo "user_bodycam_$user = $key .admin" >> proxy-server.conf
done
set +e
/usr/bin/memcached -l 127.0.0.1 -p "$port" -U 0 -u "$me" & pids=$!
for kind in account container object; do
  /usr/bin/python3 "/usr/bin/swift-$kind-server" "$dir/etc/$kind-server.conf" & pids="$pids $!"
done
/usr/bin/python3 /usr/bin/swift-proxy-server "$dir/etc/proxy-server.conf" & pids="$pids $!"
trap 'kill $pids 2>/dev/null; wait; exit 0' TERM INT
echo "Swift on http://127.0.0.1:$proxy (auth /auth/v1.0, account AUTH_bodycam), data in $dir/srv"
wait

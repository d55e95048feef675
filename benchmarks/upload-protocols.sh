#!/usr/bin/env bash
# Upload throughput per protocol on loopback, beside raw loopback TCP measured in the same run: a
# camera's link (one event loop, no pacing, no proof) uploads MIB MiB as 32 MiB segments to
#   tcp        a bare socket pair (the floor),
#   tus-ref    tus 1.0 against the reference evidence server (`bodycam backend`),
#   tus-node   tus 1.0 against @tus/server with @tus/file-store (Node.js),
#   s3         S3 multipart (8 MiB parts) against S3Proxy 2.6.0,
#   put        plain HTTP PUT against Debian's nginx (WebDAV module),
#   swift      one object PUT per segment against Debian's OpenStack Swift (examples/swift/start-swift.sh),
# three rounds, each protocol once per round; prints every RESULT and a table of medians in MB/s.
#
# usage: benchmarks/upload-protocols.sh [MIB] [PROTOCOL...]    MIB: a multiple of 32, default 256
# Needs: node and npm (tus-node), nginx-light (put), swift-proxy swift-account swift-container swift-object
# memcached (swift); a missing one is reported and skipped.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
mib="${1:-256}"
shift $(( $# > 0 ? 1 : 0 ))
protocols=("$@")
[ ${#protocols[@]} -eq 0 ] && protocols=(tcp tus-ref tus-node s3 put swift)
(( mib % 32 == 0 )) || { echo "upload-protocols.sh: MIB must be a multiple of 32, was $mib" >&2; exit 2; }

work="$(mktemp -d)"
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_port() {
  for _ in $(seq 1 600); do (echo > "/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0; sleep 0.1; done
  echo "upload-protocols.sh: nothing listens on $1 after 60 s" >&2; return 1
}

# the simulator's classes and test classes (the clients, the harness' scripts), and their dependencies
( cd "$root" && mvn -q -o -pl simulator -am test-compile \
    && mvn -q -o -pl simulator dependency:build-classpath -Dmdep.outputFile="$work/cp.txt" ) >/dev/null
cp="$root/simulator/target/classes:$root/simulator/target/test-classes:$(cat "$work/cp.txt")"
measure() { java -cp "$cp" io.bodycam.sim.testing.UploadThroughput "$@" | grep '^RESULT'; }

declare -A args
for p in "${protocols[@]}"; do
  case "$p" in
    tcp) args[$p]="tcp" ;;
    tus-ref)
      port="$(free_port)"
      "$root/bodycam" backend --http-port "$port" --mqtt-port "$(free_port)" --data "$work/backend" --status-every 0s \
        > "$work/backend.log" 2>&1 & pids+=($!)
      wait_port "$port"; args[$p]="tus http://127.0.0.1:$port" ;;
    tus-node)
      home="$root/simulator/target/tus-server"
      if ! command -v node >/dev/null; then echo "skip tus-node: node is not installed" >&2; continue; fi
      mkdir -p "$home" "$work/tus-files"
      cp "$root/simulator/src/test/resources/io/bodycam/sim/testing/tus-server.mjs" "$home/"
      [ -d "$home/node_modules/@tus/server" ] || npm install --prefix "$home" --no-audit --no-fund --no-save \
        @tus/server@2.4.5 @tus/file-store@2.1.1 >/dev/null
      port="$(free_port)"
      (cd "$home" && exec node tus-server.mjs "$port" "$work/tus-files") > "$work/tus.log" 2>&1 & pids+=($!)
      wait_port "$port"; args[$p]="tus http://127.0.0.1:$port" ;;
    s3)
      port="$(free_port)"; mkdir -p "$work/s3/bench"
      printf 's3proxy.endpoint=http://127.0.0.1:%s\ns3proxy.authorization=aws-v4\ns3proxy.identity=bench\ns3proxy.credential=bench-secret\njclouds.provider=filesystem\njclouds.identity=unused\njclouds.credential=unused\njclouds.filesystem.basedir=%s\n' \
        "$port" "$work/s3" > "$work/s3proxy.conf"
      LOG_LEVEL=warn java -Xmx512m -jar "$root/simulator/target/s3proxy/s3proxy.jar" --properties "$work/s3proxy.conf" \
        > "$work/s3proxy.log" 2>&1 & pids+=($!)
      wait_port "$port"; args[$p]="s3 http://127.0.0.1:$port bench bench bench-secret" ;;
    put)
      if ! command -v nginx >/dev/null; then echo "skip put: nginx is not installed (apt-get install -y nginx-light)" >&2; continue; fi
      port="$(free_port)"; mkdir -p "$work/nginx/www/evidence" "$work/nginx/tmp"
      cat > "$work/nginx/nginx.conf" <<CONF
user root; worker_processes 1; error_log $work/nginx/error.log warn; pid $work/nginx/nginx.pid;
events { worker_connections 256; }
http { access_log off; client_body_temp_path $work/nginx/tmp; client_max_body_size 0;
  server { listen 127.0.0.1:$port; root $work/nginx/www;
    location /evidence/ { dav_methods PUT; create_full_put_path on; dav_access user:rw; } } }
CONF
      nginx -p "$work/nginx" -c "$work/nginx/nginx.conf" -g 'daemon off;' > "$work/nginx.log" 2>&1 & pids+=($!)
      wait_port "$port"; args[$p]="put http://127.0.0.1:$port bench" ;;
    swift)
      if [ ! -x /usr/bin/swift-proxy-server ] || [ ! -x /usr/bin/memcached ]; then
        echo "skip swift: OpenStack Swift is not installed (apt-get install -y swift-proxy swift-account swift-container swift-object memcached)" >&2; continue
      fi
      port="$(free_port)"; base="$(free_port)"
      "$root/examples/swift/start-swift.sh" "$work/swift" "$port" "$base" bench=bench-secret > "$work/swift.log" 2>&1 & pids+=($!)
      wait_port "$port"
      for _ in $(seq 1 300); do
        curl -sf -o /dev/null -H 'X-Auth-User: bodycam:bench' -H 'X-Auth-Key: bench-secret' "http://127.0.0.1:$port/auth/v1.0" && break
        sleep 0.2
      done
      args[$p]="swift http://127.0.0.1:$port bodycam:bench bench-secret" ;;
    *) echo "upload-protocols.sh: unknown protocol $p (tcp tus-ref tus-node s3 put swift)" >&2; exit 2 ;;
  esac
done

results="$work/results.txt"
for round in 1 2 3; do
  for p in "${protocols[@]}"; do
    [ -n "${args[$p]:-}" ] || continue
    # shellcheck disable=SC2086
    line="$(measure ${args[$p]} "$mib")"
    echo "round $round $p: $line"
    echo "$p ${line##* }" >> "$results"
    rm -rf "$work/tus-files"/* "$work/s3/bench"/* "$work/nginx/www/evidence"/* 2>/dev/null || true
  done
done

echo
echo "| protocol | server | MB/s (median of 3) | share of raw TCP |"
echo "|---|---|---|---|"
tcp_median="$(awk '$1=="tcp"{print $2}' "$results" | sort -n | sed -n 2p)"
for p in "${protocols[@]}"; do
  median="$(awk -v p="$p" '$1==p{print $2}' "$results" | sort -n | sed -n 2p)"
  [ -n "$median" ] || continue
  case "$p" in
    tcp) server="loopback socket pair" ;; tus-ref) server="reference evidence server" ;;
    tus-node) server="@tus/server 2.4.5 + @tus/file-store" ;; s3) server="S3Proxy 2.6.0 (filesystem)" ;;
    put) server="nginx (WebDAV PUT)" ;; swift) server="OpenStack Swift 2.30 (Debian, one node)" ;;
  esac
  share="-"
  [ -n "$tcp_median" ] && share="$(awk -v a="$median" -v b="$tcp_median" 'BEGIN{printf "%.1f %%", 100*a/b}')"
  echo "| $p | $server | $median | $share |"
done

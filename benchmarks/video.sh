#!/usr/bin/env bash
# mp4 capacity: how many cameras this machine can film real MP4 segments for in real time, on the remux
# path (packet copy from the clip library) and on the overlay path (every frame encoded), and the cost
# per segment. Each line is `bodycam clip --capacity` (docs/video.md); the clip library is rendered
# into the clip cache first if it is not there yet (outside the timing).
#
# usage: benchmarks/video.sh [SECONDS]     measurement window per line (default 30)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
seconds="${1:-30}"
echo "video.sh: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) before the first line"
"$root/bodycam" clip --capacity --resolution 720p --duration 5m --seconds "$seconds" | tail -3
"$root/bodycam" clip --capacity --resolution 720p --duration 1m --seconds "$seconds" | tail -3
"$root/bodycam" clip --capacity --resolution 360p --duration 5m --seconds "$seconds" | tail -3
"$root/bodycam" clip --capacity --resolution 720p --duration 10s --overlay --seconds "$seconds" | tail -3
"$root/bodycam" clip --capacity --resolution 360p --duration 10s --overlay --seconds "$seconds" | tail -3
echo "video.sh: load average $(cut -d' ' -f1-3 /proc/loadavg) after the last line"

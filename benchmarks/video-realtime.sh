#!/usr/bin/env bash
# mp4 in real time, end to end: runs scenarios/mp4-fleet-200.yaml (200 cameras filming 720p at speed 1,
# then docking) and reads from its events how late each segment's file was announced after the
# segment ended (virtual = wall time at speed 1): if the remux path keeps up, that stays at a few
# hundred milliseconds; a backlog would grow it without bound. Also prints the video workers' meters.
#
# usage: benchmarks/video-realtime.sh [OUT_DIR]      (default /tmp/bodycam-mp4-fleet-200; about 6 minutes)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${1:-/tmp/bodycam-mp4-fleet-200}"
rm -rf "$out"
"$root/bodycam" run "$root/scenarios/mp4-fleet-200.yaml" --out "$out" | tail -25 || true
python3 - "$out" <<'PY'
import json, sys
lags = []
for line in open(sys.argv[1] + "/events.jsonl"):
    e = json.loads(line)
    if e.get("type") == "segment.closed":
        lags.append(e["t"] - e["end"])
lags.sort()
if not lags:
    sys.exit("video-realtime.sh: no segment.closed events")
pick = lambda q: lags[min(len(lags) - 1, int(q * len(lags)))]
print(f"video-realtime.sh: {len(lags)} segments; announced after their end: p50 {pick(0.5)} ms, p99 {pick(0.99)} ms, max {lags[-1]} ms")
PY
grep -E '^bodycam_video_(jobs|busy)' "$out/metrics.prom" || true

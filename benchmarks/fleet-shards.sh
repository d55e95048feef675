#!/usr/bin/env bash
# One fleet as shards: the quickstart behaviour mix of fleet-scale.sh at CAMERAS cameras, run as SHARDS
# `bodycam run --shard i/SHARDS` processes given one `--start-at`, against one Debian Mosquitto and one
# `bodycam backend`, then merged with `bodycam report merge`. Prints each shard's figures, the merged
# record's, and how well the shards' timelines lined up, measured from their records: for every event a
# shard wrote, how late it happened on the wall clock against the shared timeline (the shared start plus
# the event's virtual time divided by the clock speed), per shard, and the spread of those per-shard
# medians across shards.
#
# usage: benchmarks/fleet-shards.sh [CAMERAS] [SHARDS] [LEAD_SECONDS]
#   CAMERAS       the whole fleet (default 12000)
#   SHARDS        shard processes (default 4)
#   LEAD_SECONDS  how far ahead the shared start is set, for every shard to get ready (default 90)
# environment: BODYCAM_RUN_ARGS (more options for each bodycam run, e.g. --no-input-log), BENCH_SPEED (the
# clock speed, default 60), BENCH_KEEP_WORK=1 (keep the work folder: shard records, merged record, consoles)
# All shards run on this one machine, so together they load it as one process of CAMERAS cameras would;
# each shard's bench.saturated says when its figures measure the bench.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cameras="${1:-12000}"
shards="${2:-4}"
lead="${3:-90}"
[[ "$cameras" =~ ^[0-9]+$ && "$shards" =~ ^[0-9]+$ && "$lead" =~ ^[0-9]+$ && "$shards" -ge 1 ]] \
  || { echo "usage: benchmarks/fleet-shards.sh [CAMERAS] [SHARDS] [LEAD_SECONDS] (whole numbers, SHARDS >= 1)" >&2; exit 2; }

# shellcheck source=benchmarks/scale-env.sh
source "$root/benchmarks/scale-env.sh"

scenario "$cameras" > "$work/scale.yaml"
start="$(date -u -d "+${lead} seconds" +%Y-%m-%dT%H:%M:%SZ)"
echo "== $shards shards of $cameras cameras, shared start $start" >&2
shard_pids=()
for i in $(seq 0 $((shards - 1))); do
  /usr/bin/env time -f '%P %M' -o "$work/time-$i" \
    "$root/bodycam" run "$work/scale.yaml" --shard "$i/$shards" --start-at "$start" --out "$work/shard-$i" ${BODYCAM_RUN_ARGS:-} \
    > "$work/console-$i.txt" 2>&1 &
  shard_pids+=("$!")
  pids+=("$!")
done
for i in $(seq 0 $((shards - 1))); do
  wait "${shard_pids[$i]}" || true
  if [ ! -f "$work/shard-$i/summary.json" ]; then
    echo "fleet-shards.sh: shard $i wrote no summary; its last lines:" >&2
    tail -n 15 "$work/console-$i.txt" >&2
    exit 3
  fi
  read -r cpu rss < <(tail -n 1 "$work/time-$i") || true
  cpu="${cpu%\%}"
  [[ "$cpu" =~ ^[0-9]+$ && "${rss:-}" =~ ^[0-9]+$ ]] || { cpu=-2; rss=-1024; }
  echo "SHARD $i/$shards $(field "$work/shard-$i/summary.json") process_cpu_pct_of_2_cores=$(( cpu / 2 )) rss_mb=$(( rss / 1024 ))"
done

merge_args=()
for i in $(seq 0 $((shards - 1))); do merge_args+=("$work/shard-$i"); done
"$root/bodycam" report merge "${merge_args[@]}" --out "$work/merged" > "$work/merge.txt" 2>&1 || true
[ -f "$work/merged/summary.json" ] || { echo "fleet-shards.sh: the merge wrote no summary:" >&2; cat "$work/merge.txt" >&2; exit 3; }
grep -E "timelines began within" "$work/merge.txt" >&2 || true
echo "MERGED $(field "$work/merged/summary.json")"

python3 - "$start" "$work" "$shards" <<'PY'
import datetime, json, os, statistics, sys
start = datetime.datetime.strptime(sys.argv[1], '%Y-%m-%dT%H:%M:%SZ').replace(tzinfo=datetime.timezone.utc)
start_ms = int(start.timestamp() * 1000)
work, shards = sys.argv[2], int(sys.argv[3])
merged = json.load(open(os.path.join(work, 'merged', 'summary.json')))
medians = []
for i in range(shards):
    folder = os.path.join(work, 'shard-%d' % i)
    run = json.load(open(os.path.join(folder, 'summary.json')))['run']
    speed, began = run['clockSpeed'], run['startedAt']
    late = []
    with open(os.path.join(folder, 'events.jsonl')) as events:
        for line in events:
            e = json.loads(line)
            # virtual time starts at the shared instant; wallMs counts from the shard's own start
            due = start_ms + (e['t'] - start_ms) / speed
            late.append(began + e['wallMs'] - due)
    late.sort()
    q = lambda p: late[min(len(late) - 1, int(p * len(late)))]
    medians.append(q(0.5))
    print('ALIGN shard=%d events=%d began_after_start_ms=%.0f late_p50_ms=%.0f late_p99_ms=%.0f late_max_ms=%.0f'
          % (i, len(late), began - start_ms, q(0.5), q(0.99), late[-1]))
print('ALIGNED start_spread_ms=%s median_lateness_spread_ms=%.0f' % (
    merged.get('run', {}).get('startSpread'), max(medians) - min(medians)))
PY

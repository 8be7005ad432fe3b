#!/usr/bin/env bash
# Compares heapsleuth-nodes with DevTools' own heap_snapshot_worker, node by
# node, on one snapshot (plain, or .zst-compressed). Exit 0 only when every
# column of every node agrees, and DevTools' Statistics and Summary
# (per-class count, sizes, distance) equal heapsleuth-summary's.
#   compare_snapshot.sh BIN_DIR SNAPSHOT[.zst]
set -euo pipefail
bin_dir=$1
snapshot=$2
here=$(cd "$(dirname "$0")" && pwd)
devtools=$here/../devtools
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

if [[ $snapshot == *.zst ]]; then
  zstd -q -d "$snapshot" -o "$scratch/snapshot.heapsnapshot"
  input=$scratch/snapshot.heapsnapshot
else
  input=$snapshot
fi
node --max-old-space-size=8000 "$devtools/dump-nodes.mjs" "$input" > "$scratch/devtools.tsv" 2> "$scratch/devtools.err" || {
  cat "$scratch/devtools.err" >&2
  exit 1
}
"$bin_dir/heapsleuth-nodes" --quiet "$input" > "$scratch/heapsleuth.tsv"
node --max-old-space-size=8000 "$devtools/dump-nodes.mjs" --summary "$input" > "$scratch/devtools.json" 2> /dev/null
"$bin_dir/heapsleuth-summary" --quiet --json --top 100000000 "$input" > "$scratch/heapsleuth.json"
echo "== $snapshot"
status=0
node "$devtools/compare.mjs" "$scratch/devtools.tsv" "$scratch/heapsleuth.tsv" || status=1
node "$here/compare_summary.mjs" "$scratch/devtools.json" "$scratch/heapsleuth.json" || status=1
exit $status

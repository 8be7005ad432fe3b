#!/usr/bin/env bash
# Compares heapsleuth-nodes with DevTools' own heap_snapshot_worker, node by
# node, on one snapshot (plain, or .zst-compressed). Exit 0 only when every
# column of every node agrees.
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
echo "== $snapshot"
node "$devtools/compare.mjs" "$scratch/devtools.tsv" "$scratch/heapsleuth.tsv"

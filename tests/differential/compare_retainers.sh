#!/usr/bin/env bash
# heapsleuth-retainers' Retainers view against DevTools' own, on one
# snapshot: for every node, the same retainers in the same order
# (tests/devtools/dump-retainers.mjs).
#   compare_retainers.sh BIN_DIR SNAPSHOT
set -euo pipefail
bin_dir=$1
snapshot=$2
here=$(cd "$(dirname "$0")" && pwd)
devtools=$here/../devtools
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

"$bin_dir/heapsleuth-nodes" --quiet "$snapshot" | awk -F'\t' 'NR > 1 { print $1 }' > "$scratch/ids.txt"
node --max-old-space-size=8000 "$devtools/dump-retainers.mjs" "$snapshot" "$scratch/ids.txt" \
  > "$scratch/devtools.jsonl" 2> "$scratch/devtools.err" || {
  cat "$scratch/devtools.err" >&2
  exit 1
}
"$bin_dir/heapsleuth-retainers" --quiet --json --paths 0 --tree --depth 1 --limit 0 "$snapshot" $(sed 's/^/@/' "$scratch/ids.txt") \
  > "$scratch/heapsleuth.json"
echo "== $snapshot"
node "$here/compare_retainers.mjs" "$scratch/devtools.jsonl" "$scratch/heapsleuth.json"

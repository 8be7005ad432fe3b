#!/usr/bin/env bash
# heapsleuth-dominators against DevTools' own dominator tree and retained
# sizes, on one snapshot: listings from the root (every child, 2 levels; and
# 3 levels of what retains at least 10 kB) and from the node that retains the
# most after the root (every child, 3 levels).
#   compare_dominators.sh BIN_DIR SNAPSHOT
set -euo pipefail
bin_dir=$1
snapshot=$2
here=$(cd "$(dirname "$0")" && pwd)
devtools=$here/../devtools
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

node --max-old-space-size=8000 "$devtools/dump-nodes.mjs" "$snapshot" > "$scratch/devtools.tsv" 2> "$scratch/devtools.err" || {
  cat "$scratch/devtools.err" >&2
  exit 1
}
node --max-old-space-size=8000 "$devtools/dump-nodes.mjs" --summary "$snapshot" > "$scratch/devtools.json" 2> /dev/null
# The largest retainer after the root (the root is the first row).
biggest=$(awk -F'\t' 'NR > 2 && $7 > max { max = $7; id = $1 } END { print id }' "$scratch/devtools.tsv")
tool=$bin_dir/heapsleuth-dominators
"$tool" --quiet --json --depth 2 --limit 0 "$snapshot" > "$scratch/root.json"
"$tool" --quiet --json --depth 3 --limit 0 --min-size 10kB "$snapshot" > "$scratch/root-10kB.json"
"$tool" --quiet --json --depth 3 --limit 0 "$snapshot" "@$biggest" > "$scratch/biggest.json"
"$tool" --quiet --json --depth 2 --limit 3 --min-size 1kB "$snapshot" "@$biggest" > "$scratch/limited.json"
echo "== $snapshot (largest after the root: @$biggest)"
node "$here/compare_dominators.mjs" "$scratch/devtools.tsv" "$scratch/devtools.json" "$scratch/root.json" "$scratch/root-10kB.json" \
  "$scratch/biggest.json" "$scratch/limited.json"

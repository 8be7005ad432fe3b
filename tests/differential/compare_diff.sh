#!/usr/bin/env bash
# Compares heapsleuth-diff with DevTools' own Comparison view (calculateSnapshotDiff)
# on one pair of snapshots of one process (plain, or .zst-compressed). Exit 0
# only when every class key and every figure agrees.
#   compare_diff.sh BIN_DIR BASE[.zst] NEW[.zst]
set -euo pipefail
bin_dir=$1
here=$(cd "$(dirname "$0")" && pwd)
devtools=$here/../devtools
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

inputs=()
for snapshot in "$2" "$3"; do
  if [[ $snapshot == *.zst ]]; then
    out=$scratch/${#inputs[@]}.heapsnapshot
    zstd -q -d "$snapshot" -o "$out"
    inputs+=("$out")
  else
    inputs+=("$snapshot")
  fi
done
node --max-old-space-size=8000 "$devtools/dump-diff.mjs" "${inputs[@]}" > "$scratch/devtools.json" 2> "$scratch/devtools.err" || {
  cat "$scratch/devtools.err" >&2
  exit 1
}
"$bin_dir/heapsleuth-diff" --quiet --json "${inputs[@]}" > "$scratch/heapsleuth.json"
echo "== $2 -> $3"
node "$here/compare_diff.mjs" "$scratch/devtools.json" "$scratch/heapsleuth.json"

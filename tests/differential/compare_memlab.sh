#!/usr/bin/env bash
# memlab's three-snapshot method against heapsleuth's (leak_candidates.h) on one
# series of one process (plain or .zst-compressed snapshots): the leaked sets
# before filters must be equal, and the filters may differ only where
# compare_memlab.mjs explains why. Needs tests/memlab installed (npm ci).
#   compare_memlab.sh BIN_DIR BASELINE TARGET FINAL
set -euo pipefail
bin_dir=$1
shift
here=$(cd "$(dirname "$0")" && pwd)
memlab_dir=$here/../memlab
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

inputs=()
for snapshot in "$@"; do
  if [[ $snapshot == *.zst ]]; then
    out=$scratch/${#inputs[@]}.heapsnapshot
    zstd -q -d "$snapshot" -o "$out"
    inputs+=("$out")
  else
    inputs+=("$snapshot")
  fi
done
echo "== ${*}"
node --max-old-space-size=8000 "$memlab_dir/memlab-candidates.cjs" "${inputs[@]}" > "$scratch/memlab.json" 2> "$scratch/memlab.err" || {
  cat "$scratch/memlab.err" >&2
  exit 1
}
"$bin_dir/leak_candidates_dump" "${inputs[@]}" > "$scratch/heapsleuth.txt"
node "$here/compare_memlab.mjs" "$scratch/memlab.json" "$scratch/heapsleuth.txt"

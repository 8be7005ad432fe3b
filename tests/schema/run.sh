#!/usr/bin/env bash
# Validates real --json output of every tool against its schema in schemas/.
#   run.sh BIN_DIR SNAPSHOT
set -euo pipefail
bin_dir=$1
snapshot=$2
here=$(cd "$(dirname "$0")" && pwd)
schemas=$here/../../schemas
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

"$bin_dir/heapsleuth-summary" --quiet --json "$snapshot" > "$scratch/summary.json"
node "$here/validate.mjs" "$schemas/summary.schema.json" "$scratch/summary.json"
"$bin_dir/heapsleuth-nodes" --quiet --format jsonl "$snapshot" > "$scratch/nodes.jsonl"
node "$here/validate.mjs" --lines "$schemas/nodes.schema.json" "$scratch/nodes.jsonl"

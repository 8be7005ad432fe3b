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
"$bin_dir/heapsleuth-query" --quiet --json --sort retained --limit 50 "$snapshot" 'retained > 1kB or detached' \
  > "$scratch/query.json"
node "$here/validate.mjs" "$schemas/query.schema.json" "$scratch/query.json"
"$bin_dir/heapsleuth-query" --quiet --json "$snapshot" 'name == "no node has this name"' > "$scratch/query-none.json"
node "$here/validate.mjs" "$schemas/query.schema.json" "$scratch/query-none.json"
"$bin_dir/heapsleuth-query" --quiet --format jsonl --limit 200 "$snapshot" 'self > 0' > "$scratch/query.jsonl"
node "$here/validate.mjs" --lines "$schemas/nodes.schema.json" "$scratch/query.jsonl"

#!/usr/bin/env bash
# Validates heapsleuth-growth --json (the leaking series) against
# schemas/growth.schema.json, heapsleuth-diff --json (a leaking pair with crossed rules, a clean
# pair, a cross-process pair) against schemas/diff.schema.json, and the gate's
# budget file against schemas/budget.schema.json.
#   diff.sh BIN_DIR SAMPLES_DIR
set -euo pipefail
bin_dir=$1
samples=$2
here=$(cd "$(dirname "$0")" && pwd)
schemas=$here/../../schemas
budget=$here/../gate/leak-budget.json
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

node "$here/validate.mjs" "$schemas/budget.schema.json" "$budget"
# Exit 1 is expected: the budget's rules are crossed.
"$bin_dir/heapsleuth-diff" --quiet --json --budget "$budget" \
  "$samples/node-leak-s1.heapsnapshot" "$samples/node-leak-s3.heapsnapshot" > "$scratch/leak.json" 2> /dev/null || [[ $? == 1 ]]
node "$here/validate.mjs" "$schemas/diff.schema.json" "$scratch/leak.json"
"$bin_dir/heapsleuth-diff" --quiet --json --fail-if 'class("LeakyRecord").new > +10%' \
  "$samples/node-clean-s1.heapsnapshot" "$samples/node-clean-s2.heapsnapshot" > "$scratch/clean.json"
node "$here/validate.mjs" "$schemas/diff.schema.json" "$scratch/clean.json"
"$bin_dir/heapsleuth-diff" --quiet --json \
  "$samples/chromium-clean.heapsnapshot" "$samples/chromium-detached-dom.heapsnapshot" > "$scratch/cross.json" 2> /dev/null
node "$here/validate.mjs" "$schemas/diff.schema.json" "$scratch/cross.json"
grep -q '"matched_by": "class_key"' "$scratch/cross.json" || { echo "cross-process pair not detected"; exit 1; }
"$bin_dir/heapsleuth-growth" --quiet --json --budget "$budget" "$samples/node-leak-s1.heapsnapshot" \
  "$samples/node-leak-s2.heapsnapshot" "$samples/node-leak-s3.heapsnapshot" > "$scratch/growth.json" 2> /dev/null || [[ $? == 1 ]]
node "$here/validate.mjs" "$schemas/growth.schema.json" "$scratch/growth.json"

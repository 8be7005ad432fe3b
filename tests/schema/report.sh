#!/usr/bin/env bash
# Validates the data heapsleuth-report embeds in its page against
# schemas/report.schema.json (which refers to the summary and dominator-tree
# schemas), with the default tree bound and with the smallest.
# With BASELINE and FINAL, the page of that series (leaks and growth too).
#   report.sh BIN_DIR SNAPSHOT [BASELINE FINAL]
set -euo pipefail
bin_dir=$1
snapshot=$2
series=()
[[ $# -ge 4 ]] && series=(--baseline "$3" --final "$4")
here=$(cd "$(dirname "$0")" && pwd)
schemas=$here/../../schemas
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

for nodes in 10000 100; do
  "$bin_dir/heapsleuth-report" --quiet --tree-nodes "$nodes" --classes 50 "${series[@]}" "$snapshot" -o "$scratch/report.html"
  node "$here/../report/page_data.mjs" "$scratch/report.html" > "$scratch/report.json"
  node "$here/validate.mjs" --ref "$schemas/summary.schema.json" --ref "$schemas/dominator-tree.schema.json" \
    --ref "$schemas/leaks.schema.json" --ref "$schemas/growth.schema.json" \
    "$schemas/report.schema.json" "$scratch/report.json"
done

#!/usr/bin/env bash
# Golden outputs of heapsleuth-diff: text, JSON and Markdown on the samples'
# leaking pair (with the gate's budget) and text on the clean pair; and of
# heapsleuth-growth on the leaking series s1, s2, s3. Fails on
# any byte of difference and shows it.
#   run.sh BIN_DIR SAMPLES_DIR            compare
#   run.sh BIN_DIR SAMPLES_DIR --update   rewrite the expected files (review the git diff!)
set -uo pipefail
diff_tool=$1/heapsleuth-diff
growth_tool=$1/heapsleuth-growth
samples=$2
update=${3:-}
here=$(cd "$(dirname "$0")" && pwd)
budget=$here/../../gate/leak-budget.json
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

# Run from the samples folder so the file names in the output are relative.
cd "$samples"
leak=(node-leak-s1.heapsnapshot node-leak-s2.heapsnapshot)
"$diff_tool" --quiet --budget "$budget" --markdown "$scratch/leak-s1-s2.md" "${leak[@]}" > "$scratch/leak-s1-s2.txt" 2> /dev/null
"$diff_tool" --quiet --budget "$budget" --json "${leak[@]}" > "$scratch/leak-s1-s2.json" 2> /dev/null
"$diff_tool" --quiet --sort count --top 5 --top-new 3 node-clean-s1.heapsnapshot node-clean-s2.heapsnapshot > "$scratch/clean-s1-s2.txt"
series=(node-leak-s1.heapsnapshot node-leak-s2.heapsnapshot node-leak-s3.heapsnapshot)
"$growth_tool" --quiet --budget "$budget" --markdown "$scratch/growth-s1-s3.md" "${series[@]}" > "$scratch/growth-s1-s3.txt" 2> /dev/null
"$growth_tool" --quiet --budget "$budget" --json "${series[@]}" > "$scratch/growth-s1-s3.json" 2> /dev/null

status=0
for f in leak-s1-s2.txt leak-s1-s2.json leak-s1-s2.md clean-s1-s2.txt growth-s1-s3.txt growth-s1-s3.json growth-s1-s3.md; do
  if [[ $update == --update ]]; then
    cp "$scratch/$f" "$here/$f"
    echo "updated $f"
  elif diff -u "$here/$f" "$scratch/$f" > "$scratch/$f.diff"; then
    echo "ok   $f"
  else
    echo "FAIL $f differs from the golden file:"
    head -40 "$scratch/$f.diff"
    status=1
  fi
done
exit $status

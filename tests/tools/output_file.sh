#!/usr/bin/env bash
# -o FILE and --max-memory on the tools (issue 7):
#   tests/tools/output_file.sh BIN_DIR SAMPLE.heapsnapshot
# -o writes exactly what stdout would get, leaves no temporary file, keeps the
# old FILE when the run fails, and creates nothing when there was no FILE;
# a malformed --max-memory is a usage error (exit 2).
set -u -o pipefail
bin_dir=$1
sample=$2
work=$(mktemp -d "${TMPDIR:-/tmp}/heapsleuth-output.XXXXXX")
trap 'rm -rf "$work"' EXIT
failed=0
check() {  # check WHAT COMMAND...: runs COMMAND, counts a failure when it fails.
  local what=$1
  shift
  if "$@"; then echo "PASS $what"; else echo "FAIL $what"; failed=$((failed + 1)); fi
}

nodes=$bin_dir/heapsleuth-nodes
summary=$bin_dir/heapsleuth-summary
"$nodes" -q "$sample" >"$work/stdout.tsv"
check "nodes -o writes what stdout gets" \
  bash -c '"$1" -q -o "$2/out.tsv" "$3" && cmp -s "$2/out.tsv" "$2/stdout.tsv"' _ "$nodes" "$work" "$sample"
"$summary" -q --json "$sample" >"$work/stdout.json"
check "summary -o writes what stdout gets" \
  bash -c '"$1" -q --json -o "$2/out.json" "$3" && cmp -s "$2/out.json" "$2/stdout.json"' _ "$summary" "$work" "$sample"
report=$bin_dir/heapsleuth-report
"$report" -q "$sample" >"$work/stdout.html"
check "report -o writes what stdout gets" \
  bash -c '"$1" -q -o "$2/out.html" "$3" && cmp -s "$2/out.html" "$2/stdout.html"' _ "$report" "$work" "$sample"
check "no temporary file left" bash -c '[[ -z $(ls "$1" | grep -F .tmp-) ]]' _ "$work"

: >"$work/empty.heapsnapshot"
echo old >"$work/kept.tsv"
check "a failed run keeps the old file (exit 3)" \
  bash -c '"$1" -q -o "$2/kept.tsv" "$2/empty.heapsnapshot" 2>/dev/null; [[ $? -eq 3 && $(cat "$2/kept.tsv") == old ]]' \
  _ "$nodes" "$work"
check "a failed run creates no file" \
  bash -c '"$1" -q -o "$2/new.json" "$2/empty.heapsnapshot" 2>/dev/null; [[ $? -eq 3 && ! -e $2/new.json ]]' \
  _ "$summary" "$work"
echo old >"$work/kept.html"
check "a failed report keeps the old page (exit 3)" \
  bash -c '"$1" -q -o "$2/kept.html" "$2/empty.heapsnapshot" 2>/dev/null; [[ $? -eq 3 && $(cat "$2/kept.html") == old ]]' \
  _ "$report" "$work"
check "report --tree-nodes 1 is a usage error (exit 2)" \
  bash -c '"$1" -q --tree-nodes 1 "$2" 2>/dev/null; [[ $? -eq 2 ]]' _ "$report" "$sample"
check "an unwritable -o is an I/O error (exit 3)" \
  bash -c '"$1" -q -o "$2/no-dir/x.tsv" "$3" 2>/dev/null; [[ $? -eq 3 ]]' _ "$nodes" "$work" "$sample"
check "--max-memory 12X is a usage error (exit 2)" \
  bash -c '"$1" -q --max-memory 12X "$2" 2>/dev/null; [[ $? -eq 2 ]]' _ "$summary" "$sample"
check "--max-memory 1G loads the sample" bash -c '"$1" -q --max-memory 1G "$2" >/dev/null' _ "$summary" "$sample"
check "-o - is stdout" bash -c '"$1" -q -o - "$2" | cmp -s - "$3/stdout.tsv"' _ "$nodes" "$sample" "$work"
[[ $failed -eq 0 ]]

#!/usr/bin/env bash
# Golden tests for the exploration tools: human and JSON output on a sample,
# and the error cases (exit code and the one stderr line). Each case's output
# is compared byte for byte with tests/golden/<case>.golden.
#
#   run.sh BIN_DIR            compare; exit 1 on any difference (diffs shown)
#   run.sh BIN_DIR --update   rewrite the goldens from the current tools
#
# Cases run inside samples/ on a file named relatively, so that the "file"
# fields do not depend on where the checkout is.
set -uo pipefail
export LC_ALL=C
bin_dir=$(cd "$1" && pwd)
update=${2:-}
here=$(cd "$(dirname "$0")" && pwd)
samples=$here/../../samples
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
cd "$samples"

sample=node-leak-s3.heapsnapshot
failed=0
count=0
# case NAME EXPECTED_EXIT TOOL ARGS...: a zero exit keeps stdout; a non-zero
# one must print nothing on stdout and exactly one stderr line, kept with the
# exit code.
case_() {
  local name=$1 expected=$2 tool=$3
  shift 3
  local out=$scratch/$name.golden
  "$bin_dir/heapsleuth-$tool" "$@" > "$scratch/stdout" 2> "$scratch/stderr"
  local status=$?
  count=$((count + 1))
  if [[ $status -ne $expected ]]; then
    echo "FAIL $name: exit $status, expected $expected; stderr: $(head -c 500 "$scratch/stderr")"
    failed=$((failed + 1))
    return
  fi
  if [[ $expected -eq 0 ]]; then
    cp "$scratch/stdout" "$out"
  else
    if [[ -s $scratch/stdout || $(wc -l < "$scratch/stderr") -ne 1 ]]; then
      echo "FAIL $name: an error must print one stderr line and no output; got:"
      cat "$scratch/stderr"
      failed=$((failed + 1))
      return
    fi
    { echo "exit $status"; cat "$scratch/stderr"; } > "$out"
  fi
  if [[ $update == --update ]]; then
    cp "$out" "$here/$name.golden"
  elif ! diff -u "$here/$name.golden" "$out" > "$scratch/diff"; then
    echo "FAIL $name: output differs from tests/golden/$name.golden (regenerate: bash tests/golden/run.sh BIN_DIR --update)"
    head -60 "$scratch/diff"
    failed=$((failed + 1))
  fi
}

# heapsleuth-retainers: an object held by an array and a Map-backed cache,
# a closure in an event listener list, and a class.
case_ retainers-record 0 retainers -q "$sample" @82793 --tree --depth 2 --limit 4
case_ retainers-closure 0 retainers -q "$sample" @83201 --paths 2 --tree --depth 1
case_ retainers-paths-only 0 retainers -q "$sample" @81507 @50537 --paths 2
case_ retainers-record-json 0 retainers -q --json "$sample" @81507 --paths 2 --tree --depth 2 --limit 2
case_ retainers-class 0 retainers -q "$sample" --class CacheEntry --instances 4
case_ retainers-class-json 0 retainers -q --json "$sample" --class RecentEvent --instances 2
# heapsleuth-dominators: from the root, and from the records array.
case_ dominators-root 0 dominators -q "$sample" --depth 2 --limit 3
case_ dominators-array-json 0 dominators -q --json "$sample" @50537 --depth 1 --limit 2 --min-size 150B
# heapsleuth-inspect: a record, a closure with its captured variable, a
# concatenated string cut short.
case_ inspect-record 0 inspect -q "$sample" @82793
case_ inspect-closure 0 inspect -q "$sample" @83201 --edges 3
case_ inspect-json 0 inspect -q --json "$sample" @83201 @6221 --edges 2 --max-string 12
# Errors: usage (2) and input (3), one line each.
case_ error-unknown-id 3 inspect -q "$sample" @82793 @999999999
case_ error-unknown-id-retainers 3 retainers -q "$sample" @4
case_ error-unknown-id-dominators 3 dominators -q "$sample" @4
case_ error-unknown-class 3 retainers -q "$sample" --class NoSuchClass
case_ error-bad-target 2 inspect -q "$sample" @12ab
case_ error-bad-min-size 2 dominators -q "$sample" --min-size 12XB
case_ error-bad-flag 2 dominators -q "$sample" --no-such-flag
case_ error-bad-depth 2 retainers -q "$sample" @82793 --tree --depth 0
case_ error-no-target 2 retainers -q "$sample"
case_ error-target-and-class 2 retainers -q "$sample" @82793 --class LeakyRecord
case_ error-missing-file 3 inspect -q no-such-file.heapsnapshot @1

# heapsleuth-leaks: a node series (listeners, a growing array and Map), node
# timers, a page (detached DOM and a listener on detached buttons), one
# snapshot as JSON, a control, and its usage errors.
case_ leaks-node-series 0 leaks -q node-leak-s1.heapsnapshot node-leak-s2.heapsnapshot node-leak-s3.heapsnapshot
case_ leaks-node-timers 0 leaks -q node-timers-s1.heapsnapshot.zst node-timers-s2.heapsnapshot.zst \
  node-timers-s3.heapsnapshot.zst
case_ leaks-chromium-series 0 leaks -q chromium-leak-s1.heapsnapshot.zst chromium-leak-s2.heapsnapshot.zst \
  chromium-leak-s3.heapsnapshot.zst
case_ leaks-snapshot-json 0 leaks -q --json --snapshot chromium-leak-s3.heapsnapshot.zst
case_ leaks-control 0 leaks -q --fail-on-leaks chromium-control-s1.heapsnapshot.zst \
  chromium-control-s2.heapsnapshot.zst chromium-control-s3.heapsnapshot.zst
case_ leaks-min-retained 0 leaks -q --top 1 --min-retained 100kB node-leak-s1.heapsnapshot \
  node-leak-s2.heapsnapshot node-leak-s3.heapsnapshot
# React: the leaky app's series (components with their unmounted instances and
# culprits), React 17 alone (its detached DOM folded into the component), the
# clean twin (nothing), and memory per component; "no React found" without it.
case_ leaks-react-series 0 leaks -q react18-dev-leak-s1.heapsnapshot.zst react18-dev-leak-s2.heapsnapshot.zst \
  react18-dev-leak-s3.heapsnapshot.zst
case_ leaks-react17-snapshot 0 leaks -q --snapshot react17-dev-leak-s3.heapsnapshot.zst
case_ leaks-react-clean 0 leaks -q --fail-on-leaks --snapshot react18-dev-clean-s3.heapsnapshot.zst
case_ summary-react 0 summary -q --react react18-prod-leak-s3.heapsnapshot.zst
case_ summary-react-json 0 summary -q --react --json react17-dev-leak-s3.heapsnapshot.zst
case_ summary-react-none 0 summary -q --react chromium-clean.heapsnapshot
case_ error-leaks-two-snapshots 2 leaks -q node-leak-s1.heapsnapshot node-leak-s2.heapsnapshot
case_ error-leaks-nothing 2 leaks -q
case_ error-leaks-bad-size 2 leaks -q --min-retained 12parsecs --snapshot "$sample"
case_ error-leaks-both 2 leaks -q --snapshot "$sample" node-leak-s1.heapsnapshot node-leak-s2.heapsnapshot \
  node-leak-s3.heapsnapshot
case_ error-leaks-missing 3 leaks -q node-leak-s1.heapsnapshot no-such.heapsnapshot node-leak-s3.heapsnapshot

if [[ $update == --update ]]; then
  echo "updated $count goldens in tests/golden"
  exit 0
fi
if [[ $failed -ne 0 ]]; then
  echo "$failed of $count golden cases failed"
  exit 1
fi
echo "all $count golden cases match"

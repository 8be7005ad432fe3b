#!/usr/bin/env bash
# The detached DOM and detached listener detectors on the Chromium scenarios
# of a corpus (default ../shared/corpus): each leak found with the counts its
# EXPECTED.md gives, the control quiet. Not part of ctest: users have no
# ../shared. Usage: run_dom_corpus.sh BIN_DIR [CORPUS_DIR]
#   BIN_DIR holds tests/heapsleuth_dom_probe (the build dir or its tests/).
#
# Expected, from each scenario's EXPECTED.md (s1 / s2 / s3):
#   detached-dom, detached-dom-tracked: <div class="leaky-panel"> 0 / 100 / 200, each with
#     10 <span> (0 / 1000 / 2000), held by DetachedHolder.el in Window.__detached.
#   detached-listener: <button> 0 / 20 / 40 held in Window.__buttons, each with an onLeakyClick
#     listener whose closure captures bigData (400,016-byte elements each).
#   control-clean: no finding in s1, s2 or s3; nor in any node/ snapshot.
set -uo pipefail
bin_dir=$1
corpus=${2:-$(cd "$(dirname "$0")/../../.." && pwd)/shared/corpus}
probe=$bin_dir/heapsleuth_dom_probe
[[ -x $probe ]] || probe=$bin_dir/tests/heapsleuth_dom_probe
if [[ ! -x $probe ]]; then
  echo "run_dom_corpus.sh: no heapsleuth_dom_probe under $bin_dir" >&2
  exit 2
fi
failed=0
checks=0
out=$(mktemp)
trap 'rm -f "$out"' EXIT

fail() {
  echo "FAIL $1: $2"
  sed 's/^/    /' "$out" | cut -c1-300
  failed=$((failed + 1))
}

# finding_field KIND SUBJECT FIELD: field 3 (count) or 4 (retained) of the one finding.
finding_field() {
  awk -F'\t' -v kind="$1" -v subject="$2" -v field="$3" \
    '$1 == "finding" && $2 == kind && $5 == subject { print $field }' "$out"
}

# item_field KIND SUBJECT LABEL FIELD: field 3 (count) or 4 (size) of an item of that finding.
item_field() {
  awk -F'\t' -v kind="$1" -v subject="$2" -v label="$3" -v field="$4" '
    $1 == "finding" { inside = ($2 == kind && $5 == subject) }
    inside && $1 == "  item" && $2 == label { print $field }' "$out"
}

# expect SNAPSHOT WHAT GOT WANT
expect() {
  checks=$((checks + 1))
  [[ "$3" == "$4" ]] || fail "$1" "$2: expected '$4', got '$3'"
}

# expect_at_least SNAPSHOT WHAT GOT MIN
expect_at_least() {
  checks=$((checks + 1))
  [[ -n "$3" && "$3" -ge "$4" ]] || fail "$1" "$2: expected at least $4, got '$3'"
}

run() {
  if ! "$probe" "$1" > "$out" 2>&1; then
    fail "$1" "the probe failed"
    return 1
  fi
}

findings() { grep -c '^finding' "$out"; }

panels='Detached <div class="leaky-panel"> held by DetachedHolder.el in Window.__detached'
for scenario in detached-dom detached-dom-tracked; do
  for step in 1 2 3; do
    file=$corpus/chromium/$scenario/s$step.heapsnapshot.zst
    run "$file" || continue
    n=$(( (step - 1) * 100 ))
    if [[ $step == 1 ]]; then
      expect "$file" "findings" "$(findings)" 0
      continue
    fi
    expect "$file" "findings" "$(findings)" 1
    expect "$file" "panel subtrees" "$(finding_field detached-dom "$panels" 3)" "$n"
    expect "$file" "<span> in them" "$(item_field detached-dom "$panels" '<span>' 3)" "$((n * 10))"
    # Each subtree: the div (104 B), 10 spans (104 B) and 10 Texts (80 B), and Blink's small parts
    # of them (the div's 112-byte blink::UniqueElementData): 2,056 B measured.
    retained=$(finding_field detached-dom "$panels" 4)
    expect_at_least "$file" "retained" "$retained" "$((n * (104 + 10 * 104 + 10 * 80)))"
    expect_at_least "$file" "retained (upper bound)" "$((n * 2200))" "$retained"
  done
done

buttons='Detached <button> held by Window.__buttons[]'
listeners='onLeakyClick listener on detached <button>'
for step in 1 2 3; do
  file=$corpus/chromium/detached-listener/s$step.heapsnapshot.zst
  run "$file" || continue
  n=$(( (step - 1) * 20 ))
  if [[ $step == 1 ]]; then
    expect "$file" "findings" "$(findings)" 0
    continue
  fi
  expect "$file" "findings" "$(findings)" 2
  expect "$file" "detached buttons" "$(finding_field detached-dom "$buttons" 3)" "$n"
  expect "$file" "listener closures" "$(finding_field detached-listener "$listeners" 3)" "$n"
  expect "$file" "bigData values" "$(item_field detached-listener "$listeners" bigData 3)" "$n"
  expect_at_least "$file" "bigData bytes" "$(item_field detached-listener "$listeners" bigData 4)" "$((n * 400016))"
  expect_at_least "$file" "listener retained" "$(finding_field detached-listener "$listeners" 4)" "$((n * 400016))"
  checks=$((checks + 1))
  grep -q $'^  place\tscript [0-9]*:[0-9]*:[0-9]*\tonLeakyClick$' "$out" || fail "$file" "no source place for onLeakyClick"
done

for step in 1 2 3; do
  file=$corpus/chromium/control-clean/s$step.heapsnapshot.zst
  run "$file" || continue
  expect "$file" "findings" "$(findings)" 0
done

# node.js has no DOM, but marks its own `Node / BindingData` objects detached: still nothing.
while IFS= read -r file; do
  run "$file" || continue
  expect "$file" "findings" "$(findings)" 0
done < <(find "$corpus/node" -name '*.heapsnapshot.zst' | sort)

echo "$((checks - failed)) of $checks checks pass on the corpus"
[[ $failed -eq 0 ]]

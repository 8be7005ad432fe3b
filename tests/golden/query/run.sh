#!/usr/bin/env bash
# Golden tests for heapsleuth-query: fixed command lines on real samples, whose
# stdout, stderr and exit code must equal the files in this folder byte for byte.
#   run.sh BIN_DIR            compare (the ctest test)
#   run.sh BIN_DIR --update   rewrite the expected files (regenerate.sh)
# Each case (check NAME SAMPLE EXPR ARGS...) runs the tool inside samples/ with the bare
# file name, so the outputs name no machine-specific path.
set -euo pipefail
bin_dir=$(cd "$1" && pwd)
update=${2:-}
here=$(cd "$(dirname "$0")" && pwd)
samples=$here/../../../samples
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

failures=0
count=0
# check NAME SAMPLE EXPR [ARGS...]
check() {
  local name=$1 sample=$2.heapsnapshot expression=$3 code
  shift 3
  count=$((count + 1))
  set +e
  (cd "$samples" && "$bin_dir/heapsleuth-query" --quiet "$sample" "$expression" "$@") \
    > "$scratch/stdout" 2> "$scratch/stderr"
  code=$?
  set -e
  { cat "$scratch/stdout"; echo "--- stderr"; cat "$scratch/stderr"; echo "--- exit $code"; } > "$scratch/$name.out"
  if [[ $update == --update ]]; then
    cp "$scratch/$name.out" "$here/$name.out"
  elif ! diff -u "$here/$name.out" "$scratch/$name.out"; then
    echo "golden: $name differs (bash tests/golden/query/regenerate.sh BIN_DIR to accept)" >&2
    failures=$((failures + 1))
  fi
}

leak='class == "LeakyRecord" or type == closure and name ~ /onTick/'
check leak-text node-leak-s3 "$leak" --sort retained --limit 12
check leak-json node-leak-s3 "$leak" --sort retained --limit 5 --json
check leak-default-limit node-leak-s2 'class ~ /^(LeakyRecord|CacheEntry)$/'
check detached-text chromium-detached-dom 'detached and self > 0' --sort retained --limit 15
check detached-json chromium-detached-dom 'detached and class ~ /^Detached <(div|button)>$/' --sort=-self --limit 8 \
  --format json
check strings-tsv node-strings 'type == string and name ~ /café|漢字|значение|lone|\t/' --sort id --format tsv
check strings-jsonl node-strings 'type == string and name ~ /\r\n|emoji/' --format jsonl
check no-match node-leak-s1 'class == "LeakyRecord"'
check no-match-json node-leak-s1 'class == "LeakyRecord"' --json
check count-fail node-leak-s3 'distance > 10 and self == 0' --count --fail-if-any
check error-missing-value node-leak-s3 'class == "LeakyRecord" and retained >'
check error-type node-leak-s3 'type == closure and name > 5'
check error-unit node-leak-s3 'retained > 2 MB'
check error-regex node-leak-s3 'name ~ /on(Tick/ or detached'
check error-sort node-leak-s3 detached --sort size
check error-input no-such-file 'detached'

if [[ $update == --update ]]; then
  echo "updated $count golden files in $here"
elif (( failures > 0 )); then
  echo "$failures of $count golden cases differ" >&2
  exit 1
else
  echo "$count golden cases match"
fi

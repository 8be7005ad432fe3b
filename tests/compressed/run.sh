#!/usr/bin/env bash
# Compressed and streamed input: a snapshot as .gz (one member and several),
# as .zst, and each of them and the plain file on stdin, must give exactly
# the plain file's nodes table and summary. Truncated and corrupt archives
# must fail with one line naming the file and the compressed byte, exit 3.
#
# usage: run.sh BIN_DIR SAMPLE.heapsnapshot
set -euo pipefail
bin=$1
sample=$2
work=$(mktemp -d "${TMPDIR:-/tmp}/heapsleuth-compressed.XXXXXX")
trap 'rm -rf "$work"' EXIT
failures=0
fail() {
  echo "FAIL $*"
  failures=$((failures + 1))
}

# The reference: the plain file, read in place.
"$bin/heapsleuth-nodes" --quiet "$sample" > "$work/plain.tsv"
"$bin/heapsleuth-summary" --quiet --json "$sample" | grep -v '"file":' > "$work/plain.json"

gzip -c "$sample" > "$work/one.heapsnapshot.gz"
# Two gzip members, as `cat a.gz b.gz` makes: one stream to gunzip.
half=$(($(stat -c %s "$sample") / 2))
{ head -c "$half" "$sample" | gzip -c; tail -c +"$((half + 1))" "$sample" | gzip -c; } > "$work/two.heapsnapshot.gz"
zstd -q -c "$sample" > "$work/one.heapsnapshot.zst"

check_same() {  # name, then how to run the tool with its input
  local name=$1
  shift
  if ! "$@" "$bin/heapsleuth-nodes" > "$work/$name.tsv" 2> "$work/$name.err"; then
    fail "$name: heapsleuth-nodes failed: $(head -1 "$work/$name.err")"
    return
  fi
  cmp -s "$work/plain.tsv" "$work/$name.tsv" || fail "$name: nodes differ from the plain file's"
  "$@" "$bin/heapsleuth-summary" --json | grep -v '"file":' > "$work/$name.json"
  cmp -s "$work/plain.json" "$work/$name.json" || fail "$name: summary differs from the plain file's"
}
from_file() { local file=$1 tool=$2; shift 2; "$tool" --quiet "$file" "$@"; }
from_stdin() { local file=$1 tool=$2; shift 2; "$tool" --quiet - "$@" < "$file"; }
for input in one.heapsnapshot.gz two.heapsnapshot.gz one.heapsnapshot.zst; do
  check_same "$input" from_file "$work/$input"
  check_same "stdin-$input" from_stdin "$work/$input"
done
check_same stdin-plain from_stdin "$sample"

check_error() {  # name, file, expected message (regex)
  local name=$1 file=$2 want=$3 status=0
  "$bin/heapsleuth-summary" --quiet "$file" > "$work/out" 2> "$work/err" || status=$?
  [[ $status -eq 3 ]] || fail "$name: exit $status, want 3"
  [[ $(wc -l < "$work/err") -eq 1 ]] || fail "$name: stderr is not one line"
  grep -Eq "^heapsleuth-summary: error: $file: $want" "$work/err" || fail "$name: got '$(cat "$work/err")'"
  [[ ! -s "$work/out" ]] || fail "$name: wrote to stdout"
}
for ext in gz zst; do
  size=$(stat -c %s "$work/one.heapsnapshot.$ext")
  cut=$((size * 2 / 3))
  head -c "$cut" "$work/one.heapsnapshot.$ext" > "$work/cut.heapsnapshot.$ext"
  format=$([[ $ext == gz ]] && echo gzip || echo zstd)
  check_error "truncated-$ext" "$work/cut.heapsnapshot.$ext" \
    "byte $cut: the $format data ends before its end \\(truncated\\?\\)$"
  # A run of garbage in the middle of the compressed data.
  cp "$work/one.heapsnapshot.$ext" "$work/bad.heapsnapshot.$ext"
  printf '\xff\xff\xff\xff\xff\xff\xff\xff' | dd of="$work/bad.heapsnapshot.$ext" bs=1 seek=$((size / 2)) conv=notrunc status=none
  check_error "corrupt-$ext" "$work/bad.heapsnapshot.$ext" "byte [0-9]+: ($format: |.*)"
done

if [[ $failures -ne 0 ]]; then
  echo "$failures compressed-input checks failed"
  exit 1
fi
echo "compressed input: all checks passed"

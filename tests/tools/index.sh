#!/usr/bin/env bash
# The binary index end to end (issue 6):
#   tests/tools/index.sh BIN_DIR SAMPLE...
# For each sample (copied to a scratch folder, so the index lands there):
# heapsleuth-index writes SAMPLE.hsidx; nodes, summary (text and JSON),
# dominators and retainers print byte for byte what they print without it,
# and really used it; a stale index (the snapshot touched or rewritten) and a
# corrupt one (truncated, a flipped byte) get one warning line and the same
# output from a parse; --no-index parses without looking. The summary reads
# only the index's summary section: a flipped byte elsewhere does not stop it,
# one in that section does.
set -u -o pipefail
bin_dir=$1
shift
work=$(mktemp -d "${TMPDIR:-/tmp}/heapsleuth-index.XXXXXX")
trap 'rm -rf "$work"' EXIT
failed=0
check() {  # check WHAT COMMAND...: runs COMMAND, counts a failure when it fails.
  local what=$1
  shift
  if "$@"; then echo "PASS $what"; else echo "FAIL $what"; failed=$((failed + 1)); fi
}
# same NAME SNAP USED [SUMMARY_USED]: every tool's output equals the parse's;
# stderr shows the index was used (yes) or refused with one warning (no).
# SUMMARY_USED, for heapsleuth-summary, defaults to USED.
same() {
  local name=$1 snap=$2 used=$3 summary_used=${4:-$3} tool args
  for tool in "nodes" "summary" "summary --json" "dominators --depth 3" "retainers --class Object --instances 2"; do
    read -r -a args <<<"$tool"
    used=$3
    [[ ${args[0]} == summary ]] && used=$summary_used
    "$bin_dir/heapsleuth-${args[0]}" -q --no-index "${args[@]:1}" "$snap" >"$work/want" 2>/dev/null
    "$bin_dir/heapsleuth-${args[0]}" -q --timings "${args[@]:1}" "$snap" >"$work/got" 2>"$work/err"
    check "$name: $tool: same output" cmp -s "$work/want" "$work/got"
    if [[ $used == yes ]]; then
      check "$name: $tool: index used, no warning" \
        bash -c 'grep -q "Checking the index" "$1" && ! grep -q warning "$1"' _ "$work/err"
    else
      check "$name: $tool: one warning, parsed" \
        bash -c '[[ $(grep -c "warning: .*\.hsidx: .*parsing the snapshot" "$1") == 1 ]]' _ "$work/err"
    fi
  done
}

for sample in "$@"; do
  name=$(basename "$sample")
  snap=$work/$name
  cp "$sample" "$snap"
  check "$name: heapsleuth-index" "$bin_dir/heapsleuth-index" -q "$snap"
  check "$name: index written beside, no temporary left" \
    bash -c '[[ -s $1.hsidx && -z $(ls "$(dirname "$1")" | grep -F .tmp-) ]]' _ "$snap"
  same "$name" "$snap" yes

  touch -d '2001-01-01' "$snap"
  same "$name stale (mtime)" "$snap" no
  grep -q "stale" "$work/err" || { echo "FAIL $name: stale warning says stale"; failed=$((failed + 1)); }
  "$bin_dir/heapsleuth-index" -q "$snap"
  same "$name reindexed" "$snap" yes

  size=$(stat -c %s "$snap.hsidx")
  head -c $((size / 2)) "$snap.hsidx" >"$work/half" && cp "$work/half" "$snap.hsidx"
  same "$name truncated index" "$snap" no
  "$bin_dir/heapsleuth-index" -q "$snap"
  printf '\x55' | dd of="$snap.hsidx" bs=1 seek=$((size * 2 / 3)) conv=notrunc status=none
  same "$name flipped byte" "$snap" no yes
  "$bin_dir/heapsleuth-index" -q "$snap"
  # The summary section's offset: table entry 27 (128 + 27 x 48), 16 bytes in.
  summary_at=$(od -An -t u8 -j 1440 -N 8 "$snap.hsidx" | tr -d ' ')
  printf '\x55' | dd of="$snap.hsidx" bs=1 seek=$((summary_at + 5)) conv=notrunc status=none
  same "$name flipped summary byte" "$snap" no
  grep -q "summary: checksum mismatch" "$work/err" ||
    { echo "FAIL $name: the warning names the summary section"; failed=$((failed + 1)); }
  check "$name: --no-index does not look" \
    bash -c '"$1" -q --no-index "$2" >/dev/null 2>"$3/err" && [[ ! -s $3/err ]]' _ "$bin_dir/heapsleuth-summary" "$snap" "$work"
  check "$name: -o elsewhere" "$bin_dir/heapsleuth-index" -q -o "$work/elsewhere.hsidx" "$snap"
  check "$name: stdin refused" bash -c '! "$1" -q - <"$2" 2>/dev/null' _ "$bin_dir/heapsleuth-index" "$snap"
done
echo "$failed failed"
[[ $failed == 0 ]]

#!/usr/bin/env bash
# Corrupt-input test: every malformed snapshot must give one clean error line.
#
#   tests/corrupt/run.sh BIN_DIR SAMPLE.heapsnapshot
#
# make_cases.mjs writes the cases (each the sample with one defect) into a
# scratch dir; each runs as `BIN_DIR/heapsleuth-summary --quiet CASE` and must:
# exit 3, print nothing on stdout, print exactly one stderr line
# "heapsleuth-summary: error: <path>: ..." that places the error (byte N or a
# field), matches the case's expected text and byte offset, show no sanitizer
# report and finish within the timeout. Set VERBOSE=1 to see each message.
set -u -o pipefail
export LC_ALL=C

if [[ $# -ne 2 ]]; then
  echo "usage: $0 BIN_DIR SAMPLE.heapsnapshot" >&2
  exit 2
fi
bin_dir=$1
sample=$2
summary=$bin_dir/heapsleuth-summary
nodes_tool=$bin_dir/heapsleuth-nodes
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
for tool in "$summary" "$nodes_tool"; do
  [[ -x $tool ]] || { echo "$0: $tool: not an executable" >&2; exit 2; }
done
[[ -f $sample ]] || { echo "$0: $sample: no such file" >&2; exit 2; }

timeout_s=20      # Per case.
fast_s=5          # Cases that must fail fast (mode rss)...
max_rss_kb=204800 # ...and small: 200 MB.
# Make any sanitizer report fatal and recognizable.
export ASAN_OPTIONS=${ASAN_OPTIONS:-abort_on_error=0:detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

work=$(mktemp -d "${TMPDIR:-/tmp}/heapsleuth-corrupt.XXXXXX")
trap 'rm -rf "$work"' EXIT
trap 'exit 130' INT TERM  # Still clean up.

start=$SECONDS
truncate -s 1G "$work/zeros-1g.heapsnapshot"  # Sparse: no disk, no reads.
mkdir "$work/a-directory.heapsnapshot"
if ! node "$here/make_cases.mjs" "$sample" "$work" >"$work/cases.tsv"; then
  echo "$0: make_cases.mjs failed" >&2
  exit 2
fi

sample_abs=$(cd "$(dirname "$sample")" && pwd)/$(basename "$sample")
reference=$work/sample-nodes.tsv  # heapsleuth-nodes on the sample, made once.
passed=0
failed=0
out=$work/stdout
err=$work/stderr
stats=$work/time

# Runs one case; sets `why` to the reasons it failed (empty when it passed).
run_case() {
  local name=$1 mode=$2 file=$3 expect=$4 byte=$5
  local tool=$summary shown=$file rc
  why=""
  : >"$stats"
  case $mode in
    stdin | stdin-maxmem)
      shown="<stdin>"
      local limit=()
      [[ $mode == stdin-maxmem ]] && limit=(--max-memory 1MiB)
      # shellcheck disable=SC2016  # $1 and $2 expand in the inner shell.
      timeout "$timeout_s" bash -c 'f=$1; shift; cat "$f" | "$@" --quiet -' _ "$file" "$summary" "${limit[@]}" \
        >"$out" 2>"$err"
      rc=$?
      ;;
    fifo | ok-fifo)
      # Written into a named pipe by a background cat, read by the tool.
      shown=$work/pipe.heapsnapshot
      rm -f "$shown" && mkfifo "$shown"
      cat "$file" >"$shown" 2>/dev/null &
      local writer=$!
      timeout "$timeout_s" "$summary" --quiet "$shown" >"$out" 2>"$err"
      rc=$?
      kill "$writer" 2>/dev/null; wait "$writer" 2>/dev/null
      rm -f "$shown"
      ;;
    grow)
      # The rest of the file is appended once the tool has it mapped (or has
      # already finished), so the tool sees the first part only.
      "$summary" --quiet "$file" >"$out" 2>"$err" &
      local tool_pid=$! waited=0
      while kill -0 "$tool_pid" 2>/dev/null && ! grep -qF "$file" "/proc/$tool_pid/maps" 2>/dev/null &&
            ((waited < timeout_s * 100)); do
        sleep 0.01; waited=$((waited + 1))
      done
      cat "$file.rest" >>"$file"
      wait "$tool_pid"
      rc=$?
      rm -f "$file.rest"
      ;;
    ok-same | ok-jsonl)
      local format=tsv
      [[ $mode == ok-jsonl ]] && format=jsonl
      timeout "$timeout_s" "$nodes_tool" --quiet --format "$format" "$file" >"$out" 2>"$err"
      rc=$?
      ;;
    *)
      [[ $mode == ok-nodes ]] && tool=$nodes_tool
      local limit=$timeout_s args=()
      [[ $mode == rss || $mode == maxmem ]] && limit=$fast_s
      [[ $mode == maxmem ]] && args=(--max-memory 8MiB)
      timeout "$limit" /usr/bin/time -o "$stats" -f '%M %e' "$tool" --quiet "${args[@]}" "$file" >"$out" 2>"$err"
      rc=$?
      ;;
  esac
  [[ $file != "$sample_abs" ]] && rm -f "$file" 2>/dev/null  # Keep the scratch dir small.

  if [[ $rc -eq 124 ]]; then
    why+=" timed-out;"
    return
  fi
  if grep -Eq 'AddressSanitizer|LeakSanitizer|UndefinedBehaviorSanitizer|runtime error:' "$err"; then
    why+=" sanitizer-report;"
  fi
  if [[ $mode == ok* ]]; then
    [[ $rc -eq 0 ]] || why+=" exit=$rc(want 0);"
    [[ -s $out ]] || why+=" empty-stdout;"
    [[ -s $err ]] && why+=" stderr-not-empty;"
    if [[ $mode == ok-same ]]; then
      [[ -s $reference ]] || "$nodes_tool" --quiet "$sample" >"$reference"
      cmp -s "$out" "$reference" || why+=" nodes-differ-from-sample;"
    fi
    if [[ $mode == ok-jsonl ]] && ! node "$here/check_jsonl.mjs" <"$out"; then
      why+=" invalid-jsonl;"
    fi
    return
  fi

  [[ $rc -eq 3 ]] || why+=" exit=$rc(want 3);"
  [[ -s $out ]] && why+=" stdout-not-empty;"
  local lines line
  lines=$(wc -l <"$err")
  line=$(head -n 1 "$err")
  if [[ $lines -ne 1 || $(wc -c <"$err") -ne $((${#line} + 1)) ]]; then
    why+=" stderr-not-one-line($lines);"
  fi
  local prefix="heapsleuth-summary: error: $shown: "
  if [[ $line != "$prefix"* ]]; then
    why+=" no-prefix('$prefix');"
    return
  fi
  local message=${line#"$prefix"}
  if [[ $mode != io ]] &&
     ! [[ $message =~ ^byte\ [0-9]+:\  || $message =~ ^(snapshot|nodes\[[0-9]+\]|edges\[[0-9]+\])\.[a-z_]+ ]]; then
    why+=" no-place(byte or field);"
  fi
  if [[ $expect != - ]] && ! grep -Eq -- "$expect" <<<"$message"; then
    why+=" text(want /$expect/);"
  fi
  if [[ $byte != - ]]; then
    if [[ $message =~ ^byte\ ([0-9]+): ]]; then
      local at=${BASH_REMATCH[1]} lo=${byte%-*} hi=${byte#*-}
      ((at >= lo && at <= hi)) || why+=" byte=$at(want $byte);"
    else
      why+=" no-byte(want $byte);"
    fi
  fi
  if [[ $mode == rss || $mode == maxmem ]]; then
    local rss secs
    read -r rss secs < <(tail -n 1 "$stats")  # time(1) may add a status line first.
    ((rss <= max_rss_kb)) || why+=" peak-rss=${rss}KB(max $max_rss_kb);"
    [[ -n $secs ]] && echo "      ($name: peak RSS ${rss} KB, ${secs} s)"
  fi
}

while IFS=$'\t' read -r name mode file expect byte; do
  run_case "$name" "$mode" "$file" "$expect" "$byte"
  if [[ -z $why ]]; then
    passed=$((passed + 1))
    echo "PASS $name"
  else
    failed=$((failed + 1))
    echo "FAIL $name:$why"
    head -n 3 "$err" | sed 's/^/      stderr: /'
    continue
  fi
  [[ ${VERBOSE:-0} == 1 && $mode != ok* ]] && sed 's/^/      /' "$err"
done <"$work/cases.tsv"

echo "corrupt: $passed passed, $failed failed, $((passed + failed)) cases in $((SECONDS - start)) s"
[[ $failed -eq 0 ]]

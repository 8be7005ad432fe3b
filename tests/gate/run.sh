#!/usr/bin/env bash
# The CI gate of heapsleuth-diff, end to end on real sample pairs:
#  - the leaking pair (node-leak-s1 -> s2) crosses the rules and exits 1,
#    naming each crossed rule on stderr and in the Markdown report;
#  - the clean pair (node-clean-s1 -> s2: the same action, everything released)
#    passes the same rules and exits 0;
#  - a malformed rule exits 2 pointing at the column, before any snapshot is read;
#  - a malformed budget file exits 2 naming the file and the rule;
#  - a missing or truncated snapshot exits 3, naming the file;
#  - heapsleuth-growth gates the same way over a series (first against last).
#   run.sh BIN_DIR SAMPLES_DIR
set -uo pipefail
diff_tool=$1/heapsleuth-diff
growth_tool=$1/heapsleuth-growth
samples=$2
here=$(cd "$(dirname "$0")" && pwd)
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
failures=0

# expect NAME CODE STDERR_PATTERN... -- ARGS...: runs heapsleuth-diff, checks
# the exit code and that stderr matches every pattern (grep -E).
expect() {
  local name=$1 code=$2
  shift 2
  local patterns=()
  while [[ $1 != -- ]]; do patterns+=("$1"); shift; done
  shift
  "${tool:-$diff_tool}" --quiet "$@" > "$scratch/out" 2> "$scratch/err"
  local got=$?
  local ok=1
  [[ $got == "$code" ]] || { echo "FAIL $name: exit $got, expected $code"; ok=0; }
  for p in "${patterns[@]}"; do
    grep -Eq -- "$p" "$scratch/err" || { echo "FAIL $name: stderr lacks /$p/"; ok=0; }
  done
  if [[ $ok == 0 ]]; then
    sed 's/^/  stderr: /' "$scratch/err" | head -8
    failures=$((failures + 1))
  else
    echo "ok   $name"
  fi
}

leak=("$samples/node-leak-s1.heapsnapshot" "$samples/node-leak-s2.heapsnapshot")
clean=("$samples/node-clean-s1.heapsnapshot" "$samples/node-clean-s2.heapsnapshot")
rules=(--fail-if 'class("LeakyRecord").count > +0' --fail-if 'total.retained > +1MB')

expect "leak pair crosses the rules" 1 \
  '^heapsleuth-diff: rule crossed: class\("LeakyRecord"\)\.count > \+0: \+300 objects \(base 0\)$' \
  '^heapsleuth-diff: rule crossed: total\.retained > \+1MB: \+3\.[0-9]+ MB' -- "${rules[@]}" "${leak[@]}"
expect "clean pair passes the same rules" 0 -- "${rules[@]}" "${clean[@]}"
[[ ! -s $scratch/err ]] || { echo "FAIL clean pair: stderr not empty"; failures=$((failures + 1)); }

mkdir "$scratch/report"
expect "leak pair with a budget file and --markdown" 1 'rule crossed: class\("LeakyRecord"\)' \
  'rule crossed: class\("Map"\)\.retained > \+5%: \+7\.5%' -- --budget "$here/leak-budget.json" \
  --markdown "$scratch/report/memory.md" "${leak[@]}"
if ! grep -q '3 of 3 memory rules crossed' "$scratch/report/memory.md" ||
   ! grep -q '❌ class("LeakyRecord").count \\> +0' "$scratch/report/memory.md"; then
  echo "FAIL markdown: no crossed rules in the report"; failures=$((failures + 1))
fi
[[ $(ls -A "$scratch/report") == memory.md ]] || {
  echo "FAIL markdown: the folder holds more than the report: $(ls -A "$scratch/report")"; failures=$((failures + 1)); }
expect "clean pair within the budget" 0 -- --budget "$here/leak-budget.json" "${clean[@]}"

expect "malformed rule points at the column" 2 \
  '^heapsleuth-diff: error: --fail-if: column 14: unknown metric "cnt"; expected count, size, retained, new or deleted$' \
  '^               \^$' -- --fail-if 'class("Map").cnt > +1' /nonexistent/a.heapsnapshot /nonexistent/b.heapsnapshot
expect "size unit on a count" 2 'column 24: count counts objects; it takes no size unit' -- \
  --fail-if 'class("Map").count > +1MB' "${leak[@]}"
printf '{"schema_version": 1, "rules": ["total.count > +5", "total.retained >> 1MB"]}' > "$scratch/bad.json"
expect "malformed budget names the file and rule" 2 \
  "$scratch/bad.json: rules\\[1\\]: \"total.retained >> 1MB\": column 17: expected a number, found '>'" -- \
  --budget "$scratch/bad.json" "${leak[@]}"
expect "missing snapshot is an input error" 3 '^heapsleuth-diff: error: .*nonexistent\.heapsnapshot' -- \
  "${leak[0]}" "$scratch/nonexistent.heapsnapshot"

head -c 100000 "${leak[0]}" > "$scratch/truncated.heapsnapshot"
expect "truncated BASE names the file and byte" 3 \
  "^heapsleuth-diff: error: $scratch/truncated.heapsnapshot: byte 879: nodes: " -- \
  "$scratch/truncated.heapsnapshot" "${leak[1]}"
expect "both from stdin is a usage error" 2 '^heapsleuth-diff: error: BASE and NEW cannot both be - \(stdin\)$' -- - -

tool=$growth_tool
expect "growth: leaking series crosses" 1 \
  '^heapsleuth-growth: rule crossed: class\("LeakyRecord"\)\.count > \+0: \+600 objects \(base 0\)$' -- \
  "${rules[@]}" "${leak[@]}" "$samples/node-leak-s3.heapsnapshot"
grep -q '^LeakyRecord .*\*' "$scratch/out" || { echo "FAIL growth: LeakyRecord not flagged as growing at every step"; failures=$((failures + 1)); }
expect "growth: clean series passes" 0 -- "${rules[@]}" "${clean[@]}"
expect "growth: one snapshot is a usage error" 2 'SNAPSHOTS' -- "${leak[0]}"
tool=

[[ $failures == 0 ]] && echo "gate: all cases pass" || echo "gate: $failures case(s) failed"
exit $((failures > 0))

#!/usr/bin/env bash
# memlab's three-snapshot method against heapsleuth's on every scenario of a
# corpus (default ../shared/corpus): each folder with s1, s2, s3
# (.heapsnapshot or .heapsnapshot.zst) is one baseline, target, final series.
# Also prints heapsleuth's leaked-object clusters for each, for the record.
# Not part of ctest: users have no ../shared. Needs tests/memlab installed
# (npm ci there). Usage: run_corpus_memlab.sh BIN_DIR [CORPUS_DIR]
set -uo pipefail
bin_dir=$1
corpus=${2:-$(cd "$(dirname "$0")/../../.." && pwd)/shared/corpus}
here=$(cd "$(dirname "$0")" && pwd)
log=$(mktemp)
trap 'rm -f "$log"' EXIT
failed=0
total=0
while IFS= read -r dir; do
  series=()
  for step in s1 s2 s3; do
    for ext in .heapsnapshot .heapsnapshot.zst; do
      [[ -f $dir/$step$ext ]] && series+=("$dir/$step$ext") && break
    done
  done
  [[ ${#series[@]} -eq 3 ]] || continue
  total=$((total + 1))
  if "$here/compare_memlab.sh" "$bin_dir" "${series[@]}" > "$log" 2>&1; then
    echo "PASS $dir"
    sed 's/^/    /' "$log" | tail -n +2
    echo "    heapsleuth's leaked-object findings (retained, count, subject, representative, place):"
    "$bin_dir/leak_candidates_dump" --clusters "${series[@]}" 2> /dev/null | grep -v $'^\t\tpath' | head -12 |
      sed 's/^/      /'
  else
    failed=$((failed + 1))
    echo "FAIL $dir"
    cat "$log"
  fi
done < <(find "$corpus" -mindepth 2 -maxdepth 2 -type d | sort)
echo "$((total - failed)) of $total series agree with memlab"
[[ $failed -eq 0 ]]

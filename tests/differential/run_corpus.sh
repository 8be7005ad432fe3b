#!/usr/bin/env bash
# The differential test over a corpus of snapshots (default ../shared/corpus):
# every *.heapsnapshot and *.heapsnapshot.zst under it. Not part of ctest:
# users have no ../shared. Usage: run_corpus.sh BIN_DIR [CORPUS_DIR]
set -uo pipefail
bin_dir=$1
corpus=${2:-$(cd "$(dirname "$0")/../../.." && pwd)/shared/corpus}
here=$(cd "$(dirname "$0")" && pwd)
failed=0
total=0
while IFS= read -r file; do
  total=$((total + 1))
  if ! "$here/compare_snapshot.sh" "$bin_dir" "$file" > /tmp/hs-diff.$$ 2>&1; then
    failed=$((failed + 1))
    cat /tmp/hs-diff.$$
  else
    echo "PASS $file"
  fi
done < <(find "$corpus" -name '*.heapsnapshot' -o -name '*.heapsnapshot.zst' | sort)
rm -f /tmp/hs-diff.$$
echo "$((total - failed)) of $total snapshots agree with DevTools node for node"
[[ $failed -eq 0 ]]

#!/usr/bin/env bash
# heapsleuth-diff against DevTools' Comparison view on every same-process pair
# of the shared corpus (s1->s2, s2->s3, s1->s3 of each scenario). Users do not
# have the corpus, so this is not part of ctest.
#   run_corpus_diff.sh BIN_DIR [CORPUS_DIR]   (default /work/shared/corpus)
set -uo pipefail
bin_dir=$1
corpus=${2:-/work/shared/corpus}
here=$(cd "$(dirname "$0")" && pwd)
pairs=0
failed=0
for scenario in "$corpus"/node/*/ "$corpus"/chromium/*/; do
  [[ -f $scenario/s1.heapsnapshot.zst ]] || continue
  for pair in "s1 s2" "s2 s3" "s1 s3"; do
    set -- $pair
    pairs=$((pairs + 1))
    bash "$here/compare_diff.sh" "$bin_dir" "$scenario/$1.heapsnapshot.zst" "$scenario/$2.heapsnapshot.zst" ||
      failed=$((failed + 1))
  done
done
echo "corpus diff: $((pairs - failed)) of $pairs pairs equal to DevTools"
exit $((failed > 0))

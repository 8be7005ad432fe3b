#!/usr/bin/env bash
# The Node.js leak detectors (unbounded collections, listeners, timers,
# closure captures, duplicated strings, oversized objects) on the shared
# corpus (default ../shared/corpus): node/array-growth, map-cache,
# closure-capture and event-listeners must each rank their leak first, with
# the subject and counts of their EXPECTED.md; node/control-transient and
# chromium/control-clean must give no finding. The checks are the hidden
# "[.corpus]" cases of tests/unit/node_leak_detectors_test.cc. Not part of
# ctest: users have no ../shared.
# Usage: run_node_detectors_corpus.sh BIN_DIR [CORPUS_DIR]
set -euo pipefail
bin_dir=$1
corpus=${2:-$(cd "$(dirname "$0")/../../.." && pwd)/shared/corpus}
if [[ ! -d $corpus/node ]]; then
  echo "no corpus at $corpus: skipped"
  exit 0
fi
HEAPSLEUTH_CORPUS=$corpus exec "$bin_dir/tests/heapsleuth_unit_tests" "[.corpus]"

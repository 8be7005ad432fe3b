#!/usr/bin/env bash
# heapsleuth-leaks beside memlab's leak finder on the same three snapshots:
# wall time and peak RSS of each. Prints figures; asserts nothing.
#
#   tests/bench/leaks.sh BASELINE TARGET FINAL [RUNS]
#
# Snapshots may be .zst (decompressed once into a scratch folder for memlab,
# which reads only plain JSON; heapsleuth reads the compressed files as
# given). heapsleuth runs RUNS times (default 3) and its best is shown;
# memlab once. HEAPSLEUTH_BIN: a directory with heapsleuth-leaks (default:
# build-bench/, built Release here as run.sh does).
set -euo pipefail
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
BENCH=$REPO/tests/bench
runs=${4:-3}
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

bin=${HEAPSLEUTH_BIN:-}
if [[ -z $bin ]]; then
  bin=$REPO/build-bench
  cmake -S "$REPO" -B "$bin" -G Ninja -DCMAKE_BUILD_TYPE=Release -DHEAPSLEUTH_TESTS=OFF > /dev/null
  cmake --build "$bin" --target heapsleuth-leaks > /dev/null
fi
if [[ ! -d $BENCH/node_modules/@memlab/api ]]; then
  (cd "$BENCH" && PUPPETEER_SKIP_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error > /dev/null)
fi

plain=()
for snapshot in "$1" "$2" "$3"; do
  if [[ $snapshot == *.zst ]]; then
    out=$scratch/${#plain[@]}.heapsnapshot
    zstd -q -d "$snapshot" -o "$out"
    plain+=("$out")
  else
    plain+=("$snapshot")
  fi
done

# measure NAME COMMAND...: prints "NAME wall_s peak_MB", the best of $repeat runs.
measure() {
  local name=$1 repeat=$2 best_wall= best_rss=
  shift 2
  for ((i = 0; i < repeat; ++i)); do
    /usr/bin/time -o "$scratch/time" -f '%e %M' "$@" > "$scratch/out" 2> /dev/null || true
    read -r wall rss < "$scratch/time"
    if [[ -z $best_wall ]] || awk "BEGIN{exit !($wall < $best_wall)}"; then best_wall=$wall best_rss=$rss; fi
  done
  printf '%-18s %8.2f %10.0f   %s\n' "$name" "$best_wall" "$((best_rss * 1024 / 1000000))" "$(head -c 120 "$scratch/out" | head -1)"
}

printf 'snapshots: %s %s %s\n' "$1" "$2" "$3"
printf '%-18s %8s %10s   %s\n' tool "wall s" "peak MB" "output (first line)"
measure heapsleuth-leaks "$runs" "$bin/heapsleuth-leaks" --quiet "$1" "$2" "$3"
measure memlab "1" node --max-old-space-size=16000 "$BENCH/memlab-find-leaks.mjs" "${plain[@]}"

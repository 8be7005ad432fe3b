#!/usr/bin/env bash
# heapsleuth's benchmark: load time and peak memory on one big snapshot,
# against Chrome DevTools' loader and memlab. Prints figures; asserts nothing.
#
#   tests/bench/run.sh [--size-mb N] [--scaled SEED] [--file SNAPSHOT] [--keep]
#                      [--runs N] [--js-runs N] [--no-js] [--uint-reader]
#                      [--no-index-run] [--no-nodes] [--timeout SECONDS] [--tsv FILE]
#
#   --size-mb N     size of the snapshot to generate (default 500) with
#                   samples/make-big.mjs (needs about 6.5x N MB of RAM)
#   --scaled SEED   generate it with samples/make-scaled.mjs instead: copies
#                   of the real snapshot SEED (any size; memory is the seed's)
#   --file F        use this snapshot instead of generating one
#   --keep          keep the scratch directory (snapshot, outputs, logs)
#   --runs N        runs of each heapsleuth command; the best time is shown (3)
#   --js-runs N     runs of each JavaScript tool (1: they take tens of seconds)
#   --no-js         only heapsleuth
#   --uint-reader   also run tests/bench/uint_reader_bench.cc on the snapshot
#   --no-index-run  skip the binary index runs (heapsleuth-index, then
#                   heapsleuth-summary reading SNAPSHOT.hsidx's summary
#                   section, and heapsleuth-dominators reopening all of it)
#   --no-nodes      skip the heapsleuth-nodes row
#   --timeout S     kill a JavaScript tool (SIGKILL) after S seconds; it is then
#                   reported as "FAILED: timeout after S s" with its time and
#                   peak RSS until then (default 0: no limit)
#   --tsv FILE      also write the results to FILE, tab-separated, a header
#                   line then one row per tool: tool, wall_s, peak_kb, nodes,
#                   edges, note (scale.sh reads it)
#
# Environment:
#   HEAPSLEUTH_BIN        a directory with heapsleuth-summary, -nodes, -index and
#                         -dominators
#                         (nothing is built then)
#   HEAPSLEUTH_BENCH_BUILD  build directory (default: build-bench/ at the repo
#                         root, which .gitignore's /build-*/ covers)
#   NODE_HEAP_MB          --max-old-space-size for the JavaScript tools (16000)
#   TMPDIR                where the scratch directory is made (mktemp -d)
#
# Every command runs under `/usr/bin/time -f '%e %M'`: wall seconds and the
# peak resident set size (KB) of the process. MB below means 10^6 bytes.
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
BENCH=$REPO/tests/bench
SIZE_MB=500
FILE=
SCALED_SEED=
KEEP=0
RUNS=3
JS_RUNS=1
JS=1
UINT=0
INDEX=1
NODES_ROW=1
JS_TIMEOUT=0
TSV=
NODE_HEAP_MB=${NODE_HEAP_MB:-16000}
BUILD_DIR=${HEAPSLEUTH_BENCH_BUILD:-$REPO/build-bench}

usage() { sed -n '2,38p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit "${1:-2}"; }
while [[ $# -gt 0 ]]; do
  case $1 in
    --size-mb) SIZE_MB=${2:?--size-mb needs a number}; shift 2 ;;
    --file) FILE=${2:?--file needs a path}; shift 2 ;;
    --scaled) SCALED_SEED=$(realpath "${2:?--scaled needs a seed snapshot}"); shift 2 ;;
    --keep) KEEP=1; shift ;;
    --runs) RUNS=${2:?}; shift 2 ;;
    --js-runs) JS_RUNS=${2:?}; shift 2 ;;
    --no-js) JS=0; shift ;;
    --uint-reader) UINT=1; shift ;;
    --no-index-run) INDEX=0; shift ;;
    --no-nodes) NODES_ROW=0; shift ;;
    --timeout) JS_TIMEOUT=${2:?--timeout needs seconds}; shift 2 ;;
    --tsv) TSV=${2:?--tsv needs a path}; shift 2 ;;
    -h|--help) usage 0 ;;
    *) echo "run.sh: unknown argument: $1" >&2; usage 2 ;;
  esac
done
[[ $SIZE_MB =~ ^[0-9]+$ && $SIZE_MB -gt 0 ]] || { echo "run.sh: --size-mb must be a positive integer" >&2; exit 2; }
[[ $RUNS =~ ^[1-9][0-9]*$ && $JS_RUNS =~ ^[1-9][0-9]*$ ]] || { echo "run.sh: --runs/--js-runs must be positive" >&2; exit 2; }
[[ $JS_TIMEOUT =~ ^[0-9]+$ ]] || { echo "run.sh: --timeout must be a whole number of seconds" >&2; exit 2; }
if [[ -n $TSV ]]; then
  : > "$TSV" 2> /dev/null || { echo "run.sh: cannot write $TSV" >&2; exit 2; }
  TSV=$(cd "$(dirname "$TSV")" && pwd)/$(basename "$TSV")
fi
if [[ -n $FILE ]]; then
  [[ -f $FILE ]] || { echo "run.sh: no such file: $FILE" >&2; exit 2; }
  FILE=$(cd "$(dirname "$FILE")" && pwd)/$(basename "$FILE")
fi
[[ -x /usr/bin/time ]] || { echo "run.sh: needs GNU time at /usr/bin/time (Debian package 'time')" >&2; exit 2; }
command -v node > /dev/null || { echo "run.sh: needs node" >&2; exit 2; }
# The JavaScript tools run under timeout(1) when --timeout is given. --foreground
# makes timeout kill only node and then wait for it: without it timeout sends the
# signal to its whole process group, itself included, and GNU time would report
# timeout's own few MB instead of node's peak RSS. --verbose leaves the line
# "timeout: sending signal KILL" in the tool's stderr, which is how a timeout is
# told apart from any other SIGKILL (the kernel's OOM killer).
JS_WRAP=()
if ((JS_TIMEOUT > 0)); then
  command -v timeout > /dev/null || { echo "run.sh: --timeout needs timeout(1) (coreutils)" >&2; exit 2; }
  JS_WRAP=(timeout --foreground --verbose --signal=KILL "$JS_TIMEOUT")
fi

SCRATCH=$(mktemp -d "${TMPDIR:-/tmp}/heapsleuth-bench.XXXXXX")
cleanup() {
  if [[ $KEEP == 1 ]]; then
    echo "scratch kept: $SCRATCH"
  else
    rm -rf -- "$SCRATCH"
  fi
}
trap cleanup EXIT
log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

# --- heapsleuth, Release -----------------------------------------------------
if [[ -n ${HEAPSLEUTH_BIN:-} ]]; then
  BIN=$(cd "$HEAPSLEUTH_BIN" && pwd)
  BUILD_NOTE="prebuilt: $BIN"
else
  BIN=$BUILD_DIR
  generator=()
  command -v ninja > /dev/null && generator=(-G Ninja)
  bench_option=()
  [[ $UINT == 1 ]] && bench_option=(-DHEAPSLEUTH_BENCH=ON)  # uint_reader_bench, once it is a target
  log "building heapsleuth (Release) in $BUILD_DIR"
  if ! { cmake -S "$REPO" -B "$BUILD_DIR" "${generator[@]}" -DCMAKE_BUILD_TYPE=Release -DHEAPSLEUTH_TESTS=OFF \
           "${bench_option[@]}" &&
         cmake --build "$BUILD_DIR" --target heapsleuth-summary heapsleuth-nodes heapsleuth-index \
           heapsleuth-dominators -j "$(nproc)"; } \
       > "$SCRATCH/build.log" 2>&1; then
    tail -30 "$SCRATCH/build.log" >&2
    echo "run.sh: the build failed (log above)" >&2
    exit 1
  fi
  BUILD_NOTE="Release, built in $BUILD_DIR"
fi
for tool in heapsleuth-summary heapsleuth-nodes heapsleuth-index heapsleuth-dominators; do
  [[ -x $BIN/$tool ]] || { echo "run.sh: no $BIN/$tool" >&2; exit 1; }
done

# --- the snapshot --------------------------------------------------------------
if [[ -n $FILE ]]; then
  SNAP=$FILE
else
  SNAP=$SCRATCH/big-${SIZE_MB}mb.heapsnapshot
  if [[ -n $SCALED_SEED ]]; then
    generate=("$REPO/samples/make-scaled.mjs" "$SCALED_SEED" "$SNAP" "$SIZE_MB")
  else
    generate=("$REPO/samples/make-big.mjs" "$SNAP" "$SIZE_MB")
  fi
  log "generating a ~$SIZE_MB MB snapshot (${generate[0]#"$REPO/"})"
  if ! node --max-old-space-size=16000 "${generate[@]}" > "$SCRATCH/make-big.log" 2>&1; then
    cat "$SCRATCH/make-big.log" >&2
    echo "run.sh: generating the snapshot failed" >&2
    exit 1
  fi
  tail -1 "$SCRATCH/make-big.log" >&2
fi
SNAP_BYTES=$(stat -c %s "$SNAP")
# Every tool starts with the file in the page cache.
cat "$SNAP" > /dev/null

# --- measuring ------------------------------------------------------------------
declare -A WALL RSS NOTE NODES EDGES RUNS_OF CMD_OF
ORDER=()

# Why NAME failed: a signal GNU time saw, and V8's "FATAL ERROR" line, else the
# last error-looking line of its stderr, else its last line. Stack frames are
# left out (JavaScript "at ..." and native " 3: 0x... v8::...OutOfMemory"), and
# so is the version line node ends a crash with.
failure_reason() {
  local signal lines reason
  signal=$(grep -m1 '^Command terminated by signal' "$SCRATCH/$1.time" || true)
  lines=$(grep -v -E -e '^[[:space:]]*$' -e '^Node\.js v' -e '^[[:space:]]+at ' -e '^[[:space:]]*[0-9]+: 0x' \
            "$SCRATCH/$1.err" || true)
  reason=$(grep -m1 '^FATAL ERROR' <<< "$lines" || true)
  [[ -n $reason ]] || reason=$(grep -i -E 'error|fatal|invalid|out of memory|abort' <<< "$lines" | tail -1 || true)
  [[ -n $reason ]] || reason=$(tail -1 <<< "$lines")
  echo "${signal:+$signal; }${reason:0:160}"
}

# measure NAME RUNS STDOUT CMD...: best wall time and largest peak RSS of RUNS runs.
measure() {
  local name=$1 runs=$2 out=$3
  shift 3
  ORDER+=("$name")
  CMD_OF[$name]="$*"
  RUNS_OF[$name]=$runs
  local best='' peak=0 i status wall kb
  for ((i = 1; i <= runs; i++)); do
    log "$name: run $i of $runs"
    status=0
    /usr/bin/time -f '%e %M' -o "$SCRATCH/$name.time" "$@" > "$out" 2> "$SCRATCH/$name.err" || status=$?
    read -r wall kb < <(tail -1 "$SCRATCH/$name.time")
    if [[ $status != 0 ]]; then
      # The time and memory until it gave up, and why.
      WALL[$name]=$wall
      RSS[$name]=$kb
      if grep -q '^timeout: sending signal' "$SCRATCH/$name.err"; then
        NOTE[$name]="FAILED: timeout after $JS_TIMEOUT s"
      else
        NOTE[$name]="FAILED (exit $status): $(failure_reason "$name")"
      fi
      return 0
    fi
    if [[ -z $best ]] || awk -v a="$wall" -v b="$best" 'BEGIN { exit !(a < b) }'; then best=$wall; fi
    ((kb > peak)) && peak=$kb
  done
  WALL[$name]=$best
  RSS[$name]=$peak
}

SUMMARY_OUT=$SCRATCH/heapsleuth-summary.txt
# The cold runs parse, even when an index lies beside the snapshot.
measure heapsleuth-summary "$RUNS" "$SUMMARY_OUT" "$BIN/heapsleuth-summary" --quiet --no-index "$SNAP"
if [[ -z ${NOTE[heapsleuth-summary]:-} ]]; then
  read -r 'NODES[heapsleuth-summary]' 'EDGES[heapsleuth-summary]' < <(
    sed -n '1s/.*: \([0-9,]*\) nodes, \([0-9,]*\) edges.*/\1 \2/p' "$SUMMARY_OUT" | tr -d ,)
fi
if [[ $NODES_ROW == 1 ]]; then
  measure heapsleuth-nodes "$RUNS" /dev/null "$BIN/heapsleuth-nodes" --quiet --no-index "$SNAP"
fi

# The binary index: build SNAPSHOT.hsidx once, then reopen from it. An index
# that was there before is kept; one made here is removed at the end.
INDEX_BYTES=
if [[ $INDEX == 1 ]]; then
  INDEX_FILE=$SNAP.hsidx
  [[ -e $INDEX_FILE ]] || trap 'rm -f -- "$INDEX_FILE"; cleanup' EXIT
  measure heapsleuth-index 1 /dev/null "$BIN/heapsleuth-index" --quiet "$SNAP"
  if [[ -f $INDEX_FILE ]]; then
    INDEX_BYTES=$(stat -c %s "$INDEX_FILE")
    # Page cache warm, as for the cold runs.
    cat "$INDEX_FILE" > /dev/null
    measure summary-from-index "$RUNS" "$SCRATCH/summary-from-index.txt" "$BIN/heapsleuth-summary" --quiet "$SNAP"
    if ! cmp -s "$SUMMARY_OUT" "$SCRATCH/summary-from-index.txt"; then
      NOTE[summary-from-index]="OUTPUT DIFFERS from the cold run"
    elif grep -q warning "$SCRATCH/summary-from-index.err"; then
      NOTE[summary-from-index]="index not used: $(grep -m1 warning "$SCRATCH/summary-from-index.err")"
    fi
    # The summary reads one small section; reopening the whole heap (every
    # section checked, every index range-checked) is what the other tools
    # pay: heapsleuth-dominators, which then lists only the root's children.
    measure reopen-from-index "$RUNS" /dev/null "$BIN/heapsleuth-dominators" --quiet --depth 1 "$SNAP"
    if grep -q warning "$SCRATCH/reopen-from-index.err"; then
      NOTE[reopen-from-index]="index not used: $(grep -m1 warning "$SCRATCH/reopen-from-index.err")"
    fi
  fi
fi

if [[ $JS == 1 ]]; then
  # Chrome DevTools' own loader and analysis (tests/devtools/README.md).
  DEVTOOLS=$REPO/tests/devtools
  devtools_ready=1
  if [[ ! -d $DEVTOOLS/node_modules/chrome-devtools-frontend ]]; then
    log "installing tests/devtools (npm ci)"
    (cd "$DEVTOOLS" && npm ci --no-audit --no-fund --loglevel=error) > "$SCRATCH/devtools-npm.log" 2>&1 || devtools_ready=0
  fi
  # Build the bundle now, so that the timed run does not.
  ((devtools_ready)) && { (cd "$DEVTOOLS" && node build.mjs) > "$SCRATCH/devtools-build.log" 2>&1 || devtools_ready=0; }
  if ((devtools_ready)); then
    measure devtools "$JS_RUNS" "$SCRATCH/devtools.json" "${JS_WRAP[@]}" \
      node --max-old-space-size="$NODE_HEAP_MB" "$DEVTOOLS/dump-nodes.mjs" --summary "$SNAP"
    if [[ -z ${NOTE[devtools]:-} ]]; then
      read -r 'NODES[devtools]' 'EDGES[devtools]' < <(node -e '
        const j = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
        console.log(j.node_count, j.edge_count);' "$SCRATCH/devtools.json")
    fi
  else
    ORDER+=(devtools); CMD_OF[devtools]="node tests/devtools/dump-nodes.mjs --summary"
    NOTE[devtools]="not run: npm ci or node build.mjs failed in tests/devtools (see --keep logs)"
  fi

  # memlab's heap-analysis API, from tests/bench/package-lock.json; no browser.
  memlab_ready=1
  if [[ ! -d $BENCH/node_modules/@memlab/heap-analysis ]]; then
    log "installing memlab into tests/bench/node_modules (npm ci, no browser download)"
    (cd "$BENCH" && PUPPETEER_SKIP_DOWNLOAD=1 npm ci --ignore-scripts --no-audit --no-fund --loglevel=error) \
      > "$SCRATCH/memlab-npm.log" 2>&1 || memlab_ready=0
  fi
  if ((memlab_ready)); then
    measure memlab "$JS_RUNS" "$SCRATCH/memlab.json" "${JS_WRAP[@]}" \
      node --max-old-space-size="$NODE_HEAP_MB" "$BENCH/memlab-load.mjs" "$SNAP"
    # memlab-load.mjs prints {"error": ...} when memlab cannot load the file.
    if [[ -n ${NOTE[memlab]:-} ]] && grep -q '"error"' "$SCRATCH/memlab.json" 2> /dev/null; then
      NOTE[memlab]="FAILED: $(node -e 'console.log(JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).error.slice(0, 160))' "$SCRATCH/memlab.json")"
    elif [[ -z ${NOTE[memlab]:-} ]]; then
      read -r 'NODES[memlab]' 'EDGES[memlab]' < <(node -e '
        const j = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
        console.log(j.nodes, j.edges);' "$SCRATCH/memlab.json")
    fi
  else
    ORDER+=(memlab); CMD_OF[memlab]="node tests/bench/memlab-load.mjs"
    NOTE[memlab]="not run: npm ci failed in tests/bench (see --keep logs)"
  fi
fi

# --- report ---------------------------------------------------------------------
cpu=$(lscpu 2> /dev/null | sed -n 's/^Model name:[[:space:]]*//p' | head -1)
[[ -n $cpu ]] || cpu=$(sed -n 's/^model name[[:space:]]*:[[:space:]]*//p' /proc/cpuinfo | head -1)
mem_kb=$(sed -n 's/^MemTotal:[[:space:]]*\([0-9]*\).*/\1/p' /proc/meminfo)
rev=$(git -C "$REPO" describe --always --dirty 2> /dev/null || echo unknown)
compiler=
if [[ -f $BIN/CMakeCache.txt ]]; then
  cxx=$(sed -n 's/^CMAKE_CXX_COMPILER:[^=]*=//p' "$BIN/CMakeCache.txt")
  [[ -n $cxx ]] && compiler=$("$cxx" --version 2> /dev/null | head -1)
fi

echo
echo "heapsleuth benchmark, $(date '+%Y-%m-%d %H:%M:%S %Z')"
echo "machine:    $(nproc) CPUs ($cpu), $(awk -v k="$mem_kb" 'BEGIN { printf "%.1f", k / 1048576 }') GiB RAM, $(uname -sr)"
echo "heapsleuth: $rev, $BUILD_NOTE${compiler:+, $compiler}"
echo "node:       $(node --version) (JavaScript tools run with --max-old-space-size=$NODE_HEAP_MB)"
echo "snapshot:   $SNAP"
printf 'file size:  %s bytes (%.1f MB)\n' "$SNAP_BYTES" "$(awk -v b="$SNAP_BYTES" 'BEGIN { print b / 1e6 }')"
[[ -n $INDEX_BYTES ]] && printf 'index size: %s bytes (%.1f MB, %.2f of the snapshot)\n' "$INDEX_BYTES" \
  "$(awk -v b="$INDEX_BYTES" 'BEGIN { print b / 1e6 }')" "$(awk -v a="$INDEX_BYTES" -v b="$SNAP_BYTES" 'BEGIN { print a / b }')"
echo
ref_wall=${WALL[heapsleuth-summary]:-}
ref_rss=${RSS[heapsleuth-summary]:-}
printf '%-20s %-9s %8s %12s %9s %8s %7s %10s %11s  %s\n' \
  tool runs "wall s" "peak RSS MB" "RSS/file" "time x" "RSS x" nodes edges note
for name in "${ORDER[@]}"; do
  wall=${WALL[$name]:-} kb=${RSS[$name]:-}
  runs="best of ${RUNS_OF[$name]:-0}"
  [[ ${RUNS_OF[$name]:-0} == 1 ]] && runs="1 run"
  [[ -z $wall ]] && runs="-"
  awk -v name="$name" -v runs="$runs" -v wall="$wall" -v kb="$kb" -v file="$SNAP_BYTES" \
      -v rw="$ref_wall" -v rk="$ref_rss" -v nodes="${NODES[$name]:--}" -v edges="${EDGES[$name]:--}" \
      -v note="${NOTE[$name]:-}" 'BEGIN {
    if (wall == "") { printf "%-20s %-9s %8s %12s %9s %8s %7s %10s %11s  %s\n", name, "-", "-", "-", "-", "-", "-", "-", "-", note; exit }
    mb = kb * 1024 / 1e6
    tx = (rw > 0) ? sprintf("%.2f", wall / rw) : "-"
    rx = (rk > 0) ? sprintf("%.2f", kb / rk) : "-"
    printf "%-20s %-9s %8.2f %12.0f %9.2f %8s %7s %10s %11s  %s\n", name, runs, wall, mb, kb * 1024 / file, tx, rx, nodes, edges, note
  }'
done
echo
echo "time x / RSS x: relative to heapsleuth-summary. RSS/file: peak RSS over the file's size."
echo "Wall time: best run; peak RSS: the largest of the runs (GNU time's %M, max resident set size)."
echo "Commands (each under /usr/bin/time -f '%e %M'):"
for name in "${ORDER[@]}"; do
  suffix=
  [[ $name == heapsleuth-nodes ]] && suffix=" > /dev/null"
  echo "  $name: ${CMD_OF[$name]}$suffix"
done

if [[ -n $TSV ]]; then
  {
    printf 'tool\twall_s\tpeak_kb\tnodes\tedges\tnote\n'
    for name in "${ORDER[@]}"; do
      note=${NOTE[$name]:-}
      printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "${WALL[$name]:--}" "${RSS[$name]:--}" \
        "${NODES[$name]:--}" "${EDGES[$name]:--}" "${note//$'\t'/ }"
    done
  } > "$TSV"
fi

# --- the integer-array reader micro-benchmark (optional) ------------------------
if [[ $UINT == 1 ]]; then
  echo
  UINT_BIN=$BIN/uint_reader_bench
  if [[ -z ${HEAPSLEUTH_BIN:-} ]] &&
     ! cmake --build "$BUILD_DIR" --target uint_reader_bench > "$SCRATCH/uint-build.log" 2>&1; then
    # Not a CMake target (HEAPSLEUTH_BENCH): compile it against the library just built.
    UINT_BIN=$SCRATCH/uint_reader_bench
    cxx=$(sed -n 's/^CMAKE_CXX_COMPILER:[^=]*=//p' "$BUILD_DIR/CMakeCache.txt")
    log "compiling tests/bench/uint_reader_bench.cc"
    "${cxx:-c++}" -std=c++20 -O3 -DNDEBUG -I"$REPO" "$BENCH/uint_reader_bench.cc" "$BUILD_DIR/libheapsleuth_lib.a" \
      -labsl_status -labsl_strings -lsimdjson -lpthread -o "$UINT_BIN" 2> "$SCRATCH/uint-build.log" ||
      { cat "$SCRATCH/uint-build.log" >&2; UINT_BIN=; }
  fi
  if [[ -n $UINT_BIN && -x $UINT_BIN ]]; then
    echo "integer-array reader (tests/bench/uint_reader_bench.cc): heapsleuth's ReadUintArray vs simdjson on-demand"
    "$UINT_BIN" --synthetic-mb 200 --snapshot "$SNAP" || echo "uint_reader_bench failed (exit $?)"
  else
    echo "integer-array reader: not run (no uint_reader_bench in $BIN and nothing to compile it against)"
  fi
fi

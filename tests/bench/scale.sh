#!/usr/bin/env bash
# The scale benchmark: heapsleuth against Chrome DevTools' loader and memlab on
# snapshots of several sizes, in one table. For each size it makes a snapshot
# from copies of a real one (samples/make-scaled.mjs), runs tests/bench/run.sh
# on it (summary cold, index build, summary from the index, the whole heap
# reopened from it, DevTools, memlab), and at the end prints one table: wall
# time, peak RSS and time relative to the cold summary per size and tool, or
# why a tool failed. Prints figures; asserts nothing.
#
#   tests/bench/scale.sh [--sizes 100,500,1000,2000,10000] [--seed SNAPSHOT]
#                        [--dir DIR] [--js-timeout SECONDS] [--js-max-mb N]
#                        [--runs N] [--keep-files]
#
#   --sizes LIST      snapshot sizes in MB (10^6 bytes), comma-separated
#                     (100,500,1000,2000,10000). make-scaled.mjs lands within
#                     about 20% of each; the table shows the real size
#   --seed SNAPSHOT   the real snapshot the files are made of
#                     (samples/node-leak-s3.heapsnapshot)
#   --dir DIR         make the snapshots in DIR and keep them there; a later run
#                     with the same --dir reuses a file when its size, seed and
#                     generator are those recorded beside it (FILE.made)
#   --js-timeout S    kill DevTools or memlab after S seconds and report
#                     "FAILED: timeout after S s" (1800; 0: no limit)
#   --js-max-mb N     do not run DevTools and memlab on files over N MB: their
#                     rows say "not run: > N MB" (3000, so they are tried at
#                     2 GB; 0: no limit, to try them at 10 GB as well)
#   --runs N          runs of each heapsleuth command, best time shown (3);
#                     the JavaScript tools run once
#   --keep-files      keep the generated snapshots, and say where. Without it
#                     (and without --dir) they are made in a scratch directory
#                     and each is removed as soon as its size is measured
#
# Environment: HEAPSLEUTH_BIN, HEAPSLEUTH_BENCH_BUILD, NODE_HEAP_MB and TMPDIR,
# as for run.sh (which builds heapsleuth unless HEAPSLEUTH_BIN is given).
#
# Disk: a snapshot of N MB and its index take up to ~2.9 x N MB while its size is
# measured (the file lands up to 20% over N, the index is ~1.4x the file); a
# size without that much free space in DIR is skipped, and its row says so.
# Time: make-scaled.mjs wrote 15-25 MB/s on small files here, so roughly 10
# minutes for 10 GB (extrapolated); at 10 GB with --js-max-mb 0 each JavaScript
# tool can take --js-timeout.
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
BENCH=$REPO/tests/bench
SIZES=100,500,1000,2000,10000
SEED=$REPO/samples/node-leak-s3.heapsnapshot
DIR=
JS_TIMEOUT=1800
JS_MAX_MB=3000
RUNS=3
KEEP_FILES=0

usage() { sed -n '2,41p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit "${1:-2}"; }
while [[ $# -gt 0 ]]; do
  case $1 in
    --sizes) SIZES=${2:?--sizes needs a list of MB}; shift 2 ;;
    --seed) SEED=${2:?--seed needs a snapshot}; shift 2 ;;
    --dir) DIR=${2:?--dir needs a directory}; shift 2 ;;
    --js-timeout) JS_TIMEOUT=${2:?--js-timeout needs seconds}; shift 2 ;;
    --js-max-mb) JS_MAX_MB=${2:?--js-max-mb needs a number}; shift 2 ;;
    --runs) RUNS=${2:?--runs needs a number}; shift 2 ;;
    --keep-files) KEEP_FILES=1; shift ;;
    -h|--help) usage 0 ;;
    *) echo "scale.sh: unknown argument: $1" >&2; usage 2 ;;
  esac
done
[[ $SIZES =~ ^[1-9][0-9]*(,[1-9][0-9]*)*$ ]] || { echo "scale.sh: --sizes must be like 100,500,2000" >&2; exit 2; }
[[ $JS_TIMEOUT =~ ^[0-9]+$ ]] || { echo "scale.sh: --js-timeout must be a whole number of seconds" >&2; exit 2; }
[[ $JS_MAX_MB =~ ^[0-9]+$ ]] || { echo "scale.sh: --js-max-mb must be a whole number" >&2; exit 2; }
[[ $RUNS =~ ^[1-9][0-9]*$ ]] || { echo "scale.sh: --runs must be positive" >&2; exit 2; }
[[ -f $SEED ]] || { echo "scale.sh: no such seed snapshot: $SEED" >&2; exit 2; }
SEED=$(cd "$(dirname "$SEED")" && pwd)/$(basename "$SEED")
command -v node > /dev/null || { echo "scale.sh: needs node" >&2; exit 2; }
IFS=, read -r -a SIZE_LIST <<< "$SIZES"

SCRATCH=$(mktemp -d "${TMPDIR:-/tmp}/heapsleuth-scale.XXXXXX")
if [[ -n $DIR ]]; then
  mkdir -p -- "$DIR"
  DIR=$(cd "$DIR" && pwd)
  KEEP_FILES=1  # A directory of one's own is kept, to be reused.
else
  DIR=$SCRATCH
fi
cleanup() {
  if [[ $KEEP_FILES == 1 && $DIR == "$SCRATCH" ]]; then
    rm -f -- "$SCRATCH"/*.tsv "$SCRATCH"/*.out "$SCRATCH"/*.log
    echo "snapshots kept in $SCRATCH" >&2
  else
    rm -rf -- "$SCRATCH"
  fi
}
trap cleanup EXIT
log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

# What a generated file depends on: the seed's and the generator's bytes.
RECIPE="seed $(sha256sum < "$SEED" | cut -d' ' -f1) generator $(sha256sum < "$REPO/samples/make-scaled.mjs" | cut -d' ' -f1)"

# make_snapshot MB: echoes the path of a ~MB MB snapshot in DIR, made now or
# reused. FILE.made records "<recipe> mb MB bytes B" once the file is complete,
# so an interrupted generation is never reused.
make_snapshot() {
  local mb=$1 file=$DIR/scaled-${1}mb.heapsnapshot
  local stamp=$file.made
  if [[ -f $file && -f $stamp ]] &&
     [[ $(cat "$stamp") == "$RECIPE mb $mb bytes $(stat -c %s "$file")" ]]; then
    log "$mb MB: reusing $file"
    echo "$file"
    return 0
  fi
  rm -f -- "$stamp"
  log "$mb MB: generating $file (samples/make-scaled.mjs)"
  if ! node --max-old-space-size=16000 "$REPO/samples/make-scaled.mjs" "$SEED" "$file" "$mb" \
       > "$SCRATCH/make-$mb.log" 2>&1; then
    cat "$SCRATCH/make-$mb.log" >&2
    rm -f -- "$file"
    return 1
  fi
  log "$(tail -1 "$SCRATCH/make-$mb.log")"
  echo "$RECIPE mb $mb bytes $(stat -c %s "$file")" > "$stamp"
  echo "$file"
}

# Results, by "MB,tool": wall seconds, peak KB, nodes, edges, note.
declare -A WALL RSS NODES EDGES NOTE BYTES INDEX_BYTES
TOOLS=(heapsleuth-summary heapsleuth-index summary-from-index reopen-from-index devtools memlab)
declare -A LABEL=([heapsleuth-summary]="summary cold" [heapsleuth-index]="index build"
                  [summary-from-index]="summary from index" [reopen-from-index]="reopen from index"
                  [devtools]=devtools [memlab]=memlab)
HEADER_OUT=
RUN_ARGS=(--runs "$RUNS" --js-runs 1 --no-nodes --timeout "$JS_TIMEOUT")

for mb in "${SIZE_LIST[@]}"; do
  # Room for the snapshot (make-scaled overshoots by up to ~20%) and its index
  # (~1.4x the snapshot), unless the snapshot is already there.
  file=$DIR/scaled-${mb}mb.heapsnapshot
  need=$((mb * 1000000 * 12 * 24 / 100))
  [[ -f $file.made ]] && need=$((mb * 1000000 * 12 * 14 / 100))
  avail=$(df -B1 --output=avail "$DIR" | tail -1 | tr -d ' ')
  if ((avail < need)); then
    NOTE[$mb,heapsleuth-summary]="not run: needs ~$((need / 1000000000 + 1)) GB free in $DIR, has $((avail / 1000000000)) GB"
    log "$mb MB: skipped, ${NOTE[$mb,heapsleuth-summary]}"
    continue
  fi
  if ! snap=$(make_snapshot "$mb"); then
    NOTE[$mb,heapsleuth-summary]="not run: samples/make-scaled.mjs failed"
    continue
  fi
  BYTES[$mb]=$(stat -c %s "$snap")
  js=()
  if ((JS_MAX_MB > 0 && BYTES[$mb] > JS_MAX_MB * 1000000)); then
    js=(--no-js)
    NOTE[$mb,devtools]="not run: > $JS_MAX_MB MB"
    NOTE[$mb,memlab]=${NOTE[$mb,devtools]}
  fi
  log "$mb MB: tests/bench/run.sh --file $snap ${RUN_ARGS[*]} ${js[*]}"
  tsv=$SCRATCH/$mb.tsv
  if ! "$BENCH/run.sh" --file "$snap" "${RUN_ARGS[@]}" "${js[@]}" --tsv "$tsv" > "$SCRATCH/$mb.out"; then
    cat "$SCRATCH/$mb.out" >&2
    echo "scale.sh: run.sh failed on $snap (above)" >&2
    exit 1
  fi
  [[ -n $HEADER_OUT ]] || HEADER_OUT=$SCRATCH/$mb.out
  INDEX_BYTES[$mb]=$(sed -n 's/^index size: *\([0-9]*\) bytes.*/\1/p' "$SCRATCH/$mb.out")
  while IFS=$'\t' read -r tool wall kb nodes edges note; do
    [[ $tool == tool ]] && continue
    WALL[$mb,$tool]=$wall RSS[$mb,$tool]=$kb NODES[$mb,$tool]=$nodes EDGES[$mb,$tool]=$edges
    NOTE[$mb,$tool]=${note:-}
  done < "$tsv"
  # The JavaScript tools must have loaded the graph heapsleuth loaded.
  for tool in devtools memlab; do
    n=${NODES[$mb,$tool]:--} e=${EDGES[$mb,$tool]:--}
    if [[ $n != - && ( $n != "${NODES[$mb,heapsleuth-summary]:--}" || $e != "${EDGES[$mb,heapsleuth-summary]:--}" ) ]]; then
      NOTE[$mb,$tool]="counts differ: $n nodes, $e edges"
    fi
  done
  if [[ $DIR == "$SCRATCH" && $KEEP_FILES == 0 ]]; then
    rm -f -- "$snap" "$snap.made"
  fi
done

# --- the table --------------------------------------------------------------------
echo
echo "heapsleuth scale benchmark, $(date '+%Y-%m-%d %H:%M:%S %Z')"
if [[ -n $HEADER_OUT ]]; then
  grep -E '^(machine|heapsleuth|node): ' "$HEADER_OUT"  # run.sh's words for the machine and the builds.
else
  echo "machine:    $(nproc) CPUs, $(uname -sr); no size was measured"
fi
echo "seed:       ${SEED#"$REPO/"}, copied by samples/make-scaled.mjs up to each size"
echo "each size:  tests/bench/run.sh --file FILE ${RUN_ARGS[*]}$( ((JS_MAX_MB > 0)) &&
  echo " (--no-js over $JS_MAX_MB MB)")"
echo

# A failure in a few words for the table; the full reason is printed below it.
short_note() {
  case $1 in
    *'timeout after'* | 'not run'* | '') echo "$1" ;;
    *'heap out of memory'* | *ERR_WORKER_OUT_OF_MEMORY*) echo "FAILED: JS heap out of memory" ;;
    *'Invalid string length'*) echo "FAILED: Invalid string length" ;;
    *'Invalid typed array length'*) echo "FAILED: Invalid typed array length" ;;
    *'Array buffer allocation failed'*) echo "FAILED: ArrayBuffer allocation" ;;
    *'by signal 9'*) echo "FAILED: SIGKILL (OOM killer?)" ;;
    *) echo "$1" ;;
  esac
}
NOTE_WIDTH=30  # The table fits in 120 columns.
FULL_NOTES=()
printf '%6s %8s %7s %8s  %-18s %8s %8s %8s %7s  %s\n' \
  size "file MB" "M nodes" "M edges" tool "wall s" "RSS MB" RSS/file "x cold" note
for mb in "${SIZE_LIST[@]}"; do
  first=1
  for tool in "${TOOLS[@]}"; do
    wall=${WALL[$mb,$tool]:--} kb=${RSS[$mb,$tool]:--} note=${NOTE[$mb,$tool]:-}
    [[ $wall == - && -z $note ]] && continue  # Not measured, nothing to say (e.g. no index row).
    if [[ $tool == heapsleuth-index && -z $note && -n ${INDEX_BYTES[$mb]:-} ]]; then
      note="index: $(awk -v a="${INDEX_BYTES[$mb]}" -v b="${BYTES[$mb]}" 'BEGIN { printf "%.2f", a / b }') x file"
    fi
    short=$(short_note "$note")
    ((${#short} > NOTE_WIDTH)) && short="${short:0:NOTE_WIDTH-3}..."
    [[ $short == "$note" ]] || FULL_NOTES+=("$mb MB, ${LABEL[$tool]}: $note")
    note=$short
    awk -v first="$first" -v mb="$mb" -v bytes="${BYTES[$mb]:-}" \
        -v nodes="${NODES[$mb,heapsleuth-summary]:--}" -v edges="${EDGES[$mb,heapsleuth-summary]:--}" \
        -v tool="${LABEL[$tool]}" -v wall="$wall" -v kb="$kb" -v note="$note" \
        -v ref="${WALL[$mb,heapsleuth-summary]:--}" -v ok="$([[ -z ${NOTE[$mb,$tool]:-} ]] && echo 1 || echo 0)" \
        -v timed_out="$([[ ${NOTE[$mb,$tool]:-} == 'FAILED: timeout'* ]] && echo 1 || echo 0)" 'BEGIN {
      if (first) {
        size = mb
        file = (bytes != "") ? sprintf("%.1f", bytes / 1e6) : "-"
        n = (nodes != "-") ? sprintf("%.2f", nodes / 1e6) : "-"
        e = (edges != "-") ? sprintf("%.2f", edges / 1e6) : "-"
      } else {
        size = file = n = e = ""
      }
      if (wall == "-") {
        line = sprintf("%6s %8s %7s %8s  %-18s %8s %8s %8s %7s", size, file, n, e, tool, "-", "-", "-", "-")
        print line (note != "" ? "  " note : "")
        exit
      }
      mbytes = kb * 1024 / 1e6
      per_file = (bytes > 0) ? sprintf("%.2f", kb * 1024 / bytes) : "-"
      x = "-"
      if (ref != "-" && ref > 0) {
        if (ok) x = sprintf("%.2f", wall / ref)
        else if (timed_out) x = sprintf(">%.0f", wall / ref)  # It would have taken longer still.
      }
      line = sprintf("%6s %8s %7s %8s  %-18s %8.2f %8.0f %8s %7s", size, file, n, e, tool, wall, mbytes, per_file, x)
      print line (note != "" ? "  " note : "")
    }'
    first=0
  done
done
echo
echo "size: asked for (MB); file MB: what make-scaled.mjs wrote. M nodes, M edges: as heapsleuth counted"
echo "them (DevTools' and memlab's counts are checked against them). wall s: $( ((RUNS > 1)) &&
  echo "best of $RUNS runs" || echo "1 run") for heapsleuth,"
echo "1 run for DevTools and memlab; RSS MB: peak resident set size (GNU time); RSS/file: over the file's"
echo "size; x cold: wall time over 'summary cold' (>N: killed by the timeout). A failed tool shows the time"
echo "and memory it used until it failed. MB = 10^6 bytes."
if ((${#FULL_NOTES[@]} > 0)); then
  echo
  echo "Notes in full:"
  printf '%s\n' "${FULL_NOTES[@]}" | fold -s -w 114 | sed -e 's/ *$//' -e 's/^/    /' -e 's/^    \([0-9]* MB, \)/  \1/'
fi

# The issue's targets, for the sizes that stand for them (printed, not checked).
GB1=1000 GB2=2000 GB10=10000
has_size() { [[ ,$SIZES, == *,$1,* ]]; }
ok_row() { [[ -n ${WALL[$1,$2]:-} && ${WALL[$1,$2]} != - && -z ${NOTE[$1,$2]:-} ]]; }
speedup() {  # speedup MB TOOL: TOOL's wall time over the cold summary's, or why there is none.
  if ok_row "$1" "$2" && ok_row "$1" heapsleuth-summary; then
    awk -v a="${WALL[$1,$2]}" -v b="${WALL[$1,heapsleuth-summary]}" 'BEGIN { printf "%.1fx", a / b }'
  elif [[ ${NOTE[$1,$2]:-} == 'FAILED: timeout'* ]] && ok_row "$1" heapsleuth-summary; then
    awk -v a="${WALL[$1,$2]}" -v b="${WALL[$1,heapsleuth-summary]}" 'BEGIN { printf "> %.0fx (timeout)", a / b }'
  else
    short_note "${NOTE[$1,$2]:-${NOTE[$1,heapsleuth-summary]:-not measured}}"
  fi
}
lines=()
if has_size $GB1; then
  lines+=("$GB1 MB, summary cold >= 20x faster than DevTools: $(speedup $GB1 devtools); >= 50x than memlab: $(speedup $GB1 memlab)")
fi
if has_size $GB2; then
  # The whole heap reopened (every section checked), not only the summary.
  if ok_row $GB2 reopen-from-index; then
    lines+=("$GB2 MB, reopening from the index < 1 s: ${WALL[$GB2,reopen-from-index]} s")
  else
    lines+=("$GB2 MB, reopening from the index < 1 s: ${NOTE[$GB2,reopen-from-index]:-not measured}")
  fi
fi
if has_size $GB10; then
  if ok_row $GB10 heapsleuth-summary; then
    kb=${RSS[$GB10,heapsleuth-summary]}
    lines+=("$GB10 MB analyzed on this machine: yes, ${WALL[$GB10,heapsleuth-summary]} s, peak RSS $((kb * 1024 / 1000000)) MB")
  else
    lines+=("$GB10 MB analyzed on this machine: no, ${NOTE[$GB10,heapsleuth-summary]:-not measured}")
  fi
fi
if ((${#lines[@]} > 0)); then
  echo
  echo "Targets (issue \"Production dumps\"; wall times as in the table):"
  printf '%s\n' "${lines[@]}" | fold -s -w 114 | sed -e 's/ *$//' -e 's/^/  /'
fi

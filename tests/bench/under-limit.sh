#!/usr/bin/env bash
# Runs a command in a fresh memory cgroup with a RAM limit and no swap, and
# reports whether it finished and how much the cgroup used at most. Peak RSS
# counts what a process maps; a cgroup's limit counts everything it makes the
# kernel hold, page cache included (its temporary files, the snapshot's
# pages), and the kernel must write out or drop what it can to stay under it.
# So "finishes under a limit below the file's size" is the claim peak RSS
# stands for. Needs root and cgroup v2, or v1 with the memory controller.
#
#   tests/bench/under-limit.sh LIMIT_MB COMMAND [ARGS...]
#
# e.g. tests/bench/under-limit.sh 490 build/heapsleuth-summary --no-index big500.heapsnapshot
# Exit status: the command's (137 when the limit's OOM killer ended it).
set -u
if (($# < 2)); then
  sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
fi
limit_mb=$1
shift
limit=$((limit_mb * 1000000))

own=$(awk -F: '$2 == "memory" || ($1 == "0" && $2 == "") {print $3; exit}' /proc/self/cgroup)
if [[ -f /sys/fs/cgroup/cgroup.controllers ]]; then  # v2
  parent=/sys/fs/cgroup$(awk -F: '$1 == "0" {print $3}' /proc/self/cgroup)
  group=$parent/heapsleuth-limit-$$
  mkdir "$group" || exit 2
  echo "$limit" > "$group/memory.max"
  echo 0 > "$group/memory.swap.max" 2>/dev/null
  peak_file=$group/memory.peak
else  # v1
  parent=/sys/fs/cgroup/memory$own
  group=$parent/heapsleuth-limit-$$
  mkdir "$group" || exit 2
  echo "$limit" > "$group/memory.limit_in_bytes"
  peak_file=$group/memory.max_usage_in_bytes
fi
bash -c 'echo $$ > "$1/cgroup.procs"; shift; exec "$@"' _ "$group" "$@"
status=$?
peak=$(cat "$peak_file" 2>/dev/null || echo 0)
echo "under-limit: limit ${limit_mb} MB, exit ${status}, cgroup peak $((peak / 1000000)) MB" >&2
rmdir "$group"
exit "$status"

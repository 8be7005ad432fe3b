#!/usr/bin/env bash
# Validates the --json output of the exploration tools (retainers,
# dominators, inspect) against their schemas in schemas/, on one snapshot.
# Targets are picked from the snapshot itself: the object retaining the most
# after the root, and the first closure, string, concatenated string, sliced
# string and unreachable node it has.
#   explore.sh BIN_DIR SNAPSHOT
set -euo pipefail
bin_dir=$1
snapshot=$2
here=$(cd "$(dirname "$0")" && pwd)
schemas=$here/../../schemas
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

"$bin_dir/heapsleuth-nodes" --quiet "$snapshot" > "$scratch/nodes.tsv"
# Columns: id type name class_name self_size raw_self_size retained_size distance dominator_id detachedness
biggest=$(awk -F'\t' 'NR > 2 && $7 > max { max = $7; id = $1 } END { print id }' "$scratch/nodes.tsv")
biggest_class=$(awk -F'\t' -v id="$biggest" '$1 == id { print $4 }' "$scratch/nodes.tsv")
first_of() { awk -F'\t' -v want="$1" 'NR > 1 && $2 == want { print "@" $1; exit }' "$scratch/nodes.tsv"; }
unreachable=$(awk -F'\t' 'NR > 1 && $8 < 0 { print "@" $1; exit }' "$scratch/nodes.tsv")
targets=("@$biggest" $(first_of closure) $(first_of string) $(first_of "concatenated string") \
         $(first_of "sliced string") $unreachable)
echo "targets: ${targets[*]}; class: $biggest_class"

validate() {  # SCHEMA NAME, then the tool's command line
  local schema=$1 name=$2
  shift 2
  "$@" > "$scratch/$name.json"
  node "$here/validate.mjs" "$schemas/$schema.schema.json" "$scratch/$name.json"
}
validate retainers targets "$bin_dir/heapsleuth-retainers" --quiet --json --paths 3 --tree --depth 2 "$snapshot" "${targets[@]}"
validate retainers weak "$bin_dir/heapsleuth-retainers" --quiet --json --include-weak "$snapshot" "${targets[@]}"
validate retainers class "$bin_dir/heapsleuth-retainers" --quiet --json --class "$biggest_class" "$snapshot"
validate dominators root "$bin_dir/heapsleuth-dominators" --quiet --json --depth 3 "$snapshot"
validate dominators node "$bin_dir/heapsleuth-dominators" --quiet --json --min-size 1kB "$snapshot" "@$biggest"
validate inspect inspect "$bin_dir/heapsleuth-inspect" --quiet --json --edges 0 --max-string 40 "$snapshot" "${targets[@]}"

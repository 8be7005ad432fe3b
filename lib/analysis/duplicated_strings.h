// Duplicated strings (one-snapshot detector, kLow): many copies of one
// string, as DevTools' and memlab's duplicated-string reports list them.
//
// In: the analysed snapshot. Out: one kLow finding per string whose copies
// waste at least `min_wasted_bytes`, (copies − 1) × size: subject = the
// text in quotes (cut to 60 characters), count = copies, retained = their
// combined size, representative = the first copy, item = the wasted bytes.
// At most `max_findings`, most wasteful first. Cost O(nodes), one hash-map
// entry per distinct string.
//
// Rules: only flat strings (node type `string`) reachable from a user root
// count; concatenated and sliced strings share their parts. Two strings are
// copies when their names are the same string-table entry (V8 writes each
// distinct text once) and their self sizes are equal: names are cut at 1,024
// characters, so long strings that only differ later still match by size.
//
// Thresholds: node's own bootstrap repeats a few accessor names ("get
// [kIsNodeError]" 276 times, 11,000 bytes wasted; "get constructor" 300
// times, 9,568) on every node heap here, leaks and controls alike; the most
// on chromium-clean and chromium/control-clean was 80 bytes. Default: 64 KiB
// wasted (6x node's own) and at least 8 copies.
#ifndef HEAPSLEUTH_LIB_ANALYSIS_DUPLICATED_STRINGS_H_
#define HEAPSLEUTH_LIB_ANALYSIS_DUPLICATED_STRINGS_H_

#include <cstdint>
#include <vector>

#include "lib/analysis/leak_finding.h"

namespace heapsleuth::analysis {

struct DuplicatedStringOptions {
  uint64_t min_wasted_bytes = 64 * 1024;
  uint64_t min_copies = 8;
  size_t max_findings = 10;
};

std::vector<Finding> FindDuplicatedStrings(const LeakContext& ctx, const DuplicatedStringOptions& options = {});

}  // namespace heapsleuth::analysis

#endif  // HEAPSLEUTH_LIB_ANALYSIS_DUPLICATED_STRINGS_H_

// Walking a tree listed in pre-order, for the reports that print one.
//
// The analyses hand trees over as flat rows in pre-order, each with its
// level (a row's children follow it, one level deeper), so that no report
// recurses. WalkTreeRows calls `open(row)` for every row in order and
// `close(row)` once the rows below it are done: what a nested output (JSON
// arrays, "… N more" lines after a node's children) needs.
#ifndef HEAPSLEUTH_LIB_REPORT_TREE_WALK_H_
#define HEAPSLEUTH_LIB_REPORT_TREE_WALK_H_

#include <cstddef>
#include <vector>

namespace heapsleuth::report {

// Row: any type with a `level` member.
template <typename Row, typename Open, typename Close>
void WalkTreeRows(const std::vector<Row>& rows, Open open, Close close) {
  std::vector<size_t> open_rows;
  for (size_t i = 0; i < rows.size(); ++i) {
    while (!open_rows.empty() && rows[open_rows.back()].level >= rows[i].level) {
      close(rows[open_rows.back()]);
      open_rows.pop_back();
    }
    open(rows[i]);
    open_rows.push_back(i);
  }
  for (size_t i = open_rows.size(); i-- > 0;) close(rows[open_rows[i]]);
}

}  // namespace heapsleuth::report

#endif  // HEAPSLEUTH_LIB_REPORT_TREE_WALK_H_

// `heapsleuth-summary --react` output: memory per React component type
// (react_components.h), as memlab's react-hooks analysis gives it: for each
// component, its fibers, mounted instances, render Contexts alive and
// unmounted-but-alive ones, and what its fibers and render Contexts retain
// together. Text, or JSON (schemas/react.schema.json). A heap without React
// says so ("no React found") and lists nothing.
#ifndef HEAPSLEUTH_LIB_REPORT_REACT_REPORT_H_
#define HEAPSLEUTH_LIB_REPORT_REACT_REPORT_H_

#include <cstdint>
#include <string>

#include "lib/analysis/react_components.h"

namespace heapsleuth::report {

struct ReactInput {
  std::string file_name;
  const analysis::ReactHeap* react;
  uint64_t total_size = 0;  // The heap's retained size, for shares.
};

std::string ReactText(const ReactInput& input);
std::string ReactJson(const ReactInput& input);

}  // namespace heapsleuth::report

#endif  // HEAPSLEUTH_LIB_REPORT_REACT_REPORT_H_

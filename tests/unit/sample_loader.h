// Loads a checked-in sample (samples/NAME) into a graph with DevTools'
// analyses, for tests that need real data.
#ifndef HEAPSLEUTH_TESTS_UNIT_SAMPLE_LOADER_H_
#define HEAPSLEUTH_TESTS_UNIT_SAMPLE_LOADER_H_

#include <string>

#include "lib/graph/graph.h"
#include "lib/graph/heap_analysis.h"

namespace heapsleuth::testing {

struct LoadedSample {
  graph::Graph graph;
  graph::HeapAnalysis analysis;
};

// Fails the running Catch2 test when the sample cannot be read or parsed.
LoadedSample LoadSample(const std::string& name);

}  // namespace heapsleuth::testing

#endif  // HEAPSLEUTH_TESTS_UNIT_SAMPLE_LOADER_H_

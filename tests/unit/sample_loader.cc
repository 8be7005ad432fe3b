#include "tests/unit/sample_loader.h"

#include <catch2/catch.hpp>

#include "lib/base/mapped_file.h"
#include "lib/base/progress.h"
#include "lib/snapshot/parser.h"

namespace heapsleuth::testing {

LoadedSample LoadSample(const std::string& name) {
  auto file = MappedFile::Open(std::string(HEAPSLEUTH_SAMPLES_DIR) + "/" + name);
  REQUIRE(file.ok());
  NoProgress progress;
  auto raw = snapshot::ParseSnapshot(**file, progress);
  REQUIRE(raw.ok());
  LoadedSample loaded{graph::Graph::Build(std::move(*raw)), {}};
  loaded.analysis = graph::AnalyzeHeap(loaded.graph, progress);
  return loaded;
}

}  // namespace heapsleuth::testing

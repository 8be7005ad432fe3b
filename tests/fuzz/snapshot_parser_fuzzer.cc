// Fuzz target: the snapshot parser on arbitrary bytes.
//
// Any input must give either an error that follows the library's contract
// (one line naming the input) or a RawSnapshot whose indices are all in range,
// as raw_snapshot.h promises its consumers.
#include <string_view>

#include "lib/base/mapped_file.h"
#include "lib/base/progress.h"
#include "lib/snapshot/parser.h"
#include "tests/fuzz/fuzz_target.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace heapsleuth;
  auto file = MappedFile::FromBytes(std::string_view(reinterpret_cast<const char*>(data), size), fuzz::kInputName);
  NoProgress progress;
  absl::StatusOr<snapshot::RawSnapshot> raw = snapshot::ParseSnapshot(*file, progress);
  if (!raw.ok()) {
    fuzz::CheckError(raw.status());
    return 0;
  }
  const uint32_t nodes = raw->node_count(), edges = raw->edge_count();
  HS_FUZZ_CHECK(nodes > 0 && raw->root_ordinal < nodes);
  HS_FUZZ_CHECK(raw->first_edge.size() == size_t{nodes} + 1 && raw->first_edge[nodes] == edges);
  for (uint32_t node = 0; node < nodes; ++node) {
    HS_FUZZ_CHECK(raw->first_edge[node] <= raw->first_edge[node + 1]);
    HS_FUZZ_CHECK(raw->node_name[node] < raw->strings.size());
    HS_FUZZ_CHECK(raw->node_type[node] < raw->meta.node_types.size());
  }
  for (uint32_t edge = 0; edge < edges; ++edge) {
    HS_FUZZ_CHECK(raw->edge_to_node[edge] < nodes);
    HS_FUZZ_CHECK(raw->edge_type[edge] < raw->meta.edge_types.size());
  }
  for (const snapshot::Location& location : raw->locations) HS_FUZZ_CHECK(location.node < nodes);
  return 0;
}

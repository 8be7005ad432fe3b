// Fuzz target: the snapshot parser on arbitrary bytes.
//
// Any input must give either an error that follows the library's contract
// (one line naming the input) or a RawSnapshot whose indices are all in range,
// as raw_snapshot.h promises its consumers. The input is parsed twice: with
// the edges array read by one thread, and split between two wherever it can
// be (ParseLimits::split_edges_from_values = 0): both must give the same
// error or the same columns.
#include <string_view>

#include "lib/base/mapped_file.h"
#include "lib/base/progress.h"
#include "lib/snapshot/parser.h"
#include "tests/fuzz/fuzz_target.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace heapsleuth;
  auto file = MappedFile::FromBytes(std::string_view(reinterpret_cast<const char*>(data), size), fuzz::kInputName);
  NoProgress progress;
  snapshot::ParseLimits whole, split;
  whole.split_edges_from_values = UINT64_MAX;
  split.split_edges_from_values = 0;
  absl::StatusOr<snapshot::RawSnapshot> raw = snapshot::ParseSnapshot(*file, progress, whole);
  auto file_again = MappedFile::FromBytes(std::string_view(reinterpret_cast<const char*>(data), size), fuzz::kInputName);
  const absl::StatusOr<snapshot::RawSnapshot> raw_split = snapshot::ParseSnapshot(*file_again, progress, split);
  HS_FUZZ_CHECK(raw.ok() == raw_split.ok());
  if (!raw.ok()) {
    fuzz::CheckError(raw.status());
    HS_FUZZ_CHECK(raw.status().message() == raw_split.status().message());
    return 0;
  }
  HS_FUZZ_CHECK(raw->edge_type == raw_split->edge_type && raw->edge_to_node == raw_split->edge_to_node &&
                raw->edge_name_or_index == raw_split->edge_name_or_index && raw->first_edge == raw_split->first_edge);
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

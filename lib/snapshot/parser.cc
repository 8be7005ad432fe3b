#include "lib/snapshot/parser.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <cstring>
#include <functional>
#include <memory>
#include <future>
#include <vector>

#include "lib/base/str_cat.h"
#include "lib/base/checked_math.h"
#include "lib/base/status_macros.h"
#include "lib/snapshot/json_cursor.h"
#include "lib/snapshot/memory_estimate.h"
#include "lib/snapshot/file_window.h"
#include "lib/snapshot/string_decoder.h"
#include "lib/snapshot/uint_array_reader.h"

namespace heapsleuth::snapshot {
namespace {

// Our indices are 32-bit and UINT32_MAX means "none".
constexpr uint64_t kMaxCount = UINT32_MAX - 1;

// Division by a divisor known at run time (the node field count, which
// to_node values are multiples of) without a divide instruction per edge: an
// exact multiple of d = odd x 2^shift, shifted right, times the inverse of
// `odd` modulo 2^64 is the quotient, and any other number comes out above
// UINT64_MAX / odd (Granlund and Montgomery, "Division by invariant integers
// using multiplication", section 9).
class ExactDivisor {
 public:
  explicit ExactDivisor(uint64_t divisor) : shift_(__builtin_ctzll(divisor)) {
    const uint64_t odd = divisor >> shift_;
    inverse_ = odd;  // Newton's iteration doubles the correct low bits: 3, 6, 12, 24, 48, 96.
    for (int i = 0; i < 5; ++i) inverse_ *= 2 - odd * inverse_;
    limit_ = UINT64_MAX / odd;
  }
  // Whether `value` is a multiple of the divisor; if so, sets `quotient`.
  bool Divide(uint64_t value, uint64_t& quotient) const {
    if ((value & ((uint64_t{1} << shift_) - 1)) != 0) return false;
    quotient = (value >> shift_) * inverse_;
    return quotient <= limit_;
  }

 private:
  int shift_;
  uint64_t inverse_ = 0;
  uint64_t limit_ = 0;
};

class Parser {
 public:
  Parser(MappedFile& file, Progress& progress, const ParseLimits& limits)
      : file_(file), progress_(progress), limits_(limits), cursor_(file.data(), file.name()) {}

  absl::StatusOr<RawSnapshot> Run();

 private:
  absl::Status ParseMeta();
  // Called every few million values with the reader's offset.
  using Tick = std::function<void(uint64_t offset)>;
  absl::Status ParseNodesAndEdges();
  uint64_t FindEdgesArray() const;
  absl::Status ParseNodes(FileWindow& window, const Tick& tick);
  uint64_t FindEdgesSplit(uint64_t edges_at, uint64_t nodes_left, uint64_t& values_before) const;
  absl::Status PrepareEdges(const JsonCursor& cursor);
  absl::Status ParseEdges(FileWindow& window, const Tick& tick);
  absl::Status ParseEdgeValues(FileWindow& window, uint64_t first_value, uint64_t stop, const Tick& tick);
  absl::Status CheckEdgeValueCount(const JsonCursor& cursor, uint64_t values) const;
  // Reads the file from `offset` (the start of an array) on: see file_window.h.
  absl::StatusOr<std::unique_ptr<FileWindow>> WindowAt(uint64_t offset) const {
    auto window = std::make_unique<FileWindow>(file_, offset);
    HS_RETURN_IF_ERROR(window->Advance());
    return window;
  }
  // Moves the main cursor to where `window` stopped.
  void CatchUp(FileWindow& window) { cursor_.set_pos(file_.data().data() + window.cursor().offset()); }
  absl::Status ParseLocations();
  absl::Status ParseStrings();
  absl::Status CheckIndices();

  // Fails unless `values` integers can fit in the bytes left (each needs a
  // digit and a separator): the guard in front of every big allocation.
  absl::Status CheckFits(const JsonCursor& cursor, std::string_view section, uint64_t values) {
    uint64_t left = file_.data().size() - cursor.offset();
    if (values > left / 2 + 1) {
      return cursor.Error(StrCat(section, ": the header promises ", values,
                                        " values but only ", left, " bytes remain"));
    }
    return absl::OkStatus();
  }

  // Reads an integer array of unknown length into `out` (bounded by the file).
  template <typename T>
  absl::Status ReadVector(std::vector<T>& out, uint64_t max_value, std::string_view section) {
    return ReadUintArray(
        cursor_,
        [&](uint64_t value, uint64_t offset) -> absl::Status {
          if (value > max_value) {
            return cursor_.ErrorAt(offset, StrCat(section, ": value ", value, " too large"));
          }
          out.push_back(static_cast<T>(value));
          return absl::OkStatus();
        },
        [&](uint64_t offset) { file_.ReleaseBefore(offset); });
  }

  absl::Status MissingSection(std::string_view section) const {
    return absl::InvalidArgumentError(
        StrCat(file_.name(), ": byte ", cursor_.offset(), ": no \"", section, "\" section"));
  }

  MappedFile& file_;
  Progress& progress_;
  const ParseLimits limits_;
  JsonCursor cursor_;
  RawSnapshot out_;
  bool have_meta_ = false, have_nodes_ = false, have_edges_ = false, have_strings_ = false;
};

absl::StatusOr<RawSnapshot> Parser::Run() {
  out_.file_bytes = file_.data().size();
  if (file_.data().empty()) {
    return absl::InvalidArgumentError(StrCat(file_.name(), ": byte 0: empty file"));
  }
  // Issue 7: say what a compressed file is rather than "expected '{'", and
  // never inflate it (a 1 MB gzip bomb holds gigabytes).
  const std::string_view data = file_.data();
  if (data.substr(0, 2) == "\x1f\x8b" || data.substr(0, 4) == "\x28\xb5\x2f\xfd") {
    return absl::InvalidArgumentError(
        StrCat(file_.name(), ": byte 0: ", data[0] == '\x1f' ? "gzip" : "zstd",
               "-compressed data, not a heap snapshot: decompress it first"));
  }
  HS_RETURN_IF_ERROR(cursor_.Expect('{'));
  if (cursor_.Peek() == '}') return MissingSection("snapshot");
  while (true) {
    cursor_.SkipWhitespace();  // So that key_offset is the key's quote.
    const uint64_t key_offset = cursor_.offset();
    std::string_view key;
    HS_RETURN_IF_ERROR(cursor_.ReadRawString(key));
    HS_RETURN_IF_ERROR(cursor_.Expect(':'));
    auto once = [&](bool& seen) -> absl::Status {
      if (seen) return cursor_.ErrorAt(key_offset, StrCat("duplicate \"", key, "\" section"));
      seen = true;
      return absl::OkStatus();
    };
    auto need_meta = [&]() -> absl::Status {
      if (!have_meta_) {
        return cursor_.ErrorAt(key_offset, StrCat("\"", key, "\" comes before \"snapshot\""));
      }
      return absl::OkStatus();
    };
    if (key == "snapshot") {
      HS_RETURN_IF_ERROR(once(have_meta_));
      HS_RETURN_IF_ERROR(ParseMeta());
    } else if (key == "nodes") {
      HS_RETURN_IF_ERROR(need_meta());
      HS_RETURN_IF_ERROR(once(have_nodes_));
      HS_RETURN_IF_ERROR(ParseNodesAndEdges());
    } else if (key == "edges") {
      HS_RETURN_IF_ERROR(need_meta());
      HS_RETURN_IF_ERROR(once(have_edges_));
      progress_.Stage("Reading edges", file_.data().size(), ProgressUnit::kBytes);
      HS_RETURN_IF_ERROR(PrepareEdges(cursor_));
      cursor_.SkipWhitespace();
      HS_ASSIGN_OR_RETURN(std::unique_ptr<FileWindow> window, WindowAt(cursor_.offset()));
      HS_RETURN_IF_ERROR(ParseEdges(*window, [&](uint64_t offset) { progress_.Advance(offset); }));
      CatchUp(*window);
    } else if (key == "locations") {
      HS_RETURN_IF_ERROR(need_meta());
      HS_RETURN_IF_ERROR(ParseLocations());
    } else if (key == "trace_function_infos") {
      HS_RETURN_IF_ERROR(ReadVector(out_.trace_function_infos, UINT32_MAX, "trace_function_infos"));
    } else if (key == "samples") {
      HS_RETURN_IF_ERROR(ReadVector(out_.samples, UINT64_MAX, "samples"));
    } else if (key == "strings") {
      HS_RETURN_IF_ERROR(once(have_strings_));
      HS_RETURN_IF_ERROR(ParseStrings());
    } else {
      // trace_tree (nested arrays) and sections a newer V8 may add.
      std::string_view skipped;
      HS_RETURN_IF_ERROR(cursor_.SkipValue(skipped));
    }
    file_.ReleaseBefore(cursor_.offset());
    char next = cursor_.Peek();
    if (next == ',') {
      HS_RETURN_IF_ERROR(cursor_.Expect(','));
      continue;
    }
    HS_RETURN_IF_ERROR(cursor_.Expect('}'));
    break;
  }
  cursor_.SkipWhitespace();
  if (!cursor_.at_end()) return cursor_.Error("unexpected data after the snapshot object");
  if (!have_meta_) return MissingSection("snapshot");
  if (!have_nodes_) return MissingSection("nodes");
  if (!have_edges_) return MissingSection("edges");
  if (!have_strings_) return MissingSection("strings");
  HS_RETURN_IF_ERROR(CheckIndices());
  return std::move(out_);
}

absl::Status Parser::ParseMeta() {
  cursor_.SkipWhitespace();
  const uint64_t offset = cursor_.offset();
  std::string_view text;
  HS_RETURN_IF_ERROR(cursor_.SkipValue(text));
  HS_ASSIGN_OR_RETURN(out_.meta, ParseSnapshotMeta(text, file_.name(), offset));
  const SnapshotMeta& meta = out_.meta;
  auto field_error = [&](std::string_view field, std::string_view message) {
    return absl::InvalidArgumentError(
        StrCat(file_.name(), ": byte ", offset, ": snapshot.", field, ": ", message));
  };
  if (meta.node_count == 0) return field_error("node_count", "is 0: a snapshot has at least the root");
  if (meta.node_count > kMaxCount) return field_error("node_count", "exceeds 2^32 - 2");
  if (meta.edge_count > kMaxCount) return field_error("edge_count", "exceeds 2^32 - 2");
  if (meta.root_index) {
    if (*meta.root_index % static_cast<uint64_t>(meta.node_field_count()) != 0 ||
        *meta.root_index / static_cast<uint64_t>(meta.node_field_count()) >= meta.node_count) {
      return field_error("root_index", StrCat(*meta.root_index, " is not a node index"));
    }
    out_.root_ordinal = static_cast<uint32_t>(*meta.root_index / static_cast<uint64_t>(meta.node_field_count()));
  }
  // Issue 7: refuse before allocating, from the counts, not after running out.
  if (limits_.max_memory != 0) {
    const MemoryEstimate estimate = EstimateLoadMemory(meta, file_.data().size());
    const uint64_t total = estimate.total;
    if (total > limits_.max_memory) {
      return absl::ResourceExhaustedError(
          StrCat(file_.name(), ": byte ", offset, ": snapshot: loading ", meta.node_count, " nodes, ",
                 meta.edge_count, " edges and up to ", estimate.other_bytes, " bytes of strings needs up to ",
                 total, " bytes of memory, more than the limit of ", limits_.max_memory, " bytes"));
    }
  }
  return absl::OkStatus();
}

// V8 writes "edges" right after "nodes". Then both arrays are read at once
// on two threads: this one reads the nodes and then the start of the edges,
// the other the rest of the edges, split at a comma where both have about as
// many bytes left to read when the other thread, its edge columns allocated,
// chooses it (edges are two thirds of a typical file). Counting from where
// this thread has got to, not from the start, keeps them even when faulting
// in the 9 bytes per edge is slow: on the 2-core benchmark VM, in an hour
// when fresh memory cost 3 s per GB, that allocation took 0.07-1.7 s. No array's
// checks need another's values (the sum of edge counts is checked against
// the meta's edge_count), and errors come out in file order: this thread's
// first. Any other layout is read in order.
absl::Status Parser::ParseNodesAndEdges() {
  cursor_.SkipWhitespace();
  const uint64_t nodes_start = cursor_.offset();
  const uint64_t edges_start = FindEdgesArray();
  if (edges_start == 0) {
    progress_.Stage("Reading nodes", file_.data().size(), ProgressUnit::kBytes);
    HS_ASSIGN_OR_RETURN(std::unique_ptr<FileWindow> window, WindowAt(nodes_start));
    HS_RETURN_IF_ERROR(ParseNodes(*window, [&](uint64_t offset) { progress_.Advance(offset); }));
    CatchUp(*window);
    return absl::OkStatus();
  }
  have_edges_ = true;
  progress_.Stage("Reading nodes and edges", file_.data().size(), ProgressUnit::kBytes);
  // The other thread allocates the edge columns and finds the split while
  // this one reads the nodes, then reads the edges after the split (all of
  // them if there is none).
  std::promise<uint64_t> split_found;
  std::shared_future<uint64_t> split_at = split_found.get_future().share();
  std::atomic<uint64_t> head_read{0};  // Bytes from nodes_start.
  std::atomic<uint64_t> tail_read{0};
  std::unique_ptr<FileWindow> tail_window;
  std::future<absl::Status> tail = std::async(std::launch::async, [&]() -> absl::Status {
    JsonCursor edges_cursor = cursor_;  // For CheckFits: at the edges' '['.
    edges_cursor.set_pos(file_.data().data() + edges_start);
    if (absl::Status fits = PrepareEdges(edges_cursor); !fits.ok()) {
      split_found.set_value(0);
      return fits;
    }
    uint64_t values_before = 0;
    const uint64_t nodes_bytes = edges_start - nodes_start;
    const uint64_t nodes_left = nodes_bytes - std::min(nodes_bytes, head_read.load(std::memory_order_relaxed));
    const uint64_t split = FindEdgesSplit(edges_start, nodes_left, values_before);
    split_found.set_value(split);
    const uint64_t start = split != 0 ? split + 1 : edges_start;
    HS_ASSIGN_OR_RETURN(tail_window, WindowAt(start));
    const Tick tick = [&](uint64_t offset) { tail_read.store(offset - start, std::memory_order_relaxed); };
    if (split == 0) return ParseEdges(*tail_window, tick);
    return ParseEdgeValues(*tail_window, values_before, kNoStop, tick);
  });
  auto report = [&] {
    progress_.Advance(nodes_start + head_read.load(std::memory_order_relaxed) +
                      tail_read.load(std::memory_order_relaxed));
  };
  const Tick head_tick = [&](uint64_t offset) {
    head_read.store(offset - nodes_start, std::memory_order_relaxed);
    report();
  };
  absl::Status head = [&]() -> absl::Status {
    HS_ASSIGN_OR_RETURN(std::unique_ptr<FileWindow> window, WindowAt(nodes_start));
    return ParseNodes(*window, head_tick);
  }();
  const uint64_t split = split_at.get();
  out_.edges_split_offset = split;
  if (head.ok() && split != 0) {
    head = [&]() -> absl::Status {
      HS_ASSIGN_OR_RETURN(std::unique_ptr<FileWindow> window, WindowAt(edges_start));
      bool empty = false;  // Not with a comma after the '['.
      HS_RETURN_IF_ERROR(EnterUintArray(*window, empty));
      return ParseEdgeValues(*window, 0, split, head_tick);
    }();
  }
  while (tail.wait_for(std::chrono::milliseconds(100)) != std::future_status::ready) report();
  HS_RETURN_IF_ERROR(head);  // The earlier error in the file comes first.
  HS_RETURN_IF_ERROR(tail.get());
  CatchUp(*tail_window);
  return absl::OkStatus();
}

// Where to split the edges array (its '[' at offset `edges_at`) between the
// two threads: the offset of a comma between two values, with
// `values_before` set to the number of values before it; or 0 to leave it
// whole (small, or no comma where wanted). The array's length is not known
// yet: it is estimated from the meta's edge count and the bytes per value of
// its first megabyte. The values before the comma are counted by their
// commas, read by pread as the parser reads; if the text there is not a
// well-formed array, the reader of the first part fails before the count
// matters.
uint64_t Parser::FindEdgesSplit(uint64_t edges_at, uint64_t nodes_left, uint64_t& values_before) const {
  const uint64_t values = out_.meta.edge_count * static_cast<uint64_t>(out_.meta.edge_field_count());
  if (values < 2 || values < limits_.split_edges_from_values) return 0;
  const uint64_t file_size = file_.data().size();
  std::vector<char> buffer(FileWindow::BufferBytes(file_size, edges_at));
  auto read = [&](uint64_t offset, size_t length) -> std::string_view {
    length = static_cast<size_t>(std::min<uint64_t>(length, file_size - offset));
    if (!file_.CopyOut(offset, length, buffer.data()).ok()) return {};
    return std::string_view(buffer.data(), length);
  };
  const std::string_view sample = read(edges_at, buffer.size());
  const uint64_t sample_commas = static_cast<uint64_t>(std::count(sample.begin(), sample.end(), ','));
  if (sample_commas == 0) return 0;
  const double bytes_per_value = static_cast<double>(sample.size()) / static_cast<double>(sample_commas);
  const double edges_bytes = bytes_per_value * static_cast<double>(values);
  // The nodes' reader has nodes_left + x bytes to go, this thread edges_bytes - x.
  const double head_edge_bytes = (edges_bytes - static_cast<double>(nodes_left)) / 2;
  if (head_edge_bytes < 1 || head_edge_bytes >= static_cast<double>(file_size - edges_at)) return 0;
  // The first comma at or after the estimate, with only digits and
  // whitespace before it there.
  uint64_t split = edges_at + static_cast<uint64_t>(head_edge_bytes);
  while (true) {
    const std::string_view text = read(split, 64);
    size_t i = 0;
    while (i < text.size() && text[i] != ',' && (static_cast<unsigned>(text[i] - '0') <= 9u ||
                                                 JsonCursor::IsWhitespace(text[i]))) {
      ++i;
    }
    if (i == text.size() && text.size() == 64) {
      split += 64;
      continue;
    }
    if (i == text.size()) return 0;
    if (text[i] != ',') return 0;
    split += i;
    break;
  }
  // Count the commas before it (and make sure the array does not end first).
  uint64_t commas = 0;
  for (uint64_t offset = edges_at + 1; offset < split;) {
    const std::string_view chunk = read(offset, static_cast<size_t>(std::min<uint64_t>(buffer.size(), split - offset)));
    if (chunk.empty()) return 0;
    size_t chunk_commas = 0, closes = 0;
    for (char c : chunk) {  // One pass, vectorized.
      chunk_commas += c == ',';
      closes += c == ']';
    }
    if (closes != 0) return 0;
    commas += chunk_commas;
    offset += chunk.size();
  }
  values_before = commas + 1;
  return split;
}

// With the cursor at the nodes' value ('['): the offset of the '[' of an
// "edges" key's value directly after the nodes' array, or 0. The nodes'
// array holds only digits, commas and whitespace, so its first ']' closes
// it; it is found by pread, as the parser reads.
uint64_t Parser::FindEdgesArray() const {
  const char* const data = file_.data().data();
  const uint64_t file_size = file_.data().size();
  uint64_t offset = cursor_.offset();
  if (offset == file_size || data[offset] != '[') return 0;
  std::vector<char> buffer(FileWindow::BufferBytes(file_size, offset));
  uint64_t close = 0;
  while (close == 0 && offset < file_size) {
    const size_t length = static_cast<size_t>(std::min<uint64_t>(buffer.size(), file_size - offset));
    if (!file_.CopyOut(offset, length, buffer.data()).ok()) return 0;
    if (const void* hit = std::memchr(buffer.data(), ']', length)) {
      close = offset + static_cast<uint64_t>(static_cast<const char*>(hit) - buffer.data());
    }
    offset += length;
  }
  if (close == 0) return 0;
  // The few bytes after it are read through the mapping.
  const char* p = data + close + 1;
  const char* end = data + file_size;
  auto skip_whitespace = [&] {
    while (p < end && JsonCursor::IsWhitespace(*p)) ++p;
  };
  skip_whitespace();
  if (p == end || *p++ != ',') return 0;
  skip_whitespace();
  constexpr std::string_view kEdgesKey = "\"edges\"";
  if (static_cast<size_t>(end - p) < kEdgesKey.size() || std::string_view(p, kEdgesKey.size()) != kEdgesKey) {
    return 0;
  }
  p += kEdgesKey.size();
  skip_whitespace();
  if (p == end || *p++ != ':') return 0;
  skip_whitespace();
  return p < end && *p == '[' ? static_cast<uint64_t>(p - data) : 0;
}

absl::Status Parser::ParseNodes(FileWindow& window, const Tick& tick) {
  const SnapshotMeta& meta = out_.meta;
  const uint64_t node_count = meta.node_count;
  const uint32_t field_count = static_cast<uint32_t>(meta.node_field_count());
  HS_RETURN_IF_ERROR(CheckFits(cursor_, "nodes", node_count * field_count));
  out_.node_type.resize(node_count);
  out_.node_name.resize(node_count);
  out_.node_id.resize(node_count);
  out_.node_self_size.Reserve(node_count);
  out_.first_edge.resize(node_count + 1);
  if (meta.node_trace_node_id != kAbsentField) out_.node_trace_node_id.resize(node_count);
  if (meta.node_detachedness != kAbsentField) out_.node_detachedness.resize(node_count);
  const uint64_t type_count = meta.node_types.size();

  // Locals, not members, as in ParseEdgeValues: stores into the uint8_t
  // columns may alias anything.
  const int type_field = meta.node_type, name_field = meta.node_name, id_field = meta.node_id,
            size_field = meta.node_self_size, edge_count_field = meta.node_edge_count,
            trace_field = meta.node_trace_node_id, detachedness_field = meta.node_detachedness;
  const uint64_t edge_count = meta.edge_count;
  uint8_t* const types = out_.node_type.data();
  uint32_t* const names = out_.node_name.data();
  uint32_t* const ids = out_.node_id.data();
  uint32_t* const first_edges = out_.first_edge.data();
  uint32_t* const trace_ids = out_.node_trace_node_id.data();
  uint8_t* const detachedness = out_.node_detachedness.data();
  SizeColumn& self_sizes = out_.node_self_size;
  uint64_t edge_count_sum = 0;

  uint64_t node = 0;
  uint32_t field = 0;
  auto sink = [&](uint64_t value, uint64_t offset) -> absl::Status {
    if (node >= node_count) {
      return cursor_.ErrorAt(offset, StrCat("nodes: more than node_count (", node_count,
                                                  ") x ", field_count, " values"));
    }
    const int f = static_cast<int>(field);
    auto too_big = [&](std::string_view name) {
      return cursor_.ErrorAt(offset, StrCat("node ", node, ": ", name, " ", value, " is out of range"));
    };
    if (f == type_field) {
      if (value >= type_count) return too_big("type");
      types[node] = static_cast<uint8_t>(value);
    } else if (f == name_field) {
      if (value > UINT32_MAX) return too_big("name");
      names[node] = static_cast<uint32_t>(value);
    } else if (f == id_field) {
      if (value > UINT32_MAX) return too_big("id");
      ids[node] = static_cast<uint32_t>(value);
    } else if (f == size_field) {
      self_sizes.Append(value);  // Once per node, in order.
    } else if (f == edge_count_field) {
      first_edges[node] = static_cast<uint32_t>(edge_count_sum);
      edge_count_sum += value;
      if (value > edge_count || edge_count_sum > edge_count) {
        return cursor_.ErrorAt(offset, StrCat("node ", node, ": edge_count values add up to more than "
                                                    "snapshot.edge_count (", edge_count, ")"));
      }
    } else if (f == trace_field) {
      if (value > UINT32_MAX) return too_big("trace_node_id");
      trace_ids[node] = static_cast<uint32_t>(value);
    } else if (f == detachedness_field) {
      // DevTools keeps only the low two bits (DOMLinkState).
      detachedness[node] = static_cast<uint8_t>(value & 3);
    }
    if (++field == field_count) {
      field = 0;
      ++node;
    }
    return absl::OkStatus();
  };
  HS_RETURN_IF_ERROR(ReadUintArray(window, sink, tick));
  const uint64_t after = window.cursor().offset();  // Past the ']'.
  if (node != node_count || field != 0) {
    return cursor_.ErrorAt(after - 1,
                           StrCat("nodes: ", node * field_count + field, " values, expected node_count (",
                                        node_count, ") x ", field_count, " = ", node_count * field_count));
  }
  if (edge_count_sum != meta.edge_count) {
    return cursor_.ErrorAt(after - 1,
                           StrCat("nodes: edge_count values add up to ", edge_count_sum,
                                        ", but snapshot.edge_count is ", meta.edge_count));
  }
  out_.first_edge[node_count] = static_cast<uint32_t>(edge_count_sum);
  return absl::OkStatus();
}

absl::Status Parser::PrepareEdges(const JsonCursor& cursor) {
  const uint64_t edge_count = out_.meta.edge_count;
  HS_RETURN_IF_ERROR(CheckFits(cursor, "edges", edge_count * static_cast<uint64_t>(out_.meta.edge_field_count())));
  out_.edge_type.resize(edge_count);
  out_.edge_name_or_index.resize(edge_count);
  out_.edge_to_node.resize(edge_count);
  return absl::OkStatus();
}

// After PrepareEdges: the whole array from its '[' (the window's start).
absl::Status Parser::ParseEdges(FileWindow& window, const Tick& tick) {
  bool empty = false;
  HS_RETURN_IF_ERROR(EnterUintArray(window, empty));
  if (empty) return CheckEdgeValueCount(window.cursor(), 0);
  return ParseEdgeValues(window, 0, kNoStop, tick);
}

// Reads edge values from the window (at a value) into the columns, the
// first being value number `first_value` of the array, through the closing
// ']' or up to the comma at offset `stop`. Two threads may each read one part
// at once: they write disjoint rows.
absl::Status Parser::ParseEdgeValues(FileWindow& window, uint64_t first_value, uint64_t stop, const Tick& tick) {
  const SnapshotMeta& meta = out_.meta;
  const uint64_t edge_count = meta.edge_count;
  const uint32_t field_count = static_cast<uint32_t>(meta.edge_field_count());
  const uint64_t node_field_count = static_cast<uint64_t>(meta.node_field_count());
  const uint64_t node_count = meta.node_count;
  const uint64_t type_count = meta.edge_types.size();

  // Locals, not members: every store into the uint8_t type column may alias
  // anything, which would make the compiler reload the meta and the columns'
  // addresses for every value.
  const int type_field = meta.edge_type, name_field = meta.edge_name_or_index, to_field = meta.edge_to_node;
  uint8_t* const types = out_.edge_type.data();
  uint32_t* const names = out_.edge_name_or_index.data();
  uint32_t* const targets = out_.edge_to_node.data();
  const ExactDivisor node_fields(node_field_count);
  uint64_t edge = first_value / field_count;
  uint32_t field = static_cast<uint32_t>(first_value % field_count);
  auto sink = [&](uint64_t value, uint64_t offset) -> absl::Status {
    if (edge >= edge_count) {
      return window.cursor().ErrorAt(offset, StrCat("edges: more than edge_count (", edge_count, ") x ",
                                                  field_count, " values"));
    }
    const int f = static_cast<int>(field);
    if (f == type_field) {
      if (value >= type_count) {
        return window.cursor().ErrorAt(offset, StrCat("edge ", edge, ": type ", value, " is out of range (",
                                                    type_count, " edge types)"));
      }
      types[edge] = static_cast<uint8_t>(value);
    } else if (f == name_field) {
      if (value > UINT32_MAX) {
        return window.cursor().ErrorAt(offset, StrCat("edge ", edge, ": name_or_index ", value, " is too large"));
      }
      names[edge] = static_cast<uint32_t>(value);
    } else if (f == to_field) {
      // Format fact: to_node is the target's ordinal x node field count.
      uint64_t ordinal = 0;
      if (!node_fields.Divide(value, ordinal)) {
        return window.cursor().ErrorAt(offset, StrCat("edge ", edge, ": to_node ", value,
                                                    " is not a multiple of the node field count ",
                                                    node_field_count));
      }
      if (ordinal >= node_count) {
        return window.cursor().ErrorAt(offset, StrCat("edge ", edge, ": to_node ", value,
                                                    " is past the last node (node_count ", node_count, ")"));
      }
      targets[edge] = static_cast<uint32_t>(ordinal);
    }
    if (++field == field_count) {
      field = 0;
      ++edge;
    }
    return absl::OkStatus();
  };
  HS_RETURN_IF_ERROR(ReadUintValues(window, sink, tick, stop));
  if (window.cursor().offset() == stop) return absl::OkStatus();  // The other part has the ']'.
  return CheckEdgeValueCount(window.cursor(), edge * field_count + field);
}

// With the cursor just past the edges' ']'.
absl::Status Parser::CheckEdgeValueCount(const JsonCursor& cursor, uint64_t values) const {
  const uint64_t expected = out_.meta.edge_count * static_cast<uint64_t>(out_.meta.edge_field_count());
  if (values == expected) return absl::OkStatus();
  return cursor.ErrorAt(cursor.offset() - 1, StrCat("edges: ", values, " values, expected edge_count (",
                                                    out_.meta.edge_count, ") x ", out_.meta.edge_field_count(),
                                                    " = ", expected));
}

absl::Status Parser::ParseLocations() {
  const SnapshotMeta& meta = out_.meta;
  const size_t field_count = meta.location_fields.size();
  if (field_count == 0) {
    // No layout to read rows with: DevTools ignores the section too.
    std::string_view skipped;
    return cursor_.SkipValue(skipped);
  }
  const uint64_t node_field_count = static_cast<uint64_t>(meta.node_field_count());
  std::vector<uint32_t> row(field_count);
  size_t field = 0;
  uint64_t object_index_offset = 0;  // Errors about the row point at its object_index.
  auto sink = [&](uint64_t value, uint64_t offset) -> absl::Status {
    if (value > UINT32_MAX) return cursor_.ErrorAt(offset, "locations: value too large");
    if (field == static_cast<size_t>(meta.location_object_index)) object_index_offset = offset;
    row[field] = static_cast<uint32_t>(value);
    if (++field < field_count) return absl::OkStatus();
    field = 0;
    uint64_t object_index = row[static_cast<size_t>(meta.location_object_index)];
    if (object_index % node_field_count != 0 || object_index / node_field_count >= meta.node_count) {
      return cursor_.ErrorAt(object_index_offset,
                             StrCat("locations: object_index ", object_index, " is not a node index"));
    }
    out_.locations.push_back(Location{static_cast<uint32_t>(object_index / node_field_count),
                                      row[static_cast<size_t>(meta.location_script_id)],
                                      row[static_cast<size_t>(meta.location_line)],
                                      row[static_cast<size_t>(meta.location_column)]});
    return absl::OkStatus();
  };
  HS_RETURN_IF_ERROR(ReadUintArray(cursor_, sink, [&](uint64_t offset) { file_.ReleaseBefore(offset); }));
  if (field != 0) return cursor_.Error("locations: the last row is incomplete");
  return absl::OkStatus();
}

absl::Status Parser::ParseStrings() {
  progress_.Stage("Reading strings", file_.data().size(), ProgressUnit::kBytes);
  HS_RETURN_IF_ERROR(cursor_.Expect('['));
  if (cursor_.Peek() == ']') return cursor_.Expect(']');
  StringTable& strings = out_.strings;
  uint64_t next_release = cursor_.offset() + (64u << 20);
  while (true) {
    HS_RETURN_IF_ERROR(DecodeJsonString(cursor_, strings.mutable_arena()));
    strings.SealString();
    if (strings.size() > kMaxCount) return cursor_.Error("strings: more than 2^32 - 2 strings");
    if (cursor_.offset() >= next_release) {
      file_.ReleaseBefore(cursor_.offset());
      progress_.Advance(cursor_.offset());
      next_release = cursor_.offset() + (64u << 20);
    }
    char next = cursor_.Peek();
    if (next == ',') {
      HS_RETURN_IF_ERROR(cursor_.Expect(','));
      continue;
    }
    return cursor_.Expect(']');
  }
}

absl::Status Parser::CheckIndices() {
  const uint32_t string_count = out_.strings.size();
  auto error = [&](std::string_view what) {
    return absl::InvalidArgumentError(StrCat(file_.name(), ": ", what));
  };
  for (uint32_t node = 0; node < out_.node_count(); ++node) {
    if (out_.node_name[node] >= string_count) {
      return error(StrCat("nodes[", node, "].name: string index ", out_.node_name[node],
                                " is out of range (", string_count, " strings)"));
    }
  }
  // Element and hidden edges carry an index; every other edge type a name.
  std::array<bool, 256> named{};
  for (size_t type = 0; type < out_.meta.edge_types.size(); ++type) {
    named[type] = out_.meta.edge_types[type] != "element" && out_.meta.edge_types[type] != "hidden";
  }
  for (uint32_t edge = 0; edge < out_.edge_count(); ++edge) {
    if (named[out_.edge_type[edge]] && out_.edge_name_or_index[edge] >= string_count) {
      return error(StrCat("edges[", edge, "].name_or_index: string index ", out_.edge_name_or_index[edge],
                                " is out of range (", string_count, " strings)"));
    }
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<RawSnapshot> ParseSnapshot(MappedFile& file, Progress& progress, const ParseLimits& limits) {
  Parser parser(file, progress, limits);
  return parser.Run();
}

}  // namespace heapsleuth::snapshot

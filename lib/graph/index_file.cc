#include "lib/graph/index_file.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <bit>
#include <cerrno>
#include <cstring>
#include <future>
#include <type_traits>
#include <vector>

#include "lib/base/atomic_file.h"
#include "lib/base/byte_reader.h"
#include "lib/base/byte_writer.h"
#include "lib/base/checked_math.h"
#include "lib/base/status_macros.h"
#include "lib/base/str_cat.h"

namespace heapsleuth::graph {

static_assert(std::endian::native == std::endian::little,
              "the index file is little-endian and is read in place: a big-endian port must byte-swap");
static_assert(sizeof(snapshot::Location) == 16 && std::is_trivially_copyable_v<snapshot::Location>);

// Fills a Graph from the index's sections (Graph's friend).
struct IndexAccess {
  static Graph& Fill(Graph& graph, snapshot::SnapshotMeta meta, snapshot::StringTable strings, uint32_t root,
                     uint64_t file_bytes) {
    graph.meta_ = std::move(meta);
    graph.strings_ = std::move(strings);
    graph.root_ = root;
    graph.file_bytes_ = file_bytes;
    return graph;
  }
  static Graph NewGraph() { return Graph(); }
  static void SetNodes(Graph& graph, Column<uint8_t> type, Column<uint32_t> name, Column<uint32_t> id,
                       SizeColumn self_size, Column<uint32_t> trace_node_id, Column<uint8_t> detachedness,
                       Column<uint32_t> first_edge) {
    graph.node_type_ = std::move(type);
    graph.node_name_ = std::move(name);
    graph.node_id_ = std::move(id);
    graph.node_self_size_ = std::move(self_size);
    graph.node_trace_node_id_ = std::move(trace_node_id);
    graph.node_detachedness_ = std::move(detachedness);
    graph.first_edge_ = std::move(first_edge);
  }
  static void SetEdges(Graph& graph, Column<uint8_t> type, Column<uint32_t> name_or_index,
                       Column<uint32_t> to_node, Column<snapshot::Location> locations) {
    graph.edge_type_ = std::move(type);
    graph.edge_name_or_index_ = std::move(name_or_index);
    graph.edge_to_node_ = std::move(to_node);
    graph.locations_ = std::move(locations);
    graph.ResolveTypes();
  }
};

namespace {

constexpr char kMagic[8] = {'H', 'S', 'I', 'D', 'X', '\0', '\r', '\n'};
constexpr uint32_t kByteOrderMark = 0x01020304;
constexpr size_t kHeaderBytes = 128;
constexpr size_t kEntryBytes = 48;
constexpr size_t kAlign = 64;
constexpr size_t kNameBytes = 16;
constexpr uint64_t kHashEnds = uint64_t{1} << 20;

// Header field offsets.
constexpr size_t kVersionAt = 8, kByteOrderAt = 12, kSourceSizeAt = 16, kSourceMtimeAt = 24,
                 kSourceHashAt = 32, kNodeCountAt = 40, kEdgeCountAt = 44, kSectionCountAt = 48,
                 kRootAt = 52, kFileSizeAt = 56, kChecksumAt = 64;

// The sections, in file order. Row counts: n nodes, e edges; "n+1" for CSR
// offsets, "var" where the count is free but bounded by the checks.
enum Section : int {
  kMeta,              // bytes: see EncodeMeta
  kStringArena,       // bytes (WTF-8)
  kStringOffsets,     // u64, strings + 1
  kNodeType,          // u8, n
  kNodeName,          // u32, n
  kNodeId,            // u32, n
  kNodeSelfSize,      // u32, n (SizeColumn's rows)
  kNodeSelfSizeLarge, // {u32 row, u32 0, u64 size}, var
  kNodeTraceNodeId,   // u32, n or 0
  kNodeDetachedness,  // u8, n or 0 (as written by the embedder)
  kFirstEdge,         // u32, n+1
  kEdgeType,          // u8, e
  kEdgeNameOrIndex,   // u32, e
  kEdgeToNode,        // u32, e
  kLocations,         // {u32 node, script, line, column}, var (sorted, one per node)
  kDetachedness,      // u8, n (after propagation)
  kSelfSize,          // u64, n (DevTools' shallow size)
  kDistance,          // i32, n
  kDominator,         // u32, n
  kDfsOrder,          // u32, n
  kRetainedSize,      // u64, n
  kClassArena,        // bytes
  kClassOffsets,      // u64, classes + 1
  kNodeClass,         // u32, n
  kRetainerFirst,     // u32, n+1
  kRetainerEdge,      // u32, e
  kRetainerNode,      // u32, e
  kSummary,           // bytes: lib/analysis/heap_summary.h's encoding, or empty
  kSectionCount
};

struct SectionSpec {
  const char* name;
  uint32_t element_size;
};
constexpr std::array<SectionSpec, kSectionCount> kSpecs = {{
    {"meta", 1},           {"string.arena", 1},  {"string.offsets", 8}, {"node.type", 1},
    {"node.name", 4},      {"node.id", 4},       {"node.self_size", 4}, {"node.self_large", 16},
    {"node.trace_id", 4},  {"node.detached", 1}, {"node.first_edge", 4}, {"edge.type", 1},
    {"edge.name", 4},      {"edge.to_node", 4},  {"locations", 16},     {"a.detachedness", 1},
    {"a.self_size", 8},    {"a.distance", 4},    {"a.dominator", 4},    {"a.dfs_order", 4},
    {"a.retained_size", 8}, {"a.class_arena", 1}, {"a.class_offsets", 8}, {"a.node_class", 4},
    {"r.first", 4},        {"r.edge", 4},        {"r.node", 4},        {"summary", 1},
}};

// A fast 64-bit hash (four multiply-rotate lanes over 32-byte blocks, then
// the tail; constants from xxHash64). Not cryptographic: it detects damage,
// not forgery, and runs at memory speed.
constexpr uint64_t kP1 = 0x9E3779B185EBCA87ULL, kP2 = 0xC2B2AE3D27D4EB4FULL, kP3 = 0x165667B19E3779F9ULL;
uint64_t Load64(const unsigned char* p) {
  uint64_t v;
  std::memcpy(&v, p, 8);
  return v;
}
uint64_t Round(uint64_t acc, uint64_t input) { return std::rotl(acc + input * kP2, 31) * kP1; }
uint64_t HashBytes(const void* data, size_t size, uint64_t seed = 0) {
  static constexpr unsigned char kNothing[1] = {0};  // Empty ranges may come as a null pointer.
  const auto* p = size == 0 ? kNothing : static_cast<const unsigned char*>(data);
  const unsigned char* end = p + size;
  uint64_t h;
  if (size >= 32) {
    uint64_t v1 = seed + kP1 + kP2, v2 = seed + kP2, v3 = seed, v4 = seed - kP1;
    const unsigned char* limit = end - 32;
    do {
      v1 = Round(v1, Load64(p));
      v2 = Round(v2, Load64(p + 8));
      v3 = Round(v3, Load64(p + 16));
      v4 = Round(v4, Load64(p + 24));
      p += 32;
    } while (p <= limit);
    h = std::rotl(v1, 1) + std::rotl(v2, 7) + std::rotl(v3, 12) + std::rotl(v4, 18);
  } else {
    h = seed + kP3;
  }
  h += size;
  for (; p + 8 <= end; p += 8) h = std::rotl(h ^ Round(0, Load64(p)), 27) * kP1 + kP2;
  for (; p < end; ++p) h = std::rotl(h ^ (*p * kP3), 11) * kP1;
  h ^= h >> 33;
  h *= kP2;
  h ^= h >> 29;
  h *= kP3;
  h ^= h >> 32;
  return h;
}

// A section's checksum: the hash of its 1 MiB blocks' hashes (and its size).
// Blocks let the reader hash on two threads and hand each block's pages back
// as soon as it is hashed, so that checking a 3 GB index never holds it all.
constexpr uint64_t kChecksumBlock = uint64_t{1} << 20;
uint64_t SectionChecksum(const char* data, uint64_t size, const MappedFile* release = nullptr) {
  const uint64_t blocks = (size + kChecksumBlock - 1) / kChecksumBlock;
  std::vector<uint64_t> hashes(blocks);
  auto hash_blocks = [&](uint64_t first, uint64_t step) {
    for (uint64_t b = first; b < blocks; b += step) {
      const uint64_t begin = b * kChecksumBlock, length = std::min(kChecksumBlock, size - begin);
      hashes[b] = HashBytes(data + begin, length);
      if (release != nullptr) {
        const size_t at = static_cast<size_t>(data + begin - release->data().data());
        release->ReleaseRange(at, at + length);
      }
    }
  };
  if (blocks >= 8) {
    std::future<void> other = std::async(std::launch::async, hash_blocks, 1, 2);
    hash_blocks(0, 2);
    other.get();
  } else {
    hash_blocks(0, 1);
  }
  return HashBytes(hashes.data(), hashes.size() * sizeof(uint64_t), size);
}

template <typename T>
void PutAt(std::string& out, size_t at, T value) {
  std::memcpy(out.data() + at, &value, sizeof value);
}
template <typename T>
T GetAt(const char* base, size_t at) {
  T value;
  std::memcpy(&value, base + at, sizeof value);
  return value;
}

// The meta: counts, field offsets and the name lists, with lengths.
std::string EncodeMeta(const snapshot::SnapshotMeta& meta, uint64_t file_bytes) {
  std::string out;
  AppendValue<uint64_t>(out, meta.node_count);
  AppendValue<uint64_t>(out, meta.edge_count);
  AppendValue<uint64_t>(out, meta.trace_function_count);
  AppendValue<uint64_t>(out, meta.root_index.has_value() ? 1 : 0);
  AppendValue<uint64_t>(out, meta.root_index.value_or(0));
  AppendValue<uint64_t>(out, meta.extra_native_bytes);
  AppendValue<uint64_t>(out, file_bytes);
  for (int field : {meta.node_type, meta.node_name, meta.node_id, meta.node_self_size, meta.node_edge_count,
                    meta.node_trace_node_id, meta.node_detachedness, meta.edge_type, meta.edge_name_or_index,
                    meta.edge_to_node, meta.location_object_index, meta.location_script_id, meta.location_line,
                    meta.location_column}) {
    AppendValue<int32_t>(out, field);
  }
  for (const std::vector<std::string>* list :
       {&meta.node_fields, &meta.node_types, &meta.edge_fields, &meta.edge_types, &meta.location_fields,
        &meta.sample_fields, &meta.trace_function_info_fields}) {
    AppendTextList(out, *list);
  }
  return out;
}

struct OutSection {
  const void* data = nullptr;
  uint64_t bytes = 0;
};

template <typename T>
OutSection Out(const Column<T>& column) {
  return {column.data(), column.size() * sizeof(T)};
}
OutSection Out(const std::string& bytes) { return {bytes.data(), bytes.size()}; }
OutSection Out(std::string_view bytes) { return {bytes.data(), bytes.size()}; }

uint64_t AlignUp(uint64_t value) { return (value + kAlign - 1) / kAlign * kAlign; }

}  // namespace

uint64_t IndexChecksum(const void* data, size_t size) { return HashBytes(data, size); }

int64_t IndexSectionEntry(std::string_view name) {
  for (int s = 0; s < kSectionCount; ++s) {
    if (name == kSpecs[s].name) return static_cast<int64_t>(kHeaderBytes + s * kEntryBytes);
  }
  return -1;
}

void ResealIndex(std::string& bytes) {
  const size_t table_end = kHeaderBytes + kSectionCount * kEntryBytes;
  if (bytes.size() < table_end) return;
  for (int s = 0; s < kSectionCount; ++s) {
    const size_t at = kHeaderBytes + s * kEntryBytes;
    const uint64_t offset = GetAt<uint64_t>(bytes.data(), at + 16), size = GetAt<uint64_t>(bytes.data(), at + 24);
    if (offset <= bytes.size() && size <= bytes.size() - offset) {
      PutAt<uint64_t>(bytes, at + 40, SectionChecksum(bytes.data() + offset, size));
    }
  }
  PutAt<uint64_t>(bytes, kChecksumAt, 0);
  PutAt<uint64_t>(bytes, kChecksumAt, HashBytes(bytes.data(), table_end));
}

absl::StatusOr<SourceStamp> StampSource(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return absl::NotFoundError(StrCat(path, ": cannot open: ", std::strerror(errno)));
  struct stat st;
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(fd);
    return absl::InvalidArgumentError(StrCat(path, ": not a regular file"));
  }
  SourceStamp stamp;
  stamp.size = static_cast<uint64_t>(st.st_size);
  stamp.mtime_ns = static_cast<int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
  // The first and the last MiB (the whole file when smaller than 2 MiB).
  std::string ends;
  auto read_at = [&](uint64_t offset, uint64_t length) {
    const size_t old = ends.size();
    ends.resize(old + length);
    size_t done = 0;
    while (done < length) {
      const ssize_t n = ::pread(fd, ends.data() + old + done, length - done, static_cast<off_t>(offset + done));
      if (n <= 0) break;
      done += static_cast<size_t>(n);
    }
    ends.resize(old + done);
  };
  if (stamp.size <= 2 * kHashEnds) {
    read_at(0, stamp.size);
  } else {
    read_at(0, kHashEnds);
    read_at(stamp.size - kHashEnds, kHashEnds);
  }
  ::close(fd);
  stamp.hash = HashBytes(ends.data(), ends.size(), stamp.size);
  return stamp;
}

absl::Status WriteIndex(const std::string& path, const Graph& graph, const HeapAnalysis& analysis,
                        const Retainers& retainers, std::string_view summary, const SourceStamp& source,
                        Progress& progress) {
  const std::string meta = EncodeMeta(graph.meta(), graph.file_bytes());
  std::string self_large;
  for (const auto& [row, size] : graph.node_self_size_column().large_rows()) {
    AppendValue<uint32_t>(self_large, row);
    AppendValue<uint32_t>(self_large, 0);
    AppendValue<uint64_t>(self_large, size);
  }
  std::string class_arena;
  std::vector<uint64_t> class_offsets{0};
  for (const std::string& name : analysis.class_names.names) {
    class_arena.append(name);
    class_offsets.push_back(class_arena.size());
  }
  const Column<uint64_t> class_offset_column(std::move(class_offsets));

  std::array<OutSection, kSectionCount> sections;
  sections[kMeta] = Out(meta);
  sections[kStringArena] = Out(graph.strings().arena());
  sections[kStringOffsets] = Out(graph.strings().offsets());
  sections[kNodeType] = Out(graph.node_type_column());
  sections[kNodeName] = Out(graph.node_name_column());
  sections[kNodeId] = Out(graph.node_id_column());
  sections[kNodeSelfSize] = Out(graph.node_self_size_column().small_rows());
  sections[kNodeSelfSizeLarge] = Out(self_large);
  sections[kNodeTraceNodeId] = Out(graph.node_trace_node_id_column());
  sections[kNodeDetachedness] = Out(graph.node_detachedness_column());
  sections[kFirstEdge] = Out(graph.first_edge_column());
  sections[kEdgeType] = Out(graph.edge_type_column());
  sections[kEdgeNameOrIndex] = Out(graph.edge_name_or_index_column());
  sections[kEdgeToNode] = Out(graph.edge_to_node_column());
  sections[kLocations] = Out(graph.locations());
  sections[kDetachedness] = Out(analysis.detachedness);
  sections[kSelfSize] = Out(analysis.self_size);
  sections[kDistance] = Out(analysis.distance);
  sections[kDominator] = Out(analysis.dominators.dominator);
  sections[kDfsOrder] = Out(analysis.dominators.dfs_order);
  sections[kRetainedSize] = Out(analysis.dominators.retained_size);
  sections[kClassArena] = Out(class_arena);
  sections[kClassOffsets] = Out(class_offset_column);
  sections[kNodeClass] = Out(analysis.class_names.node_class);
  sections[kRetainerFirst] = Out(retainers.first_column());
  sections[kRetainerEdge] = Out(retainers.edge_column());
  sections[kRetainerNode] = Out(retainers.node_column());
  sections[kSummary] = Out(summary);

  // Header and table first: the checksums come from the columns in memory.
  std::string head(AlignUp(kHeaderBytes + kSectionCount * kEntryBytes), '\0');
  uint64_t offset = head.size();
  for (int s = 0; s < kSectionCount; ++s) {
    char* entry = head.data() + kHeaderBytes + s * kEntryBytes;
    std::strncpy(entry, kSpecs[s].name, kNameBytes);
    const size_t at = kHeaderBytes + s * kEntryBytes;
    PutAt<uint64_t>(head, at + 16, offset);
    PutAt<uint64_t>(head, at + 24, sections[s].bytes);
    PutAt<uint32_t>(head, at + 32, kSpecs[s].element_size);
    PutAt<uint64_t>(head, at + 40, SectionChecksum(static_cast<const char*>(sections[s].data), sections[s].bytes));
    offset = AlignUp(offset + sections[s].bytes);
  }
  std::memcpy(head.data(), kMagic, sizeof kMagic);
  PutAt<uint32_t>(head, kVersionAt, kIndexFormatVersion);
  PutAt<uint32_t>(head, kByteOrderAt, kByteOrderMark);
  PutAt<uint64_t>(head, kSourceSizeAt, source.size);
  PutAt<int64_t>(head, kSourceMtimeAt, source.mtime_ns);
  PutAt<uint64_t>(head, kSourceHashAt, source.hash);
  PutAt<uint32_t>(head, kNodeCountAt, graph.node_count());
  PutAt<uint32_t>(head, kEdgeCountAt, graph.edge_count());
  PutAt<uint32_t>(head, kSectionCountAt, kSectionCount);
  PutAt<uint32_t>(head, kRootAt, graph.root());
  PutAt<uint64_t>(head, kFileSizeAt, offset);
  PutAt<uint64_t>(head, kChecksumAt, HashBytes(head.data(), kHeaderBytes + kSectionCount * kEntryBytes));

  HS_ASSIGN_OR_RETURN(std::unique_ptr<AtomicFile> file, AtomicFile::Create(path));
  std::FILE* out = file->stream();
  static const char kZeros[kAlign] = {};
  bool ok = std::fwrite(head.data(), 1, head.size(), out) == head.size();
  progress.Stage("Writing the index", offset, ProgressUnit::kBytes);
  uint64_t written = head.size();
  for (int s = 0; s < kSectionCount && ok; ++s) {
    const auto* bytes = static_cast<const char*>(sections[s].data);
    for (uint64_t done = 0; done < sections[s].bytes && ok;) {
      const size_t chunk = static_cast<size_t>(std::min<uint64_t>(sections[s].bytes - done, uint64_t{64} << 20));
      ok = std::fwrite(bytes + done, 1, chunk, out) == chunk;
      done += chunk;
      progress.Advance(written + done);
    }
    const uint64_t padding = AlignUp(sections[s].bytes) - sections[s].bytes;
    ok = ok && std::fwrite(kZeros, 1, padding, out) == padding;
    written += AlignUp(sections[s].bytes);
  }
  if (!ok) return absl::UnavailableError(StrCat(path, ": cannot write: ", std::strerror(errno)));
  return file->Commit();
}

namespace {

// Checks one index mapping; builds the heap over it.
class IndexReader {
 public:
  IndexReader(std::shared_ptr<MappedFile> file, Progress& progress)
      : file_(std::move(file)), progress_(progress), base_(file_->data().data()), size_(file_->data().size()) {}

  absl::StatusOr<IndexedHeap> Read(const SourceStamp* expected) {
    HS_RETURN_IF_ERROR(ReadHeader(expected));
    HS_RETURN_IF_ERROR(ReadTable(kSectionCount));
    return Build();
  }

  // The header, the whole table, and of the sections only the summary's
  // checksum: what a summary depends on, and no more.
  absl::StatusOr<std::string> ReadSummary(const SourceStamp* expected) {
    HS_RETURN_IF_ERROR(ReadHeader(expected));
    HS_RETURN_IF_ERROR(ReadTable(kSummary));
    return std::string(Bytes(kSummary));
  }

 private:
  absl::Status Corrupt(std::string_view reason) const {
    return absl::InvalidArgumentError(StrCat(file_->name(), ": ", reason));
  }

  absl::Status ReadHeader(const SourceStamp* expected) {
    if (size_ < kHeaderBytes) return Corrupt(StrCat("truncated: ", size_, " bytes, shorter than the header"));
    if (std::memcmp(base_, kMagic, sizeof kMagic) != 0) return Corrupt("not a heapsleuth index (bad magic)");
    // Columns are read in place; a mapping is page-aligned, bytes in memory
    // (tests, fuzzing) must be 8-byte aligned.
    if (reinterpret_cast<uintptr_t>(base_) % 8 != 0) return Corrupt("not 8-byte aligned in memory");
    const uint32_t version = GetAt<uint32_t>(base_, kVersionAt);
    if (version != kIndexFormatVersion) {
      return Corrupt(StrCat("format version ", version, ", this heapsleuth reads version ", kIndexFormatVersion));
    }
    if (GetAt<uint32_t>(base_, kByteOrderAt) != kByteOrderMark) return Corrupt("wrong byte order");
    const uint64_t file_size = GetAt<uint64_t>(base_, kFileSizeAt);
    if (file_size != size_) return Corrupt(StrCat("truncated or extended: ", size_, " bytes, the header says ", file_size));
    section_count_ = GetAt<uint32_t>(base_, kSectionCountAt);
    if (section_count_ != kSectionCount) {
      return Corrupt(StrCat(section_count_, " sections, expected ", static_cast<int>(kSectionCount)));
    }
    const uint64_t table_end = kHeaderBytes + uint64_t{kSectionCount} * kEntryBytes;
    if (table_end > size_) return Corrupt("truncated section table");
    // The header's checksum field is zero while hashing it.
    std::string head(base_, table_end);
    std::memset(head.data() + kChecksumAt, 0, 8);
    if (HashBytes(head.data(), head.size()) != GetAt<uint64_t>(base_, kChecksumAt)) {
      return Corrupt("header or section table checksum mismatch");
    }
    node_count_ = GetAt<uint32_t>(base_, kNodeCountAt);
    edge_count_ = GetAt<uint32_t>(base_, kEdgeCountAt);
    root_ = GetAt<uint32_t>(base_, kRootAt);
    if (node_count_ == UINT32_MAX || edge_count_ == UINT32_MAX) return Corrupt("node or edge count too large");
    if (node_count_ == 0 ? root_ != 0 : root_ >= node_count_) {
      return Corrupt(StrCat("root ", root_, " is out of range (", node_count_, " nodes)"));
    }
    if (expected != nullptr) {
      SourceStamp stamp{GetAt<uint64_t>(base_, kSourceSizeAt), GetAt<int64_t>(base_, kSourceMtimeAt),
                        GetAt<uint64_t>(base_, kSourceHashAt)};
      if (stamp.size != expected->size) {
        return absl::FailedPreconditionError(StrCat(file_->name(), ": stale: made for a snapshot of ", stamp.size,
                                                    " bytes, it now has ", expected->size));
      }
      if (stamp.mtime_ns != expected->mtime_ns) {
        return absl::FailedPreconditionError(
            StrCat(file_->name(), ": stale: the snapshot was modified after the index was made"));
      }
      if (stamp.hash != expected->hash) {
        return absl::FailedPreconditionError(StrCat(file_->name(), ": stale: the snapshot's content changed"));
      }
    }
    return absl::OkStatus();
  }

  // Every entry's name, place and element size; the checksum of section
  // `only`, or of every section when `only` is kSectionCount.
  absl::Status ReadTable(int only) {
    progress_.Stage(only == kSectionCount ? "Checking the index" : "Checking the index's summary", size_,
                    ProgressUnit::kBytes);
    uint64_t end_of_previous = kHeaderBytes + uint64_t{kSectionCount} * kEntryBytes;
    for (int s = 0; s < kSectionCount; ++s) {
      const size_t at = kHeaderBytes + s * kEntryBytes;
      char name[kNameBytes + 1] = {};
      std::memcpy(name, base_ + at, kNameBytes);
      if (std::strncmp(name, kSpecs[s].name, kNameBytes) != 0) {
        return Corrupt(StrCat("section ", s, " is not '", kSpecs[s].name, "'"));
      }
      const uint64_t offset = GetAt<uint64_t>(base_, at + 16);
      const uint64_t bytes = GetAt<uint64_t>(base_, at + 24);
      const uint32_t element = GetAt<uint32_t>(base_, at + 32);
      const std::optional<uint64_t> end = CheckedAdd(offset, bytes);
      if (offset % kAlign != 0) return Corrupt(StrCat("section ", kSpecs[s].name, ": offset ", offset, " is not 64-byte aligned"));
      if (offset < end_of_previous || !end || *end > size_) {
        return Corrupt(StrCat("section ", kSpecs[s].name, ": bytes [", offset, ", +", bytes, ") are outside the file or overlap"));
      }
      if (element != kSpecs[s].element_size || bytes % element != 0) {
        return Corrupt(StrCat("section ", kSpecs[s].name, ": element size ", element, " for ", bytes, " bytes"));
      }
      if ((only == kSectionCount || only == s) &&
          SectionChecksum(base_ + offset, bytes, file_.get()) != GetAt<uint64_t>(base_, at + 40)) {
        return Corrupt(StrCat("section ", kSpecs[s].name, ": checksum mismatch"));
      }
      progress_.Advance(*end);
      sections_[s] = {offset, bytes / element};
      end_of_previous = *end;
    }
    return absl::OkStatus();
  }

  // The section's rows, after checking how many there are.
  template <typename T>
  absl::StatusOr<Column<T>> Rows(int s, uint64_t expected_rows) {
    if (sections_[s].rows != expected_rows) {
      return Corrupt(StrCat("section ", kSpecs[s].name, ": ", sections_[s].rows, " rows, expected ", expected_rows));
    }
    return AnyRows<T>(s);
  }
  template <typename T>
  Column<T> AnyRows(int s) {
    return Column<T>::View(reinterpret_cast<const T*>(base_ + sections_[s].offset), sections_[s].rows, file_);
  }
  std::string_view Bytes(int s) const { return {base_ + sections_[s].offset, sections_[s].rows}; }
  // Hands a checked section's pages back: checking must not keep the file
  // resident (tools fault in what they read).
  void Release(int s) const {
    file_->ReleaseRange(sections_[s].offset, sections_[s].offset + sections_[s].rows * kSpecs[s].element_size);
  }

  // Offsets into an arena: start at 0, never decrease, end at its size.
  absl::Status CheckOffsets(int s, const Column<uint64_t>& offsets, uint64_t arena_bytes) {
    if (offsets.empty() || offsets[0] != 0 || offsets.back() != arena_bytes) {
      return Corrupt(StrCat("section ", kSpecs[s].name, ": does not span its arena of ", arena_bytes, " bytes"));
    }
    for (size_t i = 1; i < offsets.size(); ++i) {
      if (offsets[i] < offsets[i - 1]) return Corrupt(StrCat("section ", kSpecs[s].name, ": offset ", i, " decreases"));
    }
    Release(s);
    return absl::OkStatus();
  }
  // CSR starts: n + 1 entries, from 0 to `total`, never decreasing.
  absl::Status CheckCsr(int s, const Column<uint32_t>& first, uint32_t total) {
    if (first[0] != 0 || first.back() != total) {
      return Corrupt(StrCat("section ", kSpecs[s].name, ": does not run from 0 to ", total));
    }
    for (size_t i = 1; i < first.size(); ++i) {
      if (first[i] < first[i - 1]) return Corrupt(StrCat("section ", kSpecs[s].name, ": entry ", i, " decreases"));
    }
    Release(s);
    return absl::OkStatus();
  }
  absl::Status CheckBelow(int s, const Column<uint32_t>& column, uint64_t limit, std::string_view what) {
    for (size_t i = 0; i < column.size(); ++i) {
      if (column[i] >= limit) {
        return Corrupt(StrCat("section ", kSpecs[s].name, ": row ", i, ": ", what, " ", column[i],
                              " is out of range (", limit, ")"));
      }
    }
    Release(s);
    return absl::OkStatus();
  }

  absl::StatusOr<IndexedHeap> Build() {
    const uint64_t n = node_count_, e = edge_count_;
    // Meta.
    snapshot::SnapshotMeta meta;
    uint64_t has_root = 0, root_index = 0, file_bytes = 0;
    ByteReader reader(Bytes(kMeta));
    bool ok = reader.Read(meta.node_count) && reader.Read(meta.edge_count) && reader.Read(meta.trace_function_count) &&
              reader.Read(has_root) && reader.Read(root_index) && reader.Read(meta.extra_native_bytes) &&
              reader.Read(file_bytes);
    for (int* field : {&meta.node_type, &meta.node_name, &meta.node_id, &meta.node_self_size, &meta.node_edge_count,
                       &meta.node_trace_node_id, &meta.node_detachedness, &meta.edge_type, &meta.edge_name_or_index,
                       &meta.edge_to_node, &meta.location_object_index, &meta.location_script_id,
                       &meta.location_line, &meta.location_column}) {
      int32_t value = 0;
      ok = ok && reader.Read(value);
      *field = value;
    }
    for (std::vector<std::string>* list : {&meta.node_fields, &meta.node_types, &meta.edge_fields, &meta.edge_types,
                                           &meta.location_fields, &meta.sample_fields,
                                           &meta.trace_function_info_fields}) {
      ok = ok && reader.ReadTextList(*list);
    }
    if (!ok || !reader.done()) return Corrupt("section meta: malformed");
    if (has_root != 0) meta.root_index = root_index;
    if (meta.node_count != n || meta.edge_count != e) {
      return Corrupt(StrCat("section meta: ", meta.node_count, " nodes and ", meta.edge_count,
                            " edges, the header says ", n, " and ", e));
    }
    // Types index the name lists; 255 is kNoType and the edge types need one
    // more value (invisible).
    if (meta.node_types.size() > 254 || meta.edge_types.size() > 254) return Corrupt("section meta: too many types");

    // Strings.
    const std::string_view arena = Bytes(kStringArena);
    Column<uint64_t> string_offsets = AnyRows<uint64_t>(kStringOffsets);
    HS_RETURN_IF_ERROR(CheckOffsets(kStringOffsets, string_offsets, arena.size()));
    if (string_offsets.size() - 1 >= UINT32_MAX) return Corrupt("too many strings");
    const uint32_t string_count = static_cast<uint32_t>(string_offsets.size() - 1);

    // Nodes.
    HS_ASSIGN_OR_RETURN(Column<uint8_t> node_type, Rows<uint8_t>(kNodeType, n));
    for (size_t i = 0; i < n; ++i) {
      if (node_type[i] >= meta.node_types.size()) return Corrupt(StrCat("node ", i, ": type ", +node_type[i], " is out of range"));
    }
    Release(kNodeType);
    HS_ASSIGN_OR_RETURN(Column<uint32_t> node_name, Rows<uint32_t>(kNodeName, n));
    HS_RETURN_IF_ERROR(CheckBelow(kNodeName, node_name, string_count, "string"));
    HS_ASSIGN_OR_RETURN(Column<uint32_t> node_id, Rows<uint32_t>(kNodeId, n));
    HS_ASSIGN_OR_RETURN(Column<uint32_t> self_small, Rows<uint32_t>(kNodeSelfSize, n));
    std::vector<SizeColumn::LargeEntry> large;
    const std::string_view large_bytes = Bytes(kNodeSelfSizeLarge);
    for (size_t at = 0; at < large_bytes.size(); at += 16) {
      const uint32_t row = GetAt<uint32_t>(large_bytes.data(), at);
      if (row >= n || self_small[row] != SizeColumn::kLarge || (!large.empty() && row <= large.back().first)) {
        return Corrupt(StrCat("section node.self_large: row ", row, " is out of range, out of order or not marked"));
      }
      large.emplace_back(row, GetAt<uint64_t>(large_bytes.data(), at + 8));
    }
    size_t marked = 0;
    for (size_t i = 0; i < n; ++i) marked += self_small[i] == SizeColumn::kLarge;
    if (marked != large.size()) return Corrupt("section node.self_size: a large size has no overflow entry");
    Release(kNodeSelfSize);
    Column<uint32_t> trace_ids = AnyRows<uint32_t>(kNodeTraceNodeId);
    if (!trace_ids.empty() && trace_ids.size() != n) return Corrupt("section node.trace_id: wrong row count");
    Column<uint8_t> raw_detachedness = AnyRows<uint8_t>(kNodeDetachedness);
    if (!raw_detachedness.empty() && raw_detachedness.size() != n) return Corrupt("section node.detached: wrong row count");
    HS_ASSIGN_OR_RETURN(Column<uint32_t> first_edge, Rows<uint32_t>(kFirstEdge, n + 1));
    HS_RETURN_IF_ERROR(CheckCsr(kFirstEdge, first_edge, edge_count_));

    // Edges.
    HS_ASSIGN_OR_RETURN(Column<uint8_t> edge_type, Rows<uint8_t>(kEdgeType, e));
    // Which types carry a string: as Graph::edge_has_string_name decides, by
    // the first type named "element" or "hidden" (a name may repeat).
    std::array<bool, 256> named{};
    const auto first_named = [&](std::string_view name) {
      return static_cast<size_t>(std::find(meta.edge_types.begin(), meta.edge_types.end(), name) - meta.edge_types.begin());
    };
    const size_t element = first_named("element"), hidden = first_named("hidden");
    for (size_t type = 0; type < meta.edge_types.size(); ++type) named[type] = type != element && type != hidden;
    HS_ASSIGN_OR_RETURN(Column<uint32_t> edge_name, Rows<uint32_t>(kEdgeNameOrIndex, e));
    for (size_t i = 0; i < e; ++i) {
      if (edge_type[i] >= meta.edge_types.size()) return Corrupt(StrCat("edge ", i, ": type ", +edge_type[i], " is out of range"));
      if (named[edge_type[i]] && edge_name[i] >= string_count) {
        return Corrupt(StrCat("edge ", i, ": string ", edge_name[i], " is out of range (", string_count, " strings)"));
      }
    }
    Release(kEdgeType);
    Release(kEdgeNameOrIndex);
    HS_ASSIGN_OR_RETURN(Column<uint32_t> to_node, Rows<uint32_t>(kEdgeToNode, e));
    HS_RETURN_IF_ERROR(CheckBelow(kEdgeToNode, to_node, n, "to_node"));
    Column<snapshot::Location> locations = AnyRows<snapshot::Location>(kLocations);
    for (size_t i = 0; i < locations.size(); ++i) {
      if (locations[i].node >= n || (i > 0 && locations[i].node <= locations[i - 1].node)) {
        return Corrupt(StrCat("section locations: row ", i, ": node ", locations[i].node, " out of range or order"));
      }
    }
    Release(kLocations);

    // Analyses.
    HeapAnalysis analysis;
    HS_ASSIGN_OR_RETURN(analysis.detachedness, Rows<uint8_t>(kDetachedness, n));
    HS_ASSIGN_OR_RETURN(analysis.self_size, Rows<uint64_t>(kSelfSize, n));
    HS_ASSIGN_OR_RETURN(analysis.distance, Rows<int32_t>(kDistance, n));
    HS_ASSIGN_OR_RETURN(analysis.dominators.dominator, Rows<uint32_t>(kDominator, n));
    HS_ASSIGN_OR_RETURN(analysis.dominators.dfs_order, Rows<uint32_t>(kDfsOrder, n));
    HS_ASSIGN_OR_RETURN(analysis.dominators.retained_size, Rows<uint64_t>(kRetainedSize, n));
    HS_RETURN_IF_ERROR(CheckDominators(analysis.dominators));
    const std::string_view class_arena = Bytes(kClassArena);
    const Column<uint64_t> class_offsets = AnyRows<uint64_t>(kClassOffsets);
    HS_RETURN_IF_ERROR(CheckOffsets(kClassOffsets, class_offsets, class_arena.size()));
    for (size_t i = 0; i + 1 < class_offsets.size(); ++i) {
      analysis.class_names.names.emplace_back(class_arena.substr(class_offsets[i], class_offsets[i + 1] - class_offsets[i]));
    }
    HS_ASSIGN_OR_RETURN(analysis.class_names.node_class, Rows<uint32_t>(kNodeClass, n));
    HS_RETURN_IF_ERROR(CheckBelow(kNodeClass, analysis.class_names.node_class, analysis.class_names.names.size(), "class"));
    HS_ASSIGN_OR_RETURN(Column<uint32_t> retainer_first, Rows<uint32_t>(kRetainerFirst, n + 1));
    HS_RETURN_IF_ERROR(CheckCsr(kRetainerFirst, retainer_first, edge_count_));
    HS_ASSIGN_OR_RETURN(Column<uint32_t> retainer_edge, Rows<uint32_t>(kRetainerEdge, e));
    HS_RETURN_IF_ERROR(CheckBelow(kRetainerEdge, retainer_edge, e, "edge"));
    HS_ASSIGN_OR_RETURN(Column<uint32_t> retainer_node, Rows<uint32_t>(kRetainerNode, e));
    HS_RETURN_IF_ERROR(CheckBelow(kRetainerNode, retainer_node, n, "node"));
    analysis.retainers = Retainers::FromColumns(std::move(retainer_first), std::move(retainer_edge),
                                                std::move(retainer_node));

    Graph graph = IndexAccess::NewGraph();
    IndexAccess::Fill(graph, std::move(meta),
                      snapshot::StringTable::FromMapped(arena, std::move(string_offsets)), root_, file_bytes);
    IndexAccess::SetNodes(graph, std::move(node_type), std::move(node_name), std::move(node_id),
                          SizeColumn(std::move(self_small), std::move(large)), std::move(trace_ids),
                          std::move(raw_detachedness), std::move(first_edge));
    IndexAccess::SetEdges(graph, std::move(edge_type), std::move(edge_name), std::move(to_node), std::move(locations));
    // Checking read every page; give them back; tools fault in what they use.
    file_->ReleaseRange(0, size_);
    return IndexedHeap{std::move(graph), std::move(analysis)};
  }

  // dfs_order is a permutation of the nodes starting at the root, and every
  // node's dominator comes before it in it (so the tree has no cycle).
  absl::Status CheckDominators(const DominatorTree& tree) {
    const uint32_t n = node_count_;
    if (n == 0) return absl::OkStatus();
    std::vector<uint32_t> position(n, UINT32_MAX);
    for (uint32_t i = 0; i < n; ++i) {
      const uint32_t node = tree.dfs_order[i];
      if (node >= n || position[node] != UINT32_MAX) {
        return Corrupt(StrCat("section a.dfs_order: row ", i, ": node ", node, " is out of range or repeated"));
      }
      position[node] = i;
    }
    if (tree.dfs_order[0] != root_ || tree.dominator[root_] != root_) {
      return Corrupt("section a.dominator: the root does not dominate itself first");
    }
    for (uint32_t node = 0; node < n; ++node) {
      const uint32_t dominator = tree.dominator[node];
      if (node != root_ && (dominator >= n || position[dominator] >= position[node])) {
        return Corrupt(StrCat("section a.dominator: node ", node, ": dominator ", dominator,
                              " is out of range or does not precede it"));
      }
    }
    Release(kDfsOrder);
    Release(kDominator);
    return absl::OkStatus();
  }

  struct SectionPlace {
    uint64_t offset = 0;
    uint64_t rows = 0;
  };

  std::shared_ptr<MappedFile> file_;
  Progress& progress_;
  const char* base_;
  size_t size_;
  uint32_t section_count_ = 0, node_count_ = 0, edge_count_ = 0, root_ = 0;
  std::array<SectionPlace, kSectionCount> sections_;
};

}  // namespace

absl::StatusOr<IndexedHeap> OpenIndex(std::shared_ptr<MappedFile> file, const SourceStamp* expected,
                                      Progress& progress) {
  IndexReader reader(std::move(file), progress);
  return reader.Read(expected);
}

absl::StatusOr<IndexedHeap> OpenIndexFile(const std::string& path, const SourceStamp* expected, Progress& progress) {
  NoProgress silent;
  // Indexes are plain files; refuse anything that would be copied (a pipe).
  HS_ASSIGN_OR_RETURN(std::unique_ptr<MappedFile> file, MappedFile::Open(path, 0, silent));
  return OpenIndex(std::shared_ptr<MappedFile>(std::move(file)), expected, progress);
}

absl::StatusOr<std::string> ReadIndexSummary(std::shared_ptr<MappedFile> file, const SourceStamp* expected,
                                             Progress& progress) {
  IndexReader reader(std::move(file), progress);
  return reader.ReadSummary(expected);
}

absl::StatusOr<std::string> ReadIndexSummaryFile(const std::string& path, const SourceStamp* expected,
                                                 Progress& progress) {
  NoProgress silent;
  HS_ASSIGN_OR_RETURN(std::unique_ptr<MappedFile> file, MappedFile::Open(path, 0, silent));
  return ReadIndexSummary(std::shared_ptr<MappedFile>(std::move(file)), expected, progress);
}

}  // namespace heapsleuth::graph

#include "lib/graph/index_file.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <bit>
#include <cerrno>
#include <cstring>
#include <functional>
#include <future>
#include <type_traits>
#include <vector>

#include "lib/base/atomic_file.h"
#include "lib/base/byte_reader.h"
#include "lib/base/byte_writer.h"
#include "lib/base/checked_math.h"
#include "lib/base/free_vector.h"
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
// Blocks let the writer hash on two threads and the reader check a section
// through a 1 MiB buffer, hashing each block as it checks its rows.
constexpr uint64_t kChecksumBlock = uint64_t{1} << 20;
uint64_t CombineBlockHashes(const std::vector<uint64_t>& hashes, uint64_t size) {
  return HashBytes(hashes.data(), hashes.size() * sizeof(uint64_t), size);
}
uint64_t SectionChecksum(const char* data, uint64_t size) {
  const uint64_t blocks = (size + kChecksumBlock - 1) / kChecksumBlock;
  std::vector<uint64_t> hashes(blocks);
  auto hash_blocks = [&](uint64_t first, uint64_t step) {
    for (uint64_t b = first; b < blocks; b += step) {
      const uint64_t begin = b * kChecksumBlock, length = std::min(kChecksumBlock, size - begin);
      hashes[b] = HashBytes(data + begin, length);
    }
  };
  if (blocks >= 8) {
    std::future<void> other = std::async(std::launch::async, hash_blocks, 1, 2);
    hash_blocks(0, 2);
    other.get();
  } else {
    hash_blocks(0, 1);
  }
  return CombineBlockHashes(hashes, size);
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

// A section's rows handed over block by block, in order, by the checking
// pass (one thread per section): what they must satisfy beyond the checksum.
using RowCheck = std::function<absl::Status(const char* rows, uint64_t first_row, uint64_t count)>;

template <typename T>
T RowAt(const char* rows, uint64_t i) {
  T value;
  std::memcpy(&value, rows + i * sizeof(T), sizeof value);
  return value;
}

// The largest of `count` uint32 rows: most of the check's range tests are
// this, over gigabytes. Baseline x86-64 (SSE2) has no unsigned 32-bit max,
// so an AVX2 copy is picked at load time where the CPU has it (it halved
// the range tests' share of a 3 GB index's check).
#if defined(__x86_64__) && defined(__GNUC__)
__attribute__((target_clones("avx2", "default")))
#endif
uint32_t MaxRow(const char* rows, uint64_t count) {
  uint32_t max = 0;
  for (uint64_t i = 0; i < count; ++i) max = std::max(max, RowAt<uint32_t>(rows, i));
  return max;
}

// Checks one index; builds the heap over its mapping.
//
// The sections are checked in one pass that copies them, 1 MiB block by
// block, into a buffer (MappedFile::CopyOut, i.e. pread) on two threads,
// hashes each block and checks its rows while it is in cache. The mapping is
// not touched: faulting in every page of a 3 GB index and handing it back
// cost 2.8-3.7 s on a 2-core VM, copying it 0.6-0.8 s, and tools then fault
// in only what they read.
class IndexReader {
 public:
  IndexReader(std::shared_ptr<MappedFile> file, Progress& progress)
      : file_(std::move(file)), progress_(progress), base_(file_->data().data()), size_(file_->data().size()) {}

  absl::StatusOr<IndexedHeap> Read(const SourceStamp* expected) {
    HS_RETURN_IF_ERROR(ReadHeader(expected));
    HS_RETURN_IF_ERROR(ReadTable());
    HS_RETURN_IF_ERROR(CheckRowCounts());
    const absl::StatusOr<std::string> meta_bytes = SmallSection(kMeta);
    if (!meta_bytes.ok()) return meta_bytes.status();
    HS_RETURN_IF_ERROR(DecodeMeta(*meta_bytes));
    HS_RETURN_IF_ERROR(CheckSections());
    return Build();
  }

  // The header, the whole table, and of the sections only the summary's
  // checksum: what a summary depends on, and no more.
  absl::StatusOr<std::string> ReadSummary(const SourceStamp* expected) {
    HS_RETURN_IF_ERROR(ReadHeader(expected));
    HS_RETURN_IF_ERROR(ReadTable());
    progress_.Stage("Checking the index's summary", 0);
    return SmallSection(kSummary);
  }

 private:
  absl::Status Corrupt(std::string_view reason) const {
    return absl::InvalidArgumentError(StrCat(file_->name(), ": ", reason));
  }
  absl::Status SectionError(int s, std::string_view reason) const {
    return Corrupt(StrCat("section ", kSpecs[s].name, ": ", reason));
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
    if (GetAt<uint32_t>(base_, kSectionCountAt) != kSectionCount) {
      return Corrupt(StrCat(GetAt<uint32_t>(base_, kSectionCountAt), " sections, expected ", static_cast<int>(kSectionCount)));
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

  // Every entry's name, place and element size (checksums come later).
  absl::Status ReadTable() {
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
      if (offset % kAlign != 0) return SectionError(s, StrCat("offset ", offset, " is not 64-byte aligned"));
      if (offset < end_of_previous || !end || *end > size_) {
        return SectionError(s, StrCat("bytes [", offset, ", +", bytes, ") are outside the file or overlap"));
      }
      if (element != kSpecs[s].element_size || bytes % element != 0) {
        return SectionError(s, StrCat("element size ", element, " for ", bytes, " bytes"));
      }
      sections_[s] = {offset, bytes / element, GetAt<uint64_t>(base_, at + 40)};
      end_of_previous = *end;
    }
    return absl::OkStatus();
  }

  // Every column's row count against the header's node and edge counts.
  absl::Status CheckRowCounts() const {
    const uint64_t n = node_count_, e = edge_count_;
    for (int s : {kNodeType, kNodeName, kNodeId, kNodeSelfSize, kDetachedness, kSelfSize, kDistance, kDominator,
                  kDfsOrder, kRetainedSize, kNodeClass}) {
      HS_RETURN_IF_ERROR(ExpectRows(s, n));
    }
    for (int s : {kEdgeType, kEdgeNameOrIndex, kEdgeToNode, kRetainerEdge, kRetainerNode}) HS_RETURN_IF_ERROR(ExpectRows(s, e));
    HS_RETURN_IF_ERROR(ExpectRows(kFirstEdge, n + 1));
    HS_RETURN_IF_ERROR(ExpectRows(kRetainerFirst, n + 1));
    for (int s : {kNodeTraceNodeId, kNodeDetachedness}) {
      if (sections_[s].rows != 0 && sections_[s].rows != n) return SectionError(s, "wrong row count");
    }
    for (int s : {kStringOffsets, kClassOffsets}) {
      if (sections_[s].rows == 0) return SectionError(s, "has no rows, not even the arena's start");
    }
    if (sections_[kStringOffsets].rows - 1 >= UINT32_MAX) return Corrupt("too many strings");
    return absl::OkStatus();
  }
  absl::Status ExpectRows(int s, uint64_t expected) const {
    if (sections_[s].rows == expected) return absl::OkStatus();
    return SectionError(s, StrCat(sections_[s].rows, " rows, expected ", expected));
  }

  // A small section's bytes, copied and checked against its checksum.
  absl::StatusOr<std::string> SmallSection(int s) const {
    std::string bytes(sections_[s].rows * kSpecs[s].element_size, '\0');
    HS_RETURN_IF_ERROR(file_->CopyOut(sections_[s].offset, bytes.size(), bytes.data()));
    if (SectionChecksum(bytes.data(), bytes.size()) != sections_[s].checksum) return SectionError(s, "checksum mismatch");
    return bytes;
  }

  absl::Status DecodeMeta(std::string_view bytes) {
    uint64_t has_root = 0, root_index = 0;
    ByteReader reader(bytes);
    bool ok = reader.Read(meta_.node_count) && reader.Read(meta_.edge_count) &&
              reader.Read(meta_.trace_function_count) && reader.Read(has_root) && reader.Read(root_index) &&
              reader.Read(meta_.extra_native_bytes) && reader.Read(file_bytes_);
    for (int* field : {&meta_.node_type, &meta_.node_name, &meta_.node_id, &meta_.node_self_size,
                       &meta_.node_edge_count, &meta_.node_trace_node_id, &meta_.node_detachedness, &meta_.edge_type,
                       &meta_.edge_name_or_index, &meta_.edge_to_node, &meta_.location_object_index,
                       &meta_.location_script_id, &meta_.location_line, &meta_.location_column}) {
      int32_t value = 0;
      ok = ok && reader.Read(value);
      *field = value;
    }
    for (std::vector<std::string>* list : {&meta_.node_fields, &meta_.node_types, &meta_.edge_fields,
                                           &meta_.edge_types, &meta_.location_fields, &meta_.sample_fields,
                                           &meta_.trace_function_info_fields}) {
      ok = ok && reader.ReadTextList(*list);
    }
    if (!ok || !reader.done()) return Corrupt("section meta: malformed");
    if (has_root != 0) meta_.root_index = root_index;
    if (meta_.node_count != node_count_ || meta_.edge_count != edge_count_) {
      return Corrupt(StrCat("section meta: ", meta_.node_count, " nodes and ", meta_.edge_count,
                            " edges, the header says ", node_count_, " and ", edge_count_));
    }
    // Types index the name lists; 255 is kNoType and the edge types need one
    // more value (invisible).
    if (meta_.node_types.size() > 254 || meta_.edge_types.size() > 254) return Corrupt("section meta: too many types");
    // Which edge types carry a string: as Graph::edge_has_string_name
    // decides, by the first type named "element" or "hidden" (a name may repeat).
    const auto first_named = [&](std::string_view name) {
      return static_cast<size_t>(std::find(meta_.edge_types.begin(), meta_.edge_types.end(), name) -
                                 meta_.edge_types.begin());
    };
    const size_t element = first_named("element"), hidden = first_named("hidden");
    for (size_t type = 0; type < meta_.edge_types.size(); ++type) named_[type] = type != element && type != hidden;
    return absl::OkStatus();
  }

  // The checksum of every section but the meta's and the row checks, on two
  // threads, each taking whole sections (largest first) so that a section's
  // rows are checked in order. Damage (a checksum) is reported before lies
  // (a row), each in file order.
  absl::Status CheckSections() {
    progress_.Stage("Checking the index", size_, ProgressUnit::kBytes);
    std::array<RowCheck, kSectionCount> checks = RowChecks();
    // The dominators are checked against the DFS order: one job, DFS first.
    std::vector<std::vector<int>> jobs;
    for (int s = 0; s < kSectionCount; ++s) {
      if (s == kMeta || s == kDominator) continue;
      jobs.push_back(s == kDfsOrder ? std::vector<int>{kDfsOrder, kDominator} : std::vector<int>{s});
    }
    auto job_bytes = [&](const std::vector<int>& job) {
      uint64_t bytes = 0;
      for (int s : job) bytes += sections_[s].rows * kSpecs[s].element_size;
      return bytes;
    };
    std::stable_sort(jobs.begin(), jobs.end(), [&](const auto& a, const auto& b) { return job_bytes(a) > job_bytes(b); });
    std::array<std::vector<int>, 2> lanes;
    std::array<uint64_t, 2> lane_bytes{};
    for (const std::vector<int>& job : jobs) {
      const int lane = lane_bytes[1] < lane_bytes[0] ? 1 : 0;
      lanes[lane].insert(lanes[lane].end(), job.begin(), job.end());
      lane_bytes[lane] += job_bytes(job);
    }
    std::array<SectionResult, kSectionCount> results;
    std::atomic<uint64_t> checked{0};
    auto run_lane = [&](const std::vector<int>& lane, bool report) {
      // No bigger than the lane's largest section: a small index (and each
      // fuzzing run) should not pay for a mebibyte it never fills.
      uint64_t largest = 1;
      for (int s : lane) largest = std::max(largest, sections_[s].rows * kSpecs[s].element_size);
      std::unique_ptr<char[]> buffer(new char[std::min(kChecksumBlock, largest)]);
      for (int s : lane) results[s] = CheckSection(s, checks[s], buffer.get(), checked, report);
    };
    if (lane_bytes[0] + lane_bytes[1] >= 8 * kChecksumBlock) {
      std::future<void> other = std::async(std::launch::async, run_lane, std::cref(lanes[1]), false);
      run_lane(lanes[0], true);
      other.get();
    } else {
      run_lane(lanes[0], true);
      run_lane(lanes[1], true);
    }
    FreeVector(position_);
    for (const SectionResult& result : results) HS_RETURN_IF_ERROR(result.read);
    for (int s = 0; s < kSectionCount; ++s) {
      if (s != kMeta && !results[s].checksum_ok) return SectionError(s, "checksum mismatch");
    }
    for (const SectionResult& result : results) HS_RETURN_IF_ERROR(result.rows);
    // Every size marked large has its overflow entry, and no other has one.
    if (marked_large_ != large_.size()) return SectionError(kNodeSelfSize, "a large size has no overflow entry");
    return absl::OkStatus();
  }

  struct SectionResult {
    absl::Status read;  // An I/O error.
    bool checksum_ok = true;
    absl::Status rows;  // The first failed row check.
  };
  SectionResult CheckSection(int s, const RowCheck& check, char* buffer, std::atomic<uint64_t>& checked, bool report) {
    SectionResult result;
    const uint64_t element = kSpecs[s].element_size, bytes = sections_[s].rows * element;
    const uint64_t blocks = (bytes + kChecksumBlock - 1) / kChecksumBlock;
    std::vector<uint64_t> hashes(blocks);
    for (uint64_t b = 0; b < blocks; ++b) {
      const uint64_t begin = b * kChecksumBlock, length = std::min(kChecksumBlock, bytes - begin);
      result.read = file_->CopyOut(sections_[s].offset + begin, length, buffer);
      if (!result.read.ok()) return result;
      hashes[b] = HashBytes(buffer, length);
      // A block holds whole rows: element sizes divide the block size.
      if (check && result.rows.ok()) result.rows = check(buffer, begin / element, length / element);
      checked.fetch_add(length, std::memory_order_relaxed);
      if (report) progress_.Advance(checked.load(std::memory_order_relaxed));
    }
    result.checksum_ok = CombineBlockHashes(hashes, bytes) == sections_[s].checksum;
    return result;
  }

  // Rows of uint32 below `limit`. The block's maximum first: the common
  // case is one vectorized pass.
  RowCheck Below(int s, uint64_t limit, std::string_view what) const {
    return [this, s, limit, what](const char* rows, uint64_t first, uint64_t count) -> absl::Status {
      if (MaxRow(rows, count) < limit) return absl::OkStatus();
      for (uint64_t i = 0;; ++i) {
        const uint32_t value = RowAt<uint32_t>(rows, i);
        if (value >= limit) {
          return SectionError(s, StrCat("row ", first + i, ": ", what, " ", value, " is out of range (", limit, ")"));
        }
      }
    };
  }
  // Rows that never decrease, start at 0 and end at `last`: CSR starts and
  // arena offsets.
  template <typename T>
  RowCheck Monotone(int s, uint64_t last, std::string span_error, std::string_view row_name) const {
    return [this, s, last, span_error = std::move(span_error), row_name, previous = T{0}](
               const char* rows, uint64_t first, uint64_t count) mutable -> absl::Status {
      if (first == 0 && RowAt<T>(rows, 0) != 0) return SectionError(s, span_error);
      bool ordered = true;
      T before = previous;
      for (uint64_t i = 0; i < count; ++i) {
        const T value = RowAt<T>(rows, i);
        ordered &= value >= before;
        before = value;
      }
      if (!ordered) {
        for (uint64_t i = 0;; ++i) {
          if (RowAt<T>(rows, i) < previous) return SectionError(s, StrCat(row_name, " ", first + i, " decreases"));
          previous = RowAt<T>(rows, i);
        }
      }
      previous = before;
      if (first + count == sections_[s].rows && previous != last) return SectionError(s, span_error);
      return absl::OkStatus();
    };
  }

  std::array<RowCheck, kSectionCount> RowChecks() {
    const uint64_t n = node_count_, e = edge_count_;
    const uint64_t strings = sections_[kStringOffsets].rows - 1, classes = sections_[kClassOffsets].rows - 1;
    std::array<RowCheck, kSectionCount> checks;
    checks[kStringOffsets] = Monotone<uint64_t>(
        kStringOffsets, sections_[kStringArena].rows,
        StrCat("does not span its arena of ", sections_[kStringArena].rows, " bytes"), "offset");
    checks[kNodeType] = [this](const char* rows, uint64_t first, uint64_t count) -> absl::Status {
      for (uint64_t i = 0; i < count; ++i) {
        const uint8_t type = RowAt<uint8_t>(rows, i);
        if (type >= meta_.node_types.size()) return Corrupt(StrCat("node ", first + i, ": type ", +type, " is out of range"));
      }
      return absl::OkStatus();
    };
    checks[kNodeName] = Below(kNodeName, strings, "string");
    checks[kNodeSelfSize] = [this](const char* rows, uint64_t, uint64_t count) {
      for (uint64_t i = 0; i < count; ++i) marked_large_ += RowAt<uint32_t>(rows, i) == SizeColumn::kLarge;
      return absl::OkStatus();
    };
    // Entries in row order, each for a row marked large. The rows are read
    // by CopyOut too, as there are few.
    checks[kNodeSelfSizeLarge] = [this, n](const char* rows, uint64_t, uint64_t count) -> absl::Status {
      for (uint64_t i = 0; i < count; ++i) {
        const uint32_t row = RowAt<uint32_t>(rows + 16 * i, 0);
        uint32_t small = 0;
        if (row < n) {
          HS_RETURN_IF_ERROR(file_->CopyOut(sections_[kNodeSelfSize].offset + 4 * uint64_t{row}, 4,
                                            reinterpret_cast<char*>(&small)));
        }
        if (row >= n || small != SizeColumn::kLarge || (!large_.empty() && row <= large_.back().first)) {
          return SectionError(kNodeSelfSizeLarge, StrCat("row ", row, " is out of range, out of order or not marked"));
        }
        large_.emplace_back(row, RowAt<uint64_t>(rows + 16 * i, 1));
      }
      return absl::OkStatus();
    };
    checks[kFirstEdge] = Monotone<uint32_t>(kFirstEdge, e, StrCat("does not run from 0 to ", e), "entry");
    // Each edge's type, then its name: a string (by the type) indexes the
    // string table. The types are copied beside the names' block, so the
    // edge.type section itself is only hashed.
    checks[kEdgeNameOrIndex] = [this, strings, types = std::vector<uint8_t>()](
                                   const char* rows, uint64_t first, uint64_t count) mutable -> absl::Status {
      types.resize(count);
      HS_RETURN_IF_ERROR(file_->CopyOut(sections_[kEdgeType].offset + first, count, reinterpret_cast<char*>(types.data())));
      for (uint64_t i = 0; i < count; ++i) {
        if (types[i] >= meta_.edge_types.size()) {
          return Corrupt(StrCat("edge ", first + i, ": type ", +types[i], " is out of range"));
        }
        const uint32_t name = RowAt<uint32_t>(rows, i);
        if (named_[types[i]] && name >= strings) {
          return Corrupt(StrCat("edge ", first + i, ": string ", name, " is out of range (", strings, " strings)"));
        }
      }
      return absl::OkStatus();
    };
    checks[kEdgeToNode] = Below(kEdgeToNode, n, "to_node");
    checks[kLocations] = [this, n, previous = int64_t{-1}](const char* rows, uint64_t first, uint64_t count) mutable -> absl::Status {
      for (uint64_t i = 0; i < count; ++i) {
        const uint32_t node = RowAt<uint32_t>(rows + 16 * i, 0);
        if (node >= n || node <= previous) {
          return Corrupt(StrCat("section locations: row ", first + i, ": node ", node, " out of range or order"));
        }
        previous = node;
      }
      return absl::OkStatus();
    };
    // The DFS order is a permutation of the nodes starting at the root, and
    // every node's dominator comes before it in it (so the tree has no
    // cycle). Scratch: a position per node, freed after the pass.
    checks[kDfsOrder] = [this, n](const char* rows, uint64_t first, uint64_t count) -> absl::Status {
      if (first == 0) {
        position_.assign(n, UINT32_MAX);
        if (RowAt<uint32_t>(rows, 0) != root_) return SectionError(kDominator, "the root does not dominate itself first");
      }
      for (uint64_t i = 0; i < count; ++i) {
        const uint32_t node = RowAt<uint32_t>(rows, i);
        if (node >= n || position_[node] != UINT32_MAX) {
          return SectionError(kDfsOrder, StrCat("row ", first + i, ": node ", node, " is out of range or repeated"));
        }
        position_[node] = static_cast<uint32_t>(first + i);
      }
      dfs_order_checked_ = first + count == n;
      return absl::OkStatus();
    };
    checks[kDominator] = [this, n](const char* rows, uint64_t first, uint64_t count) -> absl::Status {
      if (!dfs_order_checked_) return absl::OkStatus();  // Its own error is reported.
      for (uint64_t i = 0; i < count; ++i) {
        const uint32_t node = static_cast<uint32_t>(first + i), dominator = RowAt<uint32_t>(rows, i);
        if (node == root_ ? dominator != root_ : dominator >= n || position_[dominator] >= position_[node]) {
          return SectionError(kDominator, node == root_ ? std::string("the root does not dominate itself first")
                                                        : StrCat("node ", node, ": dominator ", dominator,
                                                                 " is out of range or does not precede it"));
        }
      }
      return absl::OkStatus();
    };
    checks[kClassOffsets] = Monotone<uint64_t>(
        kClassOffsets, sections_[kClassArena].rows,
        StrCat("does not span its arena of ", sections_[kClassArena].rows, " bytes"), "offset");
    checks[kNodeClass] = Below(kNodeClass, classes, "class");
    checks[kRetainerFirst] = Monotone<uint32_t>(kRetainerFirst, e, StrCat("does not run from 0 to ", e), "entry");
    checks[kRetainerEdge] = Below(kRetainerEdge, e, "edge");
    checks[kRetainerNode] = Below(kRetainerNode, n, "node");
    return checks;
  }

  // The section's rows, viewed in the mapping.
  template <typename T>
  Column<T> View(int s) const {
    return Column<T>::View(reinterpret_cast<const T*>(base_ + sections_[s].offset), sections_[s].rows, file_);
  }
  std::string_view Bytes(int s) const { return {base_ + sections_[s].offset, sections_[s].rows}; }

  // Everything was checked: only views and the small decoded parts remain.
  IndexedHeap Build() {
    HeapAnalysis analysis;
    analysis.detachedness = View<uint8_t>(kDetachedness);
    analysis.self_size = View<uint64_t>(kSelfSize);
    analysis.distance = View<int32_t>(kDistance);
    analysis.dominators.dominator = View<uint32_t>(kDominator);
    analysis.dominators.dfs_order = View<uint32_t>(kDfsOrder);
    analysis.dominators.retained_size = View<uint64_t>(kRetainedSize);
    const std::string_view class_arena = Bytes(kClassArena);
    const Column<uint64_t> class_offsets = View<uint64_t>(kClassOffsets);
    for (size_t i = 0; i + 1 < class_offsets.size(); ++i) {
      analysis.class_names.names.emplace_back(class_arena.substr(class_offsets[i], class_offsets[i + 1] - class_offsets[i]));
    }
    analysis.class_names.node_class = View<uint32_t>(kNodeClass);
    analysis.retainers = Retainers::FromColumns(View<uint32_t>(kRetainerFirst), View<uint32_t>(kRetainerEdge),
                                                View<uint32_t>(kRetainerNode));

    Graph graph = IndexAccess::NewGraph();
    IndexAccess::Fill(graph, std::move(meta_),
                      snapshot::StringTable::FromMapped(Bytes(kStringArena), View<uint64_t>(kStringOffsets)), root_,
                      file_bytes_);
    IndexAccess::SetNodes(graph, View<uint8_t>(kNodeType), View<uint32_t>(kNodeName), View<uint32_t>(kNodeId),
                          SizeColumn(View<uint32_t>(kNodeSelfSize), std::move(large_)),
                          View<uint32_t>(kNodeTraceNodeId), View<uint8_t>(kNodeDetachedness),
                          View<uint32_t>(kFirstEdge));
    IndexAccess::SetEdges(graph, View<uint8_t>(kEdgeType), View<uint32_t>(kEdgeNameOrIndex),
                          View<uint32_t>(kEdgeToNode), View<snapshot::Location>(kLocations));
    return IndexedHeap{std::move(graph), std::move(analysis)};
  }

  struct SectionPlace {
    uint64_t offset = 0;
    uint64_t rows = 0;
    uint64_t checksum = 0;  // As the table records it.
  };

  std::shared_ptr<MappedFile> file_;
  Progress& progress_;
  const char* base_;
  size_t size_;
  uint32_t node_count_ = 0, edge_count_ = 0, root_ = 0;
  std::array<SectionPlace, kSectionCount> sections_;
  snapshot::SnapshotMeta meta_;
  uint64_t file_bytes_ = 0;
  std::array<bool, 256> named_{};  // Edge types whose name is a string.
  // Filled by the row checks.
  uint64_t marked_large_ = 0;
  std::vector<SizeColumn::LargeEntry> large_;
  std::vector<uint32_t> position_;
  bool dfs_order_checked_ = false;
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

// The binary index file: a graph and its analyses, stored so that a tool can
// reopen a snapshot without parsing it (`heapsleuth-index FILE` writes one,
// `FILE.hsidx` beside the snapshot).
//
// Layout (little-endian; every section starts on a 64-byte boundary):
//
//   0    header, 128 bytes
//        magic "HSIDX\0\r\n" | version u32 | 0x01020304 u32 (byte order check)
//        source size u64 | source mtime ns i64 | source hash u64
//        node count u32 | edge count u32 | section count u32 | root u32
//        index file size u64 | checksum of header + section table u64 | zeros
//   128  section table: section count entries of 48 bytes
//        name char[16] (NUL padded) | offset u64 | size u64 |
//        element size u32 | zero u32 | section checksum u64 (the hash of
//        the hashes of its 1 MiB blocks, so it is checked on two threads)
//   ...  sections, each padded with zeros to the next multiple of 64
//
// Sections hold columns exactly as the graph and the analyses keep them in
// memory (Graph, HeapAnalysis, Retainers, the string table), so reopening maps
// the file and points Columns (lib/base/column.h) at the sections: nothing is
// parsed and no big column is copied. Only the small things are decoded: the
// meta (field and type names), the class name table and the overflow list of
// self sizes. See docs/how-it-works.md for the list of sections.
//
// Matching the snapshot: the header records the source's size, its mtime (ns)
// and a hash of its first and last MiB plus its size. Hashing all of a 2 GB
// snapshot would cost seconds of reading when the page cache is cold, more
// than the whole reopen is allowed. Size + mtime (ns) catch ordinary edits;
// the ends catch a file replaced by another with the same size and a copied
// mtime (the `snapshot` header's counts and the `strings` are at the ends).
// Not caught: an edit in the middle that keeps the size with the mtime reset.
//
// The index is untrusted input: OpenIndex checks everything before it hands
// anything out (header, table, section bounds, alignment and element sizes,
// the checksum of every section, then every index in range: to_node, name
// and type ids, first_edge and retainer offsets monotone and ending at the
// edge count, string offsets inside the arena, class ids inside the class
// table, dominators acyclic). Any failure is one line naming the index file.
// Cost of opening: one pass over the file on two threads, copying it from
// the page cache (pread) 1 MiB at a time, hashing each block and checking
// its rows while it is in cache. The mapping itself is not touched: tools
// fault in only what they read. Scratch: 4 bytes per node for the dominator
// check, and a 1 MiB buffer per thread.
#ifndef HEAPSLEUTH_LIB_GRAPH_INDEX_FILE_H_
#define HEAPSLEUTH_LIB_GRAPH_INDEX_FILE_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "lib/base/mapped_file.h"
#include "lib/base/progress.h"
#include "lib/graph/graph.h"
#include "lib/graph/heap_analysis.h"
#include "lib/graph/retainers.h"

namespace heapsleuth::graph {

// 2: the summary section.
inline constexpr uint32_t kIndexFormatVersion = 2;
// Where tools look for a snapshot's index.
inline constexpr char kIndexSuffix[] = ".hsidx";

// What ties an index to its snapshot.
struct SourceStamp {
  uint64_t size = 0;
  int64_t mtime_ns = 0;
  uint64_t hash = 0;  // Of the first and last MiB and the size.

  friend bool operator==(const SourceStamp&, const SourceStamp&) = default;
};

// Stats and hashes the snapshot file at `path` (not stdin).
absl::StatusOr<SourceStamp> StampSource(const std::string& path);

// Writes graph + analysis + retainers to `path` atomically (a temporary file
// in the same folder, renamed when complete). `analysis.retainers` is ignored.
// `summary` goes into the "summary" section as it is: its bytes belong to
// lib/analysis (heap_summary.h), which this layer cannot see; empty is allowed.
absl::Status WriteIndex(const std::string& path, const Graph& graph, const HeapAnalysis& analysis,
                        const Retainers& retainers, std::string_view summary, const SourceStamp& source,
                        Progress& progress);

// A heap reopened from an index. The columns view the mapping, which they
// keep alive; `analysis.retainers` is set.
struct IndexedHeap {
  Graph graph;
  HeapAnalysis analysis;
};

// The checksum the index uses (header, table, sections): for tests and
// fuzz seeds that forge an index whose checksums hold but whose content lies.
uint64_t IndexChecksum(const void* data, size_t size);
// Where a section's table entry starts, by name ("edge.to_node"); -1 if none.
int64_t IndexSectionEntry(std::string_view name);
// Recomputes the checksums of an index held in `bytes` after an edit.
void ResealIndex(std::string& bytes);

// Checks and opens the index in `file`. With `expected`, an index for another
// source stamp is refused as stale (FailedPrecondition); every other failure
// is InvalidArgument ("<index name>: <reason>").
absl::StatusOr<IndexedHeap> OpenIndex(std::shared_ptr<MappedFile> file, const SourceStamp* expected,
                                      Progress& progress);
// Maps `path` and opens it.
absl::StatusOr<IndexedHeap> OpenIndexFile(const std::string& path, const SourceStamp* expected, Progress& progress);

// The bytes of the "summary" section, after checking the header (and the
// stamp, as OpenIndex does), every table entry, and the checksum of that
// section alone: no column is read, so it costs a few pages, not a pass over
// the file. The bytes are the writer's: lib/analysis decodes and checks them.
absl::StatusOr<std::string> ReadIndexSummary(std::shared_ptr<MappedFile> file, const SourceStamp* expected,
                                             Progress& progress);
absl::StatusOr<std::string> ReadIndexSummaryFile(const std::string& path, const SourceStamp* expected,
                                                 Progress& progress);

}  // namespace heapsleuth::graph

#endif  // HEAPSLEUTH_LIB_GRAPH_INDEX_FILE_H_

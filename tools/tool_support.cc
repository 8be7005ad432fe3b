#include "tools/tool_support.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <malloc.h>
#include <unistd.h>

#include <cerrno>
#include <errno.h>  // program_invocation_short_name: the tool's name in warnings.
#include <cstdio>
#include <cstring>

#include "lib/base/atomic_file.h"
#include "lib/base/byte_size.h"
#include "lib/base/str_cat.h"
#include "lib/base/mapped_file.h"
#include "lib/base/spill_file.h"
#include "lib/base/status_macros.h"
#include "lib/graph/index_file.h"
#include "lib/graph/node_id_index.h"
#include "lib/snapshot/parser.h"

namespace heapsleuth::tools {

namespace {

bool use_index = true;

// An index beside the snapshot, and the snapshot's stamp to match it with.
struct IndexCandidate {
  std::string path;
  graph::SourceStamp stamp;
};

std::optional<IndexCandidate> FindIndex(const std::string& path) {
  if (!use_index || path == "-") return std::nullopt;
  IndexCandidate candidate{IndexPathFor(path), {}};
  struct stat st;
  if (::stat(candidate.path.c_str(), &st) != 0) return std::nullopt;
  absl::StatusOr<graph::SourceStamp> stamp = graph::StampSource(path);
  if (!stamp.ok()) return std::nullopt;  // The parse reports what is wrong with the snapshot.
  candidate.stamp = *stamp;
  return candidate;
}

void WarnIgnoringIndex(const absl::Status& status) {
  std::fprintf(stderr, "%s: warning: %s; ignoring the index and parsing the snapshot\n", program_invocation_short_name,
               std::string(status.message()).c_str());
}

// The snapshot's index when one exists and matches; nullopt (after a warning
// line when an index exists but cannot be used) otherwise.
std::optional<graph::IndexedHeap> OpenMatchingIndex(const std::string& path, Progress& progress) {
  const std::optional<IndexCandidate> index = FindIndex(path);
  if (!index) return std::nullopt;
  progress.Stage("Opening the index", 0);
  absl::StatusOr<graph::IndexedHeap> heap = graph::OpenIndexFile(index->path, &index->stamp, progress);
  if (!heap.ok()) {
    WarnIgnoringIndex(heap.status());
    return std::nullopt;
  }
  return std::move(*heap);
}

// Parses and analyzes, never looking for an index.
absl::StatusOr<std::unique_ptr<LoadedHeap>> ParseHeap(
    const std::string& path, Progress& progress, uint64_t max_memory, const graph::InterfaceDefinitions* interfaces,
    graph::KeepDfsOrder keep_dfs_order = graph::KeepDfsOrder::kYes) {
  HS_ASSIGN_OR_RETURN(graph::Graph graph, ParseGraph(path, progress, max_memory));
  auto heap = std::make_unique<LoadedHeap>(LoadedHeap{std::move(graph), {}});
  heap->analysis = graph::AnalyzeHeap(heap->graph, progress, interfaces, keep_dfs_order);
  return heap;
}

// LoadHeap without the progress' Finish: its caller has a stage to add.
absl::StatusOr<std::unique_ptr<LoadedHeap>> OpenOrParseHeap(const std::string& path, Progress& progress,
                                                            uint64_t max_memory,
                                                            const graph::InterfaceDefinitions* interfaces) {
  if (std::optional<graph::IndexedHeap> indexed = OpenMatchingIndex(path, progress)) {
    auto heap = std::make_unique<LoadedHeap>(LoadedHeap{std::move(indexed->graph), {}});
    if (interfaces == nullptr) {
      heap->analysis = std::move(indexed->analysis);
    } else {
      heap->analysis = graph::AnalyzeHeap(heap->graph, progress, interfaces);
    }
    return heap;
  }
  return ParseHeap(path, progress, max_memory, interfaces);
}

// The summary's last step is a stage of its own in --timings: on a cold
// load it is the one after the analyses.
absl::StatusOr<analysis::HeapSummary> LoadSummaryFromHeap(absl::StatusOr<std::unique_ptr<LoadedHeap>> heap,
                                                          Progress& progress) {
  if (!heap.ok()) return heap.status();
  progress.Stage("Summarizing", 0);
  analysis::HeapSummary summary = analysis::SummarizeHeap((*heap)->graph, std::move((*heap)->analysis));
  progress.Finish();
  return summary;
}

}  // namespace

void SetUseIndex(bool use) { use_index = use; }

std::string IndexPathFor(const std::string& snapshot_path) { return snapshot_path + graph::kIndexSuffix; }

absl::StatusOr<graph::Graph> LoadGraph(const std::string& path, Progress& progress, uint64_t max_memory) {
  if (std::optional<graph::IndexedHeap> indexed = OpenMatchingIndex(path, progress)) {
    return std::move(indexed->graph);
  }
  return ParseGraph(path, progress, max_memory);
}

absl::StatusOr<graph::Graph> ParseGraph(const std::string& path, Progress& progress, uint64_t max_memory) {
  // Every array of a megabyte or more gets its own mapping, returned to the
  // kernel when freed. glibc's default threshold grows to 32 MB after the
  // first big free, and the node-sized scratch arrays (26 MB at 6.5 M
  // nodes) would then stay in the heap after the step that used them.
  ::mallopt(M_MMAP_THRESHOLD, 1 << 20);
  HS_ASSIGN_OR_RETURN(std::unique_ptr<MappedFile> file,
                      MappedFile::Open(path, max_memory != 0 ? max_memory : MappedFile::kDefaultMaxReadBytes, progress));
  HS_ASSIGN_OR_RETURN(snapshot::RawSnapshot raw,
                      snapshot::ParseSnapshot(*file, progress, snapshot::ParseLimits{max_memory}));
  file.reset();  // Everything needed is in the columns now.
  graph::Graph graph = graph::Graph::Build(std::move(raw));
  // The analyses read few of the parked columns (lib/base/spill_file.h).
  if (std::unique_ptr<SpillFile> spill = SpillFile::Create()) graph.Park(*spill);
  return graph;
}

absl::StatusOr<std::unique_ptr<LoadedHeap>> LoadHeap(const std::string& path, Progress& progress,
                                                     uint64_t max_memory,
                                                     const graph::InterfaceDefinitions* interfaces) {
  absl::StatusOr<std::unique_ptr<LoadedHeap>> heap = OpenOrParseHeap(path, progress, max_memory, interfaces);
  progress.Finish();
  return heap;
}

absl::StatusOr<analysis::HeapSummary> LoadSummary(const std::string& path, Progress& progress, uint64_t max_memory) {
  if (const std::optional<IndexCandidate> index = FindIndex(path)) {
    progress.Stage("Opening the index", 0);
    absl::StatusOr<std::string> bytes = graph::ReadIndexSummaryFile(index->path, &index->stamp, progress);
    absl::Status status = bytes.status();
    if (bytes.ok() && bytes->empty()) {
      return LoadSummaryFromHeap(OpenOrParseHeap(path, progress, max_memory, nullptr), progress);
    }
    if (bytes.ok()) {
      absl::StatusOr<analysis::HeapSummary> summary = analysis::DecodeHeapSummary(*bytes);
      if (summary.ok()) {
        progress.Finish();
        return summary;
      }
      status = absl::InvalidArgumentError(StrCat(index->path, ": ", std::string(summary.status().message())));
    }
    WarnIgnoringIndex(status);
    return LoadSummaryFromHeap(ParseHeap(path, progress, max_memory, nullptr, graph::KeepDfsOrder::kNo), progress);
  }
  return LoadSummaryFromHeap(ParseHeap(path, progress, max_memory, nullptr, graph::KeepDfsOrder::kNo), progress);
}

void AddProgressFlags(CLI::App& app, ProgressOptions& options) {
  app.add_flag("-q,--quiet", options.quiet, "no progress on stderr");
  app.add_flag("--timings", options.timings, "print each stage's wall time and memory on stderr");
  app.add_flag_callback("--no-index", [] { SetUseIndex(false); },
                        "parse the snapshot even when a matching FILE.hsidx index is beside it");
}

void ToolProgress::Finish() {
  timings_.Finish();
  if (show_timings_) std::fputs(timings_.Format().c_str(), stderr);
  show_timings_ = false;  // Once, though Finish may be called again.
}

void AddMaxMemoryOption(CLI::App& app, uint64_t& max_memory) {
  app.add_option_function<std::string>(
         "--max-memory",
         [&max_memory](const std::string& text) {
           std::optional<uint64_t> bytes = ParseByteSize(text);
           if (!bytes || *bytes == 0) throw CLI::ValidationError("--max-memory", "expected a size such as 512MB or 4GiB, got " + text);
           max_memory = *bytes;
         },
         "fail cleanly, before loading, when the snapshot would need more memory than SIZE (e.g. 4G)")
      ->type_name("SIZE");
}

void AddOutputOption(CLI::App& app, std::string& output) {
  app.add_option("-o,--output", output,
                 "write to FILE instead of stdout; FILE appears complete or not at all")
      ->type_name("FILE");
}

int ReportError(const std::string& tool, const absl::Status& status) {
  std::fprintf(stderr, "%s: error: %s\n", tool.c_str(), std::string(status.message()).c_str());
  return kExitInputError;
}

int ParseArguments(CLI::App& app, int argc, char** argv) {
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    // --help and --help-all print the help and succeed; real errors get one line.
    if (error.get_exit_code() == static_cast<int>(CLI::ExitCodes::Success)) {
      return app.exit(error) == 0 ? kExitOk : kExitUsage;
    }
    return ReportUsageError(app.get_name(), error.what());
  }
  return -1;
}

int ReportUsageError(const std::string& tool, const std::string& message) {
  std::fprintf(stderr, "%s: error: %s (try --help)\n", tool.c_str(), message.c_str());
  return kExitUsage;
}

std::optional<NodeId> ParseNodeTarget(std::string_view text) {
  if (!text.empty() && text[0] == '@') text.remove_prefix(1);
  if (text.empty() || text.size() > 10) return std::nullopt;
  uint64_t value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + static_cast<uint64_t>(c - '0');
  }
  if (value > UINT32_MAX) return std::nullopt;
  return static_cast<NodeId>(value);
}

int CheckNodeTargets(const std::string& tool, const std::vector<std::string>& targets) {
  for (const std::string& target : targets) {
    if (!ParseNodeTarget(target)) {
      return ReportUsageError(tool, StrCat("'", target, "' is not a node id (write @ID, e.g. @4567)"));
    }
  }
  return -1;
}

int ResolveNodeTargets(const std::string& tool, const std::string& path, const graph::Graph& graph,
                       const std::vector<std::string>& targets, std::vector<uint32_t>& nodes) {
  // A few ids are found by scanning; more by the sorted index (a sort of
  // every node's id).
  constexpr size_t kScanUpTo = 8;
  std::optional<graph::NodeIdIndex> index;
  if (targets.size() > kScanUpTo) index = graph::NodeIdIndex::Build(graph);
  for (const std::string& target : targets) {
    const NodeId id = *ParseNodeTarget(target);
    std::optional<uint32_t> node = index ? index->Find(id) : graph::FindNodeById(graph, id);
    if (!node) return ReportError(tool, absl::NotFoundError(StrCat(path, ": no node has id @", id)));
    nodes.push_back(*node);
  }
  return -1;
}

bool WriteOutput(const std::string& tool, const std::string& output, const std::string& text) {
  if (output.empty() || output == "-") return WriteStdout(tool, text);
  absl::Status written = WriteFileAtomically(output, text);
  if (!written.ok()) {
    ReportError(tool, written);
    return false;
  }
  return true;
}

bool WriteStdout(const std::string& tool, const std::string& text) {
  if (std::fwrite(text.data(), 1, text.size(), stdout) != text.size() || std::fflush(stdout) != 0) {
    ReportError(tool, absl::UnavailableError(StrCat("cannot write output: ", std::strerror(errno))));
    return false;
  }
  return true;
}

absl::StatusOr<std::string> ReadSmallFile(const std::string& path) {
  HS_ASSIGN_OR_RETURN(std::unique_ptr<MappedFile> file, MappedFile::Open(path));
  return std::string(file->data());
}

}  // namespace heapsleuth::tools

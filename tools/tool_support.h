// What every heapsleuth tool shares: exit codes, loading a snapshot with
// progress, and the one-line error format.
//
// Exit codes (all tools): 0 ok; 1 a CI threshold was crossed or leaks were
// found when asked to fail; 2 usage error; 3 input or I/O error.
#ifndef HEAPSLEUTH_TOOLS_TOOL_SUPPORT_H_
#define HEAPSLEUTH_TOOLS_TOOL_SUPPORT_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <CLI/CLI.hpp>

#include "absl/status/statusor.h"
#include "lib/analysis/heap_summary.h"
#include "lib/base/progress.h"
#include "lib/graph/graph.h"
#include "lib/graph/heap_analysis.h"
#include "lib/report/stage_timings.h"
#include "lib/report/terminal_progress.h"

namespace heapsleuth::tools {

enum ExitCode : int {
  kExitOk = 0,
  kExitThreshold = 1,
  kExitUsage = 2,
  kExitInputError = 3,
};

// A parsed and analyzed snapshot.
struct LoadedHeap {
  graph::Graph graph;
  graph::HeapAnalysis analysis;
};

// The flags every tool has: -q/--quiet, --timings and --no-index.
struct ProgressOptions {
  bool quiet = false;
  bool timings = false;
};
// --no-index is process-wide (SetUseIndex): every tool loads through
// LoadGraph/LoadHeap, and every tool registers its flags here.
void AddProgressFlags(CLI::App& app, ProgressOptions& options);

// Whether LoadGraph/LoadHeap may reopen a snapshot from its index file
// (lib/graph/index_file.h), `<snapshot>.hsidx` beside it. On by default.
void SetUseIndex(bool use_index);
// Where a snapshot's index is looked for.
std::string IndexPathFor(const std::string& snapshot_path);

// A tool's progress: a line on stderr while it is a terminal (not with
// --quiet) and, with --timings, a table of every stage's wall time and
// memory on stderr when the work is finished.
class ToolProgress final : public Progress {
 public:
  explicit ToolProgress(const ProgressOptions& options)
      : terminal_(options.quiet), timings_(terminal_), show_timings_(options.timings) {}

  using Progress::Stage;
  void Stage(std::string_view name, uint64_t total, ProgressUnit unit) override {
    timings_.Stage(name, total, unit);
  }
  void Advance(uint64_t done) override { timings_.Advance(done); }
  void Finish() override;

 private:
  report::TerminalProgress terminal_;
  report::StageTimings timings_;
  bool show_timings_;
};

// Parses `path` ("-" for stdin) and builds the graph, without analyses.
// When `<path>.hsidx` exists and matches the snapshot (size, mtime, hash),
// the graph is reopened from it instead (mapped, not parsed); a stale or
// corrupt index gets one warning line on stderr and the snapshot is parsed.
// With `max_memory` (bytes; 0: none), refuses, before allocating, a snapshot
// whose load would need more (lib/snapshot/memory_estimate.h), and copies at
// most that much from stdin, a pipe or a compressed file. A parsed graph's
// node ids, edge names and strings are parked in a temporary file
// (graph::Graph::Park), which the analyses hardly read.
absl::StatusOr<graph::Graph> LoadGraph(const std::string& path, Progress& progress, uint64_t max_memory = 0);
// LoadGraph without looking for an index.
absl::StatusOr<graph::Graph> ParseGraph(const std::string& path, Progress& progress, uint64_t max_memory = 0);

// LoadGraph, then the analyses; `interfaces` as in graph::AnalyzeHeap. From
// a matching index the analyses are read too, unless `interfaces` is given
// (class names then depend on another snapshot and are computed).
absl::StatusOr<std::unique_ptr<LoadedHeap>> LoadHeap(const std::string& path, Progress& progress,
                                                     uint64_t max_memory = 0,
                                                     const graph::InterfaceDefinitions* interfaces = nullptr);

// What heapsleuth-summary reports. From a matching index, its summary
// section alone is read and checked (graph::ReadIndexSummary): no column is
// touched. An index without one is opened as LoadHeap opens it; a stale or
// corrupt one gets one warning line and the snapshot is parsed.
absl::StatusOr<analysis::HeapSummary> LoadSummary(const std::string& path, Progress& progress, uint64_t max_memory = 0);

// Adds --max-memory SIZE to `app` (lib/base/byte_size.h: "4GB", "512MiB").
// Stores into `max_memory`; a malformed or zero SIZE is a usage error.
void AddMaxMemoryOption(CLI::App& app, uint64_t& max_memory);

// Adds -o,--output FILE to `app`: write there instead of stdout, the whole
// output or nothing (lib/base/atomic_file.h). "-" means stdout.
void AddOutputOption(CLI::App& app, std::string& output);

// Prints "heapsleuth-<tool>: error: <message>" on stderr; returns kExitInputError.
int ReportError(const std::string& tool, const absl::Status& status);

// Runs CLI11's parse; returns -1 to continue, else the exit code (0 for
// --help, kExitUsage for bad arguments, reported in one line).
int ParseArguments(CLI::App& app, int argc, char** argv);

// Prints "heapsleuth-<tool>: error: <message> (try --help)"; returns kExitUsage.
int ReportUsageError(const std::string& tool, const std::string& message);

// A target on the command line: "@123" (as DevTools shows ids) or "123".
// nullopt when it is neither.
std::optional<NodeId> ParseNodeTarget(std::string_view text);

// Checks the targets' syntax before anything is loaded: returns -1 when all
// are well-formed, else kExitUsage (reported).
int CheckNodeTargets(const std::string& tool, const std::vector<std::string>& targets);

// The ordinals of well-formed targets; a missing id is an input error naming
// it (returns kExitInputError, reported). Returns -1 when all are found.
int ResolveNodeTargets(const std::string& tool, const std::string& path, const graph::Graph& graph,
                       const std::vector<std::string>& targets, std::vector<uint32_t>& nodes);

// Writes `text` to stdout; false (after reporting) when that fails.
bool WriteStdout(const std::string& tool, const std::string& text);

// Writes `text` to `output` (see AddOutputOption), or to stdout when it is
// empty or "-"; false (after reporting) when that fails.
bool WriteOutput(const std::string& tool, const std::string& output, const std::string& text);

// The whole of a small text file (rules, budgets).
absl::StatusOr<std::string> ReadSmallFile(const std::string& path);

}  // namespace heapsleuth::tools

#endif  // HEAPSLEUTH_TOOLS_TOOL_SUPPORT_H_

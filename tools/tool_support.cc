#include "tools/tool_support.h"

#include <malloc.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

#include "lib/base/atomic_file.h"
#include "lib/base/byte_size.h"
#include "lib/base/str_cat.h"
#include "lib/base/mapped_file.h"
#include "lib/base/status_macros.h"
#include "lib/snapshot/parser.h"

namespace heapsleuth::tools {

absl::StatusOr<std::unique_ptr<LoadedHeap>> LoadHeap(const std::string& path, Progress& progress,
                                                     uint64_t max_memory) {
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
  auto heap = std::make_unique<LoadedHeap>(LoadedHeap{graph::Graph::Build(std::move(raw)), {}});
  heap->analysis = graph::AnalyzeHeap(heap->graph, progress);
  progress.Finish();
  return heap;
}

void AddProgressFlags(CLI::App& app, ProgressOptions& options) {
  app.add_flag("-q,--quiet", options.quiet, "no progress on stderr");
  app.add_flag("--timings", options.timings, "print each stage's wall time and memory on stderr");
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
    int code = app.exit(error);
    return code == 0 ? kExitOk : kExitUsage;
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

}  // namespace heapsleuth::tools

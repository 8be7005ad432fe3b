#include "tools/tool_support.h"

#include <malloc.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

#include "lib/base/str_cat.h"
#include "lib/base/mapped_file.h"
#include "lib/base/status_macros.h"
#include "lib/snapshot/parser.h"

namespace heapsleuth::tools {

absl::StatusOr<std::unique_ptr<LoadedHeap>> LoadHeap(const std::string& path, Progress& progress) {
  // Every array of a megabyte or more gets its own mapping, returned to the
  // kernel when freed. glibc's default threshold grows to 32 MB after the
  // first big free, and the node-sized scratch arrays (26 MB at 6.5 M
  // nodes) would then stay in the heap after the step that used them.
  ::mallopt(M_MMAP_THRESHOLD, 1 << 20);
  HS_ASSIGN_OR_RETURN(std::unique_ptr<MappedFile> file, MappedFile::Open(path));
  HS_ASSIGN_OR_RETURN(snapshot::RawSnapshot raw, snapshot::ParseSnapshot(*file, progress));
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

bool WriteStdout(const std::string& tool, const std::string& text) {
  if (std::fwrite(text.data(), 1, text.size(), stdout) != text.size() || std::fflush(stdout) != 0) {
    ReportError(tool, absl::UnavailableError(StrCat("cannot write output: ", std::strerror(errno))));
    return false;
  }
  return true;
}

}  // namespace heapsleuth::tools

// Parking columns in a temporary file (lib/base/spill_file.h): a parked graph
// reads exactly as before, its analysis is DevTools' as before, and when no
// file can be made or written the rows simply stay in memory.
#include "lib/base/spill_file.h"

#include <sys/resource.h>

#include <catch2/catch.hpp>
#include <csignal>
#include <cstdlib>
#include <numeric>
#include <optional>
#include <string>
#include <vector>

#include "lib/base/progress.h"
#include "tests/unit/same_heap.h"
#include "tests/unit/sample_loader.h"

namespace heapsleuth {
namespace {

// Sets an environment variable for one scope.
class ScopedEnv {
 public:
  ScopedEnv(const char* name, const char* value) : name_(name) {
    if (const char* old = std::getenv(name)) old_ = old;
    ::setenv(name, value, 1);
  }
  ~ScopedEnv() {
    if (old_) {
      ::setenv(name_, old_->c_str(), 1);
    } else {
      ::unsetenv(name_);
    }
  }

 private:
  const char* name_;
  std::optional<std::string> old_;
};

TEST_CASE("A parked graph reads and analyzes as it did") {
  for (const char* name : {"node-leak-s3.heapsnapshot", "chromium-detached-dom.heapsnapshot",
                           "node-tracked.heapsnapshot"}) {
    INFO(name);
    const testing::LoadedSample sample = testing::LoadSample(name);
    graph::Graph parked = sample.graph;
    std::unique_ptr<SpillFile> spill = SpillFile::Create();
    REQUIRE(spill != nullptr);
    parked.Park(*spill);
    CHECK(parked.node_id_column().is_view());
    CHECK(parked.edge_name_or_index_column().is_view());
    CHECK(parked.strings().offsets().is_view());
    CHECK_FALSE(parked.node_type_column().is_view());
    CHECK(spill->bytes() >= parked.edge_count() * sizeof(uint32_t) + parked.strings().arena_bytes());
    spill.reset();  // The mappings outlive the file's descriptor.
    testing::CheckSameGraph(sample.graph, parked);

    // Dropping the pages loses nothing: they are read back from the file.
    parked.ReleaseParkedPages();
    parked.ReleaseParkedEdgeNames(0, parked.edge_count());
    testing::CheckSameGraph(sample.graph, parked);

    NoProgress progress;
    testing::CheckSameAnalysis(sample.analysis, graph::AnalyzeHeap(parked, progress));
  }
}

TEST_CASE("Without a temporary directory nothing is parked") {
  ScopedEnv tmpdir("TMPDIR", "/nonexistent/heapsleuth-test");
  CHECK(SpillFile::Create() == nullptr);
}

TEST_CASE("A column that cannot be written stays in memory") {
  std::unique_ptr<SpillFile> spill = SpillFile::Create();
  REQUIRE(spill != nullptr);
  std::vector<uint32_t> rows(1 << 20);
  std::iota(rows.begin(), rows.end(), 7u);
  const std::vector<uint32_t> expected = rows;
  // A file size limit makes the write fail (EFBIG) as a full disk would.
  struct rlimit old_limit;
  REQUIRE(::getrlimit(RLIMIT_FSIZE, &old_limit) == 0);
  struct rlimit small = old_limit;
  small.rlim_cur = 1 << 16;
  auto old_handler = std::signal(SIGXFSZ, SIG_IGN);
  REQUIRE(::setrlimit(RLIMIT_FSIZE, &small) == 0);
  Column<uint32_t> column = spill->Park(Column<uint32_t>(std::move(rows)));
  ::setrlimit(RLIMIT_FSIZE, &old_limit);
  std::signal(SIGXFSZ, old_handler);
  CHECK_FALSE(column.is_view());
  CHECK(testing::SameRows(column, expected));

  // The next column still parks, past the failed range.
  Column<uint32_t> small_column = spill->Park(Column<uint32_t>(std::vector<uint32_t>{1, 2, 3}));
  CHECK(small_column.is_view());
  CHECK(testing::SameRows(small_column, std::vector<uint32_t>{1, 2, 3}));
}

}  // namespace
}  // namespace heapsleuth

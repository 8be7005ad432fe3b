// AtomicFile: the destination holds the old content or the new, never part.
#include <catch2/catch.hpp>

#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "lib/base/atomic_file.h"

namespace heapsleuth {
namespace {

namespace fs = std::filesystem;

// A fresh, empty scratch folder, removed afterwards.
struct ScratchDir {
  ScratchDir() {
    std::string pattern = (fs::temp_directory_path() / "heapsleuth-atomic.XXXXXX").string();
    REQUIRE(::mkdtemp(pattern.data()) != nullptr);
    path = pattern;
  }
  ~ScratchDir() { fs::remove_all(path); }
  size_t entries() const { return static_cast<size_t>(std::distance(fs::directory_iterator(path), {})); }
  fs::path path;
};

std::string Read(const fs::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

TEST_CASE("AtomicFile: the destination changes only at Commit") {
  ScratchDir dir;
  const std::string target = (dir.path / "report.json").string();
  REQUIRE(WriteFileAtomically(target, "old\n").ok());
  auto file = AtomicFile::Create(target);
  REQUIRE(file.ok());
  std::fputs("new, half", (*file)->stream());
  std::fflush((*file)->stream());
  CHECK(Read(target) == "old\n");  // Mid-write: still the old file...
  CHECK(fs::path((*file)->temp_path()).parent_path() == dir.path);  // ...beside it.
  std::fputs(" and the rest\n", (*file)->stream());
  REQUIRE((*file)->Commit().ok());
  CHECK(Read(target) == "new, half and the rest\n");
  CHECK(dir.entries() == 1);  // No temporary file left.
  // The mode a plain create would give, not mkstemp's 0600.
  struct stat st;
  REQUIRE(::stat(target.c_str(), &st) == 0);
  const mode_t mask = ::umask(0);
  ::umask(mask);
  CHECK((st.st_mode & 0777) == (0666 & ~mask));
}

TEST_CASE("AtomicFile: abandoned without Commit, the old file stays and the temporary goes") {
  ScratchDir dir;
  const std::string target = (dir.path / "nodes.tsv").string();
  REQUIRE(WriteFileAtomically(target, "old\n").ok());
  {
    auto file = AtomicFile::Create(target);
    REQUIRE(file.ok());
    std::fputs("partial", (*file)->stream());
    CHECK(dir.entries() == 2);
  }
  CHECK(Read(target) == "old\n");
  CHECK(dir.entries() == 1);
  // And with no old file, none appears.
  {
    auto file = AtomicFile::Create((dir.path / "fresh.tsv").string());
    REQUIRE(file.ok());
  }
  CHECK(!fs::exists(dir.path / "fresh.tsv"));
}

TEST_CASE("AtomicFile: errors name the destination") {
  ScratchDir dir;
  auto missing = AtomicFile::Create((dir.path / "no-such-dir" / "out.tsv").string());
  REQUIRE(!missing.ok());
  CHECK(std::string(missing.status().message()) ==
        (dir.path / "no-such-dir" / "out.tsv").string() +
            ": cannot create a temporary file beside it: No such file or directory");
  auto directory = AtomicFile::Create(dir.path.string());
  REQUIRE(!directory.ok());
  CHECK(std::string(directory.status().message()) == dir.path.string() + ": is a directory");
  CHECK(dir.entries() == 0);
}

}  // namespace
}  // namespace heapsleuth

// MappedFile::CopyOut: the same bytes as the view, by pread for a mapped
// file and by memcpy for bytes in memory; a range outside the file is an
// error, never a read past it.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "lib/base/mapped_file.h"

namespace heapsleuth {
namespace {

const std::string kSample = std::string(HEAPSLEUTH_SAMPLES_DIR) + "/node-leak-s1.heapsnapshot";

void CheckCopies(const MappedFile& file) {
  const std::string_view data = file.data();
  REQUIRE(data.size() > 3 << 20);
  for (const auto& [offset, length] : std::vector<std::pair<size_t, size_t>>{
           {0, 0}, {0, 1}, {1, 4095}, {4095, 2}, {1 << 20, 2 << 20}, {data.size() - 7, 7}, {data.size(), 0}}) {
    std::string copy(length, '\0');
    REQUIRE(file.CopyOut(offset, length, copy.data()).ok());
    CHECK(copy == data.substr(offset, length));
  }
  std::string whole(data.size(), '\0');
  REQUIRE(file.CopyOut(0, whole.size(), whole.data()).ok());
  CHECK(whole == data);
  char byte = 0;
  for (const auto& [offset, length] :
       std::vector<std::pair<size_t, size_t>>{{data.size(), 1}, {data.size() + 1, 0}, {1, data.size()}, {2, SIZE_MAX}}) {
    const absl::Status status = file.CopyOut(offset, length, &byte);
    CHECK(status.code() == absl::StatusCode::kOutOfRange);
    CHECK(std::string(status.message()).find(file.name()) == 0);
  }
}

TEST_CASE("MappedFile: CopyOut reads the mapped file's bytes") {
  auto file = MappedFile::Open(kSample);
  REQUIRE(file.ok());
  CheckCopies(**file);
}

TEST_CASE("MappedFile: CopyOut copies bytes in memory") {
  auto mapped = MappedFile::Open(kSample);
  REQUIRE(mapped.ok());
  const std::string bytes((*mapped)->data());
  CheckCopies(*MappedFile::FromBytes(bytes, "in-memory"));
}

}  // namespace
}  // namespace heapsleuth

#include <catch2/catch.hpp>

#include "lib/base/size_column.h"

namespace heapsleuth {
namespace {

TEST_CASE("SizeColumn: small sizes inline, 32-bit overflow found by row") {
  SizeColumn column;
  const std::vector<uint64_t> sizes = {0, 16, UINT32_MAX - 1, UINT32_MAX, 5'000'000'000, 7, uint64_t{1} << 40, 3};
  for (uint64_t size : sizes) column.Append(size);
  REQUIRE(column.size() == sizes.size());
  for (size_t row = 0; row < sizes.size(); ++row) {
    INFO(row);
    CHECK(column[row] == sizes[row]);
  }
}

}  // namespace
}  // namespace heapsleuth

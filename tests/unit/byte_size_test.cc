#include "lib/base/byte_size.h"

#include <catch2/catch.hpp>
#include <string>

namespace heapsleuth {
namespace {

uint64_t Size(const std::string& text) {
  absl::StatusOr<uint64_t> size = ParseByteSize(text);
  INFO(text << ": " << size.status().message());
  REQUIRE(size.ok());
  return *size;
}

TEST_CASE("Byte sizes: plain bytes, decimal and binary units, fractions") {
  CHECK(Size("0") == 0);
  CHECK(Size("4096") == 4096);
  CHECK(Size("12B") == 12);
  CHECK(Size("512kB") == 512000);
  CHECK(Size("512KB") == 512000);
  CHECK(Size("1MB") == 1000000);
  CHECK(Size("1 mb") == 1000000);
  CHECK(Size("1.5MB") == 1500000);
  CHECK(Size("2GB") == 2000000000);
  CHECK(Size("1KiB") == 1024);
  CHECK(Size("1.5MiB") == 1572864);
  CHECK(Size("3GiB") == 3221225472ull);
  CHECK(Size("0.0000001kB") == 0);  // Rounded down.
  CHECK(Size("18446744073709551615") == UINT64_MAX);
}

TEST_CASE("Byte sizes: errors name the text") {
  for (const char* bad : {"", "MB", "-1", "1.5", "1.5B", "1XB", "1 M", "1..5MB", ".5MB", "1MB ", "0x10",
                          "18446744073709551616", "20000000TB"}) {
    INFO(bad);
    absl::StatusOr<uint64_t> size = ParseByteSize(bad);
    CHECK(!size.ok());
    CHECK(std::string(size.status().message()).find(std::string("'") + bad + "'") != std::string::npos);
  }
}

}  // namespace
}  // namespace heapsleuth

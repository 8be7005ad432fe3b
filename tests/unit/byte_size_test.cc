#include <catch2/catch.hpp>

#include "lib/base/byte_size.h"

namespace heapsleuth {
namespace {

TEST_CASE("Sizes: SI powers of 1000, IEC powers of 1024, fractions, case") {
  CHECK(ParseByteSize("0") == 0u);
  CHECK(ParseByteSize("512") == 512u);
  CHECK(ParseByteSize("512B") == 512u);
  CHECK(ParseByteSize("1kB") == 1000u);
  CHECK(ParseByteSize("1k") == 1000u);
  CHECK(ParseByteSize("1KiB") == 1024u);
  CHECK(ParseByteSize("1.5MB") == 1500000u);
  CHECK(ParseByteSize("1.5mb") == 1500000u);
  CHECK(ParseByteSize("2MiB") == 2u * 1024 * 1024);
  CHECK(ParseByteSize("4G") == 4000000000u);
  CHECK(ParseByteSize("4GiB") == 4ull << 30);
  CHECK(ParseByteSize("0.0001kB") == 0u);  // Rounded down to whole bytes.
  CHECK(ParseByteSize("1.00000000001GB") == 1000000000u);
  CHECK(ParseByteSize("16TiB") == 16ull << 40);
}

TEST_CASE("Sizes: what is not a size") {
  for (const char* text : {"", "MB", ".", "1..5MB", "1.5.5", "1 MB", "-1", "1XB", "1iB", "1KiBB", "1e6",
                           "99999999999999999999", "20000000TB"}) {
    INFO(text);
    CHECK(!ParseByteSize(text).has_value());
  }
}

}  // namespace
}  // namespace heapsleuth

#include <catch2/catch.hpp>

#include "lib/base/js_string.h"
#include "lib/graph/class_names.h"
#include "lib/graph/weak_map_edges.h"

namespace heapsleuth {
namespace {

TEST_CASE("UTF-16 length and order follow JS") {
  CHECK(Utf16Length("abc") == 3);
  CHECK(Utf16Length("\xC3\xA9") == 1);
  CHECK(Utf16Length("\xF0\x9F\x98\x80") == 2);  // One astral code point, two units.
  CHECK(Utf16Length("\xED\xA0\x80") == 1);      // A lone surrogate.
  CHECK(CompareUtf16("a", "b") < 0);
  CHECK(CompareUtf16("B", "a") < 0);
  CHECK(CompareUtf16("ab", "a") > 0);
  // U+FF5E sorts after U+1F600 in code points but before it in UTF-16 (0xD83D).
  CHECK(CompareUtf16("\xEF\xBD\x9E", "\xF0\x9F\x98\x80") > 0);
}

TEST_CASE("JSON.stringify and parseInt as JS does them") {
  CHECK(JsonStringifyJs("a,b") == "\"a,b\"");
  CHECK(JsonStringifyJs("q\"\\\n\x01") == "\"q\\\"\\\\\\n\\u0001\"");
  CHECK(JsonStringifyJs("\xED\xA0\x80") == "\"\\ud800\"");
  CHECK(graph::FormatPropertyName("plain") == "plain");
  CHECK(graph::FormatPropertyName("{x}") == "\"{x}\"");
  CHECK(ParseIntJs("12abc") == 12.0);
  CHECK(ParseIntJs(" -7") == -7.0);
  CHECK_FALSE(ParseIntJs("abc").has_value());
}

TEST_CASE("WeakMap ephemeron edge names") {
  auto match = graph::ParseWeakMapEdgeName("3 / part of key (Foo @41) -> value (Bar @43) pair in WeakMap (table @39)");
  REQUIRE(match.has_value());
  CHECK(match->table_id == 39u);
  CHECK(match->duplicated_part == " / part of key (Foo @41) -> value (Bar @43) pair in WeakMap (table @39)");
  // Names that themselves contain the separators still parse.
  CHECK(graph::ParseWeakMapEdgeName("12 / part of key (a) -> value (b @1) -> value (c @2) pair in WeakMap (table @7)"));
  CHECK_FALSE(graph::ParseWeakMapEdgeName("x / part of key (Foo @41) -> value (Bar @43) pair in WeakMap (table @39)"));
  CHECK_FALSE(graph::ParseWeakMapEdgeName("3 / part of key (Foo\n @41) -> value (Bar @43) pair in WeakMap (table @39)"));
  CHECK_FALSE(graph::ParseWeakMapEdgeName("3 / part of key (Foo @41) -> value (Bar @) pair in WeakMap (table @39)"));
  CHECK_FALSE(graph::ParseWeakMapEdgeName("elements"));
}

}  // namespace
}  // namespace heapsleuth

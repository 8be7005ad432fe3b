#include <catch2/catch.hpp>

#include <string>
#include <vector>

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

  // The ASCII fast path agrees with comparing UTF-16 code units, on every
  // pair of strings of up to three pieces: ASCII, 2-, 3- and 4-byte code
  // points, a lone surrogate.
  const std::vector<std::string> pieces = {"", "a", "b", "\x7F", "\xC3\xA9", "\xEF\xBD\x9E",
                                           "\xF0\x9F\x98\x80", "\xED\xA0\x80"};
  auto units = [](std::string_view text) {
    std::vector<uint32_t> out;
    for (size_t i = 0; i < text.size();) {
      const uint32_t cp = NextCodePoint(text, i);
      if (cp >= 0x10000) {
        out.push_back(0xD800 + ((cp - 0x10000) >> 10));
        out.push_back(0xDC00 + ((cp - 0x10000) & 0x3FF));
      } else {
        out.push_back(cp);
      }
    }
    return out;
  };
  std::vector<std::string> texts;
  for (const std::string& x : pieces) {
    for (const std::string& y : pieces) {
      for (const std::string& z : pieces) texts.push_back(x + y + z);
    }
  }
  for (const std::string& a : texts) {
    for (const std::string& b : texts) {
      const std::vector<uint32_t> ua = units(a), ub = units(b);
      const int expected = ua < ub ? -1 : (ub < ua ? 1 : 0);
      const int got = CompareUtf16(a, b);
      INFO(a << " vs " << b);
      REQUIRE((got < 0 ? -1 : (got > 0 ? 1 : 0)) == expected);
    }
  }
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

#include <catch2/catch.hpp>

#include <cctype>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <memory>
#include <string>
#include <vector>

#include "lib/base/mapped_file.h"
#include "lib/snapshot/file_window.h"
#include "lib/snapshot/parser.h"
#include "lib/snapshot/string_decoder.h"
#include "lib/snapshot/uint_array_reader.h"

namespace heapsleuth::snapshot {
namespace {

absl::Status ReadAll(std::string_view text, std::vector<uint64_t>& out) {
  JsonCursor cursor(text, "t");
  return ReadUintArray(
      cursor,
      [&](uint64_t value, uint64_t) {
        out.push_back(value);
        return absl::OkStatus();
      },
      [](uint64_t) {});
}

TEST_CASE("Integer arrays: values, whitespace, empty") {
  std::vector<uint64_t> values;
  REQUIRE(ReadAll(" [0,1, 22\n,333 ,18446744073709551] ", values).ok());
  CHECK(values == std::vector<uint64_t>{0, 1, 22, 333, 18446744073709551ull});
  values.clear();
  REQUIRE(ReadAll("[ ]", values).ok());
  CHECK(values.empty());
}

// The reader takes 16 bytes at a time where it can (ReadDigitsSwar) and a
// byte at a time near the end: every length of number, at every distance
// from the end, must read alike.
TEST_CASE("Integer arrays: every digit count, near and far from the end") {
  std::vector<uint64_t> expected;
  std::string text = "[";
  uint64_t power = 1;
  for (int digits = 1; digits <= 19; ++digits, power *= 10) {
    // The smallest and the largest number of this length, and one with zeros.
    for (uint64_t value : {power, power * 10 - 1, power + 5}) {
      expected.push_back(value);
      text += std::to_string(value);
      text += expected.size() % 3 == 0 ? "\n," : expected.size() % 5 == 0 ? " , " : ",";
    }
  }
  text.back() = ']';
  for (size_t tail = 0; tail <= 20; ++tail) {
    std::vector<uint64_t> values;
    REQUIRE(ReadAll(text + std::string(tail, ' '), values).ok());
    CHECK(values == expected);
  }
  // Arrays of the last `keep` values: each value is the last one once.
  for (size_t keep = 1; keep <= expected.size(); ++keep) {
    std::string suffix = "[";
    for (size_t i = expected.size() - keep; i < expected.size(); ++i) {
      suffix += std::to_string(expected[i]) + (i + 1 < expected.size() ? "," : "]");
    }
    std::vector<uint64_t> values;
    REQUIRE(ReadAll(suffix, values).ok());
    CHECK(values == std::vector<uint64_t>(expected.end() - static_cast<long>(keep), expected.end()));
  }
  std::vector<uint64_t> values;
  CHECK(std::string(ReadAll("[1,123456789012345678901,2,3,4,5,6,7,8,9,10]", values).message()) ==
        "t: byte 3: integer too large");
  CHECK(std::string(ReadAll("[1,1234567x,2,3,4,5,6,7,8,9,10,11,12]", values).message()) ==
        "t: byte 10: expected ',' or ']' in an integer array, found 'x'");
}

// Values and errors with their offsets, read from a file through a
// FileWindow or from memory.
struct ReadResult {
  std::vector<std::pair<uint64_t, uint64_t>> values;  // (value, offset)
  std::string error;
  uint64_t end = 0;  // Offset after the array.
  bool operator==(const ReadResult&) const = default;
};

template <typename Text>
ReadResult ReadWith(Text& text) {
  ReadResult result;
  absl::Status status = ReadUintArray(
      text,
      [&](uint64_t value, uint64_t offset) {
        result.values.emplace_back(value, offset);
        return absl::OkStatus();
      },
      [](uint64_t) {});
  // Without the file's name: "byte N: ...".
  const std::string message(status.message());
  result.error = message.substr(std::min(message.size(), message.find(": ") + 2));
  result.end = text.cursor().offset();
  return result;
}

ReadResult ReadThroughWindow(const std::string& text) {
  char path[] = "/tmp/heapsleuth-test-XXXXXX";
  const int fd = mkstemp(path);
  REQUIRE(fd >= 0);
  REQUIRE(write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()));
  close(fd);
  auto file = MappedFile::Open(path);
  std::remove(path);
  REQUIRE(file.ok());
  FileWindow window(**file, 0);
  REQUIRE(window.Advance().ok());
  return ReadWith(window);
}

ReadResult ReadInMemory(const std::string& text) {
  JsonCursor cursor(text, "t");
  WholeText whole(cursor);
  return ReadWith(whole);
}

// The window moves every FileWindow::kBytes: numbers and whitespace that
// straddle its edge, and runs of whitespace longer than it, read as they do
// from memory, with the same offsets and errors.
TEST_CASE("Integer arrays: read through a moving file window as from memory") {
  const size_t window = FileWindow::kBytes;
  std::string text = "[";
  uint64_t n = 0;
  // Numbers of 1-19 digits, so that every kind lands on the window's edges.
  while (text.size() < 3 * window) {
    text += std::to_string(n * 2654435761u % 10000000000000000000ull >> (n % 60));
    text += n % 7 == 0 ? ",\n" : ",";
    ++n;
  }
  text += std::string(window + 3, ' ') + "12," + std::string(2 * window, '\n') + "7 ]";
  const ReadResult in_memory = ReadInMemory(text);
  REQUIRE(in_memory.error.empty());
  CHECK(in_memory.values.size() == n + 2);
  const ReadResult windowed = ReadThroughWindow(text);
  CHECK(windowed == in_memory);
  CHECK(windowed.end == text.size());

  // An error far into the file names its byte either way.
  std::string bad = text.substr(0, text.size() - 3) + "x]";
  CHECK(ReadThroughWindow(bad) == ReadInMemory(bad));
  CHECK(ReadThroughWindow(bad).error ==
        StrCat("byte ", bad.size() - 2, ": expected an unsigned integer, found 'x'"));
  // Cut off inside a number.
  std::string cut = text.substr(0, window + 5);
  while (!std::isdigit(static_cast<unsigned char>(cut.back()))) cut.pop_back();
  CHECK(ReadThroughWindow(cut).error.find("found end of input") != std::string::npos);
  // An empty array with more whitespace than a window.
  const ReadResult empty = ReadThroughWindow("[" + std::string(window + 10, ' ') + "]");
  CHECK(empty.error.empty());
  CHECK(empty.values.empty());
}

TEST_CASE("Integer arrays: errors name the byte") {
  std::vector<uint64_t> values;
  CHECK(std::string(ReadAll("[1,-2]", values).message()) ==
        "t: byte 3: expected an unsigned integer, found '-'");
  CHECK(std::string(ReadAll("[1 2]", values).message()) ==
        "t: byte 3: expected ',' or ']' in an integer array, found '2'");
  CHECK(std::string(ReadAll("[1.5]", values).message()) ==
        "t: byte 2: expected ',' or ']' in an integer array, found '.'");
  CHECK(std::string(ReadAll("[12345678901234567890]", values).message()) == "t: byte 1: integer too large");
  CHECK(std::string(ReadAll("[1,", values).message()) ==
        "t: byte 3: expected an unsigned integer, found end of input");
}

std::string Decode(std::string_view literal, absl::Status* status = nullptr) {
  JsonCursor cursor(literal, "t");
  std::string out;
  absl::Status result = DecodeJsonString(cursor, out);
  if (status != nullptr) *status = result;
  return out;
}

TEST_CASE("Strings: escapes, surrogate pairs and lone surrogates") {
  CHECK(Decode(R"("a\"b\\c\/d\n\t\r\b\f")") == "a\"b\\c/d\n\t\r\b\f");
  CHECK(Decode(R"("\u00e9\u4e2d")") == "\xC3\xA9\xE4\xB8\xAD");
  CHECK(Decode(R"("\ud83d\ude00")") == "\xF0\x9F\x98\x80");          // U+1F600, one code point
  CHECK(Decode(R"("x\ud800y")") == "x\xED\xA0\x80y");                 // lone high surrogate kept (WTF-8)
  CHECK(Decode(R"("\udc00\ud800")") == "\xED\xB0\x80\xED\xA0\x80");   // reversed pair: two lone halves
  CHECK(Decode("\"raw \xC3\xA9 utf-8\"") == "raw \xC3\xA9 utf-8");
  absl::Status status;
  Decode(R"("bad \x")", &status);
  CHECK(std::string(status.message()) == "t: byte 5: invalid escape in a string");
  Decode("\"tab\tinside\"", &status);
  CHECK(std::string(status.message()) == "t: byte 4: control character inside a string");
  Decode(R"("open)", &status);
  CHECK(std::string(status.message()) == "t: byte 5: unterminated string");
}

// Writes `text` to a temporary file and parses it.
absl::StatusOr<RawSnapshot> ParseText(const std::string& text) {
  char path[] = "/tmp/heapsleuth-test-XXXXXX";
  int fd = mkstemp(path);
  REQUIRE(fd >= 0);
  REQUIRE(write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()));
  close(fd);
  auto file = MappedFile::Open(path);
  REQUIRE(file.ok());
  NoProgress progress;
  auto result = ParseSnapshot(**file, progress);
  std::remove(path);
  return result;
}

constexpr const char* kNodeFields = R"("type","name","id","self_size","edge_count","trace_node_id","detachedness")";

// A two-node snapshot in node 20's layout (or `node_fields`' order), with an
// edge from the root. The node_types entry is placed at the "type" field.
std::string TinySnapshot(const std::string& node_fields = kNodeFields,
                         const std::string& nodes = "9,1,1,0,1,0,0, 3,2,3,16,0,0,0",
                         const std::string& edges = "1,0,7") {
  std::string node_types;
  size_t field_count = 0;
  for (size_t start = 0; start < node_fields.size();) {
    size_t end = node_fields.find(',', start);
    if (end == std::string::npos) end = node_fields.size();
    if (!node_types.empty()) node_types += ",";
    node_types += node_fields.substr(start, end - start) == "\"type\""
                      ? R"(["hidden","array","string","object","code","closure","regexp","number","native","synthetic","concatenated string","sliced string","symbol","bigint","object shape"])"
                      : "\"number\"";
    start = end + 1;
    ++field_count;
  }
  return R"({"snapshot":{"meta":{"node_fields":[)" + node_fields + R"(],"node_types":[)" + node_types +
         R"(],"edge_fields":["type","name_or_index","to_node"],"edge_types":[["context","element","property","internal","hidden","shortcut","weak"],"string_or_number","node"],"location_fields":["object_index","script_id","line","column"]},"node_count":2,"edge_count":1,"trace_function_count":0},
"nodes":[)" + nodes + R"(],
"edges":[)" + edges + R"(],
"trace_function_infos":[],"trace_tree":[],"samples":[],"locations":[)" + std::to_string(field_count) + R"(,3,10,4],
"strings":["<dummy>","","Foo\u00e9"]})";
}

TEST_CASE("Parser: a tiny snapshot, fields resolved by name") {
  auto raw = ParseText(TinySnapshot());
  REQUIRE(raw.ok());
  CHECK(raw->node_count() == 2);
  CHECK(raw->edge_count() == 1);
  CHECK(raw->node_id[1] == 3);
  CHECK(raw->node_self_size[1] == 16);
  CHECK(raw->edge_to_node[0] == 1);
  CHECK(raw->strings.Get(StringId(raw->node_name[1])) == "Foo\xC3\xA9");
  REQUIRE(raw->locations.size() == 1);
  CHECK(raw->locations[0].node == 1);
  CHECK(raw->locations[0].line == 10);

  // The same graph with the fields in another order and no trace_node_id.
  auto reordered = ParseText(TinySnapshot(R"("id","type","name","edge_count","self_size","detachedness")",
                                          "1,9,1,1,0,0, 3,3,2,0,16,2", "1,0,6"));
  INFO(reordered.status().message());
  REQUIRE(reordered.ok());
  CHECK(reordered->node_self_size[1] == 16);
  CHECK(reordered->node_detachedness[1] == 2);
  CHECK(reordered->node_trace_node_id.empty());
  CHECK(reordered->edge_to_node[0] == 1);
}

TEST_CASE("Parser: inconsistent input is an error with a place") {
  auto bad_target = ParseText(TinySnapshot(kNodeFields,
                                           "9,1,1,0,1,0,0, 3,2,3,16,0,0,0", "1,0,8"));
  REQUIRE_FALSE(bad_target.ok());
  CHECK_THAT(std::string(bad_target.status().message()),
             Catch::Matches(".*: byte [0-9]+: edge 0: to_node 8 is not a multiple of the node field count 7"));
  auto past_end = ParseText(TinySnapshot(kNodeFields,
                                         "9,1,1,0,1,0,0, 3,2,3,16,0,0,0", "1,0,14"));
  REQUIRE_FALSE(past_end.ok());
  CHECK_THAT(std::string(past_end.status().message()), Catch::Contains("is past the last node"));
  auto bad_name = ParseText(TinySnapshot(kNodeFields,
                                         "9,1,1,0,1,0,0, 3,9,3,16,0,0,0"));
  REQUIRE_FALSE(bad_name.ok());
  CHECK_THAT(std::string(bad_name.status().message()),
             Catch::EndsWith("nodes[1].name: string index 9 is out of range (3 strings)"));
  auto short_nodes = ParseText(TinySnapshot(kNodeFields,
                                            "9,1,1,0,1,0,0, 3,2,3,16,0,0"));
  REQUIRE_FALSE(short_nodes.ok());
  CHECK_THAT(std::string(short_nodes.status().message()), Catch::Contains("nodes: 13 values, expected node_count (2) x 7 = 14"));
  auto edge_sum = ParseText(TinySnapshot(kNodeFields,
                                         "9,1,1,0,0,0,0, 3,2,3,16,0,0,0"));
  REQUIRE_FALSE(edge_sum.ok());
  CHECK_THAT(std::string(edge_sum.status().message()), Catch::Contains("edge_count values add up to 0"));
}

// The edges array read by two threads, split at a comma, must read exactly as
// one thread reads it: the same columns, or the same error at the same byte.
// On a real snapshot cut to 300 nodes (the query fuzzer's), whole and with a
// defect every few bytes of its edges: truncated there, a byte replaced by
// 'x', a digit by nine nines (an out-of-range value), a comma removed.
absl::StatusOr<RawSnapshot> ParseBytes(const std::string& text, uint64_t split_from_values) {
  std::unique_ptr<MappedFile> file = MappedFile::FromBytes(text, "cut.heapsnapshot");
  NoProgress silent;
  ParseLimits limits;
  limits.split_edges_from_values = split_from_values;
  return ParseSnapshot(*file, silent, limits);
}

void CheckSameParse(const std::string& text, const std::string& what) {
  INFO(what);
  const absl::StatusOr<RawSnapshot> whole = ParseBytes(text, UINT64_MAX);
  const absl::StatusOr<RawSnapshot> split = ParseBytes(text, 0);
  REQUIRE(whole.ok() == split.ok());
  if (!whole.ok()) {
    CHECK(whole.status().message() == split.status().message());
    return;
  }
  CHECK(whole->edges_split_offset == 0);
  CHECK(whole->edge_type == split->edge_type);
  CHECK(whole->edge_name_or_index == split->edge_name_or_index);
  CHECK(whole->edge_to_node == split->edge_to_node);
  CHECK(whole->first_edge == split->first_edge);
  CHECK(whole->node_id == split->node_id);
}

TEST_CASE("Parser: the edges split between two threads read as one thread reads them") {
  std::ifstream in(HEAPSLEUTH_SOURCE_DIR "/tests/fuzz/query_graph.heapsnapshot", std::ios::binary);
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  REQUIRE(!text.empty());
  const absl::StatusOr<RawSnapshot> split = ParseBytes(text, 0);
  REQUIRE(split.ok());
  const size_t edges_open = text.find("\"edges\":[") + 8;
  const size_t edges_close = text.find(']', edges_open);
  // It was split, inside the array, at a comma.
  REQUIRE(split->edges_split_offset > edges_open);
  REQUIRE(split->edges_split_offset < edges_close);
  CHECK(text[split->edges_split_offset] == ',');
  CheckSameParse(text, "unchanged");

  size_t defects = 0;
  for (size_t at = edges_open; at <= edges_close; at += 5) {
    CheckSameParse(text.substr(0, at), "truncated at byte " + std::to_string(at));
    std::string replaced = text;
    replaced[at] = 'x';
    CheckSameParse(replaced, "byte " + std::to_string(at) + " replaced by 'x'");
    if (std::isdigit(static_cast<unsigned char>(text[at]))) {
      CheckSameParse(text.substr(0, at) + "999999999" + text.substr(at + 1),
                     "digit at byte " + std::to_string(at) + " replaced by 999999999");
    }
    if (text[at] == ',') {
      CheckSameParse(text.substr(0, at) + text.substr(at + 1), "comma at byte " + std::to_string(at) + " removed");
    }
    ++defects;
  }
  CHECK(defects > 1000);
}

}  // namespace
}  // namespace heapsleuth::snapshot

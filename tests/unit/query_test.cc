// The query language: lexer and parser (precedence, units, every kind of
// error with its column), regexes, and evaluation, sorting and totals on
// small hand-built graphs.
#include <catch2/catch.hpp>
#include <string>

#include "lib/analysis/query_eval.h"
#include "lib/analysis/query_parser.h"
#include "lib/analysis/query_regex.h"
#include "lib/analysis/query_results.h"
#include "lib/graph/heap_analysis.h"
#include "lib/report/query_report.h"
#include "tests/unit/test_graph_builder.h"

namespace heapsleuth {
namespace {

using analysis::ParseQuery;

std::string Parsed(const std::string& text) {
  auto query = ParseQuery(text);
  INFO(text);
  REQUIRE(query.ok());
  return query->root().ToString();
}

struct ParseFailure {
  size_t column;
  std::string message;
};

ParseFailure Failure(const std::string& text) {
  size_t column = 0;
  auto query = ParseQuery(text, &column);
  INFO(text);
  REQUIRE_FALSE(query.ok());
  CHECK(query.status().code() == absl::StatusCode::kInvalidArgument);
  return {column, std::string(query.status().message())};
}

TEST_CASE("Query: precedence is or < and < not, and lists flatten") {
  CHECK(Parsed("id == 1 or id == 2 and id == 3") == "(or (== id 1) (and (== id 2) (== id 3)))");
  CHECK(Parsed("(id == 1 or id == 2) and id == 3") == "(and (or (== id 1) (== id 2)) (== id 3))");
  CHECK(Parsed("not detached and not not id > 0") == "(and (not detached) (not (not (> id 0))))");
  CHECK(Parsed("id<1 or id<=2 or id>3 or id>=4 or id!=5") == "(or (< id 1) (<= id 2) (> id 3) (>= id 4) (!= id 5))");
  CHECK(Parsed("((detached))") == "detached");
  CHECK(Parsed("raw_self > self and line == column") == "(and (> raw_self_size self_size) (== line column))");
}

TEST_CASE("Query: aliases resolve to V8's and DevTools' field names") {
  CHECK(Parsed("class == \"A\" and retained > 1 and self == 0 and raw_self < 2 and edges >= 3 and dominator == 1") ==
        "(and (== class_name \"A\") (> retained_size 1) (== self_size 0) (< raw_self_size 2) (>= edge_count 3) "
        "(== dominator_id 1))");
  CHECK(Parsed("type == closure") == "(== type \"closure\")");
  CHECK(Parsed("type != \"concatenated string\"") == "(!= type \"concatenated string\")");
  CHECK(Parsed("script_id == 3 and line == 9 and column == 0 and trace_node_id > 0") ==
        "(and (== script_id 3) (== line 9) (== column 0) (> trace_node_id 0))");
}

TEST_CASE("Query: sizes take decimal and binary units, exactly") {
  CHECK(Parsed("retained > 1MB") == "(> retained_size 1000000)");
  CHECK(Parsed("retained > 1MiB") == "(> retained_size 1048576)");
  CHECK(Parsed("self >= 1.5MiB") == "(>= self_size 1572864)");
  CHECK(Parsed("self >= 2.5kB") == "(>= self_size 2500)");
  CHECK(Parsed("self < 64kib") == "(< self_size 65536)");
  CHECK(Parsed("self < 3GB and self > 1GiB") == "(and (< self_size 3000000000) (> self_size 1073741824))");
  CHECK(Parsed("self > 2TiB") == "(> self_size 2199023255552)");
  CHECK(Parsed("self > 7B") == "(> self_size 7)");
  CHECK(Parsed("distance == -5") == "(== distance -5)");
  CHECK(Parsed("distance >= 100000000") == "(>= distance 100000000)");
}

TEST_CASE("Query: strings take escapes, regexes keep theirs") {
  CHECK(Parsed(R"(name == "a\"b\\c\td\u00e9")") == "(== name \"a\\\"b\\\\c\td\xc3\xa9\")");
  CHECK(Parsed(R"(name == 'it\'s')") == "(== name \"it's\")");
  CHECK(Parsed(R"(name ~ /a\/b\d+/)") == "(~ name /a/b\\d+/)");
  CHECK(Parsed(R"(class !~ /^leak/i)") == "(!~ class_name /^leak/i)");
}

TEST_CASE("Query: errors name the column where the fault starts") {
  struct Case {
    std::string text;
    size_t column;
    std::string message;
  };
  const Case cases[] = {
      {R"(class == "LeakyRecord" and retained >)", 38, "expected a value after '>'"},
      {"", 1, "expected a field name, 'not' or '(', found the end"},
      {"retained > 1MB and", 19, "expected a field name, 'not' or '(', found the end"},
      {"retaind > 1MB", 1, "unknown field 'retaind'"},
      {"retained = 5", 10, "'=' is not an operator; use '=='"},
      {"retained > 5 && id == 1", 14, "use 'and' instead of '&&'"},
      {"retained > 5 || id == 1", 14, "use 'or' instead of '||'"},
      {"!detached", 1, "use 'not' instead of '!'"},
      {"id == 1 # x", 9, "unexpected '#'"},
      {"name == \"abc", 9, "unterminated string"},
      {R"(name == "a\qb")", 11, "unknown escape \\'q'"},
      {R"(name == "\u12")", 10, "\\u needs four hex digits"},
      {"name ~ /abc", 8, "unterminated regex"},
      {"name ~ /abc/g", 13, "unknown regex flags 'g'"},
      {"name ~ /a(b/", 8, "bad regex /a(b/"},
      {"name ~ /a)(b/", 8, "bad regex /a)(b/"},
      {R"(name ~ /(a)\1/)", 8, "back-references are not supported"},
      {R"(name ~ /a\7777777777/)", 8, "a back-reference or repetition count of more than 9 digits"},
      {"name ~ /a{1,77777777777}/", 8, "a back-reference or repetition count of more than 9 digits"},
      {"name ~ /.{91999999}/", 8, "repetition counts multiply to more than 100000"},
      {"name ~ /(a{1000}){1000}/", 8, "repetition counts multiply to more than 100000"},
      {"name ~ /a\n(b/", 8, "bad regex /a\\u000a(b/"},  // A newline in the message is escaped.
      {"retained > \"big\"", 12, "'retained_size' is a number: expected a number after '>', found the string \"big\""},
      {"retained ~ /x/", 10, "'~' matches text; 'retained_size' is a number"},
      {"distance > 1MB", 12, "'distance' is not a size"},
      {"retained > 1XB", 12, "unknown unit 'XB'"},
      {"retained > 1.5", 12, "1.5 is not a whole number"},
      {"retained > 0.1B", 12, "0.1B is not a whole number of bytes"},
      {"retained > 99999999999999999999", 12, "is too large"},
      {"retained > 99999999TB", 12, "is too large"},
      {"retained > 10 MB", 15, "write the unit without a space: 10MB"},
      {"name == LeakyRecord", 9, "text needs quotes: \"LeakyRecord\""},
      {"name > \"a\"", 6, "'>' does not apply to 'name', a string: use == != ~ or !~"},
      {"name == /x/", 6, "use '~' to match a regex, not '=='"},
      {"name ~ \"x\"", 8, "'~' takes a /regex/, found the string \"x\""},
      {"class == 3", 10, "'class_name' is text: expected a \"string\" after '==', found the number 3"},
      {"type == closre", 9, "unknown node type 'closre'"},
      {"type < closure", 6, "'<' does not apply to 'type', a type"},
      {"retained > sefl", 12, "unknown field 'sefl'"},
      {"retained > name", 12, "'retained_size' is a number and 'name' is not"},
      {"detached == 1", 10, "'detached' is true or false: write 'detached' or 'not detached'"},
      {"retained 5", 10, "expected an operator (== != < <= > >= ~ !~) after 'retained', found the number 5"},
      {"(id == 1", 9, "expected ')' to close the '(' at column 1, found the end"},
      {"id == 1)", 8, "')' has no matching '('"},
      {"id == 1 id == 2", 9, "expected 'and', 'or' or the end, found 'id'"},
      {"5 < retained", 1, "expected a field name, 'not' or '(', found the number 5"},
      {"not", 4, "expected a field name, 'not' or '(', found the end"},
      // Columns count code points, not bytes.
      {"name == \"\xc3\xa9\xc3\xa9\" and x", 18, "unknown field 'x'"},
  };
  for (const Case& c : cases) {
    INFO(c.text);
    ParseFailure failure = Failure(c.text);
    CHECK(failure.column == c.column);
    CHECK_THAT(failure.message, Catch::Contains(c.message));
    CHECK_THAT(failure.message, Catch::StartsWith("query: column " + std::to_string(c.column) + ": "));
  }
}

TEST_CASE("Query: nesting is bounded, not a stack overflow") {
  CHECK(ParseQuery(std::string(99, '(') + "detached" + std::string(99, ')')).ok());
  ParseFailure deep = Failure(std::string(100000, '(') + "detached");
  CHECK_THAT(deep.message, Catch::Contains("nested deeper than 100 levels"));
  CHECK(deep.column == 101);
  CHECK_THAT(Failure(std::string(100000, '!').insert(0, "not ")).message, Catch::Contains("use 'not'"));
}

TEST_CASE("Query: the error pointer puts a caret under the column") {
  CHECK(report::QueryErrorPointer("id >", 5) == "  id >\n      ^\n");
  CHECK(report::QueryErrorPointer("a\tb", 3) == "  a b\n    ^\n");
}

TEST_CASE("Query regex: search semantics, plain-text fast path, long strings") {
  auto plain = analysis::QueryRegex::Compile("onTick", false);
  REQUIRE(plain.ok());
  CHECK(plain->is_literal());
  CHECK(plain->Search("xxonTickxx"));
  CHECK_FALSE(plain->Search("ontick"));
  auto icase = analysis::QueryRegex::Compile("onTick", true);
  REQUIRE(icase.ok());
  CHECK_FALSE(icase->is_literal());
  CHECK(icase->Search("ONTICK handler"));
  auto anchored = analysis::QueryRegex::Compile("^Leaky(Record|Thing)$", false);
  REQUIRE(anchored.ok());
  CHECK(anchored->Search("LeakyRecord"));
  CHECK_FALSE(anchored->Search("LeakyRecords"));
  CHECK_FALSE(anchored->Search("aLeakyRecord"));
  auto alternation = analysis::QueryRegex::Compile("a|^b", false);
  REQUIRE(alternation.ok());
  CHECK(alternation->Search("xxa"));
  CHECK(alternation->Search("bxx"));
  CHECK_FALSE(alternation->Search("xxb"));
  // Heaps hold megabyte strings; the backtracking executor would overflow
  // the stack on this, and a search from every offset would be quadratic.
  const std::string long_text(1 << 20, 'a');
  auto greedy = analysis::QueryRegex::Compile("a.*b", false);
  REQUIRE(greedy.ok());
  CHECK_FALSE(greedy->Search(long_text));
  auto tail = analysis::QueryRegex::Compile("a+$", false);
  REQUIRE(tail.ok());
  CHECK(tail->Search(long_text));
}

// A small heap: root -> holder -> {a1, a2 -> a3}, a detached native, a
// closure with a location, and an unreachable string.
struct SmallHeap {
  testing::TestGraphBuilder builder;
  uint32_t holder, a1, a2, a3, dom, fn, str;
  graph::Graph graph;
  graph::HeapAnalysis analysis;

  SmallHeap() : graph(Make(*this)), analysis(Analyze(graph)) {}

  static graph::Graph Make(SmallHeap& h) {
    auto& b = h.builder;
    h.holder = b.AddNode("object", "Holder", 100);
    h.a1 = b.AddNode("object", "Leaky", 40);
    h.a2 = b.AddNode("object", "Leaky", 30);
    h.a3 = b.AddNode("object", "Leaky", 20);
    h.dom = b.AddNode("native", "Detached <div>", 50, 2);
    h.fn = b.AddNode("closure", "onTick", 32);
    h.str = b.AddNode("string", "orphan text", 16);
    b.AddEdge(0, "element", h.holder);
    b.AddEdge(0, "element", h.dom);
    b.AddEdge(0, "element", h.fn);
    b.AddEdge(h.holder, "property", h.a1, "first");
    b.AddEdge(h.holder, "property", h.a2, "second");
    b.AddEdge(h.a2, "property", h.a3, "next");
    b.AddLocation(h.fn, 7, 12, 4);
    return b.Build();
  }
  static graph::HeapAnalysis Analyze(const graph::Graph& g) {
    NoProgress progress;
    return graph::AnalyzeHeap(g, progress);
  }

  std::vector<uint32_t> Run(const std::string& text, analysis::QueryOptions options = {}) {
    auto query = ParseQuery(text);
    INFO(text);
    REQUIRE(query.ok());
    return analysis::RunQuery(*query, graph, analysis, options).nodes;
  }
};

TEST_CASE("Query evaluation: fields, text tests, absent locations") {
  SmallHeap h;
  using V = std::vector<uint32_t>;
  CHECK(h.Run("class == \"Leaky\"") == V{h.a1, h.a2, h.a3});
  CHECK(h.Run("name ~ /^Lea/ and retained > 40") == V{h.a2});
  CHECK(h.Run("class == \"Leaky\" and not (self == 40 or self == 20)") == V{h.a2});
  CHECK(h.Run("class == \"Leaky\" and self >= 30") == V{h.a1, h.a2});
  CHECK(h.Run("class == \"Leaky\" and self > 30") == V{h.a1});
  CHECK(h.Run("class == \"Leaky\" and self <= 30") == V{h.a2, h.a3});
  CHECK(h.Run("class == \"Leaky\" and self < 30") == V{h.a3});
  CHECK(h.Run("class == \"Leaky\" and self != 30") == V{h.a1, h.a3});
  CHECK(h.Run("class == \"Leaky\" and self == 30") == V{h.a2});
  CHECK(h.Run("class != \"Leaky\" and class !~ /^\\(/") == V{h.holder, h.dom, h.fn});
  CHECK(h.Run("type == closure") == V{h.fn});
  CHECK(h.Run("type ~ /^(string|native)$/") == V{h.dom, h.str});
  CHECK(h.Run("detached") == V{h.dom});
  CHECK(h.Run("detachedness == 2") == V{h.dom});
  CHECK(h.Run("edges == 2") == V{h.holder});
  CHECK(h.Run("dominator_id == " + std::to_string(h.graph.node_id(h.a2))) == V{h.a3});
  CHECK(h.Run("id == " + std::to_string(h.graph.node_id(h.a1))) == V{h.a1});
  CHECK(h.Run("distance == -5") == V{h.str});
  // Only the closure has a location; no test of an absent field is true.
  CHECK(h.Run("line == 12 and column == 4 and script_id == 7") == V{h.fn});
  CHECK(h.Run("line != 12").empty());
  CHECK(h.Run("line != 99") == V{h.fn});
  CHECK(h.Run("line > column") == V{h.fn});
  CHECK(h.Run("retained > self and type != synthetic") == V{h.holder, h.a2});
  CHECK(h.Run("not line == 12").size() == h.graph.node_count() - 1);
  CHECK(h.Run("name == \"nothing\"").empty());
  CHECK(h.Run("name != \"Leaky\" and class == \"Leaky\"").empty());
}

TEST_CASE("Query results: sorting, limits, totals without double counting") {
  SmallHeap h;
  using V = std::vector<uint32_t>;
  auto key = [](const char* spec) {
    auto parsed = analysis::ParseSortKey(spec);
    REQUIRE(parsed.ok());
    return *parsed;
  };
  CHECK(h.Run("class == \"Leaky\"", {key("retained"), 100}) == V{h.a2, h.a1, h.a3});
  CHECK(h.Run("class == \"Leaky\"", {key("+retained"), 100}) == V{h.a3, h.a1, h.a2});
  CHECK(h.Run("class == \"Leaky\"", {key("retained"), 2}) == V{h.a2, h.a1});
  CHECK(h.Run("class == \"Leaky\"", {std::nullopt, 1}) == V{h.a1});
  // Ties keep file order whatever the direction.
  CHECK(h.Run("class == \"Leaky\" or name == \"Holder\"", {key("-class"), 100}) == V{h.a1, h.a2, h.a3, h.holder});
  CHECK(h.Run("class == \"Leaky\" or name == \"Holder\"", {key("name"), 100}) == V{h.holder, h.a1, h.a2, h.a3});
  // Nodes without the field come last in both directions.
  CHECK(h.Run("type == closure or type == string", {key("line"), 100}) == V{h.fn, h.str});
  CHECK(h.Run("type == closure or type == string", {key("-line"), 100}) == V{h.fn, h.str});
  CHECK_FALSE(analysis::ParseSortKey("size").ok());

  auto query = ParseQuery("class == \"Leaky\" or name == \"Holder\"");
  REQUIRE(query.ok());
  analysis::QueryResult all = analysis::RunQuery(*query, h.graph, h.analysis, {std::nullopt, 1});
  CHECK(all.match_count == 4);
  CHECK(all.nodes.size() == 1);
  CHECK(all.self_size == 190);
  CHECK(all.retained_size == 190);  // Holder dominates the rest: counted once.
  auto leaky = ParseQuery("class == \"Leaky\"");
  REQUIRE(leaky.ok());
  CHECK(analysis::RunQuery(*leaky, h.graph, h.analysis, {}).retained_size == 90);  // a3 under a2.
}

}  // namespace
}  // namespace heapsleuth

#include "lib/analysis/ci_rules.h"

#include <catch2/catch.hpp>
#include <cmath>

namespace heapsleuth::analysis {
namespace {

Rule Parse(std::string_view text) {
  Rule rule;
  RuleError error;
  INFO(text);
  REQUIRE(ParseRule(text, rule, error));
  return rule;
}

// The column and message of a rule that must not parse.
RuleError ParseError(std::string_view text) {
  Rule rule;
  RuleError error;
  INFO(text);
  REQUIRE_FALSE(ParseRule(text, rule, error));
  return error;
}

TEST_CASE("Rules: subjects, metrics, comparisons") {
  Rule total = Parse("total.retained > +10MB");
  CHECK(total.total);
  CHECK(total.metric == Metric::kRetained);
  CHECK(total.comparison == Comparison::kGreater);
  CHECK(total.threshold == 10e6);
  CHECK_FALSE(total.percent);
  CHECK(total.text == "total.retained > +10MB");

  Rule cls = Parse("  class( \"LeakyRecord\" ) . count>=0  ");
  CHECK_FALSE(cls.total);
  CHECK(cls.class_name == "LeakyRecord");
  CHECK(cls.metric == Metric::kCount);
  CHECK(cls.comparison == Comparison::kGreaterEqual);
  CHECK(cls.threshold == 0);
  CHECK(cls.text == "class( \"LeakyRecord\" ) . count>=0");

  CHECK(Parse("class('{a, b}').new < 3").class_name == "{a, b}");
  CHECK(Parse(R"(class("say \"hi\" \\ o").deleted <= -2)").class_name == R"(say "hi" \ o)");
  CHECK(Parse("total.size < -1.5kB").comparison == Comparison::kLess);
  CHECK(Parse("total.size <= -1.5kB").threshold == -1500);
  CHECK(Parse("total.deleted <= 7").metric == Metric::kDeleted);
}

TEST_CASE("Rules: units are decimal or binary, % is relative") {
  CHECK(Parse("total.size > 1B").threshold == 1);
  CHECK(Parse("total.size > 2kB").threshold == 2000);
  CHECK(Parse("total.size > 2KiB").threshold == 2048);
  CHECK(Parse("total.size > 1.5MiB").threshold == 1.5 * 1048576);
  CHECK(Parse("total.size > 3GB").threshold == 3e9);
  CHECK(Parse("total.size > 1GiB").threshold == 1073741824.0);
  CHECK(Parse("total.size > .5kB").threshold == 500);
  Rule percent = Parse("class(\"Map\").retained > +5%");
  CHECK(percent.percent);
  CHECK(percent.threshold == 5);
  CHECK(Parse("class(\"Map\").count > 5 %").percent);
}

TEST_CASE("Rules: errors point at the column") {
  RuleError e = ParseError("class(\"Map\").cnt > 1");
  CHECK(e.column == 14);
  CHECK(e.message == "unknown metric \"cnt\"; expected count, size, retained, new or deleted");

  e = ParseError("totals.count > 1");
  CHECK(e.column == 1);
  CHECK(e.message == "unknown subject \"totals\"; expected total or class(\"NAME\")");

  e = ParseError("total.count > 1mb");
  CHECK(e.column == 16);
  CHECK(e.message == "unknown unit \"mb\"; expected B, kB, MB, GB, KiB, MiB, GiB or %");

  e = ParseError("total.count > 1MB");
  CHECK(e.column == 16);
  CHECK(e.message == "count counts objects; it takes no size unit (only %)");

  e = ParseError("total.retained = 1MB");
  CHECK(e.column == 16);
  CHECK(e.message == "expected a comparison (>, >=, <, <=), found '='");

  e = ParseError("total.retained > MB");
  CHECK(e.column == 18);
  CHECK(e.message == "expected a number, found 'M'");

  e = ParseError("total.retained >");
  CHECK(e.column == 17);
  CHECK(e.message == "expected a number, found the end of the rule");

  e = ParseError("class(LeakyRecord).count > 0");
  CHECK(e.column == 7);
  CHECK(e.message == "expected a quoted class name, found 'L'");

  e = ParseError("class(\"LeakyRecord).count > 0");
  CHECK(e.column == 7);
  CHECK(e.message == "unterminated class name");

  e = ParseError("class(\"\").count > 0");
  CHECK(e.column == 7);

  e = ParseError("class(\"A\" .count > 0");
  CHECK(e.column == 11);
  CHECK(e.message == "expected ')', found '.'");

  e = ParseError("total count > 0");
  CHECK(e.column == 7);
  CHECK(e.message == "expected '.', found 'c'");

  e = ParseError("total.retained > 1MB more");
  CHECK(e.column == 22);
  CHECK(e.message == "unexpected text after the value");

  e = ParseError("");
  CHECK(e.column == 1);
  CHECK(e.message == "expected total or class(\"NAME\")");
}

TEST_CASE("Budget files") {
  std::vector<Rule> rules;
  std::string error;
  REQUIRE(ParseBudget(R"({"schema_version": 1, "rules": ["total.count > +5", "class(\"Map\").size > 1kB"]})", rules,
                      error));
  REQUIRE(rules.size() == 2);
  CHECK(rules[1].class_name == "Map");

  auto fails = [](std::string_view json) {
    std::vector<Rule> r;
    std::string message;
    CHECK_FALSE(ParseBudget(json, r, message));
    return message;
  };
  CHECK(fails(R"({"schema_version": 1, "rules": ["total.count > +5", "total.size >> 1"]})") ==
        "rules[1]: \"total.size >> 1\": column 13: expected a number, found '>'");
  CHECK(fails(R"({"schema_version": 2, "rules": []})") == "\"schema_version\": expected 1");
  CHECK(fails(R"({"schema_version": 1, "rules": [3]})") == "rules[0]: expected a string");
  CHECK(fails(R"({"schema_version": 1, "rules": [], "extra": 1})") ==
        "unknown field \"extra\"; expected schema_version and rules");
  CHECK(fails(R"({"schema_version": 1})") == "\"rules\": expected an array of rule strings");
  CHECK(fails("[1, 2").rfind("not valid JSON: ", 0) == 0);
}

SnapshotDiff TwoClasses() {
  SnapshotDiff diff;
  ClassDelta map;
  map.key = ",Map";
  map.name = "Map";
  map.base_count = 10;
  map.new_count = 12;
  map.count_delta = 2;
  map.added_count = 3;
  map.removed_count = 1;
  map.base_self_size = 1000;
  map.size_delta = 100;
  map.base_retained_size = 4000;
  map.new_retained_size = 4200;
  map.retained_delta = 200;
  ClassDelta record_a;
  record_a.key = "1,2,3,Record";
  record_a.name = "Record";
  record_a.new_count = 5;
  record_a.added_count = 5;
  record_a.count_delta = 5;
  ClassDelta record_b = record_a;
  record_b.key = "4,5,6,Record";
  record_b.base_count = 5;
  record_b.new_count = 4;
  record_b.added_count = 0;
  record_b.removed_count = 1;
  record_b.count_delta = -1;
  diff.classes = {record_a, record_b, map};
  diff.totals.base_size = 1'000'000;
  diff.totals.new_size = 1'200'000;
  diff.totals.base_count = 15;
  diff.totals.new_count = 21;
  return diff;
}

TEST_CASE("Rules: evaluation against a diff") {
  const SnapshotDiff diff = TwoClasses();
  std::vector<Rule> rules = {
      Parse("class(\"Map\").retained > +5%"),       // +200 of 4000 = 5%: not more.
      Parse("class(\"Map\").retained >= +5%"),      // ... but at least.
      Parse("class(\"Record\").count > +3"),        // Both Record keys: +5 - 1 = +4.
      Parse("class(\"4,5,6,Record\").count < 0"),   // One key by itself: -1.
      Parse("class(\"Record\").count > +10%"),      // Base 5: +80%.
      Parse("class(\"1,2,3,Record\").new > +10%"),  // From nothing: +infinity.
      Parse("class(\"Absent\").count > +0"),        // Absent: 0.
      Parse("total.retained > +150kB"),             // +200 kB.
      Parse("total.count > +50%"),                  // +6 of 15 = 40%.
  };
  const std::vector<RuleOutcome> outcomes = EvaluateRules(rules, diff);
  REQUIRE(outcomes.size() == rules.size());
  CHECK_FALSE(outcomes[0].crossed);
  CHECK(outcomes[0].measured == Approx(5.0));
  CHECK(outcomes[1].crossed);
  CHECK(outcomes[2].crossed);
  CHECK(outcomes[2].delta == 4);
  CHECK(outcomes[2].base == 5);
  CHECK(outcomes[3].crossed);
  CHECK(outcomes[4].crossed);
  CHECK(outcomes[4].measured == Approx(80.0));
  CHECK(outcomes[5].crossed);
  CHECK(std::isinf(outcomes[5].measured));
  CHECK_FALSE(outcomes[6].crossed);
  CHECK(outcomes[6].measured == 0);
  CHECK(outcomes[7].crossed);
  CHECK(outcomes[7].delta == 200'000);
  CHECK_FALSE(outcomes[8].crossed);
  CHECK(outcomes[8].measured == Approx(40.0));
}

}  // namespace
}  // namespace heapsleuth::analysis

// The CI gate's rule language: thresholds on growth between two snapshots.
//
//   rule     := subject "." metric op value
//   subject  := "total" | "class(" quoted ")"       quoted: "..." or '...', \ escapes
//   metric   := count | size | retained | new | deleted
//   op       := ">" | ">=" | "<" | "<="
//   value    := [+|-] number [unit]                 e.g. +0, 10MB, -2.5KiB, +5%
//   unit     := B | kB | MB | GB (decimal) | KiB | MiB | GiB (binary) | %
//
// A rule compares a DELTA (NEW minus BASE) with the value; a percentage is the
// delta relative to the BASE value (growth from 0 is +infinity percent).
//   count     objects in the class (the Summary's count), NEW - BASE
//   size      shallow bytes allocated minus freed (DevTools' Size Delta)
//   retained  the class's retained size (the Summary's, no double counting);
//             for total: DevTools' Total, the root's retained size
//   new       objects added (ids absent from BASE);   % of BASE's count
//   deleted   objects removed (ids absent from NEW);  % of BASE's count
// class("X") matches the classes whose name is X, or the one class key X
// (e.g. "3,10,4,LeakyRecord"), summed; an absent class counts as 0.
//
// A budget file holds the same rules as JSON (schemas/budget.schema.json):
//   {"schema_version": 1, "rules": ["total.retained > +10MB", ...]}
//
// Errors name the column (1-based) of the offending character, so a tool
// can point at it.
#ifndef HEAPSLEUTH_LIB_ANALYSIS_CI_RULES_H_
#define HEAPSLEUTH_LIB_ANALYSIS_CI_RULES_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "lib/analysis/snapshot_diff.h"

namespace heapsleuth::analysis {

enum class Metric { kCount, kSize, kRetained, kNew, kDeleted };
enum class Comparison { kGreater, kGreaterEqual, kLess, kLessEqual };

struct Rule {
  std::string text;        // As written (trimmed).
  bool total = false;      // total.* rather than class("...").*
  std::string class_name;  // For class rules.
  Metric metric = Metric::kCount;
  Comparison comparison = Comparison::kGreater;
  double threshold = 0;  // Objects or bytes, or percent when `percent`.
  bool percent = false;
};

// A rule that does not parse: the message and the 1-based column it is about.
struct RuleError {
  size_t column = 0;
  std::string message;
};

// Parses one rule; on failure returns false and fills `error`.
bool ParseRule(std::string_view text, Rule& rule, RuleError& error);

// The rules of a budget file's text. On failure returns false with a message
// that names the place ("rules[2]: column 5: ..."; the file name is the
// caller's to add).
bool ParseBudget(std::string_view json, std::vector<Rule>& rules, std::string& error);

struct RuleOutcome {
  const Rule* rule = nullptr;
  double base = 0;      // The BASE value the delta is relative to.
  double delta = 0;     // NEW - BASE (objects or bytes).
  double measured = 0;  // What was compared: the delta, or the percentage.
  bool crossed = false;
};

std::vector<RuleOutcome> EvaluateRules(const std::vector<Rule>& rules, const SnapshotDiff& diff);

std::string_view MetricName(Metric metric);
std::string_view ComparisonText(Comparison comparison);

}  // namespace heapsleuth::analysis

#endif  // HEAPSLEUTH_LIB_ANALYSIS_CI_RULES_H_

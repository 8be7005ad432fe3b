#include "lib/analysis/ci_rules.h"

#include <simdjson.h>

#include <cctype>
#include <cmath>
#include <limits>

#include "lib/base/one_line.h"
#include "lib/base/str_cat.h"

namespace heapsleuth::analysis {
namespace {

struct MetricInfo {
  std::string_view name;
  Metric metric;
  bool bytes;  // Whether values are bytes (and take size units).
};
constexpr MetricInfo kMetrics[] = {
    {"count", Metric::kCount, false}, {"size", Metric::kSize, true},        {"retained", Metric::kRetained, true},
    {"new", Metric::kNew, false},     {"deleted", Metric::kDeleted, false},
};

struct UnitInfo {
  std::string_view name;
  double factor;
};
constexpr UnitInfo kUnits[] = {
    {"B", 1}, {"kB", 1e3}, {"MB", 1e6}, {"GB", 1e9}, {"KiB", 1024.0}, {"MiB", 1048576.0}, {"GiB", 1073741824.0},
};

// A cursor over the rule text that knows its column.
class RuleParser {
 public:
  RuleParser(std::string_view text, RuleError& error) : text_(text), error_(error) {}

  bool Parse(Rule& rule) {
    SkipSpace();
    std::string_view word = Word();
    if (word == "total") {
      rule.total = true;
    } else if (word == "class") {
      SkipSpace();
      if (!Expect('(')) return false;
      SkipSpace();
      if (!Quoted(rule.class_name)) return false;
      SkipSpace();
      if (!Expect(')')) return false;
    } else {
      return Fail(pos_ - word.size(),
                  word.empty() ? "expected total or class(\"NAME\")"
                               : StrCat("unknown subject \"", word, "\"; expected total or class(\"NAME\")"));
    }
    SkipSpace();
    if (!Expect('.')) return false;
    SkipSpace();
    const size_t metric_at = pos_;
    word = Word();
    const MetricInfo* metric = nullptr;
    for (const MetricInfo& m : kMetrics) {
      if (m.name == word) metric = &m;
    }
    if (metric == nullptr) {
      return Fail(metric_at,
                  StrCat(word.empty() ? std::string("expected a metric") : StrCat("unknown metric \"", word, "\""),
                         "; expected count, size, retained, new or deleted"));
    }
    rule.metric = metric->metric;
    SkipSpace();
    if (!Comparator(rule.comparison)) return false;
    SkipSpace();
    if (!Value(*metric, rule)) return false;
    SkipSpace();
    if (pos_ != text_.size()) return Fail(pos_, "unexpected text after the value");
    return true;
  }

 private:
  bool Fail(size_t at, std::string message) {
    error_.column = at + 1;
    error_.message = OneLine(message);
    return false;
  }
  bool AtEnd() const { return pos_ >= text_.size(); }
  char Peek() const { return AtEnd() ? '\0' : text_[pos_]; }
  void SkipSpace() {
    while (!AtEnd() && (text_[pos_] == ' ' || text_[pos_] == '\t')) ++pos_;
  }
  std::string_view Word() {
    const size_t start = pos_;
    while (!AtEnd() && (std::isalnum(static_cast<unsigned char>(text_[pos_])) || text_[pos_] == '_')) ++pos_;
    return text_.substr(start, pos_ - start);
  }
  std::string Describe() const {
    return AtEnd() ? std::string("the end of the rule") : StrCat("'", std::string(1, text_[pos_]), "'");
  }
  bool Expect(char c) {
    if (Peek() != c) return Fail(pos_, StrCat("expected '", std::string(1, c), "', found ", Describe()));
    ++pos_;
    return true;
  }
  bool Quoted(std::string& out) {
    const char quote = Peek();
    if (quote != '"' && quote != '\'') return Fail(pos_, StrCat("expected a quoted class name, found ", Describe()));
    const size_t open = pos_++;
    while (!AtEnd() && text_[pos_] != quote) {
      if (text_[pos_] == '\\') {
        if (++pos_ == text_.size()) break;
      }
      out.push_back(text_[pos_++]);
    }
    if (AtEnd()) return Fail(open, "unterminated class name");
    ++pos_;
    if (out.empty()) return Fail(open, "empty class name");
    return true;
  }
  bool Comparator(Comparison& out) {
    const char c = Peek();
    if (c != '>' && c != '<') {
      return Fail(pos_, StrCat("expected a comparison (>, >=, <, <=), found ", Describe()));
    }
    ++pos_;
    const bool equal = Peek() == '=';
    if (equal) ++pos_;
    out = c == '>' ? (equal ? Comparison::kGreaterEqual : Comparison::kGreater)
                   : (equal ? Comparison::kLessEqual : Comparison::kLess);
    return true;
  }
  bool Value(const MetricInfo& metric, Rule& rule) {
    double sign = 1;
    if (Peek() == '+' || Peek() == '-') {
      if (Peek() == '-') sign = -1;
      ++pos_;
    }
    const size_t number_at = pos_;
    double value = 0;
    bool digits = false;
    while (std::isdigit(static_cast<unsigned char>(Peek()))) {
      value = value * 10 + (text_[pos_++] - '0');
      digits = true;
    }
    if (Peek() == '.') {
      ++pos_;
      double scale = 0.1;
      while (std::isdigit(static_cast<unsigned char>(Peek()))) {
        value += scale * (text_[pos_++] - '0');
        scale /= 10;
        digits = true;
      }
    }
    if (!digits) return Fail(number_at, StrCat("expected a number, found ", Describe()));
    SkipSpace();
    const size_t unit_at = pos_;
    if (Peek() == '%') {
      ++pos_;
      rule.percent = true;
    } else {
      std::string_view unit = Word();
      if (!unit.empty()) {
        const UnitInfo* found = nullptr;
        for (const UnitInfo& u : kUnits) {
          if (u.name == unit) found = &u;
        }
        if (found == nullptr) {
          return Fail(unit_at, StrCat("unknown unit \"", unit, "\"; expected B, kB, MB, GB, KiB, MiB, GiB or %"));
        }
        if (!metric.bytes) {
          return Fail(unit_at, StrCat(metric.name, " counts objects; it takes no size unit (only %)"));
        }
        value *= found->factor;
      }
    }
    rule.threshold = sign * value;
    return true;
  }

  std::string_view text_;
  RuleError& error_;
  size_t pos_ = 0;
};

// The values of one metric for the classes a rule names, or for the total.
struct Measure {
  double base = 0;
  double delta = 0;
};

Measure MeasureClass(const ClassDelta& c, Metric metric) {
  switch (metric) {
    case Metric::kCount:
      return {static_cast<double>(c.base_count), static_cast<double>(c.count_delta)};
    case Metric::kSize:
      return {static_cast<double>(c.base_self_size), static_cast<double>(c.size_delta)};
    case Metric::kRetained:
      return {static_cast<double>(c.base_retained_size), static_cast<double>(c.retained_delta)};
    case Metric::kNew:
      return {static_cast<double>(c.base_count), static_cast<double>(c.added_count)};
    case Metric::kDeleted:
      return {static_cast<double>(c.base_count), static_cast<double>(c.removed_count)};
  }
  return {};
}

Measure MeasureTotal(const DiffTotals& t, Metric metric) {
  switch (metric) {
    case Metric::kCount:
      return {static_cast<double>(t.base_count), static_cast<double>(SignedDelta(t.base_count, t.new_count))};
    case Metric::kSize:
      return {static_cast<double>(t.base_size), static_cast<double>(SignedDelta(t.removed_size, t.added_size))};
    case Metric::kRetained:
      return {static_cast<double>(t.base_size), static_cast<double>(SignedDelta(t.base_size, t.new_size))};
    case Metric::kNew:
      return {static_cast<double>(t.base_count), static_cast<double>(t.added_count)};
    case Metric::kDeleted:
      return {static_cast<double>(t.base_count), static_cast<double>(t.removed_count)};
  }
  return {};
}

bool Compare(double measured, Comparison comparison, double threshold) {
  switch (comparison) {
    case Comparison::kGreater:
      return measured > threshold;
    case Comparison::kGreaterEqual:
      return measured >= threshold;
    case Comparison::kLess:
      return measured < threshold;
    case Comparison::kLessEqual:
      return measured <= threshold;
  }
  return false;
}

}  // namespace

bool ParseRule(std::string_view text, Rule& rule, RuleError& error) {
  rule = Rule();
  RuleParser parser(text, error);
  if (!parser.Parse(rule)) return false;
  size_t begin = text.find_first_not_of(" \t"), end = text.find_last_not_of(" \t");
  rule.text = std::string(text.substr(begin, end - begin + 1));
  return true;
}

bool ParseBudget(std::string_view json, std::vector<Rule>& rules, std::string& error) {
  simdjson::dom::parser parser;
  simdjson::padded_string padded(json);
  simdjson::dom::element root;
  if (auto code = parser.parse(padded).get(root); code != simdjson::SUCCESS) {
    error = StrCat("not valid JSON: ", simdjson::error_message(code));
    return false;
  }
  simdjson::dom::object object;
  if (root.get_object().get(object) != simdjson::SUCCESS) {
    error = "expected an object {\"schema_version\": 1, \"rules\": [...]}";
    return false;
  }
  uint64_t version = 0;
  if (object["schema_version"].get_uint64().get(version) != simdjson::SUCCESS || version != 1) {
    error = "\"schema_version\": expected 1";
    return false;
  }
  simdjson::dom::array array;
  if (object["rules"].get_array().get(array) != simdjson::SUCCESS) {
    error = "\"rules\": expected an array of rule strings";
    return false;
  }
  for (simdjson::dom::key_value_pair field : object) {
    if (field.key != "schema_version" && field.key != "rules") {
      error = StrCat("unknown field \"", OneLine(std::string_view(field.key)), "\"; expected schema_version and rules");
      return false;
    }
  }
  size_t index = 0;
  for (simdjson::dom::element item : array) {
    std::string_view text;
    if (item.get_string().get(text) != simdjson::SUCCESS) {
      error = StrCat("rules[", index, "]: expected a string");
      return false;
    }
    Rule rule;
    RuleError rule_error;
    if (!ParseRule(text, rule, rule_error)) {
      error = StrCat("rules[", index, "]: \"", OneLine(text), "\": column ", rule_error.column, ": ", rule_error.message);
      return false;
    }
    rules.push_back(std::move(rule));
    ++index;
  }
  return true;
}

std::vector<RuleOutcome> EvaluateRules(const std::vector<Rule>& rules, const SnapshotDiff& diff) {
  std::vector<RuleOutcome> outcomes;
  for (const Rule& rule : rules) {
    Measure measure;
    if (rule.total) {
      measure = MeasureTotal(diff.totals, rule.metric);
    } else {
      for (const ClassDelta& c : diff.classes) {
        if (c.name != rule.class_name && c.key != rule.class_name) continue;
        const Measure one = MeasureClass(c, rule.metric);
        measure.base += one.base;
        measure.delta += one.delta;
      }
    }
    RuleOutcome outcome;
    outcome.rule = &rule;
    outcome.base = measure.base;
    outcome.delta = measure.delta;
    if (!rule.percent) {
      outcome.measured = measure.delta;
    } else if (measure.base > 0) {
      outcome.measured = 100.0 * measure.delta / measure.base;
    } else {
      outcome.measured = measure.delta == 0 ? 0 : std::copysign(std::numeric_limits<double>::infinity(), measure.delta);
    }
    outcome.crossed = Compare(outcome.measured, rule.comparison, rule.threshold);
    outcomes.push_back(outcome);
  }
  return outcomes;
}

std::string_view MetricName(Metric metric) {
  for (const MetricInfo& m : kMetrics) {
    if (m.metric == metric) return m.name;
  }
  return "";
}

std::string_view ComparisonText(Comparison comparison) {
  switch (comparison) {
    case Comparison::kGreater:
      return ">";
    case Comparison::kGreaterEqual:
      return ">=";
    case Comparison::kLess:
      return "<";
    case Comparison::kLessEqual:
      return "<=";
  }
  return "";
}

}  // namespace heapsleuth::analysis

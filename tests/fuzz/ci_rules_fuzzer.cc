// Fuzz target: the CI gate's rules (--fail-if) and budget files (--budget)
// on arbitrary text. Input starting with '{' is read as a budget file, any
// other as one rule.
//
// A rule that does not parse must say why in one line and name a column
// inside the text (or one past its end); a budget error is one line. Rules
// that parse are evaluated against an empty diff (every base 0: percentages
// of nothing), which must not crash.
#include <string>
#include <string_view>
#include <vector>

#include "lib/analysis/ci_rules.h"
#include "tests/fuzz/fuzz_target.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace heapsleuth;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  std::vector<analysis::Rule> rules;
  if (!text.empty() && text.front() == '{') {
    std::string error;
    if (!analysis::ParseBudget(text, rules, error)) {
      HS_FUZZ_CHECK(!error.empty() && error.find('\n') == std::string::npos);
      return 0;
    }
  } else {
    analysis::Rule rule;
    analysis::RuleError error;
    if (!analysis::ParseRule(text, rule, error)) {
      HS_FUZZ_CHECK(!error.message.empty() && error.message.find('\n') == std::string::npos);
      HS_FUZZ_CHECK(error.column >= 1 && error.column <= size + 1);
      return 0;
    }
    rules.push_back(rule);
  }
  for (const analysis::RuleOutcome& outcome : analysis::EvaluateRules(rules, analysis::SnapshotDiff{})) {
    HS_FUZZ_CHECK(outcome.rule != nullptr);
  }
  return 0;
}

#include "tools/gate_support.h"

#include <cstdio>

#include "lib/base/atomic_file.h"
#include "lib/report/diff_report.h"
#include "tools/tool_support.h"

namespace heapsleuth::tools {

int ReadGateRules(const std::string& tool, const std::vector<std::string>& fail_if, const std::string& budget_path,
                  std::vector<analysis::Rule>& rules) {
  for (const std::string& text : fail_if) {
    analysis::Rule rule;
    analysis::RuleError error;
    if (!analysis::ParseRule(text, rule, error)) {
      std::fprintf(stderr, "%s: error: --fail-if: column %zu: %s\n  %s\n  %*s^\n", tool.c_str(), error.column,
                   error.message.c_str(), text.c_str(), static_cast<int>(error.column - 1), "");
      return kExitUsage;
    }
    rules.push_back(std::move(rule));
  }
  if (budget_path.empty()) return -1;
  auto budget = ReadSmallFile(budget_path);
  if (!budget.ok()) return ReportError(tool, budget.status());
  std::string error;
  if (!analysis::ParseBudget(*budget, rules, error)) {
    std::fprintf(stderr, "%s: error: %s: %s\n", tool.c_str(), budget_path.c_str(), error.c_str());
    return kExitUsage;
  }
  return -1;
}

int FinishGateRun(const std::string& tool, const analysis::ProcessMatch& process, const std::string& markdown_path,
                  const std::string& markdown, const std::string& report,
                  const std::vector<analysis::RuleOutcome>& outcomes) {
  if (!process.same_process) {
    std::fprintf(stderr, "%s: note: %s\n", tool.c_str(), report::CrossProcessNote(process).c_str());
  }
  if (!markdown_path.empty()) {
    absl::Status written = WriteFileAtomically(markdown_path, markdown);
    if (!written.ok()) return ReportError(tool, written);
  }
  if (!WriteStdout(tool, report)) return kExitInputError;
  int code = kExitOk;
  for (const analysis::RuleOutcome& outcome : outcomes) {
    if (!outcome.crossed) continue;
    std::fprintf(stderr, "%s: rule crossed: %s\n", tool.c_str(), report::FormatOutcome(outcome).c_str());
    code = kExitThreshold;
  }
  return code;
}

}  // namespace heapsleuth::tools

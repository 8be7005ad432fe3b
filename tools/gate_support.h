// What the two CI-gate tools (heapsleuth-diff, heapsleuth-growth) share:
// reading the rules from --fail-if and --budget before any snapshot is
// loaded, and ending a run: the cross-process note, the Markdown report, the
// report on stdout, one stderr line per crossed rule and the exit code.
#ifndef HEAPSLEUTH_TOOLS_GATE_SUPPORT_H_
#define HEAPSLEUTH_TOOLS_GATE_SUPPORT_H_

#include <string>
#include <vector>

#include "lib/analysis/ci_rules.h"
#include "lib/analysis/snapshot_diff.h"

namespace heapsleuth::tools {

// Parses every --fail-if rule, then the --budget file (when given), into
// `rules`. Returns -1 to go on, else the exit code after reporting: 2 for a
// malformed rule (with the rule and a caret under the column), 3 for an
// unreadable budget file.
int ReadGateRules(const std::string& tool, const std::vector<std::string>& fail_if, const std::string& budget_path,
                  std::vector<analysis::Rule>& rules);

// Ends a gate run: writes `markdown` to `markdown_path` (atomically; skipped
// when the path is empty) and `report` to stdout, then reports each crossed
// rule. Returns the exit code: 0, 1 when a rule was crossed, 3 when writing
// failed.
int FinishGateRun(const std::string& tool, const analysis::ProcessMatch& process, const std::string& markdown_path,
                  const std::string& markdown, const std::string& report,
                  const std::vector<analysis::RuleOutcome>& outcomes);

}  // namespace heapsleuth::tools

#endif  // HEAPSLEUTH_TOOLS_GATE_SUPPORT_H_

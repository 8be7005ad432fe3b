// The regular expressions of `~` and `!~`: ECMAScript syntax (std::regex),
// compiled once per query, searched anywhere in the text like JS's test().
//
// libstdc++'s default (backtracking) executor recurses once per character and
// overflows the stack on the megabyte-long strings heaps hold (source code),
// and its search restarts at every offset, which is quadratic. So the pattern
// P is compiled as `[\s\S]*(?:P)[\s\S]*` and run with regex_match in
// libstdc++'s polynomial (Thompson NFA) mode: one pass over the text, memory
// bounded by the pattern. The price is no back-references. Patterns that are
// plain text (no metacharacters, no `i` flag) skip std::regex and use find().
// Heap strings are WTF-8 and are matched byte by byte; `.` matches one byte.
#ifndef HEAPSLEUTH_LIB_ANALYSIS_QUERY_REGEX_H_
#define HEAPSLEUTH_LIB_ANALYSIS_QUERY_REGEX_H_

#include <memory>
#include <regex>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace heapsleuth::analysis {

class QueryRegex {
 public:
  // The error (InvalidArgument) describes the pattern's fault, without a place.
  static absl::StatusOr<QueryRegex> Compile(std::string_view pattern, bool ignore_case);

  // True when the pattern matches somewhere in `text`.
  bool Search(std::string_view text) const;

  const std::string& pattern() const { return pattern_; }
  bool ignore_case() const { return ignore_case_; }
  bool is_literal() const { return regex_ == nullptr; }

 private:
  QueryRegex(std::string pattern, bool ignore_case, std::shared_ptr<const std::regex> regex)
      : pattern_(std::move(pattern)), ignore_case_(ignore_case), regex_(std::move(regex)) {}

  std::string pattern_;
  bool ignore_case_;
  std::shared_ptr<const std::regex> regex_;  // Null for a plain-text pattern.
};

}  // namespace heapsleuth::analysis

#endif  // HEAPSLEUTH_LIB_ANALYSIS_QUERY_REGEX_H_

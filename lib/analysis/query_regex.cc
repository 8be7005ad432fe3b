#include "lib/analysis/query_regex.h"

#include "lib/base/str_cat.h"

namespace heapsleuth::analysis {
namespace {

bool IsPlainText(std::string_view pattern) {
  return pattern.find_first_of("\\^$.|?*+()[]{}") == std::string_view::npos;
}

// libstdc++'s regex compiler reads the number of a back-reference (\12)
// and of a repetition ({2,30}) into a long without checking for overflow,
// which is undefined behaviour (the query fuzzer found it). No real pattern
// needs more than 9 digits there.
constexpr size_t kMaxRegexNumberDigits = 9;

bool HasHugeNumber(std::string_view pattern) {
  for (size_t i = 0; i + 1 < pattern.size(); ++i) {
    const bool backslash_number = pattern[i] == '\\' && pattern[i + 1] >= '1' && pattern[i + 1] <= '9';
    if (pattern[i] == '\\' && !backslash_number) {
      ++i;  // An escaped character, e.g. "\{".
      continue;
    }
    if (!backslash_number && pattern[i] != '{') continue;
    size_t j = i + 1;
    while (j < pattern.size()) {
      size_t digits = 0;
      while (j < pattern.size() && pattern[j] >= '0' && pattern[j] <= '9') ++digits, ++j;
      if (digits > kMaxRegexNumberDigits) return true;
      if (backslash_number || j >= pattern.size() || pattern[j] != ',') break;
      ++j;  // The second number of {m,n}.
    }
  }
  return false;
}

}  // namespace

absl::StatusOr<QueryRegex> QueryRegex::Compile(std::string_view pattern, bool ignore_case) {
  if (!ignore_case && IsPlainText(pattern)) return QueryRegex(std::string(pattern), false, nullptr);
  if (HasHugeNumber(pattern)) {
    return absl::InvalidArgumentError(StrCat("bad regex /", pattern, "/: a back-reference or repetition count of more than ",
                                             kMaxRegexNumberDigits, " digits"));
  }
  auto flags = std::regex::ECMAScript | std::regex::optimize;
  if (ignore_case) flags |= std::regex::icase;
  // std::regex reports errors by throwing; nothing may leave the library.
  try {
    // Alone and in the default mode first, for the pattern's own faults:
    // wrapped, an unbalanced ')' would pair with the wrapper.
    std::regex alone(pattern.begin(), pattern.end(), flags);
  } catch (const std::regex_error& error) {
    std::string reason = error.what();
    while (!reason.empty() && (reason.back() == '.' || reason.back() == ' ')) reason.pop_back();
    return absl::InvalidArgumentError(StrCat("bad regex /", pattern, "/: ", reason));
  }
  try {
    const std::string wrapped = StrCat("[\\s\\S]*(?:", pattern, ")[\\s\\S]*");
    return QueryRegex(std::string(pattern), ignore_case,
                      std::make_shared<const std::regex>(wrapped, flags | std::regex_constants::__polynomial));
  } catch (const std::regex_error&) {
    // A valid pattern the polynomial mode refuses has a back-reference.
    return absl::InvalidArgumentError(StrCat("bad regex /", pattern, "/: back-references are not supported"));
  }
}

bool QueryRegex::Search(std::string_view text) const {
  if (regex_ == nullptr) return text.find(pattern_) != std::string_view::npos;
  return std::regex_match(text.begin(), text.end(), *regex_);
}

}  // namespace heapsleuth::analysis

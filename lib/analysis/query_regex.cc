#include "lib/analysis/query_regex.h"

#include <algorithm>
#include <cstdint>
#include <string>

#include "lib/base/str_cat.h"

namespace heapsleuth::analysis {
namespace {

bool IsPlainText(std::string_view pattern) {
  return pattern.find_first_of("\\^$.|?*+()[]{}") == std::string_view::npos;
}

// Numbers in a pattern that std::regex cannot be trusted with; the query
// fuzzer found both. libstdc++ reads the number of a back-reference (\12)
// or a repetition ({2,30}) into a long without checking for overflow
// (undefined behaviour), so no number may have more than 9 digits. And it
// compiles a repetition by copying the repeated part that many times, so
// .{91999999} builds 92 million states: the counts' product (nesting
// multiplies them) is kept to kMaxRepetitionProduct.
constexpr size_t kMaxRegexNumberDigits = 9;
constexpr uint64_t kMaxRepetitionProduct = 100000;

// Why `pattern` is refused, or empty.
std::string RefuseNumbers(std::string_view pattern) {
  uint64_t product = 1;
  for (size_t i = 0; i + 1 < pattern.size(); ++i) {
    const bool backslash_number = pattern[i] == '\\' && pattern[i + 1] >= '1' && pattern[i + 1] <= '9';
    if (pattern[i] == '\\' && !backslash_number) {
      ++i;  // An escaped character, e.g. "\{".
      continue;
    }
    if (!backslash_number && pattern[i] != '{') continue;
    size_t j = i + 1;
    uint64_t largest = 0;
    while (j < pattern.size()) {
      size_t digits = 0;
      uint64_t value = 0;
      for (; j < pattern.size() && pattern[j] >= '0' && pattern[j] <= '9'; ++j, ++digits) {
        if (digits < kMaxRegexNumberDigits) value = value * 10 + static_cast<uint64_t>(pattern[j] - '0');
      }
      if (digits > kMaxRegexNumberDigits) {
        return StrCat("a back-reference or repetition count of more than ", kMaxRegexNumberDigits, " digits");
      }
      largest = std::max(largest, value);
      if (backslash_number || j >= pattern.size() || pattern[j] != ',') break;
      ++j;  // The second number of {m,n}.
    }
    if (backslash_number) continue;
    product *= std::max<uint64_t>(largest, 1);
    if (product > kMaxRepetitionProduct) {
      return StrCat("repetition counts multiply to more than ", kMaxRepetitionProduct);
    }
  }
  return "";
}

}  // namespace

absl::StatusOr<QueryRegex> QueryRegex::Compile(std::string_view pattern, bool ignore_case) {
  if (!ignore_case && IsPlainText(pattern)) return QueryRegex(std::string(pattern), false, nullptr);
  if (const std::string refused = RefuseNumbers(pattern); !refused.empty()) {
    return absl::InvalidArgumentError(StrCat("bad regex /", pattern, "/: ", refused));
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

#include "lib/base/byte_size.h"

#include <cctype>
#include <string>

#include "lib/base/str_cat.h"

namespace heapsleuth {
namespace {

bool EqualsIgnoringCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) {
      return false;
    }
  }
  return true;
}

}  // namespace

absl::StatusOr<uint64_t> ParseByteSize(std::string_view text) {
  auto invalid = [&] {
    return absl::InvalidArgumentError(StrCat("'", text, "' is not a size (examples: 4096, 512kB, 1.5MB, 2GiB)"));
  };
  size_t i = 0;
  // Whole part, exactly, in 64 bits; fraction to 6 digits (the rest can only
  // add less than a millionth of a unit, and the result is rounded down).
  uint64_t whole = 0;
  size_t whole_digits = 0;
  for (; i < text.size() && std::isdigit(static_cast<unsigned char>(text[i])); ++i, ++whole_digits) {
    const uint64_t digit = static_cast<uint64_t>(text[i] - '0');
    if (whole > (UINT64_MAX - digit) / 10) return absl::InvalidArgumentError(StrCat("size '", text, "' is too large"));
    whole = whole * 10 + digit;
  }
  uint64_t fraction = 0, fraction_scale = 1;
  size_t fraction_digits = 0;
  if (i < text.size() && text[i] == '.') {
    ++i;
    for (; i < text.size() && std::isdigit(static_cast<unsigned char>(text[i])); ++i, ++fraction_digits) {
      if (fraction_scale < 1000000) {
        fraction = fraction * 10 + static_cast<uint64_t>(text[i] - '0');
        fraction_scale *= 10;
      }
    }
    if (fraction_digits == 0) return invalid();
  }
  if (whole_digits == 0) return invalid();
  while (i < text.size() && text[i] == ' ') ++i;
  const std::string_view unit = text.substr(i);
  struct Unit {
    std::string_view name;
    uint64_t bytes;
  };
  static constexpr Unit kUnits[] = {
      {"", 1},
      {"b", 1},
      {"kb", 1000},
      {"mb", 1000 * 1000},
      {"gb", 1000ull * 1000 * 1000},
      {"tb", 1000ull * 1000 * 1000 * 1000},
      {"kib", 1024},
      {"mib", 1024 * 1024},
      {"gib", 1024ull * 1024 * 1024},
      {"tib", 1024ull * 1024 * 1024 * 1024},
  };
  for (const Unit& u : kUnits) {
    if (!EqualsIgnoringCase(unit, u.name)) continue;
    if (fraction_digits > 0 && u.bytes == 1) return invalid();  // "1.5" or "1.5B": not whole bytes.
    if (whole > UINT64_MAX / u.bytes) return absl::InvalidArgumentError(StrCat("size '", text, "' is too large"));
    const uint64_t bytes = whole * u.bytes;
    // fraction / fraction_scale of a unit, rounded down: fraction < 10^6 and
    // a unit <= 2^40, so the product fits in 64 bits.
    const uint64_t part = fraction * u.bytes / fraction_scale;
    if (bytes > UINT64_MAX - part) return absl::InvalidArgumentError(StrCat("size '", text, "' is too large"));
    return bytes + part;
  }
  return invalid();
}

}  // namespace heapsleuth

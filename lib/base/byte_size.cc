#include "lib/base/byte_size.h"

#include <cctype>
#include <string>

namespace heapsleuth {

// Fraction digits past the sixth are dropped: with at most 2^40 bytes per
// unit they are worth less than two bytes, and it keeps the arithmetic in 64
// bits.
constexpr uint64_t kMaxFractionScale = 1000000;

std::optional<uint64_t> ParseByteSize(std::string_view text) {
  // Digits, then an optional fraction: kept as an exact integer and a power
  // of ten so that "1.5MB" is 1500000 without floating point.
  uint64_t mantissa = 0;
  uint64_t fraction_scale = 1;
  size_t i = 0, digits = 0;
  bool in_fraction = false;
  for (; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '.' && !in_fraction) {
      in_fraction = true;
      continue;
    }
    if (c < '0' || c > '9') break;
    ++digits;
    if (in_fraction && fraction_scale == kMaxFractionScale) continue;  // Below a byte in any unit.
    if (mantissa > (UINT64_MAX - 9) / 10) return std::nullopt;
    mantissa = mantissa * 10 + static_cast<uint64_t>(c - '0');
    if (in_fraction) fraction_scale *= 10;
  }
  if (digits == 0) return std::nullopt;
  std::string unit(text.substr(i));
  for (char& c : unit) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (!unit.empty() && unit.back() == 'b') unit.pop_back();
  uint64_t base = 1000;
  if (!unit.empty() && unit.back() == 'i') {
    base = 1024;
    unit.pop_back();
    if (unit.empty()) return std::nullopt;  // "iB" or "i" alone.
  }
  int power = 0;
  if (unit == "k") {
    power = 1;
  } else if (unit == "m") {
    power = 2;
  } else if (unit == "g") {
    power = 3;
  } else if (unit == "t") {
    power = 4;
  } else if (!unit.empty()) {
    return std::nullopt;
  }
  uint64_t multiplier = 1;
  for (int p = 0; p < power; ++p) multiplier *= base;
  // mantissa * multiplier / fraction_scale, without overflowing on the way.
  const uint64_t whole = mantissa / fraction_scale, part = mantissa % fraction_scale;
  if (whole > UINT64_MAX / multiplier) return std::nullopt;
  const uint64_t part_bytes = part * multiplier / fraction_scale;  // < 10^6 * 2^40: no overflow.
  if (whole * multiplier > UINT64_MAX - part_bytes) return std::nullopt;
  return whole * multiplier + part_bytes;
}

}  // namespace heapsleuth

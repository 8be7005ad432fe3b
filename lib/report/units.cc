#include "lib/report/units.h"

#include <cstdio>

namespace heapsleuth::report {

std::string FormatBytes(uint64_t bytes) {
  static constexpr const char* kUnits[] = {"kB", "MB", "GB", "TB", "PB"};
  if (bytes < 1000) return std::to_string(bytes) + " B";
  double value = static_cast<double>(bytes);
  int unit = -1;
  while (value >= 1000 && unit < 4) {
    value /= 1000;
    ++unit;
  }
  char buffer[32];
  std::snprintf(buffer, sizeof(buffer), value < 10 ? "%.2f %s" : value < 100 ? "%.1f %s" : "%.0f %s", value,
                kUnits[unit]);
  return buffer;
}

std::string FormatShare(uint64_t part, uint64_t total) {
  if (total == 0) return "-";
  char buffer[32];
  std::snprintf(buffer, sizeof(buffer), "%.1f%%", 100.0 * static_cast<double>(part) / static_cast<double>(total));
  return buffer;
}

std::string FormatCount(uint64_t count) {
  std::string digits = std::to_string(count);
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out.push_back(',');
    out.push_back(digits[i]);
  }
  return out;
}

namespace {

uint64_t Magnitude(int64_t value) {
  return value < 0 ? 0 - static_cast<uint64_t>(value) : static_cast<uint64_t>(value);
}

const char* Sign(int64_t value) { return value > 0 ? "+" : value < 0 ? "-" : ""; }

}  // namespace

std::string FormatSignedBytes(int64_t bytes) { return Sign(bytes) + FormatBytes(Magnitude(bytes)); }

std::string FormatSignedCount(int64_t count) { return Sign(count) + FormatCount(Magnitude(count)); }

}  // namespace heapsleuth::report

// Human units for sizes and counts in text output. JSON always carries exact
// bytes; text shows "12.3 MB" like DevTools (decimal units: 1 kB = 1000 B).
#ifndef HEAPSLEUTH_LIB_REPORT_UNITS_H_
#define HEAPSLEUTH_LIB_REPORT_UNITS_H_

#include <cstdint>
#include <string>

namespace heapsleuth::report {

std::string FormatBytes(uint64_t bytes);
// "12.5%" of `total`; "-" when total is 0.
std::string FormatShare(uint64_t part, uint64_t total);
// 1234567 -> "1,234,567".
std::string FormatCount(uint64_t count);
// Deltas: "+1.25 MB", "-300 B", "0 B"; "+1,234", "-5", "0".
std::string FormatSignedBytes(int64_t bytes);
std::string FormatSignedCount(int64_t count);

}  // namespace heapsleuth::report

#endif  // HEAPSLEUTH_LIB_REPORT_UNITS_H_

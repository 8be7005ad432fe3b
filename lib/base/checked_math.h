// Overflow-checked arithmetic for sizes that come from untrusted input.
//
// A snapshot's header states counts (node_count, edge_count) that we multiply
// into allocation sizes; a hostile file must not make those wrap around.
#ifndef HEAPSLEUTH_LIB_BASE_CHECKED_MATH_H_
#define HEAPSLEUTH_LIB_BASE_CHECKED_MATH_H_

#include <cstdint>
#include <optional>

namespace heapsleuth {

inline std::optional<uint64_t> CheckedMul(uint64_t a, uint64_t b) {
  uint64_t result;
  if (__builtin_mul_overflow(a, b, &result)) return std::nullopt;
  return result;
}

inline std::optional<uint64_t> CheckedAdd(uint64_t a, uint64_t b) {
  uint64_t result;
  if (__builtin_add_overflow(a, b, &result)) return std::nullopt;
  return result;
}

}  // namespace heapsleuth

#endif  // HEAPSLEUTH_LIB_BASE_CHECKED_MATH_H_

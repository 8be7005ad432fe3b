// Status propagation helpers for absl::Status / absl::StatusOr.
//
// abseil 20220623 (Debian 12) ships no status macros, so heapsleuth defines its
// own. They are the only macros outside the HS_ prefix rule's reach: every
// macro here starts with HS_. The library never throws: errors travel as
// absl::Status values up to the tool, which prints them in one line.
#ifndef HEAPSLEUTH_LIB_BASE_STATUS_MACROS_H_
#define HEAPSLEUTH_LIB_BASE_STATUS_MACROS_H_

#include "absl/status/status.h"
#include "absl/status/statusor.h"

#define HS_CONCAT_INNER_(a, b) a##b
#define HS_CONCAT_(a, b) HS_CONCAT_INNER_(a, b)

// Returns from the current function when `expr` is not OK.
#define HS_RETURN_IF_ERROR(expr)                 \
  do {                                           \
    ::absl::Status hs_status_ = (expr);          \
    if (!hs_status_.ok()) return hs_status_;     \
  } while (0)

// `HS_ASSIGN_OR_RETURN(auto x, MakeX());` declares/assigns `x` from a
// StatusOr, or returns its error.
#define HS_ASSIGN_OR_RETURN(lhs, expr) \
  HS_ASSIGN_OR_RETURN_IMPL_(HS_CONCAT_(hs_statusor_, __LINE__), lhs, expr)
#define HS_ASSIGN_OR_RETURN_IMPL_(tmp, lhs, expr) \
  auto tmp = (expr);                              \
  if (!tmp.ok()) return std::move(tmp).status();  \
  lhs = std::move(tmp).value()

#endif  // HEAPSLEUTH_LIB_BASE_STATUS_MACROS_H_

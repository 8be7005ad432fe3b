// The query language's parser: tokens -> a typed expression tree, by
// recursive descent. Precedence, loosest first: `or`, `and`, `not`, then a
// comparison, a bare true/false field or a parenthesised expression:
//
//   query      = or_expr END
//   or_expr    = and_expr { "or" and_expr }
//   and_expr   = unary { "and" unary }
//   unary      = "not" unary | primary
//   primary    = "(" or_expr ")" | FIELD OP value | BOOL_FIELD
//   value      = NUMBER[UNIT] | STRING | /REGEX/[i] | TYPE_NAME | NUMBER_FIELD
//
// A number field may be compared with another: `raw_self_size > self_size`.
// Everything is checked here, before any snapshot is read: field names, that
// the operator and value suit the field's kind (query_fields.h), units (only
// on sizes; kB/MB/GB/TB are 10^3n, KiB/MiB/GiB/TiB 2^10n, any letter case),
// node type names, and regexes (compiled once, here). Each error is one line,
// "query: column N: ...", N being where the fault starts (query_lexer.h).
// Nesting is limited to kMaxQueryDepth so the recursion stays small.
#ifndef HEAPSLEUTH_LIB_ANALYSIS_QUERY_PARSER_H_
#define HEAPSLEUTH_LIB_ANALYSIS_QUERY_PARSER_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "lib/analysis/query_fields.h"
#include "lib/analysis/query_regex.h"

namespace heapsleuth::analysis {

inline constexpr int kMaxQueryDepth = 100;

enum class CompareOp : uint8_t { kEq, kNe, kLt, kLe, kGt, kGe };

struct QueryExpr {
  enum class Kind : uint8_t {
    kOr,             // children: two or more.
    kAnd,            // children: two or more.
    kNot,            // children: one.
    kCompareNumber,  // field op number, or field op other_field.
    kCompareString,  // field (string or type) == / != text.
    kMatch,          // field ~ regex, or !~ when `negated`.
    kBool,           // A bare true/false field.
  };
  Kind kind = Kind::kBool;
  std::vector<QueryExpr> children;
  QueryField field = QueryField::kId;
  CompareOp op = CompareOp::kEq;
  int64_t number = 0;
  std::optional<QueryField> other_field;  // kCompareNumber against another number field.
  std::string text;
  std::optional<QueryRegex> regex;
  bool negated = false;

  // A fully parenthesised rendering with canonical field names, e.g.
  // `(and (> retained_size 1000000) (~ name /x/))`: shows how a query parsed.
  std::string ToString() const;
};

class Query {
 public:
  Query(std::string text, QueryExpr root) : text_(std::move(text)), root_(std::move(root)) {}
  const std::string& text() const { return text_; }
  const QueryExpr& root() const { return root_; }

 private:
  std::string text_;
  QueryExpr root_;
};

// Parses and checks `text`. On error, `*error_column` (if given) receives the
// 1-based column the message names.
absl::StatusOr<Query> ParseQuery(std::string_view text, size_t* error_column = nullptr);

}  // namespace heapsleuth::analysis

#endif  // HEAPSLEUTH_LIB_ANALYSIS_QUERY_PARSER_H_

// The query language's lexer: expression text -> tokens, each with the
// column it starts at, so that every later error can point at its place.
//
// Columns are 1-based and count UTF-8 code points, which is where a caret
// printed under the expression in a terminal lands. Tokens:
//   identifiers  [A-Za-z_][A-Za-z0-9_]*  (and, or, not are keywords)
//   numbers      -?[0-9]+(\.[0-9]+)?  with a unit glued on: 10kB, 1.5MiB
//   strings      "..." or '...' with \" \' \\ \n \t \r \/ \uXXXX escapes
//   regexes      /.../ with an optional `i` flag; \/ is a literal slash
//   operators    == != < <= > >= ~ !~ ( )
// There is no division, so `/` always opens a regex.
#ifndef HEAPSLEUTH_LIB_ANALYSIS_QUERY_LEXER_H_
#define HEAPSLEUTH_LIB_ANALYSIS_QUERY_LEXER_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"

namespace heapsleuth::analysis {

enum class TokenKind : uint8_t {
  kIdentifier,
  kAnd,
  kOr,
  kNot,
  kNumber,  // text: the digits, sign and unit as written.
  kString,  // text: the decoded value.
  kRegex,   // text: the pattern (\/ unescaped); flags: "" or "i".
  kEq,
  kNe,
  kLt,
  kLe,
  kGt,
  kGe,
  kMatch,
  kNotMatch,
  kLeftParen,
  kRightParen,
  kEnd,
};

struct Token {
  TokenKind kind;
  std::string text;         // Identifier, number, decoded string or regex pattern.
  std::string flags;        // Regex flags.
  std::string_view source;  // The token as written (a view into the expression).
  size_t column = 0;        // 1-based, in code points.
};

// "query: column N: <message>" as an InvalidArgument status, the one form of
// every query error; `*error_column` (if given) receives N.
absl::Status QueryError(size_t column, std::string_view message, size_t* error_column);

// The 1-based code-point column of byte `offset` in `text`.
size_t ColumnOf(std::string_view text, size_t offset);

// Splits `text` into tokens ending with kEnd.
absl::StatusOr<std::vector<Token>> Tokenize(std::string_view text, size_t* error_column = nullptr);

}  // namespace heapsleuth::analysis

#endif  // HEAPSLEUTH_LIB_ANALYSIS_QUERY_LEXER_H_

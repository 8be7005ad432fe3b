#include "lib/analysis/query_parser.h"

#include <algorithm>
#include <array>
#include <cctype>

#include "lib/analysis/query_lexer.h"
#include "lib/base/str_cat.h"

namespace heapsleuth::analysis {
namespace {

using Kind = QueryExpr::Kind;

struct Unit {
  std::string_view name;  // Lowercase; units are matched in any case.
  int64_t bytes;
};
constexpr std::array<Unit, 9> kUnits = {{{"b", 1},
                                         {"kb", 1000},
                                         {"mb", 1000 * 1000},
                                         {"gb", 1000 * 1000 * 1000},
                                         {"tb", int64_t{1000} * 1000 * 1000 * 1000},
                                         {"kib", int64_t{1} << 10},
                                         {"mib", int64_t{1} << 20},
                                         {"gib", int64_t{1} << 30},
                                         {"tib", int64_t{1} << 40}}};

std::optional<int64_t> UnitBytes(std::string_view name) {
  std::string lower(name);
  std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
  for (const Unit& unit : kUnits) {
    if (unit.name == lower) return unit.bytes;
  }
  return std::nullopt;
}

bool IsUnit(std::string_view name) { return UnitBytes(name).has_value(); }

std::string_view OpName(CompareOp op) {
  static constexpr std::string_view kNames[] = {"==", "!=", "<", "<=", ">", ">="};
  return kNames[static_cast<int>(op)];
}

std::optional<CompareOp> AsCompareOp(TokenKind kind) {
  switch (kind) {
    case TokenKind::kEq:
      return CompareOp::kEq;
    case TokenKind::kNe:
      return CompareOp::kNe;
    case TokenKind::kLt:
      return CompareOp::kLt;
    case TokenKind::kLe:
      return CompareOp::kLe;
    case TokenKind::kGt:
      return CompareOp::kGt;
    case TokenKind::kGe:
      return CompareOp::kGe;
    default:
      return std::nullopt;
  }
}

bool IsOperator(TokenKind kind) {
  return AsCompareOp(kind).has_value() || kind == TokenKind::kMatch || kind == TokenKind::kNotMatch;
}

// How a token is named in messages.
std::string Describe(const Token& token) {
  switch (token.kind) {
    case TokenKind::kEnd:
      return "the end";
    case TokenKind::kString:
      return StrCat("the string ", token.source);
    case TokenKind::kRegex:
      return StrCat("the regex ", token.source);
    case TokenKind::kNumber:
      return StrCat("the number ", token.source);
    default:
      return StrCat("'", token.source, "'");
  }
}

std::string TypeList() {
  std::string out;
  for (std::string_view type : KnownNodeTypes()) {
    if (!out.empty()) out += ", ";
    out += type;
  }
  return out;
}

class Parser {
 public:
  Parser(std::vector<Token> tokens, size_t* error_column) : tokens_(std::move(tokens)), error_column_(error_column) {}

  absl::StatusOr<QueryExpr> Run() {
    absl::StatusOr<QueryExpr> expr = Or(0);
    if (!expr.ok()) return expr;
    if (Peek().kind != TokenKind::kEnd) {
      const Token& token = Peek();
      if (token.kind == TokenKind::kRightParen) return Error(token, "')' has no matching '('");
      if (token.kind == TokenKind::kIdentifier && pos_ > 0 && tokens_[pos_ - 1].kind == TokenKind::kNumber &&
          IsUnit(token.text)) {
        return Error(token, StrCat("write the unit without a space: ", tokens_[pos_ - 1].source, token.source));
      }
      return Error(token, StrCat("expected 'and', 'or' or the end, found ", Describe(token)));
    }
    return expr;
  }

 private:
  const Token& Peek() const { return tokens_[pos_]; }
  const Token& Take() { return tokens_[pos_ == tokens_.size() - 1 ? pos_ : pos_++]; }
  absl::Status Error(const Token& token, std::string_view message) {
    return QueryError(token.column, message, error_column_);
  }

  // `or` and `and` lists, flattened.
  absl::StatusOr<QueryExpr> Or(int depth) { return List(depth, TokenKind::kOr, Kind::kOr); }
  absl::StatusOr<QueryExpr> And(int depth) { return List(depth, TokenKind::kAnd, Kind::kAnd); }

  absl::StatusOr<QueryExpr> List(int depth, TokenKind separator, Kind kind) {
    auto operand = [&]() { return kind == Kind::kOr ? And(depth) : Unary(depth); };
    absl::StatusOr<QueryExpr> first = operand();
    if (!first.ok() || Peek().kind != separator) return first;
    QueryExpr list;
    list.kind = kind;
    list.children.push_back(*std::move(first));
    while (Peek().kind == separator) {
      Take();
      absl::StatusOr<QueryExpr> next = operand();
      if (!next.ok()) return next;
      list.children.push_back(*std::move(next));
    }
    return list;
  }

  absl::StatusOr<QueryExpr> Unary(int depth) {
    if (depth >= kMaxQueryDepth) return Error(Peek(), StrCat("nested deeper than ", kMaxQueryDepth, " levels"));
    if (Peek().kind != TokenKind::kNot) return Primary(depth);
    Take();
    absl::StatusOr<QueryExpr> operand = Unary(depth + 1);
    if (!operand.ok()) return operand;
    QueryExpr expr;
    expr.kind = Kind::kNot;
    expr.children.push_back(*std::move(operand));
    return expr;
  }

  absl::StatusOr<QueryExpr> Primary(int depth) {
    const Token& token = Take();
    if (token.kind == TokenKind::kLeftParen) {
      absl::StatusOr<QueryExpr> inner = Or(depth + 1);
      if (!inner.ok()) return inner;
      if (Peek().kind != TokenKind::kRightParen) {
        return Error(Peek(),
                     StrCat("expected ')' to close the '(' at column ", token.column, ", found ", Describe(Peek())));
      }
      Take();
      return inner;
    }
    if (token.kind != TokenKind::kIdentifier) {
      return Error(token, StrCat("expected a field name, 'not' or '(', found ", Describe(token)));
    }
    const QueryFieldInfo* info = FindQueryField(token.text);
    if (info == nullptr) {
      return Error(token, StrCat("unknown field '", token.text, "' (fields: ", QueryFieldNames(), ")"));
    }
    if (info->kind == FieldKind::kBool) {
      if (IsOperator(Peek().kind)) {
        return Error(Peek(),
                     StrCat("'", info->name, "' is true or false: write '", info->name, "' or 'not ", info->name, "'"));
      }
      QueryExpr expr;
      expr.kind = Kind::kBool;
      expr.field = info->field;
      return expr;
    }
    const Token& op = Take();
    if (!IsOperator(op.kind)) {
      return Error(
          op, StrCat("expected an operator (== != < <= > >= ~ !~) after '", token.text, "', found ", Describe(op)));
    }
    const Token& value = Take();
    if (value.kind == TokenKind::kEnd) return Error(value, StrCat("expected a value after '", op.source, "'"));
    if (info->kind == FieldKind::kNumber || info->kind == FieldKind::kSize) return Number(*info, op, value);
    return Text(*info, op, value);
  }

  absl::StatusOr<QueryExpr> Number(const QueryFieldInfo& info, const Token& op, const Token& value) {
    if (!AsCompareOp(op.kind)) {
      return Error(op, StrCat("'", op.source, "' matches text; '", info.name, "' is a number"));
    }
    QueryExpr expr;
    expr.kind = Kind::kCompareNumber;
    expr.field = info.field;
    expr.op = *AsCompareOp(op.kind);
    if (value.kind == TokenKind::kIdentifier) {
      const QueryFieldInfo* other = FindQueryField(value.text);
      if (other == nullptr) return Error(value, StrCat("unknown field '", value.text, "'"));
      if (other->kind != FieldKind::kNumber && other->kind != FieldKind::kSize) {
        return Error(value, StrCat("'", info.name, "' is a number and '", other->name, "' is not"));
      }
      expr.other_field = other->field;
      return expr;
    }
    if (value.kind != TokenKind::kNumber) {
      return Error(value, StrCat("'", info.name, "' is a number: expected a number after '", op.source, "', found ",
                                 Describe(value)));
    }
    absl::StatusOr<int64_t> number = ParseNumber(info, value);
    if (!number.ok()) return number.status();
    expr.number = *number;
    return expr;
  }

  // Digits with an optional fraction and unit, exactly: 1.5MiB = 1572864.
  absl::StatusOr<int64_t> ParseNumber(const QueryFieldInfo& info, const Token& token) {
    std::string_view text = token.text;
    const bool negative = !text.empty() && text[0] == '-';
    if (negative) text.remove_prefix(1);
    int64_t mantissa = 0;
    int fraction_digits = 0;
    bool in_fraction = false;
    size_t i = 0;
    for (; i < text.size(); ++i) {
      const char c = text[i];
      if (c == '.') {
        in_fraction = true;
        continue;
      }
      if (c < '0' || c > '9') break;
      if (__builtin_mul_overflow(mantissa, 10, &mantissa) || __builtin_add_overflow(mantissa, c - '0', &mantissa)) {
        return Error(token, StrCat(token.source, " is too large"));
      }
      if (in_fraction) ++fraction_digits;
    }
    const std::string_view unit = text.substr(i);
    int64_t multiplier = 1;
    if (!unit.empty()) {
      const std::optional<int64_t> bytes = UnitBytes(unit);
      if (!bytes) return Error(token, StrCat("unknown unit '", unit, "' (B, kB, MB, GB, TB, KiB, MiB, GiB, TiB)"));
      if (info.kind != FieldKind::kSize) {
        return Error(token, StrCat("'", info.name,
                                   "' is not a size: units apply to self_size, raw_self_size and "
                                   "retained_size"));
      }
      multiplier = *bytes;
    }
    int64_t value = 0;
    if (__builtin_mul_overflow(mantissa, multiplier, &value))
      return Error(token, StrCat(token.source, " is too large"));
    int64_t divisor = 1;
    for (int d = 0; d < fraction_digits; ++d) {
      if (__builtin_mul_overflow(divisor, 10, &divisor)) return Error(token, StrCat(token.source, " is too precise"));
    }
    if (value % divisor != 0) {
      return Error(token, StrCat(token.source, " is not a whole number", unit.empty() ? "" : " of bytes"));
    }
    value /= divisor;
    return negative ? -value : value;
  }

  absl::StatusOr<QueryExpr> Text(const QueryFieldInfo& info, const Token& op, const Token& value) {
    const bool is_type = info.kind == FieldKind::kNodeType;
    QueryExpr expr;
    expr.field = info.field;
    if (op.kind == TokenKind::kMatch || op.kind == TokenKind::kNotMatch) {
      if (value.kind != TokenKind::kRegex) {
        return Error(value, StrCat("'", op.source, "' takes a /regex/, found ", Describe(value)));
      }
      absl::StatusOr<QueryRegex> regex = QueryRegex::Compile(value.text, value.flags == "i");
      if (!regex.ok()) return Error(value, std::string(regex.status().message()));
      expr.kind = Kind::kMatch;
      expr.regex = *std::move(regex);
      expr.negated = op.kind == TokenKind::kNotMatch;
      return expr;
    }
    if (op.kind != TokenKind::kEq && op.kind != TokenKind::kNe) {
      return Error(op, StrCat("'", op.source, "' does not apply to '", info.name, "', a ", is_type ? "type" : "string",
                              ": use == != ~ or !~"));
    }
    const bool bare_type = is_type && value.kind == TokenKind::kIdentifier;
    if (value.kind != TokenKind::kString && !bare_type) {
      if (value.kind == TokenKind::kIdentifier) {
        return Error(value, StrCat("text needs quotes: \"", value.text, "\""));
      }
      if (value.kind == TokenKind::kRegex) return Error(op, StrCat("use '~' to match a regex, not '", op.source, "'"));
      return Error(
          value, StrCat("'", info.name, "' is ", is_type ? "a type" : "text", ": expected ",
                        is_type ? "a type name" : "a \"string\"", " after '", op.source, "', found ", Describe(value)));
    }
    if (is_type) {
      auto types = KnownNodeTypes();
      if (std::find(types.begin(), types.end(), value.text) == types.end()) {
        return Error(value, StrCat("unknown node type '", value.text, "' (V8's types: ", TypeList(), ")"));
      }
    }
    expr.kind = Kind::kCompareString;
    expr.op = op.kind == TokenKind::kEq ? CompareOp::kEq : CompareOp::kNe;
    expr.text = value.text;
    return expr;
  }

  std::vector<Token> tokens_;
  size_t* error_column_;
  size_t pos_ = 0;
};

void AppendQuoted(std::string& out, std::string_view text) {
  out.push_back('"');
  for (char c : text) {
    if (c == '"' || c == '\\') out.push_back('\\');
    out.push_back(c);
  }
  out.push_back('"');
}

}  // namespace

std::string QueryExpr::ToString() const {
  const std::string_view field_name = InfoOf(field).name;
  switch (kind) {
    case Kind::kOr:
    case Kind::kAnd: {
      std::string out = kind == Kind::kOr ? "(or" : "(and";
      for (const QueryExpr& child : children) StrAppend(&out, " ", child.ToString());
      return out + ")";
    }
    case Kind::kNot:
      return StrCat("(not ", children[0].ToString(), ")");
    case Kind::kCompareNumber:
      if (other_field) return StrCat("(", OpName(op), " ", field_name, " ", InfoOf(*other_field).name, ")");
      return StrCat("(", OpName(op), " ", field_name, " ", number, ")");
    case Kind::kCompareString: {
      std::string out = StrCat("(", OpName(op), " ", field_name, " ");
      AppendQuoted(out, text);
      return out + ")";
    }
    case Kind::kMatch:
      return StrCat("(", negated ? "!~" : "~", " ", field_name, " /", regex->pattern(), "/",
                    regex->ignore_case() ? "i" : "", ")");
    case Kind::kBool:
      return std::string(field_name);
  }
  return "";
}

absl::StatusOr<Query> ParseQuery(std::string_view text, size_t* error_column) {
  absl::StatusOr<std::vector<Token>> tokens = Tokenize(text, error_column);
  if (!tokens.ok()) return tokens.status();
  absl::StatusOr<QueryExpr> root = Parser(*std::move(tokens), error_column).Run();
  if (!root.ok()) return root.status();
  return Query(std::string(text), *std::move(root));
}

}  // namespace heapsleuth::analysis

#include "lib/analysis/query_lexer.h"

#include "lib/base/one_line.h"
#include "lib/base/str_cat.h"

namespace heapsleuth::analysis {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsIdentifierStart(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
bool IsIdentifierPart(char c) { return IsIdentifierStart(c) || IsDigit(c); }

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

void AppendUtf8(std::string& out, uint32_t code_point) {
  if (code_point < 0x80) {
    out.push_back(static_cast<char>(code_point));
  } else if (code_point < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (code_point >> 6)));
    out.push_back(static_cast<char>(0x80 | (code_point & 0x3F)));
  } else {
    // BMP only (\uXXXX); lone surrogates come out as WTF-8, like V8's strings.
    out.push_back(static_cast<char>(0xE0 | (code_point >> 12)));
    out.push_back(static_cast<char>(0x80 | ((code_point >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (code_point & 0x3F)));
  }
}

// A printable rendering of one character for messages.
std::string Quoted(std::string_view text, size_t offset) {
  const unsigned char c = static_cast<unsigned char>(text[offset]);
  if (c < 0x20 || c == 0x7F) return StrCat("character 0x", "0123456789abcdef"[c >> 4], "0123456789abcdef"[c & 15]);
  size_t length = 1;
  while (offset + length < text.size() && (static_cast<unsigned char>(text[offset + length]) & 0xC0) == 0x80) {
    ++length;
  }
  return StrCat("'", text.substr(offset, length), "'");
}

class Lexer {
 public:
  Lexer(std::string_view text, size_t* error_column) : text_(text), error_column_(error_column) {}

  absl::StatusOr<std::vector<Token>> Run() {
    std::vector<Token> tokens;
    while (true) {
      while (pos_ < text_.size() &&
             (text_[pos_] == ' ' || text_[pos_] == '\t' || text_[pos_] == '\n' || text_[pos_] == '\r')) {
        ++pos_;
      }
      if (pos_ == text_.size()) break;
      absl::StatusOr<Token> token = Next();
      if (!token.ok()) return token.status();
      tokens.push_back(*std::move(token));
    }
    tokens.push_back(Make(TokenKind::kEnd, pos_, pos_, ""));
    return tokens;
  }

 private:
  Token Make(TokenKind kind, size_t start, size_t end, std::string text) {
    return Token{kind, std::move(text), "", text_.substr(start, end - start), ColumnAt(start)};
  }
  absl::Status Error(size_t offset, std::string_view message) {
    return QueryError(ColumnAt(offset), message, error_column_);
  }
  // Columns are asked for in increasing offsets: count on from the last one,
  // so that a long expression is not rescanned per token.
  size_t ColumnAt(size_t offset) {
    if (offset < counted_offset_) return ColumnOf(text_, offset);
    column_ += ColumnOf(text_.substr(counted_offset_), offset - counted_offset_) - 1;
    counted_offset_ = offset;
    return column_;
  }
  bool At(std::string_view s) const { return text_.substr(pos_, s.size()) == s; }

  absl::StatusOr<Token> Next() {
    const size_t start = pos_;
    const char c = text_[pos_];
    if (IsIdentifierStart(c)) {
      while (pos_ < text_.size() && IsIdentifierPart(text_[pos_])) ++pos_;
      std::string word(text_.substr(start, pos_ - start));
      TokenKind kind = word == "and"   ? TokenKind::kAnd
                       : word == "or"  ? TokenKind::kOr
                       : word == "not" ? TokenKind::kNot
                                       : TokenKind::kIdentifier;
      return Make(kind, start, pos_, std::move(word));
    }
    if (IsDigit(c) || (c == '-' && pos_ + 1 < text_.size() && IsDigit(text_[pos_ + 1]))) return Number();
    if (c == '"' || c == '\'') return String();
    if (c == '/') return Regex();
    static constexpr std::pair<std::string_view, TokenKind> kOperators[] = {
        {"==", TokenKind::kEq},       {"!=", TokenKind::kNe},   {"!~", TokenKind::kNotMatch},
        {"<=", TokenKind::kLe},       {">=", TokenKind::kGe},   {"<", TokenKind::kLt},
        {">", TokenKind::kGt},        {"~", TokenKind::kMatch}, {"(", TokenKind::kLeftParen},
        {")", TokenKind::kRightParen}};
    for (const auto& [spelling, kind] : kOperators) {
      if (At(spelling)) {
        pos_ += spelling.size();
        return Make(kind, start, pos_, std::string(spelling));
      }
    }
    if (c == '=') return Error(start, "'=' is not an operator; use '=='");
    if (At("&&")) return Error(start, "use 'and' instead of '&&'");
    if (At("||")) return Error(start, "use 'or' instead of '||'");
    if (c == '!') return Error(start, "use 'not' instead of '!'");
    return Error(start, StrCat("unexpected ", Quoted(text_, start)));
  }

  absl::StatusOr<Token> Number() {
    const size_t start = pos_;
    if (text_[pos_] == '-') ++pos_;
    while (pos_ < text_.size() && IsDigit(text_[pos_])) ++pos_;
    if (pos_ + 1 < text_.size() && text_[pos_] == '.' && IsDigit(text_[pos_ + 1])) {
      ++pos_;
      while (pos_ < text_.size() && IsDigit(text_[pos_])) ++pos_;
    }
    while (pos_ < text_.size() && IsIdentifierPart(text_[pos_])) ++pos_;  // The unit, checked by the parser.
    return Make(TokenKind::kNumber, start, pos_, std::string(text_.substr(start, pos_ - start)));
  }

  absl::StatusOr<Token> String() {
    const size_t start = pos_;
    const char quote = text_[pos_++];
    std::string value;
    while (true) {
      if (pos_ >= text_.size()) return Error(start, "unterminated string");
      const char c = text_[pos_];
      if (c == quote) break;
      if (c != '\\') {
        value.push_back(c);
        ++pos_;
        continue;
      }
      if (pos_ + 1 >= text_.size()) return Error(start, "unterminated string");
      const char escape = text_[pos_ + 1];
      switch (escape) {
        case '"':
        case '\'':
        case '\\':
        case '/':
          value.push_back(escape);
          break;
        case 'n':
          value.push_back('\n');
          break;
        case 't':
          value.push_back('\t');
          break;
        case 'r':
          value.push_back('\r');
          break;
        case 'u': {
          uint32_t code_point = 0;
          for (size_t i = 0; i < 4; ++i) {
            const int digit = pos_ + 2 + i < text_.size() ? HexValue(text_[pos_ + 2 + i]) : -1;
            if (digit < 0) return Error(pos_, "\\u needs four hex digits");
            code_point = code_point * 16 + static_cast<uint32_t>(digit);
          }
          AppendUtf8(value, code_point);
          pos_ += 4;
          break;
        }
        default:
          return Error(pos_, StrCat("unknown escape \\", Quoted(text_, pos_ + 1),
                                    " (known: \\\" \\' \\\\ \\/ \\n \\t \\r \\uXXXX)"));
      }
      pos_ += 2;
    }
    ++pos_;
    return Make(TokenKind::kString, start, pos_, std::move(value));
  }

  absl::StatusOr<Token> Regex() {
    const size_t start = pos_++;
    std::string pattern;
    while (true) {
      if (pos_ >= text_.size()) return Error(start, "unterminated regex: no closing '/'");
      const char c = text_[pos_];
      if (c == '/') break;
      if (c == '\\' && pos_ + 1 < text_.size()) {
        // \/ is the slash itself; every other escape is the regex's own.
        if (text_[pos_ + 1] != '/') pattern.push_back('\\');
        pattern.push_back(text_[pos_ + 1]);
        pos_ += 2;
        continue;
      }
      pattern.push_back(c);
      ++pos_;
    }
    ++pos_;
    const size_t flags_start = pos_;
    while (pos_ < text_.size() && IsIdentifierPart(text_[pos_])) ++pos_;
    std::string flags(text_.substr(flags_start, pos_ - flags_start));
    if (!flags.empty() && flags != "i") {
      return Error(flags_start, StrCat("unknown regex flags '", flags, "' (only 'i', ignore case)"));
    }
    Token token = Make(TokenKind::kRegex, start, pos_, std::move(pattern));
    token.flags = std::move(flags);
    return token;
  }

  std::string_view text_;
  size_t* error_column_;
  size_t pos_ = 0;
  size_t counted_offset_ = 0;  // ColumnAt's cache: the column of this offset.
  size_t column_ = 1;
};

}  // namespace

absl::Status QueryError(size_t column, std::string_view message, size_t* error_column) {
  if (error_column != nullptr) *error_column = column;
  return absl::InvalidArgumentError(StrCat("query: column ", column, ": ", OneLine(message)));
}

size_t ColumnOf(std::string_view text, size_t offset) {
  size_t column = 1;
  for (size_t i = 0; i < offset && i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++column;
  }
  return column;
}

absl::StatusOr<std::vector<Token>> Tokenize(std::string_view text, size_t* error_column) {
  return Lexer(text, error_column).Run();
}

}  // namespace heapsleuth::analysis

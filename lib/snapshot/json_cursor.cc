#include "lib/snapshot/json_cursor.h"

#include <cstdio>
#include <cstring>
#include <vector>

namespace heapsleuth::snapshot {
namespace {

bool IsNumberChar(char c) {
  return (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.' || c == 'e' || c == 'E';
}

}  // namespace

std::string JsonCursor::DescribeHere() {
  if (pos_ >= end_) return "end of input";
  unsigned char c = static_cast<unsigned char>(*pos_);
  if (c >= 0x20 && c < 0x7f) return StrCat("'", std::string_view(pos_, 1), "'");
  char hex[8];
  std::snprintf(hex, sizeof(hex), "0x%02x", c);
  return StrCat("byte ", hex);
}

absl::Status JsonCursor::Expect(char c) {
  SkipWhitespace();
  if (pos_ < end_ && *pos_ == c) {
    ++pos_;
    return absl::OkStatus();
  }
  return Error(StrCat("expected '", std::string_view(&c, 1), "', found ", DescribeHere()));
}

absl::Status JsonCursor::SkipString() {
  const char* p = pos_ + 1;
  while (true) {
    const void* hit = std::memchr(p, '"', static_cast<size_t>(end_ - p));
    if (hit == nullptr) {
      pos_ = end_;
      return Error("unterminated string");
    }
    const char* quote = static_cast<const char*>(hit);
    // The quote is escaped when an odd number of backslashes precede it.
    const char* q = quote;
    while (q > p && q[-1] == '\\') --q;
    if (((quote - q) & 1) == 0) {
      pos_ = quote + 1;
      return absl::OkStatus();
    }
    p = quote + 1;
  }
}

absl::Status JsonCursor::ReadRawString(std::string_view& out) {
  SkipWhitespace();
  if (pos_ >= end_ || *pos_ != '"') {
    return Error(StrCat("expected a string, found ", DescribeHere()));
  }
  const char* start = pos_ + 1;
  absl::Status status = SkipString();
  if (!status.ok()) return status;
  out = std::string_view(start, static_cast<size_t>(pos_ - 1 - start));
  return absl::OkStatus();
}

absl::Status JsonCursor::SkipValue(std::string_view& skipped) {
  SkipWhitespace();
  const char* start = pos_;
  // Open brackets, innermost last; each entry notes whether a value is due.
  std::vector<char> open;
  bool want_value = true;
  while (true) {
    SkipWhitespace();
    if (pos_ >= end_) return Error("unexpected end of input inside a value");
    char c = *pos_;
    if (want_value) {
      if (c == '{' || c == '[') {
        open.push_back(c);
        ++pos_;
        SkipWhitespace();
        if (pos_ < end_ && *pos_ == (c == '{' ? '}' : ']')) {
          ++pos_;
          open.pop_back();
          want_value = false;
        } else if (c == '{') {
          std::string_view key;
          absl::Status status = ReadRawString(key);
          if (!status.ok()) return status;
          status = Expect(':');
          if (!status.ok()) return status;
        }
        if (!want_value && open.empty()) break;
        continue;
      }
      if (c == '"') {
        absl::Status status = SkipString();
        if (!status.ok()) return status;
      } else if (c == '-' || (c >= '0' && c <= '9')) {
        while (pos_ < end_ && IsNumberChar(*pos_)) ++pos_;
      } else if (end_ - pos_ >= 4 && (std::memcmp(pos_, "true", 4) == 0 || std::memcmp(pos_, "null", 4) == 0)) {
        pos_ += 4;
      } else if (end_ - pos_ >= 5 && std::memcmp(pos_, "false", 5) == 0) {
        pos_ += 5;
      } else {
        return Error(StrCat("expected a JSON value, found ", DescribeHere()));
      }
      want_value = false;
      if (open.empty()) break;
      continue;
    }
    // After a value inside a container: ',' or the closing bracket.
    char closer = open.back() == '{' ? '}' : ']';
    if (c == ',') {
      ++pos_;
      if (open.back() == '{') {
        std::string_view key;
        absl::Status status = ReadRawString(key);
        if (!status.ok()) return status;
        status = Expect(':');
        if (!status.ok()) return status;
      }
      want_value = true;
    } else if (c == closer) {
      ++pos_;
      open.pop_back();
      if (open.empty()) break;
    } else {
      return Error(StrCat("expected ',' or '", std::string_view(&closer, 1), "', found ",
                                DescribeHere()));
    }
  }
  skipped = std::string_view(start, static_cast<size_t>(pos_ - start));
  return absl::OkStatus();
}

}  // namespace heapsleuth::snapshot

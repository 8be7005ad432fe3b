#include "lib/snapshot/string_decoder.h"

#include <cstring>

namespace heapsleuth::snapshot {
namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Reads the 4 hex digits after "\u" at `p`; -1 when they are not all hex.
int32_t ReadHex4(const char* p, const char* end) {
  if (end - p < 4) return -1;
  int32_t value = 0;
  for (int i = 0; i < 4; ++i) {
    int digit = HexValue(p[i]);
    if (digit < 0) return -1;
    value = value * 16 + digit;
  }
  return value;
}

}  // namespace

void AppendWtf8(uint32_t cp, std::string& out) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

absl::Status DecodeJsonString(JsonCursor& cursor, std::string& out) {
  cursor.SkipWhitespace();
  const char* p = cursor.pos();
  const char* end = cursor.end();
  if (p >= end || *p != '"') {
    return cursor.Error(StrCat("expected a string, found ", cursor.DescribeHere()));
  }
  ++p;
  while (true) {
    // Copy the plain run up to the next quote or backslash.
    const char* run = p;
    while (p < end && *p != '"' && *p != '\\') {
      if (static_cast<unsigned char>(*p) < 0x20) {
        cursor.set_pos(p);
        return cursor.Error("control character inside a string");
      }
      ++p;
    }
    out.append(run, static_cast<size_t>(p - run));
    if (p >= end) {
      cursor.set_pos(end);
      return cursor.Error("unterminated string");
    }
    if (*p == '"') {
      cursor.set_pos(p + 1);
      return absl::OkStatus();
    }
    // An escape. One cut short by the end of input is a truncated file.
    if (end - p < 2 || (p[1] == 'u' && end - p < 6)) {
      cursor.set_pos(end);
      return cursor.Error("unterminated string");
    }
    char kind = p[1];
    switch (kind) {
      case '"': out.push_back('"'); p += 2; continue;
      case '\\': out.push_back('\\'); p += 2; continue;
      case '/': out.push_back('/'); p += 2; continue;
      case 'b': out.push_back('\b'); p += 2; continue;
      case 'f': out.push_back('\f'); p += 2; continue;
      case 'n': out.push_back('\n'); p += 2; continue;
      case 'r': out.push_back('\r'); p += 2; continue;
      case 't': out.push_back('\t'); p += 2; continue;
      case 'u': break;
      default:
        cursor.set_pos(p);
        return cursor.Error("invalid escape in a string");
    }
    int32_t unit = ReadHex4(p + 2, end);
    if (unit < 0) {
      cursor.set_pos(p);
      return cursor.Error("invalid \\u escape in a string");
    }
    p += 6;
    uint32_t cp = static_cast<uint32_t>(unit);
    // A high surrogate followed by an escaped low surrogate is one code point;
    // any other surrogate stays lone (WTF-8).
    if (cp >= 0xD800 && cp <= 0xDBFF && end - p >= 6 && p[0] == '\\' && p[1] == 'u') {
      int32_t low = ReadHex4(p + 2, end);
      if (low >= 0xDC00 && low <= 0xDFFF) {
        cp = 0x10000 + ((cp - 0xD800) << 10) + (static_cast<uint32_t>(low) - 0xDC00);
        p += 6;
      }
    }
    AppendWtf8(cp, out);
  }
}

}  // namespace heapsleuth::snapshot

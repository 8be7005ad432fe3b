#include "lib/report/text_escape.h"

#include <cstdio>

#include "lib/base/js_string.h"

namespace heapsleuth::report {
namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";

void AppendUtf8(std::string& out, uint32_t cp) {
  if (cp >= 0xD800 && cp <= 0xDFFF) {
    out += kReplacement;
  } else if (cp < 0x80) {
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

void AppendU00(std::string& out, uint32_t cp) {
  char buffer[8];
  std::snprintf(buffer, sizeof(buffer), "\\u%04x", cp);
  out += buffer;
}

// Calls `special(out, cp)` for ASCII code points; returns false when the
// default (copy) should apply.
template <typename Special>
void AppendWith(std::string& out, std::string_view text, Special special) {
  size_t i = 0;
  while (i < text.size()) {
    // Fast path: a run of plain printable ASCII.
    size_t run = i;
    while (run < text.size()) {
      unsigned char c = static_cast<unsigned char>(text[run]);
      if (c < 0x20 || c >= 0x7F || c == '\\' || c == '"') break;
      ++run;
    }
    out.append(text.data() + i, run - i);
    i = run;
    if (i >= text.size()) break;
    uint32_t cp = NextCodePoint(text, i);
    if (!special(out, cp)) AppendUtf8(out, cp);
  }
}

}  // namespace

void AppendTsvEscaped(std::string& out, std::string_view text) {
  AppendWith(out, text, [](std::string& o, uint32_t cp) {
    switch (cp) {
      case '\\': o += "\\\\"; return true;
      case '\t': o += "\\t"; return true;
      case '\n': o += "\\n"; return true;
      case '\r': o += "\\r"; return true;
      default: break;
    }
    if (cp < 0x20) {
      AppendU00(o, cp);
      return true;
    }
    return false;
  });
}

void AppendJsonEscaped(std::string& out, std::string_view text) {
  AppendWith(out, text, [](std::string& o, uint32_t cp) {
    switch (cp) {
      case '\\': o += "\\\\"; return true;
      case '"': o += "\\\""; return true;
      case '\t': o += "\\t"; return true;
      case '\n': o += "\\n"; return true;
      case '\r': o += "\\r"; return true;
      case '\b': o += "\\b"; return true;
      case '\f': o += "\\f"; return true;
      default: break;
    }
    if (cp < 0x20 || cp == 0x7F) {
      AppendU00(o, cp);
      return true;
    }
    return false;
  });
}

std::string Printable(std::string_view text) {
  std::string out;
  AppendWith(out, text, [](std::string& o, uint32_t cp) {
    if (cp < 0x20 || cp == 0x7F) {
      AppendU00(o, cp);
      return true;
    }
    return false;
  });
  return out;
}

}  // namespace heapsleuth::report

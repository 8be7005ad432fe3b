#include "lib/base/js_string.h"

#include <algorithm>
#include <cstdio>

namespace heapsleuth {

uint32_t NextCodePoint(std::string_view text, size_t& i) {
  const auto byte = [&](size_t k) { return static_cast<uint8_t>(text[k]); };
  uint8_t lead = byte(i);
  if (lead < 0x80) {
    ++i;
    return lead;
  }
  int extra = lead >= 0xF0 ? 3 : lead >= 0xE0 ? 2 : lead >= 0xC0 ? 1 : -1;
  if (extra < 0 || lead > 0xF4 || text.size() - i <= static_cast<size_t>(extra)) {
    ++i;
    return 0xFFFD;
  }
  uint32_t cp = lead & (0x3F >> extra);
  for (int k = 1; k <= extra; ++k) {
    uint8_t continuation = byte(i + static_cast<size_t>(k));
    if ((continuation & 0xC0) != 0x80) {
      ++i;
      return 0xFFFD;
    }
    cp = (cp << 6) | (continuation & 0x3F);
  }
  i += static_cast<size_t>(extra) + 1;
  return cp;
}

size_t Utf16Length(std::string_view text) {
  size_t length = 0;
  for (size_t i = 0; i < text.size();) length += NextCodePoint(text, i) >= 0x10000 ? 2 : 1;
  return length;
}

int CompareUtf16(std::string_view a, std::string_view b) {
  // Nearly every name is ASCII, where UTF-16 order is byte order: compare
  // bytes up to the first difference, and decode only when a byte up to it
  // is not ASCII.
  const size_t common = std::min(a.size(), b.size());
  unsigned char seen = 0;
  size_t k = 0;
  while (k < common && a[k] == b[k]) seen |= static_cast<unsigned char>(a[k++]);
  if (seen < 0x80) {
    if (k == common) return a.size() == b.size() ? 0 : (a.size() < b.size() ? -1 : 1);
    const auto ca = static_cast<unsigned char>(a[k]), cb = static_cast<unsigned char>(b[k]);
    if (ca < 0x80 && cb < 0x80) return ca < cb ? -1 : 1;
  }
  size_t i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    uint32_t ca = NextCodePoint(a, i), cb = NextCodePoint(b, j);
    if (ca == cb) continue;
    // A supplementary code point's first UTF-16 unit is a high surrogate
    // (0xD800-0xDBFF), which sorts below 0xE000-0xFFFF.
    auto first_unit = [](uint32_t cp) { return cp >= 0x10000 ? 0xD800 + ((cp - 0x10000) >> 10) : cp; };
    uint32_t ua = first_unit(ca), ub = first_unit(cb);
    if (ua != ub) return ua < ub ? -1 : 1;
    auto second_unit = [](uint32_t cp) { return 0xDC00 + ((cp - 0x10000) & 0x3FF); };
    // Same high surrogate: both supplementary, or one is that lone surrogate.
    uint32_t sa = ca >= 0x10000 ? second_unit(ca) : 0, sb = cb >= 0x10000 ? second_unit(cb) : 0;
    if (sa == 0 || sb == 0) {
      // The lone surrogate is followed by the next code point's first unit.
      if (sa == 0) sa = i < a.size() ? first_unit(NextCodePoint(a, i)) : 0;
      if (sb == 0) sb = j < b.size() ? first_unit(NextCodePoint(b, j)) : 0;
    }
    if (sa != sb) return sa < sb ? -1 : 1;
  }
  if (i < a.size()) return 1;
  if (j < b.size()) return -1;
  return 0;
}

std::string JsonStringifyJs(std::string_view text) {
  std::string out = "\"";
  for (size_t i = 0; i < text.size();) {
    size_t start = i;
    uint32_t cp = NextCodePoint(text, i);
    char buffer[8];
    switch (cp) {
      case '"': out += "\\\""; continue;
      case '\\': out += "\\\\"; continue;
      case '\b': out += "\\b"; continue;
      case '\f': out += "\\f"; continue;
      case '\n': out += "\\n"; continue;
      case '\r': out += "\\r"; continue;
      case '\t': out += "\\t"; continue;
      default: break;
    }
    if (cp < 0x20 || (cp >= 0xD800 && cp <= 0xDFFF)) {
      std::snprintf(buffer, sizeof(buffer), "\\u%04x", cp);
      out += buffer;
    } else {
      out.append(text.substr(start, i - start));
    }
  }
  out += '"';
  return out;
}

std::optional<double> ParseIntJs(std::string_view text) {
  size_t i = 0;
  // JS whitespace in ASCII; names with other leading whitespace are not
  // numbers V8 writes.
  while (i < text.size() && (text[i] == ' ' || (text[i] >= '\t' && text[i] <= '\r'))) ++i;
  bool negative = false;
  if (i < text.size() && (text[i] == '+' || text[i] == '-')) negative = text[i++] == '-';
  double value = 0;
  size_t digits = 0;
  for (; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i, ++digits) value = value * 10 + (text[i] - '0');
  if (digits == 0) return std::nullopt;
  return negative ? -value : value;
}

}  // namespace heapsleuth

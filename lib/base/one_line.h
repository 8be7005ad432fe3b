// Messages that quote user input stay one line.
//
// Errors quote what the user typed (a query, a CI rule, a budget file's key)
// and the tools promise one line per error. OneLine shows control characters
// (newlines, tabs, NULs, DEL) as \u00XX; every other byte is kept, so UTF-8
// text reads as typed (the report layer repairs invalid UTF-8 when printing).
#ifndef HEAPSLEUTH_LIB_BASE_ONE_LINE_H_
#define HEAPSLEUTH_LIB_BASE_ONE_LINE_H_

#include <string>
#include <string_view>

namespace heapsleuth {

inline std::string OneLine(std::string_view text) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte == 0x7F) {
      out += "\\u00";
      out += kHex[byte >> 4];
      out += kHex[byte & 0xF];
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace heapsleuth

#endif  // HEAPSLEUTH_LIB_BASE_ONE_LINE_H_

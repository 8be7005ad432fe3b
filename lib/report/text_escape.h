// Writing heap strings (WTF-8, any bytes) as text that is always one record
// per line and always valid UTF-8.
//
// Lone surrogates and malformed bytes become U+FFFD, which is also what node's
// UTF-8 encoder does with DevTools' strings, so our text compares equal.
#ifndef HEAPSLEUTH_LIB_REPORT_TEXT_ESCAPE_H_
#define HEAPSLEUTH_LIB_REPORT_TEXT_ESCAPE_H_

#include <string>
#include <string_view>

namespace heapsleuth::report {

// TSV field escaping: \ -> \\, TAB -> \t, LF -> \n, CR -> \r, other control
// characters -> \u00XX (lowercase hex).
void AppendTsvEscaped(std::string& out, std::string_view text);

// The body of a JSON string literal (no quotes): RFC 8259 escapes.
void AppendJsonEscaped(std::string& out, std::string_view text);

// `text` as valid UTF-8 (lone surrogates and bad bytes -> U+FFFD), and with
// control characters shown as \u00XX: for human-readable tables.
std::string Printable(std::string_view text);

}  // namespace heapsleuth::report

#endif  // HEAPSLEUTH_LIB_REPORT_TEXT_ESCAPE_H_

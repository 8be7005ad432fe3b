// JavaScript string semantics over WTF-8 text.
//
// DevTools computes class names and sort orders with JS strings (UTF-16).
// Our strings are WTF-8, so where DevTools' result depends on UTF-16 details
// (length limits, `<` ordering, JSON.stringify, parseInt) we reproduce them
// here instead of using byte semantics, which differ for non-ASCII text.
#ifndef HEAPSLEUTH_LIB_BASE_JS_STRING_H_
#define HEAPSLEUTH_LIB_BASE_JS_STRING_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace heapsleuth {

// Decodes one WTF-8 code point at `text[i]`, advancing `i`. Malformed bytes
// decode as U+FFFD, one byte at a time.
uint32_t NextCodePoint(std::string_view text, size_t& i);

// The length of `text` in UTF-16 code units (JS `string.length`).
size_t Utf16Length(std::string_view text);

// JS `a < b` / Array.prototype.sort's default order: by UTF-16 code units.
int CompareUtf16(std::string_view a, std::string_view b);

// JSON.stringify(text) (with the quotes), as V8 writes it: well-formed, lone
// surrogates as \udxxx escapes, other non-ASCII as is.
std::string JsonStringifyJs(std::string_view text);

// JS parseInt(text, 10) for names: leading whitespace, a sign, digits.
// nullopt where parseInt returns NaN.
std::optional<double> ParseIntJs(std::string_view text);

}  // namespace heapsleuth

#endif  // HEAPSLEUTH_LIB_BASE_JS_STRING_H_

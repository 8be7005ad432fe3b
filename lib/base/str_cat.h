// String concatenation for messages and output.
//
// Debian 12's abseil is built with its own absl::string_view (not
// std::string_view), so absl::StrCat does not take our std::string_view
// arguments. These two functions accept strings, string views, characters
// arrays and integers, and write integers with std::to_chars.
#ifndef HEAPSLEUTH_LIB_BASE_STR_CAT_H_
#define HEAPSLEUTH_LIB_BASE_STR_CAT_H_

#include <charconv>
#include <string>
#include <string_view>
#include <type_traits>

namespace heapsleuth {
namespace str_cat_internal {

inline void AppendOne(std::string& out, std::string_view text) { out.append(text); }
inline void AppendOne(std::string& out, const char* text) { out.append(text); }
inline void AppendOne(std::string& out, const std::string& text) { out.append(text); }
inline void AppendOne(std::string& out, char c) { out.push_back(c); }

template <typename T>
  requires(std::is_integral_v<T> && !std::is_same_v<T, char> && !std::is_same_v<T, bool>)
void AppendOne(std::string& out, T value) {
  char buffer[24];
  auto result = std::to_chars(buffer, buffer + sizeof(buffer), value);
  out.append(buffer, result.ptr);
}

}  // namespace str_cat_internal

template <typename... Args>
void StrAppend(std::string* out, const Args&... args) {
  (str_cat_internal::AppendOne(*out, args), ...);
}

template <typename... Args>
std::string StrCat(const Args&... args) {
  std::string out;
  StrAppend(&out, args...);
  return out;
}

}  // namespace heapsleuth

#endif  // HEAPSLEUTH_LIB_BASE_STR_CAT_H_

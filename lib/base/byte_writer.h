// Appends what ByteReader (byte_reader.h) reads: fixed-size values in the
// host's byte order (little-endian: the index file's), u32-length-prefixed
// texts and u32-counted lists of them. Used by the index file's meta
// (lib/graph) and the summary section (lib/analysis).
#ifndef HEAPSLEUTH_LIB_BASE_BYTE_WRITER_H_
#define HEAPSLEUTH_LIB_BASE_BYTE_WRITER_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace heapsleuth {

template <typename T>
void AppendValue(std::string& out, T value) {
  out.append(reinterpret_cast<const char*>(&value), sizeof value);
}

inline void AppendText(std::string& out, std::string_view text) {
  AppendValue<uint32_t>(out, static_cast<uint32_t>(text.size()));
  out.append(text);
}

inline void AppendTextList(std::string& out, const std::vector<std::string>& list) {
  AppendValue<uint32_t>(out, static_cast<uint32_t>(list.size()));
  for (const std::string& text : list) AppendText(out, text);
}

}  // namespace heapsleuth

#endif  // HEAPSLEUTH_LIB_BASE_BYTE_WRITER_H_

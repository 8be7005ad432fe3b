// Reads fixed-size values and length-prefixed strings, in the host's byte
// order (little-endian: the index file's), from bytes that may lie: every
// length and count is checked against what is left before it is used, so a
// damaged length can neither read past the end nor reserve more than the
// bytes could hold. Used by the index file's meta (lib/graph) and the
// summary section (lib/analysis). A failed read returns false and leaves
// the position where the bad value starts, for the error message.
#ifndef HEAPSLEUTH_LIB_BASE_BYTE_READER_H_
#define HEAPSLEUTH_LIB_BASE_BYTE_READER_H_

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace heapsleuth {

class ByteReader {
 public:
  explicit ByteReader(std::string_view bytes) : bytes_(bytes) {}

  template <typename T>
  bool Read(T& value) {
    if (left() < sizeof(T)) return false;
    std::memcpy(&value, bytes_.data() + at_, sizeof(T));
    at_ += sizeof(T);
    return true;
  }
  // A u32 length, then that many bytes.
  bool ReadText(std::string& text) {
    const size_t start = at_;
    uint32_t length;
    if (!Read(length) || length > left()) return Fail(start);
    text.assign(bytes_.substr(at_, length));
    at_ += length;
    return true;
  }
  // A u32 count of records that take at least `min_bytes` each (> 0): a
  // count the bytes left cannot hold is refused.
  bool ReadCount(uint32_t& count, size_t min_bytes) {
    const size_t start = at_;
    if (!Read(count) || count > left() / min_bytes) return Fail(start);
    return true;
  }
  // A u32 count, then that many texts.
  bool ReadTextList(std::vector<std::string>& list) {
    uint32_t count;
    if (!ReadCount(count, sizeof(uint32_t))) return false;
    list.resize(count);
    for (std::string& text : list) {
      if (!ReadText(text)) return false;
    }
    return true;
  }

  size_t at() const { return at_; }
  bool done() const { return at_ == bytes_.size(); }

 private:
  size_t left() const { return bytes_.size() - at_; }
  bool Fail(size_t start) {
    at_ = start;
    return false;
  }

  std::string_view bytes_;
  size_t at_ = 0;
};

}  // namespace heapsleuth

#endif  // HEAPSLEUTH_LIB_BASE_BYTE_READER_H_

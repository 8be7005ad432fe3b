// A small streaming JSON writer: commas, nesting and escaping handled, output
// appended to a string. Every document heapsleuth writes goes through it, so
// every --json output is valid UTF-8 JSON whatever bytes the heap held.
#ifndef HEAPSLEUTH_LIB_REPORT_JSON_WRITER_H_
#define HEAPSLEUTH_LIB_REPORT_JSON_WRITER_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace heapsleuth::report {

class JsonWriter {
 public:
  // `indent` 0 writes one line (JSON Lines); otherwise pretty-printed.
  explicit JsonWriter(std::string& out, int indent = 2) : out_(out), indent_(indent) {}

  JsonWriter& BeginObject() { return Open('{'); }
  JsonWriter& EndObject() { return Close('}'); }
  JsonWriter& BeginArray() { return Open('['); }
  JsonWriter& EndArray() { return Close(']'); }
  JsonWriter& Key(std::string_view key);
  JsonWriter& String(std::string_view value);
  JsonWriter& Uint(uint64_t value);
  JsonWriter& Int(int64_t value);
  JsonWriter& Double(double value);
  JsonWriter& Bool(bool value);
  JsonWriter& Null();

  // Key(key) followed by a value.
  template <typename T>
  JsonWriter& Field(std::string_view key, T value);

 private:
  JsonWriter& Open(char bracket);
  JsonWriter& Close(char bracket);
  void BeforeValue();
  void NewLine();

  std::string& out_;
  int indent_;
  std::vector<bool> has_items_;  // Per open container.
  bool after_key_ = false;
};

template <typename T>
JsonWriter& JsonWriter::Field(std::string_view key, T value) {
  Key(key);
  if constexpr (std::is_same_v<T, bool>) {
    return Bool(value);
  } else if constexpr (std::is_convertible_v<T, std::string_view>) {
    return String(value);
  } else if constexpr (std::is_floating_point_v<T>) {
    return Double(value);
  } else if constexpr (std::is_signed_v<T>) {
    return Int(static_cast<int64_t>(value));
  } else {
    return Uint(static_cast<uint64_t>(value));
  }
}

}  // namespace heapsleuth::report

#endif  // HEAPSLEUTH_LIB_REPORT_JSON_WRITER_H_

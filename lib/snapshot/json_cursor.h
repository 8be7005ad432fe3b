// A forward-only cursor over JSON text that always knows its byte offset.
//
// The snapshot parser uses it to walk the top-level object and the big
// sections without building a DOM. Every error it produces names the file
// and the absolute byte offset, e.g. "a.heapsnapshot: byte 1834: expected ','".
// It only reads inside [begin, end); nothing here allocates except errors.
#ifndef HEAPSLEUTH_LIB_SNAPSHOT_JSON_CURSOR_H_
#define HEAPSLEUTH_LIB_SNAPSHOT_JSON_CURSOR_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "lib/base/str_cat.h"

namespace heapsleuth::snapshot {

class JsonCursor {
 public:
  // `text` starts at byte `base_offset` of the file (a window of it).
  JsonCursor(std::string_view text, std::string file_name, uint64_t base_offset = 0)
      : begin_(text.data()), pos_(text.data()), end_(text.data() + text.size()),
        base_offset_(base_offset), file_name_(std::move(file_name)) {}

  uint64_t offset() const { return base_offset_ + static_cast<uint64_t>(pos_ - begin_); }
  bool at_end() const { return pos_ >= end_; }
  const char* pos() const { return pos_; }
  const char* end() const { return end_; }
  void set_pos(const char* pos) { pos_ = pos; }
  const std::string& file_name() const { return file_name_; }

  void SkipWhitespace() {
    while (pos_ < end_ && IsWhitespace(*pos_)) ++pos_;
  }
  // Next non-whitespace byte, or '\0' at the end of input.
  char Peek() {
    SkipWhitespace();
    return pos_ < end_ ? *pos_ : '\0';
  }
  // Consumes `c` after optional whitespace, or fails.
  absl::Status Expect(char c);

  // Reads a string's raw JSON text (between the quotes, escapes undecoded).
  // Used for keys, which V8 writes without escapes.
  absl::Status ReadRawString(std::string_view& out);

  // Skips one JSON value of any kind (iteratively: nesting depth is bounded
  // only by the input, not by the C++ stack). Returns its text.
  absl::Status SkipValue(std::string_view& skipped);

  // An error at the current offset (or `at`, an absolute byte offset).
  absl::Status Error(std::string_view message) const { return ErrorAt(offset(), message); }
  absl::Status ErrorAt(uint64_t at, std::string_view message) const {
    return absl::InvalidArgumentError(StrCat(file_name_, ": byte ", at, ": ", message));
  }
  // Describes the byte at the cursor for error messages: "'x'" or "end of input".
  std::string DescribeHere();

  static bool IsWhitespace(char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; }

 private:
  // Moves past a string whose opening quote is at pos_.
  absl::Status SkipString();

  const char* begin_;
  const char* pos_;
  const char* end_;
  uint64_t base_offset_;
  std::string file_name_;
};

}  // namespace heapsleuth::snapshot

#endif  // HEAPSLEUTH_LIB_SNAPSHOT_JSON_CURSOR_H_

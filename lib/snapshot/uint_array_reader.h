// Reads a JSON array of unsigned decimal integers: `nodes`, `edges`,
// `locations`, `samples`, `trace_function_infos`.
//
// These arrays are 90% of a snapshot's bytes, so they get a dedicated loop
// instead of a JSON library: digits are accumulated straight into a uint64
// and handed to `sink`, which writes them into columns. It runs about as fast
// as simdjson's on-demand walk (tests/bench/uint_reader_bench.cc) but needs no
// padded copy or structural index of the text (~2.5x its size) and has no
// 4 GiB document limit. The grammar is strict
// JSON (`[`, values separated by `,`, `]`, whitespace anywhere); anything else,
// a sign, a fraction, or a number over 19 digits, is an error at its offset.
#ifndef HEAPSLEUTH_LIB_SNAPSHOT_UINT_ARRAY_READER_H_
#define HEAPSLEUTH_LIB_SNAPSHOT_UINT_ARRAY_READER_H_

#include <cstdint>

#include "lib/snapshot/json_cursor.h"

namespace heapsleuth::snapshot {

// Calls `sink(value, offset)` -> absl::Status for each value in order and
// `tick(offset)` every million values (progress, page release), from the
// first value at the cursor (whitespace skipped) through the closing ']'.
// With `stop`, the address of a ',' between two values of the array, it
// stops there instead (the cursor left on it): the parser splits one array
// between two threads at such a comma (parser.cc).
template <typename Sink, typename Tick>
absl::Status ReadUintValues(JsonCursor& cursor, Sink&& sink, Tick&& tick, const char* stop = nullptr) {
  cursor.SkipWhitespace();
  const char* p = cursor.pos();
  const char* const end = cursor.end();
  constexpr uint64_t kTickEvery = 1u << 20;
  uint64_t until_tick = kTickEvery;
  while (true) {
    const char* start = p;
    uint64_t value = 0;
    while (p < end && static_cast<unsigned>(*p - '0') <= 9u) {
      value = value * 10 + static_cast<unsigned>(*p - '0');
      ++p;
    }
    const size_t digits = static_cast<size_t>(p - start);
    if (digits == 0 || digits > 19) {
      cursor.set_pos(start);
      return cursor.Error(digits == 0
                              ? StrCat("expected an unsigned integer, found ", cursor.DescribeHere())
                              : std::string("integer too large"));
    }
    // A number that runs into the end of input was cut short (a truncated
    // file): say so instead of judging its value.
    if (p == end) {
      cursor.set_pos(p);
      return cursor.Error("expected ',' or ']' in an integer array, found end of input");
    }
    if (absl::Status status = sink(value, static_cast<uint64_t>(start - cursor.pos()) + cursor.offset());
        !status.ok()) {
      return status;
    }
    if (--until_tick == 0) {
      until_tick = kTickEvery;
      tick(static_cast<uint64_t>(p - cursor.pos()) + cursor.offset());
    }
    while (p < end && JsonCursor::IsWhitespace(*p)) ++p;
    if (p < end && *p == ',') {
      if (p == stop) {
        cursor.set_pos(p);
        return absl::OkStatus();
      }
      ++p;
      while (p < end && JsonCursor::IsWhitespace(*p)) ++p;
      continue;
    }
    if (p < end && *p == ']') {
      cursor.set_pos(p + 1);
      return absl::OkStatus();
    }
    cursor.set_pos(p);
    return cursor.Error(StrCat("expected ',' or ']' in an integer array, found ",
                                     cursor.DescribeHere()));
  }
}

// The whole array, from its '['.
template <typename Sink, typename Tick>
absl::Status ReadUintArray(JsonCursor& cursor, Sink&& sink, Tick&& tick) {
  if (absl::Status status = cursor.Expect('['); !status.ok()) return status;
  cursor.SkipWhitespace();
  if (cursor.pos() < cursor.end() && *cursor.pos() == ']') {
    cursor.set_pos(cursor.pos() + 1);
    return absl::OkStatus();
  }
  return ReadUintValues(cursor, sink, tick);
}

}  // namespace heapsleuth::snapshot

#endif  // HEAPSLEUTH_LIB_SNAPSHOT_UINT_ARRAY_READER_H_

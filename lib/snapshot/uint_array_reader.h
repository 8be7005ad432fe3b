// Reads a JSON array of unsigned decimal integers: `nodes`, `edges`,
// `locations`, `samples`, `trace_function_infos`.
//
// These arrays are 90% of a snapshot's bytes, so they get a dedicated loop
// instead of a JSON library: digits are read eight bytes at a time into a
// uint64 (ReadDigitsSwar) and handed to `sink`, which writes them into
// columns. It needs no padded copy or structural index of the text (simdjson
// on-demand's are ~2.5x its size; tests/bench/uint_reader_bench.cc compares
// the two), has no 4 GiB document limit, and reads from a window that moves
// through the file (file_window.h) as well as from memory. The grammar is
// strict JSON (`[`, values separated by `,`, `]`, whitespace anywhere);
// anything else, a sign, a fraction, or a number over 19 digits, is an error
// at its offset.
#ifndef HEAPSLEUTH_LIB_SNAPSHOT_UINT_ARRAY_READER_H_
#define HEAPSLEUTH_LIB_SNAPSHOT_UINT_ARRAY_READER_H_

#include <cstdint>
#include <cstring>

#include "lib/snapshot/file_window.h"
#include "lib/snapshot/json_cursor.h"

namespace heapsleuth::snapshot {

// The decimal digits at `p` (16 bytes of which may be read) as SWAR, eight
// bytes to a register: their count (0-16; 16 means "16 or more", and then
// `value` is not set) and in `value` their number. This is the reader's inner
// loop: a byte loop with a branch per digit ran at about half the speed on
// the edges, whose to_node values are 7-9 digits long.
inline size_t ReadDigitsSwar(const char* p, uint64_t& value) {
  constexpr uint64_t kHighNibbles = 0xF0F0F0F0F0F0F0F0ull;
  constexpr uint64_t kThrees = 0x3030303030303030ull;
  // 0x30-0x39 have a high nibble of 3 before and after adding 6. A carry out
  // of a byte (from 0xFA and up, not a digit) only changes bytes after it.
  auto digit_count = [&](uint64_t chunk) -> size_t {
    const uint64_t non_digit = ((chunk & kHighNibbles) ^ kThrees) |
                               (((chunk + 0x0606060606060606ull) & kHighNibbles) ^ kThrees);
    return non_digit == 0 ? 8 : static_cast<size_t>(__builtin_ctzll(non_digit)) / 8;
  };
  // The first `count` (1-8) digits of `chunk`, the first the most
  // significant: shifted up so that leading zero bytes pad them to eight,
  // then pairs, quads and octets combined by multiplication.
  auto number = [](uint64_t chunk, size_t count) -> uint64_t {
    uint64_t v = (chunk << (64 - 8 * count)) & 0x0F0F0F0F0F0F0F0Full;
    v = (v * 2561) >> 8;  // 10 * a + b in every other byte.
    v = ((v & 0x00FF00FF00FF00FFull) * 6553601) >> 16;
    return ((v & 0x0000FFFF0000FFFFull) * 42949672960001ull) >> 32;
  };
  // One digit (most of the nodes' values, and edge types) costs less by hand.
  const unsigned first = static_cast<unsigned>(p[0] - '0');
  if (first > 9) return 0;
  if (static_cast<unsigned>(p[1] - '0') > 9) {
    value = first;
    return 1;
  }
  uint64_t low, high;
  std::memcpy(&low, p, 8);
  const size_t low_digits = digit_count(low);
  if (low_digits < 8) {
    if (low_digits != 0) value = number(low, low_digits);
    return low_digits;
  }
  std::memcpy(&high, p + 8, 8);
  const size_t high_digits = digit_count(high);
  if (high_digits == 8) return 16;
  constexpr uint64_t kPowersOfTen[8] = {1, 10, 100, 1000, 10000, 100000, 1000000, 10000000};
  value = number(low, 8) * kPowersOfTen[high_digits] + (high_digits != 0 ? number(high, high_digits) : 0);
  return 8 + high_digits;
}

// Calls `sink(value, offset)` -> absl::Status for each value in order and
// `tick(offset)` every million values (progress), from the first value at
// the text's cursor (whitespace skipped) through the closing ']', after which
// the cursor is left. `text` is a FileWindow, which the reader advances
// through the file, or a WholeText. With `stop`, the offset of a ',' between
// two values of the array, it stops there instead (the cursor left on it):
// the parser splits one array between two threads at such a comma
// (parser.cc).
inline constexpr uint64_t kNoStop = UINT64_MAX;
template <typename Text, typename Sink, typename Tick>
absl::Status ReadUintValues(Text& text, Sink&& sink, Tick&& tick, uint64_t stop = kNoStop) {
  JsonCursor* cursor = &text.cursor();
  const char* p = nullptr;
  const char* end = nullptr;
  const char* stop_at = nullptr;  // The stop comma, once in the window.
  bool last = true;               // The window reaches the end of the input.
  const char* origin = nullptr;  // The window's first byte, at file offset origin_offset.
  uint64_t origin_offset = 0;
  auto load = [&] {
    cursor = &text.cursor();
    p = origin = cursor->pos();
    origin_offset = cursor->offset();
    end = cursor->end();
    last = text.at_end_of_file();
    stop_at = stop >= origin_offset && stop - origin_offset < static_cast<uint64_t>(end - p)
                  ? p + (stop - origin_offset)
                  : nullptr;
  };
  auto offset_of = [&](const char* at) { return origin_offset + static_cast<uint64_t>(at - origin); };
  auto advance = [&]() -> absl::Status {
    cursor->set_pos(p);
    if (absl::Status status = text.Advance(); !status.ok()) return status;
    load();
    return absl::OkStatus();
  };
  // Whitespace, which may run past the window.
  auto skip_whitespace = [&]() -> absl::Status {
    while (true) {
      while (p < end && JsonCursor::IsWhitespace(*p)) ++p;
      if (p < end || last) return absl::OkStatus();
      if (absl::Status status = advance(); !status.ok()) return status;
    }
  };
  load();
  if (absl::Status status = skip_whitespace(); !status.ok()) return status;
  // Room for a number's first 20 digits and the 16 bytes ReadDigitsSwar reads.
  constexpr ptrdiff_t kMargin = 64;
  constexpr uint64_t kTickEvery = 1u << 20;
  uint64_t until_tick = kTickEvery;
  while (true) {
    if (!last && end - p < kMargin) {
      if (absl::Status status = advance(); !status.ok()) return status;
    }
    const char* start = p;
    uint64_t value = 0;
    size_t digits = end - p >= 16 ? ReadDigitsSwar(p, value) : 16;
    if (digits < 16) {
      p += digits;
    } else {  // Near the end of input, or 16 digits and maybe more.
      value = 0;
      while (p < end && static_cast<unsigned>(*p - '0') <= 9u && p - start < 20) {
        value = value * 10 + static_cast<unsigned>(*p - '0');
        ++p;
      }
      digits = static_cast<size_t>(p - start);
    }
    if (digits == 0 || digits > 19) {
      cursor->set_pos(start);
      return cursor->Error(digits == 0
                               ? StrCat("expected an unsigned integer, found ", cursor->DescribeHere())
                               : std::string("integer too large"));
    }
    // A number that runs into the end of input was cut short (a truncated
    // file): say so instead of judging its value. (Short of the end of the
    // input, the window holds kMargin bytes past the number's start.)
    if (p == end) {
      cursor->set_pos(p);
      return cursor->Error("expected ',' or ']' in an integer array, found end of input");
    }
    if (absl::Status status = sink(value, offset_of(start)); !status.ok()) return status;
    if (--until_tick == 0) {
      until_tick = kTickEvery;
      tick(offset_of(p));
    }
    // Whitespace inline (V8 ends every row with "\n"); only running into
    // the window's end takes the slow path.
    while (p < end && JsonCursor::IsWhitespace(*p)) ++p;
    if (p == end && !last) {
      if (absl::Status status = skip_whitespace(); !status.ok()) return status;
    }
    if (p < end && *p == ',') {
      if (p == stop_at) {
        cursor->set_pos(p);
        return absl::OkStatus();
      }
      ++p;
      while (p < end && JsonCursor::IsWhitespace(*p)) ++p;
      if (p == end && !last) {
        if (absl::Status status = skip_whitespace(); !status.ok()) return status;
      }
      continue;
    }
    if (p < end && *p == ']') {
      cursor->set_pos(p + 1);
      return absl::OkStatus();
    }
    cursor->set_pos(p);
    return cursor->Error(StrCat("expected ',' or ']' in an integer array, found ", cursor->DescribeHere()));
  }
}

// Reads an array's '[' (for a FileWindow, the window's first byte) and the
// whitespace after it; `empty` tells whether the ']' came next (and was read).
template <typename Text>
absl::Status EnterUintArray(Text& text, bool& empty) {
  JsonCursor& cursor = text.cursor();  // A FileWindow's stays the same object.
  if (absl::Status status = cursor.Expect('['); !status.ok()) return status;
  while (true) {
    cursor.SkipWhitespace();
    if (cursor.pos() < cursor.end() || text.at_end_of_file()) break;
    if (absl::Status status = text.Advance(); !status.ok()) return status;
  }
  empty = cursor.pos() < cursor.end() && *cursor.pos() == ']';
  if (empty) cursor.set_pos(cursor.pos() + 1);
  return absl::OkStatus();
}

// The whole array, from its '['.
template <typename Text, typename Sink, typename Tick>
absl::Status ReadUintArray(Text& text, Sink&& sink, Tick&& tick) {
  bool empty = false;
  if (absl::Status status = EnterUintArray(text, empty); !status.ok() || empty) return status;
  return ReadUintValues(text, sink, tick);
}

// The same for text already in memory.
template <typename Sink, typename Tick>
absl::Status ReadUintArray(JsonCursor& cursor, Sink&& sink, Tick&& tick) {
  WholeText text(cursor);
  return ReadUintArray(text, sink, tick);
}

}  // namespace heapsleuth::snapshot

#endif  // HEAPSLEUTH_LIB_SNAPSHOT_UINT_ARRAY_READER_H_

// Decodes one JSON string literal into WTF-8.
//
// Hand-written rather than simdjson: simdjson 3.0 rejects lone surrogate
// escapes ("\uD800" without a low half) with STRING_ERROR, and V8 writes
// them. Decoding is a memchr-driven copy of the plain runs between escapes.
#ifndef HEAPSLEUTH_LIB_SNAPSHOT_STRING_DECODER_H_
#define HEAPSLEUTH_LIB_SNAPSHOT_STRING_DECODER_H_

#include <string>

#include "lib/snapshot/json_cursor.h"

namespace heapsleuth::snapshot {

// Decodes the string literal at the cursor (which must be on its opening
// quote, after whitespace) and appends its text to `out`.
absl::Status DecodeJsonString(JsonCursor& cursor, std::string& out);

// Appends code point `cp` (may be a lone surrogate) to `out` as WTF-8.
void AppendWtf8(uint32_t cp, std::string& out);

}  // namespace heapsleuth::snapshot

#endif  // HEAPSLEUTH_LIB_SNAPSHOT_STRING_DECODER_H_

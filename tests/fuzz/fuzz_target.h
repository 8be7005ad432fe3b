// What every heapsleuth fuzz target shares.
//
// A target is one .cc file defining LLVMFuzzerTestOneInput (libFuzzer's entry
// point) and registered with one line in tests/fuzz/CMakeLists.txt. It is
// built twice: with libFuzzer (HEAPSLEUTH_FUZZ=ON, clang) to search for
// inputs, and with replay_main.cc (any compiler) as a ctest test that runs
// every file of its corpus, tests/fuzz/corpus/<target>/, so CI replays what
// the fuzzer found without libFuzzer.
//
// Targets check properties the library promises (an error is one line that
// names the input; parsed indices are in range) with HS_FUZZ_CHECK, which
// aborts: libFuzzer and the replay test both report an abort as a failure.
#ifndef HEAPSLEUTH_TESTS_FUZZ_FUZZ_TARGET_H_
#define HEAPSLEUTH_TESTS_FUZZ_FUZZ_TARGET_H_

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "absl/status/status.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

#define HS_FUZZ_CHECK(condition)                                                         \
  do {                                                                                   \
    if (!(condition)) {                                                                  \
      std::fprintf(stderr, "%s:%d: fuzz check failed: %s\n", __FILE__, __LINE__, #condition); \
      std::abort();                                                                      \
    }                                                                                    \
  } while (0)

namespace heapsleuth::fuzz {

// The name fuzz inputs carry in error messages.
inline constexpr char kInputName[] = "fuzz-input";

// The library's error contract: one line, starting with "<input name>: ".
inline void CheckError(const absl::Status& status) {
  const std::string_view message(status.message().data(), status.message().size());
  const std::string_view prefix = std::string_view(kInputName);
  HS_FUZZ_CHECK(!status.ok());
  HS_FUZZ_CHECK(message.substr(0, prefix.size()) == prefix && message.substr(prefix.size(), 2) == ": ");
  HS_FUZZ_CHECK(message.find('\n') == std::string_view::npos);
}

}  // namespace heapsleuth::fuzz

#endif  // HEAPSLEUTH_TESTS_FUZZ_FUZZ_TARGET_H_

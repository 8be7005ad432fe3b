// The process's own memory use, as the kernel counts it: for --timings and
// the benchmark's figures. Linux only (/proc and getrusage); 0 when unknown.
#ifndef HEAPSLEUTH_LIB_BASE_PROCESS_MEMORY_H_
#define HEAPSLEUTH_LIB_BASE_PROCESS_MEMORY_H_

#include <cstdint>

namespace heapsleuth {

// Resident set size now, in bytes (anonymous and file-backed pages).
uint64_t CurrentRssBytes();
// The largest resident set size so far, in bytes (what `time -f %M` reports).
uint64_t PeakRssBytes();

}  // namespace heapsleuth

#endif  // HEAPSLEUTH_LIB_BASE_PROCESS_MEMORY_H_

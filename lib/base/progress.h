// The progress interface the library reports long work through.
//
// The library never prints; a tool passes an implementation (lib/report's
// TerminalProgress draws a line on stderr when it is a TTY). Calls are cheap
// enough for inner loops only when made every few million items: algorithms
// call Advance() from their outer loops.
#ifndef HEAPSLEUTH_LIB_BASE_PROGRESS_H_
#define HEAPSLEUTH_LIB_BASE_PROGRESS_H_

#include <cstdint>
#include <string_view>

namespace heapsleuth {

// What a stage counts: bytes get a rate (MB/s) on the terminal.
enum class ProgressUnit { kItems, kBytes };

class Progress {
 public:
  virtual ~Progress() = default;
  // Starts a named stage of `total` units (0 when the total is unknown).
  virtual void Stage(std::string_view name, uint64_t total, ProgressUnit unit) = 0;
  void Stage(std::string_view name, uint64_t total) { Stage(name, total, ProgressUnit::kItems); }
  // Reports that `done` of the stage's units are finished.
  virtual void Advance(uint64_t done) = 0;
  // The work is over; clear whatever was drawn.
  virtual void Finish() = 0;
};

// A Progress that reports nothing: for tests and non-interactive callers.
class NoProgress final : public Progress {
 public:
  using Progress::Stage;
  void Stage(std::string_view, uint64_t, ProgressUnit) override {}
  void Advance(uint64_t) override {}
  void Finish() override {}
};

}  // namespace heapsleuth

#endif  // HEAPSLEUTH_LIB_BASE_PROGRESS_H_

// Progress drawn on one stderr line, for interactive runs only.
//
// Enabled when stderr is a TTY and the user did not pass --quiet; redraws at
// most ten times a second, and erases its line when the work is done so that
// the tool's own output starts on a clean terminal. A stage with a total
// gets a bar, its share done and an estimate of the time left; a stage that
// counts bytes also its rate:
//
//   Reading nodes and edges [########------------]  41%  310 MB/s  ETA 2s
#ifndef HEAPSLEUTH_LIB_REPORT_TERMINAL_PROGRESS_H_
#define HEAPSLEUTH_LIB_REPORT_TERMINAL_PROGRESS_H_

#include <chrono>
#include <string>

#include "lib/base/progress.h"

namespace heapsleuth::report {

class TerminalProgress final : public Progress {
 public:
  // `quiet` forces it off; otherwise it is on when stderr is a terminal.
  explicit TerminalProgress(bool quiet);
  ~TerminalProgress() override { Finish(); }

  using Progress::Stage;
  void Stage(std::string_view name, uint64_t total, ProgressUnit unit) override;
  void Advance(uint64_t done) override;
  void Finish() override;

 private:
  void Draw(bool force);

  bool enabled_;
  bool drawn_ = false;
  std::string stage_;
  ProgressUnit unit_ = ProgressUnit::kItems;
  uint64_t total_ = 0, done_ = 0;
  // done_ when the stage started: byte stages may count from an offset.
  uint64_t stage_first_ = 0;
  bool stage_first_known_ = false;
  std::chrono::steady_clock::time_point start_, stage_start_, last_draw_;
};

}  // namespace heapsleuth::report

#endif  // HEAPSLEUTH_LIB_REPORT_TERMINAL_PROGRESS_H_

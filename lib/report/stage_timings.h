// --timings: wall time and memory of every stage of a run, on stderr.
//
// A Progress that passes every call on to another one (the terminal line)
// and notes, at each stage change, how long the stage took and the resident
// and peak memory at its end. Stages are what the library reports through
// Progress::Stage, in the order they happen on the calling thread; work on
// a second thread (the dominator tree) shows up as the stage that waits for
// it. Print() writes the table once the work is done.
#ifndef HEAPSLEUTH_LIB_REPORT_STAGE_TIMINGS_H_
#define HEAPSLEUTH_LIB_REPORT_STAGE_TIMINGS_H_

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "lib/base/progress.h"

namespace heapsleuth::report {

class StageTimings final : public Progress {
 public:
  explicit StageTimings(Progress& inner);

  using Progress::Stage;
  void Stage(std::string_view name, uint64_t total, ProgressUnit unit) override;
  void Advance(uint64_t done) override { inner_.Advance(done); }
  void Finish() override;

  // The table, one line per stage plus a total line.
  std::string Format() const;

 private:
  struct Row {
    std::string stage;
    double seconds;
    uint64_t rss_bytes, peak_rss_bytes;
  };
  void CloseStage();

  Progress& inner_;
  std::chrono::steady_clock::time_point stage_start_;
  std::string stage_ = "(before the first stage)";
  std::vector<Row> rows_;
};

}  // namespace heapsleuth::report

#endif  // HEAPSLEUTH_LIB_REPORT_STAGE_TIMINGS_H_

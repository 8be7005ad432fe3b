#include "lib/report/stage_timings.h"

#include <cstdio>

#include "lib/base/process_memory.h"

namespace heapsleuth::report {

StageTimings::StageTimings(Progress& inner)
    : inner_(inner), stage_start_(std::chrono::steady_clock::now()) {}

void StageTimings::CloseStage() {
  const auto now = std::chrono::steady_clock::now();
  if (!stage_.empty()) {
    rows_.push_back(Row{stage_, std::chrono::duration<double>(now - stage_start_).count(), CurrentRssBytes(),
                        PeakRssBytes()});
  }
  stage_start_ = now;
}

void StageTimings::Stage(std::string_view name, uint64_t total, ProgressUnit unit) {
  CloseStage();
  stage_ = name;
  inner_.Stage(name, total, unit);
}

void StageTimings::Finish() {
  CloseStage();
  stage_.clear();
  inner_.Finish();
}

std::string StageTimings::Format() const {
  std::string out;
  char line[160];
  std::snprintf(line, sizeof line, "%-28s %9s %9s %9s\n", "stage", "wall s", "rss MB", "peak MB");
  out += line;
  double total = 0;
  for (const Row& row : rows_) {
    total += row.seconds;
    std::snprintf(line, sizeof line, "%-28s %9.3f %9.1f %9.1f\n", row.stage.c_str(), row.seconds,
                  static_cast<double>(row.rss_bytes) / 1e6, static_cast<double>(row.peak_rss_bytes) / 1e6);
    out += line;
  }
  std::snprintf(line, sizeof line, "%-28s %9.3f %9s %9.1f\n", "total", total, "",
                static_cast<double>(PeakRssBytes()) / 1e6);
  out += line;
  return out;
}

}  // namespace heapsleuth::report

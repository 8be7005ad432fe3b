#include "lib/report/terminal_progress.h"

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <string>

#include "lib/report/units.h"

namespace heapsleuth::report {

TerminalProgress::TerminalProgress(bool quiet)
    : enabled_(!quiet && ::isatty(STDERR_FILENO) == 1), start_(std::chrono::steady_clock::now()) {}

void TerminalProgress::Stage(std::string_view name, uint64_t total, ProgressUnit unit) {
  stage_ = name;
  total_ = total;
  unit_ = unit;
  done_ = 0;
  stage_first_known_ = false;
  stage_start_ = std::chrono::steady_clock::now();
  Draw(true);
}

void TerminalProgress::Advance(uint64_t done) {
  if (!stage_first_known_) {
    stage_first_ = done;
    stage_first_known_ = true;
    stage_start_ = std::chrono::steady_clock::now();
  }
  done_ = done;
  Draw(false);
}

void TerminalProgress::Draw(bool force) {
  if (!enabled_) return;
  auto now = std::chrono::steady_clock::now();
  if (!force && now - last_draw_ < std::chrono::milliseconds(100)) return;
  last_draw_ = now;
  const double seconds = std::chrono::duration<double>(now - start_).count();
  if (total_ == 0) {
    std::fprintf(stderr, "\r\033[K%s...  (%.1fs)", stage_.c_str(), seconds);
    std::fflush(stderr);
    drawn_ = true;
    return;
  }
  const double share = std::min(1.0, static_cast<double>(done_) / static_cast<double>(total_));
  constexpr int kBarWidth = 20;
  char bar[kBarWidth + 1];
  const int filled = static_cast<int>(share * kBarWidth);
  for (int i = 0; i < kBarWidth; ++i) bar[i] = i < filled ? '#' : '-';
  bar[kBarWidth] = '\0';
  std::string rate, eta;
  const double stage_seconds = std::chrono::duration<double>(now - stage_start_).count();
  if (stage_first_known_ && done_ > stage_first_ && stage_seconds > 0.2) {
    const double per_second = static_cast<double>(done_ - stage_first_) / stage_seconds;
    if (unit_ == ProgressUnit::kBytes) rate = "  " + FormatBytes(static_cast<uint64_t>(per_second)) + "/s";
    const double left = static_cast<double>(total_ - std::min(done_, total_)) / per_second;
    char text[32];
    std::snprintf(text, sizeof text, "  ETA %.0fs", left);
    eta = text;
  }
  std::fprintf(stderr, "\r\033[K%s [%s] %3.0f%%%s%s", stage_.c_str(), bar, 100.0 * share, rate.c_str(),
               eta.c_str());
  std::fflush(stderr);
  drawn_ = true;
}

void TerminalProgress::Finish() {
  if (!enabled_ || !drawn_) return;
  std::fprintf(stderr, "\r\033[K");
  std::fflush(stderr);
  drawn_ = false;
}

}  // namespace heapsleuth::report

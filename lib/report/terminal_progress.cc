#include "lib/report/terminal_progress.h"

#include <unistd.h>

#include <cstdio>

namespace heapsleuth::report {

TerminalProgress::TerminalProgress(bool quiet)
    : enabled_(!quiet && ::isatty(STDERR_FILENO) == 1), start_(std::chrono::steady_clock::now()) {}

void TerminalProgress::Stage(std::string_view name, uint64_t total) {
  stage_ = name;
  total_ = total;
  done_ = 0;
  Draw(true);
}

void TerminalProgress::Advance(uint64_t done) {
  done_ = done;
  Draw(false);
}

void TerminalProgress::Draw(bool force) {
  if (!enabled_) return;
  auto now = std::chrono::steady_clock::now();
  if (!force && now - last_draw_ < std::chrono::milliseconds(100)) return;
  last_draw_ = now;
  double seconds = std::chrono::duration<double>(now - start_).count();
  if (total_ > 0) {
    std::fprintf(stderr, "\r\033[K%s... %3.0f%%  (%.1fs)", stage_.c_str(),
                 100.0 * static_cast<double>(done_) / static_cast<double>(total_), seconds);
  } else {
    std::fprintf(stderr, "\r\033[K%s...  (%.1fs)", stage_.c_str(), seconds);
  }
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

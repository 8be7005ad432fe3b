// Micro-benchmark: heapsleuth's integer-array reader against simdjson.
//
//   uint_reader_bench [--snapshot FILE.heapsnapshot] [--synthetic-mb N] [--runs N]
//
// Reads a JSON array of unsigned integers, in memory, two ways, and prints
// MB/s (10^6 bytes of array text per second) and millions of values per second:
//
//   heapsleuth  snapshot::ReadUintArray (lib/snapshot/uint_array_reader.h) with
//               a sink that only sums the values: the reader alone, without
//               the parser's per-field column writes and range checks.
//   simdjson    simdjson's on-demand API: parser.iterate(padded text), then
//               for each element of doc.get_array(), get_uint64(), summed.
//               The time includes iterate()'s stage 1 (structural indexing of
//               the whole array), which is part of what on-demand costs.
//
// Inputs (each benchmarked separately):
//   synthetic   "[1,2,3,...]" counting up until the text is N MB (default
//               200 MB; --synthetic-mb 0 turns it off).
//   nodes/edges with --snapshot: the "nodes" and "edges" arrays cut out of a
//               real V8 snapshot (V8 writes one node or edge per line:
//               "[9,1,1,0,5,0,0\n,9,2,3,...").
//
// Each method runs once untimed (page faults, simdjson's buffer allocation),
// then --runs times (default 5); MB/s is given for the best and the median
// run, Mvalues/s for the best. Both methods must agree on the value count and
// sum, else the program fails: that is a correctness check; the timings are
// never asserted. Not a test: figures only.
// The "setup RSS" column is how much the process's resident memory grew during
// the untimed run: simdjson's structural index for the whole text (and its
// padded copy of the input, made before timing and counted there too).
#include <simdjson.h>

#include <algorithm>
#include <chrono>
#include <cinttypes>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "lib/snapshot/json_cursor.h"
#include "lib/snapshot/uint_array_reader.h"

namespace {

struct Result {
  uint64_t count = 0;
  uint64_t sum = 0;
  bool ok = true;
  std::string error;
};

// Resident set size of this process now, in bytes (Linux).
uint64_t CurrentRss() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmRSS:", 0) == 0) return std::strtoull(line.c_str() + 6, nullptr, 10) * 1024;
  }
  return 0;
}

Result ReadWithHeapsleuth(std::string_view text) {
  Result r;
  heapsleuth::snapshot::JsonCursor cursor(text, "bench");
  absl::Status status = heapsleuth::snapshot::ReadUintArray(
      cursor,
      [&](uint64_t value, uint64_t) {
        r.sum += value;
        ++r.count;
        return absl::OkStatus();
      },
      [](uint64_t) {});
  if (!status.ok()) {
    r.ok = false;
    r.error = std::string(status.message());
  }
  return r;
}

Result ReadWithSimdjson(simdjson::ondemand::parser& parser, const simdjson::padded_string& text) {
  Result r;
  auto fail = [&](simdjson::error_code error) {
    r.ok = false;
    r.error = simdjson::error_message(error);
    return r;
  };
  simdjson::ondemand::document doc;
  if (auto error = parser.iterate(text).get(doc)) return fail(error);
  simdjson::ondemand::array array;
  if (auto error = doc.get_array().get(array)) return fail(error);
  for (auto element : array) {
    uint64_t value;
    if (auto error = element.get_uint64().get(value)) return fail(error);
    r.sum += value;
    ++r.count;
  }
  return r;
}

struct Timed {
  Result result;
  double best_seconds = 0;
  double median_seconds = 0;
  uint64_t setup_rss_growth = 0;
};

template <typename F>
Timed TimeBest(int runs, F&& read) {
  Timed t;
  const uint64_t rss_before = CurrentRss();
  t.result = read();  // Untimed warm-up.
  const uint64_t rss_after = CurrentRss();
  t.setup_rss_growth = rss_after > rss_before ? rss_after - rss_before : 0;
  if (!t.result.ok) return t;
  std::vector<double> times;
  for (int i = 0; i < runs; ++i) {
    auto start = std::chrono::steady_clock::now();
    Result r = read();
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (!r.ok || r.count != t.result.count || r.sum != t.result.sum) {
      t.result.ok = false;
      t.result.error = "result changed between runs";
      return t;
    }
    times.push_back(seconds);
  }
  std::sort(times.begin(), times.end());
  t.best_seconds = times.front();
  t.median_seconds = times[times.size() / 2];
  return t;
}

std::string Synthetic(uint64_t bytes) {
  std::string text;
  text.reserve(bytes + 32);
  text.push_back('[');
  char buffer[24];
  for (uint64_t i = 1;; ++i) {
    int n = std::snprintf(buffer, sizeof buffer, "%" PRIu64, i);
    if (text.size() + static_cast<size_t>(n) + 1 > bytes) break;
    if (i > 1) text.push_back(',');
    text.append(buffer, static_cast<size_t>(n));
  }
  text.push_back(']');
  return text;
}

// The text of the top-level `"key":[...]` array of a V8 snapshot.
std::string CutArray(const std::string& file, const std::string& key) {
  const std::string needle = "\"" + key + "\":";
  size_t at = file.find(needle);
  if (at == std::string::npos) return {};
  size_t open = file.find('[', at + needle.size());
  size_t close = open == std::string::npos ? open : file.find(']', open);
  if (close == std::string::npos) return {};
  return file.substr(open, close - open + 1);
}

bool Bench(const std::string& name, const std::string& text, int runs) {
  const double mb = static_cast<double>(text.size()) / 1e6;
  Timed hs = TimeBest(runs, [&] { return ReadWithHeapsleuth(text); });

  simdjson::ondemand::parser parser;  // Grows to the document size on first use.
  const uint64_t rss_before_copy = CurrentRss();
  simdjson::padded_string padded(text);
  const uint64_t copy_growth = CurrentRss() - rss_before_copy;
  Timed sj = TimeBest(runs, [&] { return ReadWithSimdjson(parser, padded); });
  sj.setup_rss_growth += copy_growth;

  auto row = [&](const char* method, const Timed& t) {
    if (!t.result.ok) {
      std::printf("%-10s %-11s %9.1f  FAILED: %s\n", name.c_str(), method, mb, t.result.error.c_str());
      return;
    }
    std::printf("%-10s %-11s %9.1f %12" PRIu64 " %9.3f %9.0f %11.0f %9.1f %12.0f\n", name.c_str(), method, mb,
                t.result.count, t.best_seconds, mb / t.best_seconds, mb / t.median_seconds,
                static_cast<double>(t.result.count) / 1e6 / t.best_seconds,
                static_cast<double>(t.setup_rss_growth) / 1e6);
  };
  row("heapsleuth", hs);
  row("simdjson", sj);
  if (hs.result.ok && sj.result.ok) {
    if (hs.result.count != sj.result.count || hs.result.sum != sj.result.sum) {
      std::printf("%-10s MISMATCH: heapsleuth %" PRIu64 " values (sum %" PRIu64 "), simdjson %" PRIu64
                  " values (sum %" PRIu64 ")\n",
                  name.c_str(), hs.result.count, hs.result.sum, sj.result.count, sj.result.sum);
      return false;
    }
    std::printf("%-10s heapsleuth speed / simdjson speed: %.2fx (best), %.2fx (median)\n", name.c_str(),
                sj.best_seconds / hs.best_seconds, sj.median_seconds / hs.median_seconds);
  }
  std::fflush(stdout);
  return hs.result.ok && sj.result.ok;
}

}  // namespace

int main(int argc, char** argv) {
  std::string snapshot;
  double synthetic_mb = -1;
  int runs = 5;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--snapshot" && i + 1 < argc) {
      snapshot = argv[++i];
    } else if (arg == "--synthetic-mb" && i + 1 < argc) {
      synthetic_mb = std::atof(argv[++i]);
    } else if (arg == "--runs" && i + 1 < argc) {
      runs = std::max(1, std::atoi(argv[++i]));
    } else {
      std::fprintf(stderr, "usage: %s [--snapshot FILE.heapsnapshot] [--synthetic-mb N] [--runs N]\n", argv[0]);
      return 2;
    }
  }
  if (synthetic_mb < 0) synthetic_mb = snapshot.empty() ? 200 : 0;

  std::printf("simdjson %s, implementation %s; best of %d runs after one untimed run\n", SIMDJSON_STRINGIFY(SIMDJSON_VERSION),
              simdjson::get_active_implementation()->name().c_str(), runs);
  std::printf("%-10s %-11s %9s %12s %9s %9s %11s %9s %12s\n", "input", "method", "MB", "values", "best s", "MB/s",
              "median MB/s", "Mvalues/s", "setup RSS MB");
  bool ok = true;
  if (synthetic_mb > 0) {
    ok &= Bench("synthetic", Synthetic(static_cast<uint64_t>(synthetic_mb * 1e6)), runs);
  }
  if (!snapshot.empty()) {
    std::string file;
    {
      std::ifstream in(snapshot, std::ios::binary);
      if (!in) {
        std::fprintf(stderr, "cannot open %s\n", snapshot.c_str());
        return 3;
      }
      std::ostringstream buffer;
      buffer << in.rdbuf();
      file = std::move(buffer).str();
    }
    for (const char* key : {"nodes", "edges"}) {
      std::string text = CutArray(file, key);
      if (text.empty()) {
        std::fprintf(stderr, "%s: no \"%s\" array\n", snapshot.c_str(), key);
        return 3;
      }
      ok &= Bench(key, text, runs);
    }
  }
  return ok ? 0 : 1;
}

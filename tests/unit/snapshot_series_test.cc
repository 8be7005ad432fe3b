#include "lib/analysis/snapshot_series.h"

#include <catch2/catch.hpp>

#include "lib/report/growth_report.h"

namespace heapsleuth {
namespace {

TEST_CASE("Series: growth at every step and per step") {
  CHECK(analysis::GrowsEveryStep({1, 2, 3}));
  CHECK_FALSE(analysis::GrowsEveryStep({1, 2, 2}));  // A flat step is not growth.
  CHECK_FALSE(analysis::GrowsEveryStep({3, 2, 4}));
  CHECK_FALSE(analysis::GrowsEveryStep({5}));
  CHECK(analysis::GrowthPerStep({100, 150, 400}) == 150.0);
  CHECK(analysis::GrowthPerStep({400, 100}) == -300.0);
  CHECK(analysis::GrowthPerStep({7}) == 0.0);
}

TEST_CASE("Sparklines scale from the minimum to the maximum") {
  CHECK(report::Sparkline({0, 7}) == "▁█");
  CHECK(report::Sparkline({10, 20, 30, 40}) == "▁▃▆█");
  CHECK(report::Sparkline({5, 5, 5}) == "▁▁▁");
  CHECK(report::Sparkline({}).empty());
}

}  // namespace
}  // namespace heapsleuth

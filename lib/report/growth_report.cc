#include "lib/report/growth_report.h"

#include <algorithm>
#include <cmath>

#include "lib/base/str_cat.h"
#include "lib/report/diff_report.h"
#include "lib/report/heap_labels.h"
#include "lib/report/json_writer.h"
#include "lib/report/text_escape.h"
#include "lib/report/text_table.h"
#include "lib/report/units.h"

namespace heapsleuth::report {
namespace {

constexpr int kSchemaVersion = 1;
constexpr size_t kMaxNameWidth = 60;

using analysis::SeriesRow;

bool Grows(const SeriesRow& row) {
  return analysis::GrowsEveryStep(row.counts) || analysis::GrowsEveryStep(row.retained);
}

// The rows that grew at every step, by retained growth per step.
std::vector<SeriesRow> Growing(std::vector<SeriesRow> rows) {
  std::erase_if(rows, [](const SeriesRow& row) { return !Grows(row); });
  std::stable_sort(rows.begin(), rows.end(), [](const SeriesRow& a, const SeriesRow& b) {
    const double ga = analysis::GrowthPerStep(a.retained), gb = analysis::GrowthPerStep(b.retained);
    if (ga != gb) return ga > gb;
    return a.key < b.key;
  });
  return rows;
}

bool SameProcess(const GrowthInput& input) { return input.first_to_last->process.same_process; }

std::string PerStepBytes(const std::vector<uint64_t>& values) {
  return StrCat(FormatSignedBytes(std::llround(analysis::GrowthPerStep(values))), "/step");
}

std::string PerStepCount(const std::vector<uint64_t>& values) {
  return StrCat(FormatSignedCount(std::llround(analysis::GrowthPerStep(values))), "/step");
}

std::string Mark(bool grows) { return grows ? "*" : ""; }

size_t Shown(size_t size, size_t top) { return top == 0 ? size : std::min(size, top); }

void WriteSeries(JsonWriter& json, std::string_view key, const std::vector<uint64_t>& values) {
  json.Key(key).BeginArray();
  for (uint64_t v : values) json.Uint(v);
  json.EndArray();
}

void WriteRow(JsonWriter& json, const SeriesRow& row, bool collection) {
  json.BeginObject();
  if (collection) {
    json.Field("id", row.id);
    json.Field("class_name", row.name);
    WriteSeries(json, "self_size", row.counts);
  } else {
    json.Field("key", row.key);
    json.Field("name", row.name);
    WriteSeries(json, "count", row.counts);
  }
  WriteSeries(json, "retained_size", row.retained);
  json.Field(collection ? "self_size_grows_every_step" : "count_grows_every_step",
             analysis::GrowsEveryStep(row.counts));
  json.Field("retained_grows_every_step", analysis::GrowsEveryStep(row.retained));
  json.Field(collection ? "self_size_per_step" : "count_per_step", analysis::GrowthPerStep(row.counts));
  json.Field("retained_per_step", analysis::GrowthPerStep(row.retained));
  json.EndObject();
}

}  // namespace

std::string Sparkline(const std::vector<uint64_t>& values) {
  static constexpr const char* kBlocks[] = {"▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"};
  if (values.empty()) return "";
  const auto [low, high] = std::minmax_element(values.begin(), values.end());
  std::string out;
  for (uint64_t v : values) {
    const size_t level = *high == *low ? 0
                                       : static_cast<size_t>(std::llround(7.0 * static_cast<double>(v - *low) /
                                                                          static_cast<double>(*high - *low)));
    out += kBlocks[level];
  }
  return out;
}

std::string GrowthText(const GrowthInput& input) {
  const analysis::SnapshotSeries& series = *input.series;
  std::string out;
  for (size_t i = 0; i < input.files.size(); ++i) {
    StrAppend(&out, "S", i + 1, "  ", Printable(input.files[i]), "  total ", FormatBytes(series.totals()[i]), "\n");
  }
  if (!SameProcess(input)) StrAppend(&out, "Note: ", CrossProcessNote(input.first_to_last->process), "\n");
  StrAppend(&out, "Total ", Sparkline(series.totals()), " ", PerStepBytes(series.totals()),
            analysis::GrowsEveryStep(series.totals()) ? ", growing at every step" : "", "\n");

  const std::vector<SeriesRow> classes = Growing(series.Classes());
  const size_t shown = Shown(classes.size(), input.top);
  StrAppend(&out, "\n", shown, " of ", FormatCount(classes.size()),
            " classes growing at every step (* = that column rose at every step)\n");
  TextTable table({"class", "count", "", "per step", "retained", "", "per step"},
                  {TextTable::Align::kLeft, TextTable::Align::kLeft, TextTable::Align::kLeft, TextTable::Align::kRight,
                   TextTable::Align::kLeft, TextTable::Align::kLeft, TextTable::Align::kRight});
  for (size_t i = 0; i < shown; ++i) {
    const SeriesRow& row = classes[i];
    table.AddRow({CutText(Printable(row.name), kMaxNameWidth), Sparkline(row.counts),
                  Mark(analysis::GrowsEveryStep(row.counts)), PerStepCount(row.counts), Sparkline(row.retained),
                  Mark(analysis::GrowsEveryStep(row.retained)), PerStepBytes(row.retained)});
  }
  out += table.Render();

  if (SameProcess(input)) {
    const std::vector<SeriesRow> collections = Growing(series.Collections());
    const size_t shown_collections = Shown(collections.size(), input.top);
    StrAppend(&out, "\n", shown_collections, " of ", FormatCount(collections.size()),
              " collections (Array, Map, Set, plain-object dictionaries; by object id) growing at every step\n");
    TextTable rows({"id", "class", "shallow", "", "per step", "retained", "", "per step", "last retained"},
                   {TextTable::Align::kRight, TextTable::Align::kLeft, TextTable::Align::kLeft, TextTable::Align::kLeft,
                    TextTable::Align::kRight, TextTable::Align::kLeft, TextTable::Align::kLeft,
                    TextTable::Align::kRight, TextTable::Align::kRight});
    for (size_t i = 0; i < shown_collections; ++i) {
      const SeriesRow& row = collections[i];
      rows.AddRow({row.key, row.name, Sparkline(row.counts), Mark(analysis::GrowsEveryStep(row.counts)),
                   PerStepBytes(row.counts), Sparkline(row.retained), Mark(analysis::GrowsEveryStep(row.retained)),
                   PerStepBytes(row.retained), FormatBytes(row.retained.back())});
    }
    out += rows.Render();
  }
  if (!input.outcomes.empty()) {
    size_t crossed = 0;
    for (const analysis::RuleOutcome& o : input.outcomes) crossed += o.crossed ? 1 : 0;
    StrAppend(&out, "\nRules (S1 against S", input.files.size(), "): ", crossed, " of ", input.outcomes.size(),
              " crossed\n");
    for (const analysis::RuleOutcome& o : input.outcomes) {
      StrAppend(&out, o.crossed ? "  CROSSED " : "  ok      ", FormatOutcome(o), "\n");
    }
  }
  return out;
}

std::string GrowthJson(const GrowthInput& input) {
  const analysis::SnapshotSeries& series = *input.series;
  std::string out;
  JsonWriter json(out);
  json.BeginObject();
  json.Field("schema_version", kSchemaVersion);
  json.Field("tool", "heapsleuth-growth");
  json.Key("files").BeginArray();
  for (const std::string& file : input.files) json.String(file);
  json.EndArray();
  json.Field("same_process", SameProcess(input));
  WriteSeries(json, "total_size", series.totals());
  json.Field("total_grows_every_step", analysis::GrowsEveryStep(series.totals()));
  json.Key("classes").BeginArray();
  for (const SeriesRow& row : Growing(series.Classes())) WriteRow(json, row, false);
  json.EndArray();
  json.Key("collections").BeginArray();
  if (SameProcess(input)) {
    for (const SeriesRow& row : Growing(series.Collections())) WriteRow(json, row, true);
  }
  json.EndArray();
  json.Key("rules").BeginArray();
  size_t crossed = 0;
  for (const analysis::RuleOutcome& o : input.outcomes) {
    crossed += o.crossed ? 1 : 0;
    json.BeginObject();
    json.Field("rule", o.rule->text);
    json.Field("crossed", o.crossed);
    json.Field("base", o.base);
    json.Field("delta", o.delta);
    json.Field("measured", o.measured);
    json.Field("reason", FormatOutcome(o));
    json.EndObject();
  }
  json.EndArray();
  json.Field("rules_crossed", crossed);
  json.EndObject();
  out.push_back('\n');
  return out;
}

std::string GrowthMarkdown(const GrowthInput& input) {
  const analysis::SnapshotSeries& series = *input.series;
  std::string out = StrCat("### Heap growth over ", input.files.size(), " snapshots\n\n");
  if (!input.outcomes.empty()) {
    size_t crossed = 0;
    for (const analysis::RuleOutcome& o : input.outcomes) crossed += o.crossed ? 1 : 0;
    out += crossed == 0 ? StrCat("**All ", input.outcomes.size(), " memory rules passed.**\n\n")
                        : StrCat("**", crossed, " of ", input.outcomes.size(), " memory rules crossed:**\n\n");
    for (const analysis::RuleOutcome& o : input.outcomes) {
      StrAppend(&out, "- ", o.crossed ? "❌ " : "✅ ", MarkdownText(FormatOutcome(o), 400), "\n");
    }
    out += "\n";
  }
  if (!SameProcess(input)) StrAppend(&out, "> **Note:** ", CrossProcessNote(input.first_to_last->process), "\n\n");
  StrAppend(&out, "Total: ", Sparkline(series.totals()), " ", FormatBytes(series.totals().front()), " → ",
            FormatBytes(series.totals().back()), " (", PerStepBytes(series.totals()), ")\n\n");
  const std::vector<SeriesRow> classes = Growing(series.Classes());
  StrAppend(&out, "#### Classes growing at every step (", Shown(classes.size(), input.top), " of ",
            FormatCount(classes.size()),
            ")\n\n| class | count | per step | retained | per step |\n|---|---|--:|---|--:|\n");
  for (size_t i = 0; i < Shown(classes.size(), input.top); ++i) {
    const SeriesRow& row = classes[i];
    const std::string name = MarkdownText(row.name, kMaxNameWidth);
    StrAppend(&out, "| ", name, " | ", Sparkline(row.counts), " | ", PerStepCount(row.counts), " | ",
              Sparkline(row.retained), " | ", PerStepBytes(row.retained), " |\n");
  }
  return out;
}

}  // namespace heapsleuth::report

#include "lib/report/diff_report.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "lib/base/str_cat.h"
#include "lib/report/heap_labels.h"
#include "lib/report/json_writer.h"
#include "lib/report/text_escape.h"
#include "lib/report/text_table.h"
#include "lib/report/units.h"

namespace heapsleuth::report {
namespace {

constexpr int kSchemaVersion = 1;
constexpr size_t kMaxNameWidth = 80;
constexpr size_t kMaxPathWidth = 400;

using analysis::ClassDelta;
using analysis::SnapshotDiff;

struct SortInfo {
  std::string_view name;
  DiffSort sort;
  std::string_view label;  // "by <label>"
};
constexpr SortInfo kSorts[] = {
    {"retained", DiffSort::kRetained, "retained size delta"},
    {"size", DiffSort::kSize, "size delta"},
    {"count", DiffSort::kCount, "count delta"},
    {"new", DiffSort::kNew, "new objects"},
    {"deleted", DiffSort::kDeleted, "deleted objects"},
    {"alloc", DiffSort::kAlloc, "allocated size"},
    {"freed", DiffSort::kFreed, "freed size"},
};

int64_t SortValue(const ClassDelta& c, DiffSort sort) {
  switch (sort) {
    case DiffSort::kRetained:
      return c.retained_delta;
    case DiffSort::kSize:
      return c.size_delta;
    case DiffSort::kCount:
      return c.count_delta;
    case DiffSort::kNew:
      return static_cast<int64_t>(c.added_count);
    case DiffSort::kDeleted:
      return static_cast<int64_t>(c.removed_count);
    case DiffSort::kAlloc:
      return static_cast<int64_t>(c.added_size);
    case DiffSort::kFreed:
      return static_cast<int64_t>(c.removed_size);
  }
  return 0;
}

std::string_view SortLabel(DiffSort sort) {
  for (const SortInfo& s : kSorts) {
    if (s.sort == sort) return s.label;
  }
  return "";
}

// The changed classes in display order, at most `top` (0 = all).
std::vector<const ClassDelta*> ShownClasses(const DiffInput& input, size_t* changed_count) {
  std::vector<const ClassDelta*> rows;
  for (const ClassDelta& c : input.diff->classes) {
    if (c.changed()) rows.push_back(&c);
  }
  *changed_count = rows.size();
  std::stable_sort(rows.begin(), rows.end(), [&input](const ClassDelta* a, const ClassDelta* b) {
    const int64_t va = SortValue(*a, input.sort), vb = SortValue(*b, input.sort);
    if (va != vb) return va > vb;
    return a->key < b->key;
  });
  if (input.top != 0 && rows.size() > input.top) rows.resize(input.top);
  return rows;
}

// Cut by code points (CutText), so a long name never ends in half a character.
std::string ShortName(std::string_view name) { return CutText(Printable(name), kMaxNameWidth); }

std::string MarkdownCell(std::string_view name, size_t max_width = kMaxNameWidth) {
  return MarkdownText(name, max_width);
}

bool BytesMetric(analysis::Metric metric) {
  return metric == analysis::Metric::kSize || metric == analysis::Metric::kRetained;
}

std::string FormatDelta(double value, analysis::Metric metric) {
  const int64_t rounded = static_cast<int64_t>(std::llround(value));
  return BytesMetric(metric) ? FormatSignedBytes(rounded) : StrCat(FormatSignedCount(rounded), " objects");
}

std::string FormatBase(double value, analysis::Metric metric) {
  const uint64_t rounded = static_cast<uint64_t>(std::llround(value));
  return BytesMetric(metric) ? FormatBytes(rounded) : FormatCount(rounded);
}

size_t CrossedCount(const DiffInput& input) {
  return static_cast<size_t>(std::count_if(input.outcomes.begin(), input.outcomes.end(),
                                           [](const analysis::RuleOutcome& o) { return o.crossed; }));
}

}  // namespace

std::string MarkdownText(std::string_view text, size_t max_chars) {
  std::string out;
  for (char c : CutText(Printable(text), max_chars)) {
    if (c == '|' || c == '\\' || c == '`' || c == '*' || c == '_' || c == '<' || c == '>' || c == '[' || c == ']') {
      out.push_back('\\');
    }
    out.push_back(c);
  }
  return out;
}

std::optional<DiffSort> ParseDiffSort(std::string_view name) {
  for (const SortInfo& s : kSorts) {
    if (s.name == name) return s.sort;
  }
  return std::nullopt;
}

std::string FormatOutcome(const analysis::RuleOutcome& outcome) {
  const analysis::Rule& rule = *outcome.rule;
  std::string measured;
  if (rule.percent) {
    if (std::isinf(outcome.measured)) {
      measured = StrCat(FormatDelta(outcome.delta, rule.metric), " from nothing");
    } else {
      char buffer[32];
      std::snprintf(buffer, sizeof(buffer), "%+.1f%%", outcome.measured);
      measured = StrCat(buffer, " (", FormatDelta(outcome.delta, rule.metric), " of ",
                        FormatBase(outcome.base, rule.metric), ")");
    }
  } else {
    measured = StrCat(FormatDelta(outcome.delta, rule.metric), " (base ", FormatBase(outcome.base, rule.metric), ")");
  }
  return StrCat(Printable(rule.text), ": ", measured);
}

std::string CrossProcessNote(const analysis::ProcessMatch& match) {
  char share[32];
  std::snprintf(share, sizeof(share), "%.1f%%", 100.0 * match.consistent_share);
  return StrCat("the snapshots look like two different processes (", share,
                " of the bytes of objects with ids found in both are in the same class); "
                "matching classes by key only: no new/deleted objects by id, no top new objects");
}

std::string DiffText(const DiffInput& input) {
  const SnapshotDiff& diff = *input.diff;
  const analysis::DiffTotals& t = diff.totals;
  std::string out = StrCat("BASE ", Printable(input.base_file), "\nNEW  ", Printable(input.new_file), "\n");
  if (!diff.process.same_process) StrAppend(&out, "Note: ", CrossProcessNote(diff.process), "\n");
  out += "\n";
  TextTable totals({"", "BASE", "NEW", "delta"}, {TextTable::Align::kLeft, TextTable::Align::kRight,
                                                  TextTable::Align::kRight, TextTable::Align::kRight});
  totals.AddRow({"Total size", FormatBytes(t.base_size), FormatBytes(t.new_size),
                 FormatSignedBytes(analysis::SignedDelta(t.base_size, t.new_size))});
  totals.AddRow({"Objects", FormatCount(t.base_count), FormatCount(t.new_count),
                 FormatSignedCount(analysis::SignedDelta(t.base_count, t.new_count))});
  out += totals.Render();
  StrAppend(&out, "New ", FormatCount(t.added_count), " (", FormatBytes(t.added_size), "), deleted ",
            FormatCount(t.removed_count), " (", FormatBytes(t.removed_size), "), size delta ",
            FormatSignedBytes(analysis::SignedDelta(t.removed_size, t.added_size)), "\n");

  size_t changed = 0;
  const std::vector<const ClassDelta*> rows = ShownClasses(input, &changed);
  StrAppend(&out, "\nTop ", rows.size(), " of ", FormatCount(changed), " changed classes by ", SortLabel(input.sort),
            " (DevTools' Comparison view, plus retained delta)\n");
  TextTable classes(
      {"class", "new", "deleted", "# delta", "alloc size", "freed size", "size delta", "retained delta"},
      {TextTable::Align::kLeft, TextTable::Align::kRight, TextTable::Align::kRight, TextTable::Align::kRight,
       TextTable::Align::kRight, TextTable::Align::kRight, TextTable::Align::kRight, TextTable::Align::kRight});
  for (const ClassDelta* c : rows) {
    classes.AddRow({ShortName(c->name), FormatCount(c->added_count), FormatCount(c->removed_count),
                    FormatSignedCount(c->count_delta), FormatBytes(c->added_size), FormatBytes(c->removed_size),
                    FormatSignedBytes(c->size_delta), FormatSignedBytes(c->retained_delta)});
  }
  out += classes.Render();

  if (diff.process.same_process) {
    StrAppend(&out, "\nTop ", diff.top_new_objects.size(), " of ", FormatCount(diff.new_object_count),
              " new objects (ids absent from BASE) by retained size\n");
    TextTable objects({"id", "class", "self size", "retained"}, {TextTable::Align::kRight, TextTable::Align::kLeft,
                                                                 TextTable::Align::kRight, TextTable::Align::kRight});
    for (const analysis::NewObject& o : diff.top_new_objects) {
      objects.AddRow(
          {StrCat("@", o.id), ShortName(o.class_name), FormatBytes(o.self_size), FormatBytes(o.retained_size)});
    }
    out += objects.Render();
    if (!diff.top_new_objects.empty()) out += "\nTheir shortest retainer paths, from the GC roots:\n";
    for (const analysis::NewObject& o : diff.top_new_objects) {
      StrAppend(&out, "  @", o.id, ": ", o.path ? PathText(*input.graph, *input.analysis, *o.path) : "(unreachable)",
                "\n");
    }
  }

  if (!input.outcomes.empty()) {
    StrAppend(&out, "\nRules: ", CrossedCount(input), " of ", input.outcomes.size(), " crossed\n");
    for (const analysis::RuleOutcome& o : input.outcomes) {
      StrAppend(&out, o.crossed ? "  CROSSED " : "  ok      ", FormatOutcome(o), "\n");
    }
  }
  return out;
}

std::string DiffJson(const DiffInput& input) {
  const SnapshotDiff& diff = *input.diff;
  const analysis::DiffTotals& t = diff.totals;
  std::string out;
  JsonWriter json(out);
  json.BeginObject();
  json.Field("schema_version", kSchemaVersion);
  json.Field("tool", "heapsleuth-diff");
  json.Field("base_file", input.base_file);
  json.Field("new_file", input.new_file);
  json.Key("process").BeginObject();
  json.Field("same_process", diff.process.same_process);
  json.Field("matched_by", diff.process.same_process ? "object_id" : "class_key");
  json.Field("shared_id_objects", diff.process.shared_id_objects);
  json.Field("consistent_objects", diff.process.consistent_objects);
  json.Field("consistent_share", diff.process.consistent_share);
  json.EndObject();
  json.Key("totals").BeginObject();
  json.Field("base_size", t.base_size);
  json.Field("new_size", t.new_size);
  json.Field("size_change", analysis::SignedDelta(t.base_size, t.new_size));
  json.Field("base_count", t.base_count);
  json.Field("new_count", t.new_count);
  json.Field("added_count", t.added_count);
  json.Field("removed_count", t.removed_count);
  json.Field("count_delta", analysis::SignedDelta(t.base_count, t.new_count));
  json.Field("added_size", t.added_size);
  json.Field("removed_size", t.removed_size);
  json.Field("size_delta", analysis::SignedDelta(t.removed_size, t.added_size));
  json.EndObject();
  size_t changed = 0;
  for (const ClassDelta& c : diff.classes) changed += c.changed() ? 1 : 0;
  json.Field("class_count", changed);
  json.Key("classes").BeginArray();
  for (const ClassDelta& c : diff.classes) {
    if (!c.changed()) continue;
    json.BeginObject();
    json.Field("key", c.key);
    json.Field("name", c.name);
    json.Field("in_devtools", c.in_devtools);
    json.Field("added_count", c.added_count);
    json.Field("removed_count", c.removed_count);
    json.Field("count_delta", c.count_delta);
    json.Field("added_size", c.added_size);
    json.Field("removed_size", c.removed_size);
    json.Field("size_delta", c.size_delta);
    json.Field("retained_delta", c.retained_delta);
    json.Key("base").BeginObject();
    json.Field("count", c.base_count);
    json.Field("self_size", c.base_self_size);
    json.Field("retained_size", c.base_retained_size);
    json.EndObject();
    json.Key("new").BeginObject();
    json.Field("count", c.new_count);
    json.Field("self_size", c.new_self_size);
    json.Field("retained_size", c.new_retained_size);
    json.EndObject();
    json.EndObject();
  }
  json.EndArray();
  json.Key("new_objects").BeginObject();
  json.Field("count", diff.new_object_count);
  json.Key("top").BeginArray();
  for (const analysis::NewObject& o : diff.top_new_objects) {
    json.BeginObject();
    json.Field("id", o.id);
    json.Field("class_name", o.class_name);
    json.Field("self_size", o.self_size);
    json.Field("retained_size", o.retained_size);
    json.Key("path");
    if (o.path) {
      WritePath(json, *input.graph, *input.analysis, *o.path);
    } else {
      json.Null();
    }
    json.EndObject();
  }
  json.EndArray();
  json.EndObject();
  json.Key("rules").BeginArray();
  for (const analysis::RuleOutcome& o : input.outcomes) {
    json.BeginObject();
    json.Field("rule", o.rule->text);
    json.Field("crossed", o.crossed);
    json.Field("base", o.base);
    json.Field("delta", o.delta);
    json.Field("measured", o.measured);  // null when infinite (growth from 0 in %).
    json.Field("reason", FormatOutcome(o));
    json.EndObject();
  }
  json.EndArray();
  json.Field("rules_crossed", CrossedCount(input));
  json.EndObject();
  out.push_back('\n');
  return out;
}

std::string DiffMarkdown(const DiffInput& input) {
  const SnapshotDiff& diff = *input.diff;
  const analysis::DiffTotals& t = diff.totals;
  std::string out =
      StrCat("### Heap growth: `", MarkdownCell(input.base_file), "` → `", MarkdownCell(input.new_file), "`\n\n");
  if (!input.outcomes.empty()) {
    const size_t crossed = CrossedCount(input);
    if (crossed == 0) {
      StrAppend(&out, "**All ", input.outcomes.size(), " memory rules passed.**\n\n");
    } else {
      StrAppend(&out, "**", crossed, " of ", input.outcomes.size(), " memory rules crossed:**\n\n");
    }
    for (const analysis::RuleOutcome& o : input.outcomes) {
      StrAppend(&out, "- ", o.crossed ? "❌ " : "✅ ", MarkdownCell(FormatOutcome(o)), "\n");
    }
    out += "\n";
  }
  if (!diff.process.same_process) StrAppend(&out, "> **Note:** ", CrossProcessNote(diff.process), "\n\n");
  out += "| | BASE | NEW | delta |\n|---|--:|--:|--:|\n";
  StrAppend(&out, "| Total size | ", FormatBytes(t.base_size), " | ", FormatBytes(t.new_size), " | ",
            FormatSignedBytes(analysis::SignedDelta(t.base_size, t.new_size)), " |\n");
  StrAppend(&out, "| Objects | ", FormatCount(t.base_count), " | ", FormatCount(t.new_count), " | ",
            FormatSignedCount(analysis::SignedDelta(t.base_count, t.new_count)), " |\n\n");

  size_t changed = 0;
  const std::vector<const ClassDelta*> rows = ShownClasses(input, &changed);
  StrAppend(&out, "#### Top ", rows.size(), " of ", FormatCount(changed), " changed classes by ", SortLabel(input.sort),
            "\n\n");
  out += "| class | new | deleted | # delta | size delta | retained delta |\n|---|--:|--:|--:|--:|--:|\n";
  for (const ClassDelta* c : rows) {
    StrAppend(&out, "| ", MarkdownCell(c->name), " | ", FormatCount(c->added_count), " | ",
              FormatCount(c->removed_count), " | ", FormatSignedCount(c->count_delta), " | ",
              FormatSignedBytes(c->size_delta), " | ", FormatSignedBytes(c->retained_delta), " |\n");
  }
  if (diff.process.same_process && !diff.top_new_objects.empty()) {
    StrAppend(&out, "\n#### New objects that retain the most (", diff.top_new_objects.size(), " of ",
              FormatCount(diff.new_object_count), ")\n\n");
    out += "| id | class | self size | retained | retainer path |\n|--:|---|--:|--:|---|\n";
    for (const analysis::NewObject& o : diff.top_new_objects) {
      StrAppend(
          &out, "| @", o.id, " | ", MarkdownCell(o.class_name), " | ", FormatBytes(o.self_size), " | ",
          FormatBytes(o.retained_size), " | ",
          o.path ? MarkdownCell(PathText(*input.graph, *input.analysis, *o.path), kMaxPathWidth) : "(unreachable)",
          " |\n");
    }
  }
  out += "\n<sub>heapsleuth-diff: new/deleted/size figures as in Chrome DevTools' Comparison view.</sub>\n";
  return out;
}

}  // namespace heapsleuth::report

#include "lib/report/leaks_report.h"

#include <algorithm>

#include "lib/base/str_cat.h"
#include "lib/report/diff_report.h"
#include "lib/report/growth_report.h"
#include "lib/report/heap_labels.h"
#include "lib/report/json_writer.h"
#include "lib/report/text_escape.h"
#include "lib/report/units.h"

namespace heapsleuth::report {
namespace {

constexpr int kSchemaVersion = 1;
constexpr size_t kMaxItems = 5;  // Items per finding in text and Markdown.
constexpr size_t kMaxMarkdownPath = 300;

using analysis::Finding;
using analysis::FindingKind;
using analysis::FindingPriority;

// What a finding is, for people.
std::string_view KindTitle(FindingKind kind) {
  switch (kind) {
    case FindingKind::kReactComponent: return "React component";
    case FindingKind::kLeakedObjects: return "Leaked objects";
    case FindingKind::kDetachedDom: return "Detached DOM";
    case FindingKind::kDetachedListener: return "Listener on detached elements";
    case FindingKind::kUnboundedCollection: return "Unbounded collection";
    case FindingKind::kClosureCapture: return "Closure capture";
    case FindingKind::kListenerAccumulation: return "Listener pile-up";
    case FindingKind::kTimerAccumulation: return "Timer pile-up";
    case FindingKind::kDuplicatedStrings: return "Duplicated strings";
    case FindingKind::kOversizedObject: return "Oversized object";
  }
  return "Finding";
}

size_t Shown(const LeaksInput& input) {
  return input.top == 0 ? input.findings.size() : std::min(input.findings.size(), input.top);
}

std::string SeriesText(const Finding& finding) {
  std::string out;
  for (size_t i = 0; i < finding.series.size(); ++i) {
    if (i > 0) out += " → ";
    out += finding.series_unit == "bytes" ? FormatBytes(finding.series[i]) : FormatCount(finding.series[i]);
  }
  if (finding.series_unit != "bytes") StrAppend(&out, " ", finding.series_unit);
  return StrCat(Sparkline(finding.series), "  ", out);
}

// A page's paths run from the GC roots through the embedder's handles and
// the NativeContext to the Window; people read them from the Window on, as
// memlab prints them. Text and Markdown start there; JSON keeps every step.
std::string ShownPathText(const graph::Graph& graph, const graph::HeapAnalysis& analysis,
                          const graph::RetainerPath& path) {
  size_t start = 0;
  for (size_t i = 0; i < path.steps.size(); ++i) {
    const std::string_view name = graph.node_name(path.steps[i].node);
    if (name.starts_with("Window [JSGlobalObject]") || name.starts_with("Window / ")) start = i;
  }
  if (start == 0) return PathText(graph, analysis, path);
  graph::RetainerPath from_window;
  from_window.steps.assign(path.steps.begin() + static_cast<std::ptrdiff_t>(start), path.steps.end());
  return PathText(graph, analysis, from_window);
}

std::string ItemText(const analysis::FindingItem& item) {
  std::string out = Printable(item.label);
  if (item.count > 0) StrAppend(&out, " ×", FormatCount(item.count));
  if (item.size > 0) StrAppend(&out, "  ", FormatBytes(item.size));
  return out;
}

std::string Headline(const LeaksInput& input, const Finding& finding) {
  if (finding.kind == FindingKind::kReactComponent) {
    return StrCat(KindTitle(finding.kind), ": ", Printable(finding.subject), " — ", FormatCount(finding.count),
                  finding.count == 1 ? " unmounted instance" : " unmounted instances", " still alive, retaining ",
                  FormatBytes(finding.retained_size), " (", FormatShare(finding.retained_size, input.total_size),
                  " of the heap)");
  }
  return StrCat(KindTitle(finding.kind), ": ", Printable(finding.subject), " — ", FormatCount(finding.count),
                finding.count == 1 ? " object" : " objects", ", retaining ", FormatBytes(finding.retained_size), " (",
                FormatShare(finding.retained_size, input.total_size), " of the heap)");
}

std::string Verdict(const LeaksInput& input) {
  const size_t leaks = CountLeaks(input);
  const size_t low = static_cast<size_t>(std::count_if(input.findings.begin(), input.findings.end(), [](const Finding& f) {
    return f.priority == FindingPriority::kLow;
  }));
  if (input.findings.empty()) return "No leaks found.";
  return StrCat(FormatCount(leaks), leaks == 1 ? " leak" : " leaks",
                input.min_retained > 0 ? StrCat(" retaining at least ", FormatBytes(input.min_retained)) : "",
                low > 0 ? StrCat(", ", FormatCount(low), " lower-priority ", low == 1 ? "finding" : "findings") : "",
                ".");
}

void WriteUintArray(JsonWriter& json, std::string_view key, const std::vector<uint64_t>& values) {
  json.Key(key).BeginArray();
  for (uint64_t v : values) json.Uint(v);
  json.EndArray();
}

void WritePlace(JsonWriter& json, const analysis::SourcePlace& place) {
  json.BeginObject();
  json.Field("script", place.script);
  json.Field("script_id", place.script_id);
  json.Field("line", place.line);
  json.Field("column", place.column);
  json.Field("function", place.function);
  json.EndObject();
}

}  // namespace

size_t CountLeaks(const LeaksInput& input) {
  return static_cast<size_t>(std::count_if(input.findings.begin(), input.findings.end(), [&](const Finding& f) {
    return analysis::IsLeakAtOrAbove(f, input.min_retained);
  }));
}

std::string LeaksText(const LeaksInput& input) {
  std::string out;
  for (size_t i = 0; i < input.files.size(); ++i) {
    StrAppend(&out, input.files.size() == 1 ? "" : StrCat("S", i + 1, "  "), Printable(input.files[i]), "\n");
  }
  StrAppend(&out, "Heap ", FormatBytes(input.total_size), ". ", Verdict(input), "\n");
  const size_t shown = Shown(input);
  for (size_t i = 0; i < shown; ++i) {
    const Finding& finding = input.findings[i];
    StrAppend(&out, "\n#", i + 1, finding.priority == FindingPriority::kLow ? " (low priority) " : " ",
              Headline(input, finding), "\n");
    if (!finding.series.empty()) StrAppend(&out, "   per snapshot   ", SeriesText(finding), "\n");
    if (finding.path) {
      StrAppend(&out, "   why alive      ", ShownPathText(*input.graph, *input.analysis, *finding.path), "\n");
    } else if (finding.representative != analysis::kNoNode) {
      StrAppend(&out, "   why alive      only system roots or nothing reach ",
                NodeLabel(*input.graph, *input.analysis, finding.representative), "\n");
    }
    if (finding.place) {
      StrAppend(&out, "   where to look  ", Printable(finding.place->ToString()),
                finding.place->function.empty() ? "" : StrCat(" (", Printable(finding.place->function), ")"), "\n");
    }
    const size_t items = std::min(finding.items.size(), kMaxItems);
    for (size_t j = 0; j < items; ++j) {
      StrAppend(&out, j == 0 ? "   holds          " : "                  ", ItemText(finding.items[j]), "\n");
    }
    if (finding.items.size() > items) {
      StrAppend(&out, "                  … ", FormatCount(finding.items.size() - items), " more\n");
    }
  }
  if (shown < input.findings.size()) {
    StrAppend(&out, "\nshowing ", shown, " of ", FormatCount(input.findings.size()),
              " findings (--top N, or --top 0 for all)\n");
  }
  return out;
}

std::string LeaksJson(const LeaksInput& input) {
  std::string out;
  JsonWriter json(out);
  json.BeginObject();
  json.Field("schema_version", kSchemaVersion);
  json.Field("tool", "heapsleuth-leaks");
  json.Key("files").BeginArray();
  for (const std::string& file : input.files) json.String(file);
  json.EndArray();
  json.Field("total_size", input.total_size);
  json.Key("gate").BeginObject();
  json.Field("min_retained", input.min_retained);
  json.Field("fail_on_leaks", input.fail_on_leaks);
  json.Field("leaks", static_cast<uint64_t>(CountLeaks(input)));
  json.EndObject();
  json.Key("findings").BeginArray();
  for (const Finding& finding : input.findings) {
    json.BeginObject();
    json.Field("kind", analysis::FindingKindName(finding.kind));
    json.Field("priority", finding.priority == FindingPriority::kHigh ? "high" : "low");
    json.Field("subject", finding.subject);
    json.Field("count", finding.count);
    json.Field("retained_size", finding.retained_size);
    json.Key("representative");
    if (finding.representative != analysis::kNoNode) {
      WriteNodeSummary(json, *input.graph, *input.analysis, finding.representative);
    } else {
      json.Null();
    }
    json.Key("path");
    if (finding.path) {
      WritePath(json, *input.graph, *input.analysis, *finding.path);
    } else {
      json.Null();
    }
    json.Key("place");
    if (finding.place) {
      WritePlace(json, *finding.place);
    } else {
      json.Null();
    }
    WriteUintArray(json, "series", finding.series);
    json.Field("series_unit", finding.series_unit);
    json.Key("items").BeginArray();
    for (const analysis::FindingItem& item : finding.items) {
      json.BeginObject();
      json.Field("label", item.label);
      json.Key("node");
      if (item.node != analysis::kNoNode) {
        WriteNodeSummary(json, *input.graph, *input.analysis, item.node);
      } else {
        json.Null();
      }
      json.Field("count", item.count);
      json.Field("size", item.size);
      json.EndObject();
    }
    json.EndArray();
    json.EndObject();
  }
  json.EndArray();
  json.EndObject();
  out += "\n";
  return out;
}

std::string LeaksMarkdown(const LeaksInput& input) {
  std::string out = "## heapsleuth-leaks\n\n";
  for (size_t i = 0; i < input.files.size(); ++i) {
    StrAppend(&out, "- ", input.files.size() == 1 ? "" : StrCat("S", i + 1, ": "),
              "`", MarkdownText(input.files[i], kLabelChars), "`\n");
  }
  StrAppend(&out, "\nHeap ", FormatBytes(input.total_size), ". **", Verdict(input), "**\n");
  const size_t shown = Shown(input);
  if (shown == 0) return out;
  out += "\n| # | finding | objects | retained | where to look |\n|--:|---|--:|--:|---|\n";
  for (size_t i = 0; i < shown; ++i) {
    const Finding& f = input.findings[i];
    StrAppend(&out, "| ", i + 1, " | ", KindTitle(f.kind), f.priority == FindingPriority::kLow ? " (low)" : "",
              ": ", MarkdownText(f.subject, kTableLabelChars), " | ", FormatCount(f.count), " | ",
              FormatBytes(f.retained_size), " | ",
              f.place ? StrCat("`", MarkdownText(f.place->ToString(), kTableLabelChars), "`") : "", " |\n");
  }
  for (size_t i = 0; i < shown; ++i) {
    const Finding& f = input.findings[i];
    StrAppend(&out, "\n### ", i + 1, ". ", KindTitle(f.kind), ": ", MarkdownText(f.subject, kLabelChars), "\n\n");
    if (!f.series.empty()) StrAppend(&out, "- per snapshot: ", MarkdownText(SeriesText(f), kLabelChars), "\n");
    if (f.path) {
      StrAppend(&out, "- why alive: ",
                MarkdownText(ShownPathText(*input.graph, *input.analysis, *f.path), kMaxMarkdownPath), "\n");
    }
    if (f.place) StrAppend(&out, "- where to look: `", MarkdownText(f.place->ToString(), kLabelChars), "`\n");
    const size_t items = std::min(f.items.size(), kMaxItems);
    for (size_t j = 0; j < items; ++j) {
      StrAppend(&out, "- holds: ", MarkdownText(ItemText(f.items[j]), kLabelChars), "\n");
    }
  }
  return out;
}

}  // namespace heapsleuth::report

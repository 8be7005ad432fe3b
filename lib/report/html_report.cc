#include "lib/report/html_report.h"

#include "lib/base/str_cat.h"
#include "lib/report/json_writer.h"
#include "lib/report/report_page_files.h"

namespace heapsleuth::report {
namespace {

constexpr int kSchemaVersion = 1;

// Copies `page` up to `marker`, then `text`, and moves `from` past the
// marker: markers are filled in page order, so inserted text is never
// searched for the next marker.
void Fill(std::string_view page, size_t& from, std::string_view marker, std::string_view text, std::string& out) {
  const size_t at = page.find(marker, from);
  if (at == std::string_view::npos) return;
  out.append(page.substr(from, at - from));
  out.append(text);
  from = at + marker.size();
}

std::string JsonString(std::string_view text) {
  std::string out;
  JsonWriter(out, 0).String(text);
  return out;
}

}  // namespace

std::string JsonForScript(std::string_view json) {
  std::string out;
  out.reserve(json.size());
  bool in_string = false;
  for (size_t i = 0; i < json.size(); ++i) {
    const char c = json[i];
    if (in_string) {
      if (c == '<') {
        out += "\\u003c";
        continue;
      }
      out.push_back(c);
      if (c == '\\' && i + 1 < json.size()) {
        out.push_back(json[++i]);  // An escaped character never ends the string.
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
      out.push_back(c);
      in_string = c == '"';
    }
  }
  return out;
}

std::string HtmlReport(const HtmlReportInput& input) {
  std::string data = StrCat("{\"schema_version\":", kSchemaVersion, ",\"tool\":\"heapsleuth-report\",\"file\":",
                            JsonString(input.file_name));
  for (const HtmlSection& section : input.sections) StrAppend(&data, ",", JsonString(section.key), ":", section.json);
  data += "}";

  // The template has one marker per inlined part, in this order.
  const std::string_view page = ReportPageFile("report.html");
  std::string out;
  size_t from = 0;
  Fill(page, from, "/*@STYLE@*/", ReportPageFile("report.css"), out);
  Fill(page, from, "/*@DATA@*/", JsonForScript(data), out);
  Fill(page, from, "/*@SCRIPT@*/", ReportPageFile("report.js"), out);
  out.append(page.substr(from));
  return out;
}

}  // namespace heapsleuth::report

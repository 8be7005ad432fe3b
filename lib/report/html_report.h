// `heapsleuth-report` output: one self-contained HTML page (no network: its
// script and style are inline) that draws the JSON documents of the other
// tools' report functions, embedded whole, so every figure in the page is
// the tool's own.
//
// The page's data is one JSON object in a <script type="application/json">
// element (schemas/report.schema.json):
//
//   {"schema_version": 1, "tool": "heapsleuth-report", "file": ...,
//    "summary":        heapsleuth-summary --json        (required)
//    "dominator_tree": dominator_tree_report.h          (required)
//    "leaks":  heapsleuth-leaks --json, "growth": heapsleuth-growth --json  (future, optional)}
//
// The seam for new sections: add an HtmlSection with the tool's document
// here, its key to the schema, and a renderer to SECTIONS in
// lib/report/html/report.js; the page draws each section whose key is
// present and skips the others.
#ifndef HEAPSLEUTH_LIB_REPORT_HTML_REPORT_H_
#define HEAPSLEUTH_LIB_REPORT_HTML_REPORT_H_

#include <string>
#include <string_view>
#include <vector>

namespace heapsleuth::report {

// A JSON document (as a report function writes it) under its key.
struct HtmlSection {
  std::string key;
  std::string json;
};

struct HtmlReportInput {
  std::string file_name;
  std::vector<HtmlSection> sections;  // In the data object's key order.
};

std::string HtmlReport(const HtmlReportInput& input);

// `json` (valid JSON) made safe and small for a <script> element: the
// whitespace between tokens dropped, and every '<' written "\u003c", so no
// string in the heap can close the element ("</script>") or open a comment
// ("<!--"). The result parses to the same value.
std::string JsonForScript(std::string_view json);

}  // namespace heapsleuth::report

#endif  // HEAPSLEUTH_LIB_REPORT_HTML_REPORT_H_

#include "lib/report/html_report.h"

#include <catch2/catch.hpp>

#include "lib/report/report_page_files.h"

namespace heapsleuth {
namespace {

size_t Count(std::string_view text, std::string_view what) {
  size_t count = 0;
  for (size_t at = text.find(what); at != std::string_view::npos; at = text.find(what, at + 1)) ++count;
  return count;
}

TEST_CASE("JSON for a script element drops whitespace and escapes every '<'") {
  CHECK(report::JsonForScript("{\n  \"a\": \"</script><!-- x\",\n  \"b\" : [1, 2]\n}\n") ==
        "{\"a\":\"\\u003c/script>\\u003c!-- x\",\"b\":[1,2]}");
  // Escaped quotes and backslashes do not end a string; spaces in strings stay.
  CHECK(report::JsonForScript(R"({"s": "a\" </b> \\", "t": " x "})") == R"({"s":"a\" \u003c/b> \\","t":" x "})");
  CHECK(report::JsonForScript("\"\\u003c\"") == "\"\\u003c\"");
}

TEST_CASE("The report page inlines its files and the data, and nothing closes early") {
  REQUIRE(!report::ReportPageFile("report.html").empty());
  REQUIRE(!report::ReportPageFile("report.js").empty());
  REQUIRE(!report::ReportPageFile("report.css").empty());
  CHECK(report::ReportPageFile("no-such-file").empty());
  const std::string page = report::HtmlReport(
      {"</script>.heapsnapshot", {{"summary", "{\"name\": \"</script><script>alert(1)</script>\"}"}}});
  CHECK(Count(page, "</script>") == 2);  // The data element's and the script's own.
  CHECK(Count(page, "</style>") == 1);
  CHECK(page.find("/*@") == std::string::npos);  // Every marker filled.
  CHECK(page.find("\"summary\":{\"name\":\"\\u003c/script>\\u003cscript>alert(1)\\u003c/script>\"}") !=
        std::string::npos);
  CHECK(page.find(report::ReportPageFile("report.js")) != std::string::npos);
}

}  // namespace
}  // namespace heapsleuth

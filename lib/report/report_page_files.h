// The report page's own files (lib/report/html/: report.html, report.css,
// report.js), compiled into the library at build time by
// cmake/embed_files.cmake, so the tools need nothing beside their binary.
// The build fails if report.js holds "</script" or report.css "</style",
// which would end their inline element early.
#ifndef HEAPSLEUTH_LIB_REPORT_REPORT_PAGE_FILES_H_
#define HEAPSLEUTH_LIB_REPORT_REPORT_PAGE_FILES_H_

#include <string_view>

namespace heapsleuth::report {

// The text of the embedded file `name` ("report.js"); empty when there is none.
std::string_view ReportPageFile(std::string_view name);

}  // namespace heapsleuth::report

#endif  // HEAPSLEUTH_LIB_REPORT_REPORT_PAGE_FILES_H_

// Aligned plain-text tables for the human output of the tools.
#ifndef HEAPSLEUTH_LIB_REPORT_TEXT_TABLE_H_
#define HEAPSLEUTH_LIB_REPORT_TEXT_TABLE_H_

#include <string>
#include <string_view>
#include <vector>

namespace heapsleuth::report {

class TextTable {
 public:
  enum class Align { kLeft, kRight };

  // One entry per column.
  TextTable(std::vector<std::string> headers, std::vector<Align> aligns)
      : headers_(std::move(headers)), aligns_(std::move(aligns)) {}

  void AddRow(std::vector<std::string> cells) { rows_.push_back(std::move(cells)); }
  // Renders with two spaces between columns; widths count code points.
  // Every line starts with `indent`.
  std::string Render(std::string_view indent = {}) const;

 private:
  std::vector<std::string> headers_;
  std::vector<Align> aligns_;
  std::vector<std::vector<std::string>> rows_;
};

}  // namespace heapsleuth::report

#endif  // HEAPSLEUTH_LIB_REPORT_TEXT_TABLE_H_

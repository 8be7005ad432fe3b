// A read-only column of fixed-size values that either owns its rows (a
// std::vector, as built by the parser and the analyses) or views rows that
// live elsewhere (a section of a mapped index file, graph/index_file.h).
//
//   owned:  vector_ [r0|r1|...]      data_ -> vector_.data()
//   view:   vector_ empty            data_ -> mapping + section offset
//                                    keepalive_ holds the mapping open
//
// Why: the graph and the analyses kept std::vectors; reopening from the index
// must not copy gigabytes of columns, and rewriting every algorithm over spans
// would touch most of the code. A Column reads like a const vector (size,
// [], begin/end, data) and converts to std::span<const T>, which is what
// functions that only read a column take. Rows are read through one raw
// pointer, so the hot loops compile to what they did over a vector.
// Code that fills a column builds a std::vector and moves it in.
// Cost: a pointer, a size and a shared_ptr beside the vector.
#ifndef HEAPSLEUTH_LIB_BASE_COLUMN_H_
#define HEAPSLEUTH_LIB_BASE_COLUMN_H_

#include <cstddef>
#include <memory>
#include <span>
#include <utility>
#include <vector>

namespace heapsleuth {

template <typename T>
class Column {
 public:
  using value_type = T;
  using const_iterator = const T*;
  using iterator = const T*;

  Column() = default;
  // Takes the rows (implicit, so that `column = BuildVector()` reads naturally).
  Column(std::vector<T>&& rows) : vector_(std::move(rows)), data_(vector_.data()), size_(vector_.size()) {}  // NOLINT
  Column& operator=(std::vector<T>&& rows) {
    vector_ = std::move(rows);
    keepalive_.reset();
    data_ = vector_.data();
    size_ = vector_.size();
    return *this;
  }
  // Views `size` rows at `data`, valid while `keepalive` (the mapping) lives.
  static Column View(const T* data, size_t size, std::shared_ptr<const void> keepalive) {
    Column column;
    column.data_ = data;
    column.size_ = size;
    column.keepalive_ = std::move(keepalive);
    return column;
  }

  Column(const Column& other) { *this = other; }
  Column& operator=(const Column& other) {
    if (this == &other) return *this;
    vector_ = other.vector_;
    keepalive_ = other.keepalive_;
    data_ = other.is_view() ? other.data_ : vector_.data();
    size_ = other.size_;
    return *this;
  }
  // A moved std::vector keeps its buffer, so data_ stays valid.
  Column(Column&& other) noexcept { *this = std::move(other); }
  Column& operator=(Column&& other) noexcept {
    if (this == &other) return *this;
    const bool view = other.is_view();
    vector_ = std::move(other.vector_);
    keepalive_ = std::move(other.keepalive_);
    data_ = view ? other.data_ : vector_.data();
    size_ = other.size_;
    other.data_ = nullptr;
    other.size_ = 0;
    other.vector_.clear();
    return *this;
  }

  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  const T* data() const { return data_; }
  const T& operator[](size_t row) const { return data_[row]; }
  const T& back() const { return data_[size_ - 1]; }
  const T* begin() const { return data_; }
  const T* end() const { return data_ + size_; }
  std::span<const T> span() const { return {data_, size_}; }
  operator std::span<const T>() const { return span(); }  // NOLINT: reads as a vector would.

  // True when the rows live in a mapping rather than in this column.
  bool is_view() const { return data_ != nullptr && vector_.empty(); }

  // The owned rows, for code that appends to them (SizeColumn, StringTable);
  // call Sync() after. Only for owned columns: a view is read-only.
  std::vector<T>& MutableRows() {
    data_ = vector_.data();
    return vector_;
  }
  // Call after changing the size of MutableRows().
  void Sync() {
    data_ = vector_.data();
    size_ = vector_.size();
  }

 private:
  std::vector<T> vector_;
  const T* data_ = nullptr;
  size_t size_ = 0;
  std::shared_ptr<const void> keepalive_;
};

}  // namespace heapsleuth

#endif  // HEAPSLEUTH_LIB_BASE_COLUMN_H_

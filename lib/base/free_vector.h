// Gives a vector's memory back now.
//
// `v = {}` and `v.clear()` keep the capacity (`= {}` picks the
// initializer-list assignment), so a big scratch array would stay allocated
// until it goes out of scope. Analyses free scratch arrays as soon as a step
// ends so that peak memory is the largest step, not the sum of them.
#ifndef HEAPSLEUTH_LIB_BASE_FREE_VECTOR_H_
#define HEAPSLEUTH_LIB_BASE_FREE_VECTOR_H_

#include <vector>

namespace heapsleuth {

template <typename T, typename Allocator>
void FreeVector(std::vector<T, Allocator>& v) {
  std::vector<T, Allocator>().swap(v);
}

}  // namespace heapsleuth

#endif  // HEAPSLEUTH_LIB_BASE_FREE_VECTOR_H_

// Every heapsleuth tool's global operator new and delete: a block of 4 MiB or
// more gets a mapping of its own, aligned to 2 MiB and advised
// MADV_HUGEPAGE before anything touches it, so that the kernel backs the
// graph's columns and the analyses' arrays with transparent huge pages;
// smaller blocks come from malloc as usual.
//
// Why: a cold run spends much of its time faulting in fresh memory (about
// 700 MB for a 500 MB snapshot) and then reads it at random (edge targets,
// the dominator tree, BFS queues): one fault and one TLB entry per 2 MiB
// instead of per 4 KiB. Debian 12 sets transparent huge pages to
// "madvise", so without the advice every page is 4 KiB. Measured on the
// 2-core benchmark VM, where faulting in 4 KiB pages ran at ~300 MB/s
// (tests/bench/README.md): heapsleuth-summary on big500 4.9-5.4 s -> 2.1-3.2
// s, 288 k -> 20 k page faults, peak RSS 686 -> 703 MB (blocks end on a
// 2 MiB boundary). Advising malloc's own mappings instead (glibc's
// glibc.malloc.hugetlb=1 does the same) got 2.7-4.3 s: malloc writes its
// chunk header into the first page, so the first 2 MiB of every block, and
// its unaligned tail, stay in small pages.
//
// Each mapped block is recorded in a fixed table (no allocation inside
// operator new), looked up by address on delete: only 2 MiB-aligned pointers
// are looked up, and no malloc'd block is ever freed with munmap. When the
// table is full or the mapping fails, malloc serves the block.
//
// Only the tools link this file (an object library, so it is always linked,
// not pulled from an archive); the library and the tests allocate as usual.
// Under AddressSanitizer it is left out: ASan must see every block to catch
// an overflow.
#include <sys/mman.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <mutex>
#include <new>

#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define HEAPSLEUTH_ASAN 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__)
#define HEAPSLEUTH_ASAN 1
#endif

#ifndef HEAPSLEUTH_ASAN

namespace {

constexpr std::uintptr_t kHugePage = std::uintptr_t{2} << 20;
constexpr std::size_t kMapFrom = std::size_t{4} << 20;

// The live mapped blocks. 1,024 of at least 4 MiB is 4 GiB and more at once;
// a tool holds a few dozen (one per column and scratch array).
class MappedBlocks {
 public:
  bool Add(void* block, std::size_t bytes) {
    std::lock_guard<std::mutex> lock(mutex_);
    for (Entry& entry : entries_) {
      if (entry.block == nullptr) {
        entry = {block, bytes};
        return true;
      }
    }
    return false;
  }
  // The block's mapped size, forgotten; 0 when it is not one of ours.
  std::size_t Remove(void* block) {
    std::lock_guard<std::mutex> lock(mutex_);
    for (Entry& entry : entries_) {
      if (entry.block == block) {
        const std::size_t bytes = entry.bytes;
        entry = {};
        return bytes;
      }
    }
    return 0;
  }

 private:
  struct Entry {
    void* block = nullptr;
    std::size_t bytes = 0;
  };
  std::mutex mutex_;
  std::array<Entry, 1024> entries_;
};

MappedBlocks& Blocks() {
  static MappedBlocks blocks;  // Constructed on first use: no allocation, no order problem.
  return blocks;
}

std::uintptr_t RoundUp(std::uintptr_t value) { return (value + kHugePage - 1) & ~(kHugePage - 1); }

// A fresh mapping of `size` bytes rounded up to 2 MiB, at a 2 MiB boundary
// (over-mapped by 2 MiB, the ends trimmed); nullptr when it cannot be had.
void* MapBlock(std::size_t size) {
  const std::size_t bytes = RoundUp(size);
  if (bytes < size || bytes + kHugePage < bytes) return nullptr;  // Overflow: let malloc refuse it.
  void* raw = ::mmap(nullptr, bytes + kHugePage, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (raw == MAP_FAILED) return nullptr;
  const auto start = reinterpret_cast<std::uintptr_t>(raw);
  const std::uintptr_t aligned = RoundUp(start);
  if (aligned > start) ::munmap(raw, aligned - start);
  const std::uintptr_t end = start + bytes + kHugePage;
  if (end > aligned + bytes) ::munmap(reinterpret_cast<void*>(aligned + bytes), end - (aligned + bytes));
  void* block = reinterpret_cast<void*>(aligned);
  // Advice only: where the kernel has no huge page to give, it maps small ones.
  ::madvise(block, bytes, MADV_HUGEPAGE);
  if (!Blocks().Add(block, bytes)) {
    ::munmap(block, bytes);
    return nullptr;
  }
  return block;
}

// Unmaps `block` if it is one of ours.
bool UnmapBlock(void* block) {
  if ((reinterpret_cast<std::uintptr_t>(block) & (kHugePage - 1)) != 0) return false;
  const std::size_t bytes = Blocks().Remove(block);
  if (bytes == 0) return false;
  ::munmap(block, bytes);
  return true;
}

}  // namespace

void* operator new(std::size_t size) {
  if (size >= kMapFrom) {
    if (void* block = MapBlock(size)) return block;
  }
  void* block = std::malloc(size == 0 ? 1 : size);
  if (block == nullptr) throw std::bad_alloc();
  return block;
}

void operator delete(void* block) noexcept {
  if (block != nullptr && !UnmapBlock(block)) std::free(block);
}
void operator delete(void* block, std::size_t) noexcept { operator delete(block); }

#endif  // HEAPSLEUTH_ASAN

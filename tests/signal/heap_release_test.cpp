// detail::release_free_heap gives back the pages of heap holes: memory freed between allocations
// that stay (the pattern of a streamed run: spilled bins and fragment lists between long-lived
// scan metadata), which glibc's free() keeps resident.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstddef>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <vector>

#include <unistd.h>

#include "heap_release.hpp"

namespace sidepeak::signal {
namespace {

// Resident bytes of this process (/proc/self/statm, second field in pages).
std::size_t resident_bytes() {
    std::FILE* f = std::fopen("/proc/self/statm", "r");
    if (f == nullptr) return 0;
    unsigned long size = 0;
    unsigned long resident = 0;
    const int read = std::fscanf(f, "%lu %lu", &size, &resident);
    std::fclose(f);
    return read == 2 ? static_cast<std::size_t>(resident) * static_cast<std::size_t>(sysconf(_SC_PAGESIZE)) : 0;
}

TEST(HeapRelease, HolesBetweenLiveBlocksLeaveTheResidentSet) {
#if !defined(__GLIBC__)
    GTEST_SKIP() << "malloc_trim is glibc's";
#else
    constexpr std::size_t kBlock = 16 * 1024;         // below glibc's mmap threshold: heap blocks
    constexpr std::size_t kBlocks = 8 * 1024;          // 128 MiB in all
    constexpr std::size_t kKeepEvery = 64;             // one block in 64 stays: the heap cannot shrink
    std::vector<std::unique_ptr<char[]>> blocks(kBlocks);
    for (auto& b : blocks) {
        b = std::make_unique<char[]>(kBlock);
        for (std::size_t i = 0; i < kBlock; i += 1024) b[i] = 1;  // touched: resident
    }
    for (std::size_t k = 0; k < kBlocks; ++k) {
        if (k % kKeepEvery != 0 && k + 1 != kBlocks) blocks[k].reset();
    }
    const std::size_t before = resident_bytes();
    detail::release_free_heap();
    const std::size_t after = resident_bytes();
    ASSERT_GT(before, 0u);
    // About 126 MiB of holes; at least half of them must leave the resident set.
    EXPECT_GT(before - std::min(before, after), kBlock * kBlocks / 2) << "before " << before << " after " << after;
#endif
}

}  // namespace
}  // namespace sidepeak::signal

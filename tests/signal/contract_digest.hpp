#pragma once
// The repeat and thread part of the algorithm contract (tests/signal/algorithm_contract_test.cpp):
// a result reduced to the bit patterns of its numbers, computed once, again, and on eight threads
// at once, every digest bit-identical to the first.
#include <bit>
#include <cstdint>
#include <functional>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

namespace contract {

inline constexpr int kThreads = 8;

using Digest = std::vector<std::uint64_t>;  // a result as the bit patterns of its numbers

inline void add(Digest& d, double v) { d.push_back(std::bit_cast<std::uint64_t>(v)); }
inline void add(Digest& d, const std::vector<double>& v) {
    d.push_back(v.size());
    for (const double x : v) add(d, x);
}

// Runs `run` once, again, and on kThreads threads at once: every result bit-identical to the first.
inline void expect_repeatable_and_thread_safe(const std::function<Digest()>& run) {
    const Digest first = run();
    ASSERT_FALSE(first.empty());
    EXPECT_EQ(run(), first) << "a repeat differs";
    std::vector<Digest> results(kThreads);
    {
        std::vector<std::jthread> threads;
        for (int t = 0; t < kThreads; ++t) threads.emplace_back([&results, &run, t] { results[static_cast<std::size_t>(t)] = run(); });
    }
    for (int t = 0; t < kThreads; ++t) EXPECT_EQ(results[static_cast<std::size_t>(t)], first) << "thread " << t << " differs";
}

}  // namespace contract

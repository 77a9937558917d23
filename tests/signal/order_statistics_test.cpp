// Order statistics of signal/robust_stats.hpp: the k-th order statistic, the upper empirical
// quantile and the MAD sigma with the upper median, on sets whose answers are known exactly; and
// the baselines' second-difference noise sigma (baseline_lsq.hpp), which is built on them.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <numeric>
#include <random>
#include <vector>

#include "baseline_lsq.hpp"
#include "sidepeak/signal/robust_stats.hpp"

namespace {
using namespace sidepeak::signal;

// 0, 1, ..., n-1 in a fixed shuffled order: the value of rank k is k.
std::vector<double> shuffled_ranks(std::size_t n) {
    std::vector<double> v(n);
    std::iota(v.begin(), v.end(), 0.0);
    std::mt19937 rng(12);
    std::shuffle(v.begin(), v.end(), rng);
    return v;
}

TEST(OrderStatistics, RankKIsTheKthSmallestAndARankPastTheEndTheLargest) {
    std::vector<double> empty;
    EXPECT_EQ(order_statistic_inplace(empty, 0), 0.0);
    for (std::size_t k = 0; k < 7; ++k) {
        auto v = shuffled_ranks(7);
        EXPECT_EQ(order_statistic_inplace(v, k), static_cast<double>(k));
    }
    auto v = shuffled_ranks(7);
    EXPECT_EQ(order_statistic_inplace(v, 100), 6.0);
}

TEST(OrderStatistics, UpperQuantileTakesRankFloorQN) {
    // 0..99: the q-quantile is floor(100 q).
    const double q_values[] = {0.0, 0.05, 0.1, 0.25, 0.5, 0.9, 0.999};
    for (const double q : q_values) {
        auto v = shuffled_ranks(100);
        EXPECT_EQ(upper_quantile_inplace(v, q), std::floor(100.0 * q)) << q;
    }
    auto all = shuffled_ranks(100);
    EXPECT_EQ(upper_quantile_inplace(all, 1.0), 99.0);  // q = 1: the largest value
    auto below = shuffled_ranks(100);
    EXPECT_EQ(upper_quantile_inplace(below, -0.5), 0.0);
    auto nan = shuffled_ranks(100);
    EXPECT_EQ(upper_quantile_inplace(nan, std::numeric_limits<double>::quiet_NaN()), 0.0);
    std::vector<double> empty;
    EXPECT_EQ(upper_quantile_inplace(empty, 0.5), 0.0);
}

TEST(OrderStatistics, TenthQuantileIsRankNOverTenForEveryCount) {
    // The phase-region floor reads rank n/10 (integer division); 0.1 n in floating point must floor
    // to that same rank for every count, the multiples of ten included.
    for (std::size_t n = 1; n <= 2000; ++n) {
        auto v = shuffled_ranks(n);
        ASSERT_EQ(upper_quantile_inplace(v, 0.1), static_cast<double>(n / 10)) << n;
    }
}

TEST(OrderStatistics, UpperQuantileOfOneHalfIsTheUpperMedian) {
    for (std::size_t n = 1; n <= 12; ++n) {
        auto a = shuffled_ranks(n);
        auto b = a;
        EXPECT_EQ(upper_quantile_inplace(a, 0.5), upper_median_inplace(b)) << n;
    }
}

TEST(OrderStatistics, UpperMadSigmaUsesTheNonAveragingMedianTwice) {
    // {1, 2, 4, 8}: upper median 4, deviations {3, 2, 0, 4}, their upper median 3.
    std::vector<double> v = {8.0, 1.0, 4.0, 2.0};
    EXPECT_DOUBLE_EQ(upper_mad_sigma_inplace(v), 3.0 * kMadToSigma);
    // The averaging MAD of the same set: median 3, deviations {2, 1, 1, 5}, median 1.5.
    EXPECT_DOUBLE_EQ(mad_sigma(std::vector<double>{8.0, 1.0, 4.0, 2.0}), 1.5 * kMadToSigma);
    // Odd count: both agree. {1..5}: median 3, deviations {2, 1, 0, 1, 2}, MAD 1.
    std::vector<double> odd = {5.0, 3.0, 1.0, 4.0, 2.0};
    EXPECT_DOUBLE_EQ(upper_mad_sigma_inplace(odd), kMadToSigma);
    std::vector<double> empty;
    EXPECT_EQ(upper_mad_sigma_inplace(empty), 0.0);
}

TEST(OrderStatistics, SecondDifferenceSigmaIgnoresAParabolaAndReadsTheNoise) {
    // A parabola has a constant second difference: no deviation, sigma 0.
    std::vector<double> parabola(64);
    for (std::size_t i = 0; i < parabola.size(); ++i) parabola[i] = 0.3 * static_cast<double>(i * i) - 2.0 * static_cast<double>(i);
    EXPECT_NEAR(sidepeak::signal::detail::second_difference_sigma(parabola), 0.0, 1e-9);
    // Too short: no estimate.
    EXPECT_EQ(sidepeak::signal::detail::second_difference_sigma(std::vector<double>(7, 1.0)), 0.0);
    // Alternating +-a on the parabola: the 62 second differences are c + 4a and c - 4a, 31 each
    // (c = 0.6, the parabola's). Their upper median is c + 4a, the deviations from it 0 and 8a,
    // 31 each, whose upper median is 8a: sigma 1.4826 * 8a / sqrt(6). (The averaging MAD would be
    // 4a: the baselines read the upper one.)
    const double a = 0.25;
    std::vector<double> y = parabola;
    for (std::size_t i = 0; i < y.size(); ++i) y[i] += (i % 2 == 0 ? a : -a);
    EXPECT_NEAR(sidepeak::signal::detail::second_difference_sigma(y), kMadToSigma * 8.0 * a / std::sqrt(6.0), 1e-9);
}

}  // namespace

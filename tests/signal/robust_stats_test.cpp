// Median, upper median and MAD sigma (signal/robust_stats.hpp).
#include "sidepeak/signal/robust_stats.hpp"

#include <gtest/gtest.h>

#include <vector>

namespace {
using namespace sidepeak::signal;

TEST(RobustStats, MedianAveragesTheTwoMiddleValuesOfAnEvenCount) {
    EXPECT_EQ(median(std::vector<double>{}), 0.0);
    EXPECT_EQ(median(std::vector<double>{5.0, 1.0, 3.0}), 3.0);
    EXPECT_EQ(median(std::vector<double>{4.0, 1.0, 3.0, 2.0}), 2.5);
    const std::vector<double> input = {9.0, 2.0, 7.0, 4.0};
    const std::vector<double> copy = input;
    (void)median(input);
    EXPECT_EQ(input, copy);  // the copying form leaves its input alone
}

TEST(RobustStats, UpperMedianTakesRankHalfN) {
    std::vector<double> empty;
    EXPECT_EQ(upper_median_inplace(empty), 0.0);
    std::vector<double> odd = {5.0, 1.0, 3.0};
    EXPECT_EQ(upper_median_inplace(odd), 3.0);
    std::vector<double> even = {4.0, 1.0, 3.0, 2.0};
    EXPECT_EQ(upper_median_inplace(even), 3.0);
}

TEST(RobustStats, MadSigmaOfASymmetricSet) {
    // median 3, deviations {2, 1, 0, 1, 2} -> MAD 1.
    EXPECT_DOUBLE_EQ(mad_sigma(std::vector<double>{1.0, 2.0, 3.0, 4.0, 5.0}), kMadToSigma);
    EXPECT_EQ(mad_sigma(std::vector<double>{}), 0.0);
    std::vector<double> v = {1.0, 2.0, 3.0, 4.0, 5.0};
    EXPECT_DOUBLE_EQ(mad_sigma_inplace(v), kMadToSigma);
}

}  // namespace

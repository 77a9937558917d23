#include "sidepeak/signal/fft.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <numbers>
#include <random>
#include <thread>
#include <vector>

namespace {

using cd = std::complex<double>;
using sidepeak::signal::fft_forward;
using sidepeak::signal::fft_inverse;
using sidepeak::signal::fft_shift;

std::vector<cd> naive_dft(const std::vector<cd>& x, int sign) {
    const std::size_t n = x.size();
    std::vector<cd> out(n);
    for (std::size_t k = 0; k < n; ++k) {
        cd s{0, 0};
        for (std::size_t j = 0; j < n; ++j)
            s += x[j] * std::polar(1.0, sign * 2.0 * std::numbers::pi * static_cast<double>((j * k) % n) / static_cast<double>(n));
        out[k] = s;
    }
    return out;
}

std::vector<cd> random_vector(std::size_t n, unsigned seed) {
    std::mt19937 rng(seed);
    std::normal_distribution<double> g;
    std::vector<cd> x(n);
    for (auto& v : x) v = {g(rng), g(rng)};
    return x;
}

class FftSizes : public ::testing::TestWithParam<std::size_t> {};

TEST_P(FftSizes, ForwardMatchesNaiveDft) {
    const auto x = random_vector(GetParam(), 1);
    auto y = x;
    fft_forward(y);
    const auto ref = naive_dft(x, -1);
    for (std::size_t k = 0; k < x.size(); ++k) EXPECT_NEAR(std::abs(y[k] - ref[k]), 0.0, 1e-9) << k;
}

TEST_P(FftSizes, InverseMatchesNaiveDftAndRoundTrips) {
    const auto x = random_vector(GetParam(), 2);
    auto y = x;
    fft_inverse(y);
    const auto ref = naive_dft(x, +1);
    for (std::size_t k = 0; k < x.size(); ++k) EXPECT_NEAR(std::abs(y[k] - ref[k]), 0.0, 1e-9) << k;
    fft_forward(y);
    for (std::size_t k = 0; k < x.size(); ++k)
        EXPECT_NEAR(std::abs(y[k] / static_cast<double>(x.size()) - x[k]), 0.0, 1e-12);
}

INSTANTIATE_TEST_SUITE_P(Lengths, FftSizes, ::testing::Values(1, 2, 3, 7, 64, 100, 256, 1000, 1024));

TEST(Fft, UnalignedArrayUsesItsOwnPlan) {
    // A span starting one element into a vector is (usually) not SIMD-aligned.
    auto x = random_vector(257, 3);
    const std::vector<cd> src(x.begin() + 1, x.end());
    std::span<cd> tail(x.data() + 1, 256);
    fft_forward(tail);
    const auto ref = naive_dft(src, -1);
    for (std::size_t k = 0; k < 256; ++k) EXPECT_NEAR(std::abs(tail[k] - ref[k]), 0.0, 1e-9);
}

TEST(Fft, ThreadSafeConcurrentCalls) {
    const auto x = random_vector(4096, 4);
    auto ref = x;
    fft_forward(ref);
    std::vector<std::thread> threads;
    std::vector<int> ok(4, 0);
    for (int t = 0; t < 4; ++t)
        threads.emplace_back([&, t] {
            bool good = true;
            for (int rep = 0; rep < 20; ++rep) {
                auto y = x;
                fft_forward(y);
                auto z = random_vector(static_cast<std::size_t>(500 + t), static_cast<unsigned>(t));  // plan creation racing
                fft_inverse(z);
                for (std::size_t k = 0; k < y.size(); ++k) good = good && std::abs(y[k] - ref[k]) < 1e-9;
            }
            ok[static_cast<std::size_t>(t)] = good ? 1 : 0;
        });
    for (auto& th : threads) th.join();
    for (int v : ok) EXPECT_EQ(v, 1);
}

TEST(Fft, ShiftMovesZeroFrequencyToTheMiddle) {
    std::vector<cd> even{0, 1, 2, 3, 4, 5};
    fft_shift(even);
    EXPECT_EQ(even[3], cd(0));
    EXPECT_EQ(even[0], cd(3));
    std::vector<cd> odd{0, 1, 2, 3, 4};
    fft_shift(odd);  // numpy: [3, 4, 0, 1, 2]
    EXPECT_EQ(odd[2], cd(0));
    EXPECT_EQ(odd[0], cd(3));
    std::vector<cd> empty;
    fft_shift(empty);
    fft_forward(empty);
    EXPECT_TRUE(empty.empty());
}

}  // namespace

#pragma once
// Random draws of the spike-in simulators. std::mt19937_64 is specified bit for bit by the
// standard, the std distributions are not: these draws are written out so a seed gives the same
// samples with every standard library.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <numbers>
#include <random>

namespace sidepeak::spikein {

class SpikeRandom {
public:
    explicit SpikeRandom(std::uint64_t seed) : engine_(seed) {}

    /// Uniform in [0, 1) with 53 random bits.
    double uniform() { return static_cast<double>(engine_() >> 11) * 0x1.0p-53; }
    double uniform(double lo, double hi) { return lo + (hi - lo) * uniform(); }
    /// Log-uniform in [lo, hi] (lo, hi > 0).
    double log_uniform(double lo, double hi) { return lo * std::exp(std::log(hi / lo) * uniform()); }
    bool chance(double p) { return uniform() < p; }
    /// Integer in [lo, hi].
    int integer(int lo, int hi) {
        return lo + static_cast<int>(std::floor(uniform() * static_cast<double>(hi - lo + 1)));
    }
    std::size_t index(std::size_t n) {
        const auto i = static_cast<std::size_t>(std::floor(uniform() * static_cast<double>(n)));
        return i < n ? i : n - 1;
    }
    double sign() { return chance(0.5) ? 1.0 : -1.0; }
    /// Standard normal (Box-Muller, one value per call).
    double normal() {
        const double u1 = 1.0 - uniform();  // (0, 1]
        const double u2 = uniform();
        return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * std::numbers::pi * u2);
    }
    /// A seed for an independent child stream (one per sample).
    std::uint64_t split() { return engine_(); }

private:
    std::mt19937_64 engine_;
};

}  // namespace sidepeak::spikein

#pragma once
// Portable random numbers for the sample generator. std::mt19937_64 is specified bit for bit by
// the C++ standard, but the std:: distributions are not (libstdc++ and libc++ differ, and may
// change between versions), so every distribution here is built from the raw 64-bit output.
#include <cmath>
#include <cstdint>
#include <random>
#include <string_view>

namespace sidepeak::gen {

class Rng {
public:
    explicit Rng(std::uint64_t seed) : engine_(seed) {}

    /// A child generator whose stream depends only on this seed and `label` (FNV-1a), so
    /// adding draws in one sample never shifts the numbers of another.
    [[nodiscard]] static Rng derive(std::uint64_t seed, std::string_view label) {
        std::uint64_t h = 1469598103934665603ULL ^ seed;
        for (const char c : label) {
            h ^= static_cast<unsigned char>(c);
            h *= 1099511628211ULL;
        }
        return Rng(h);
    }

    /// Uniform in [0, 1) with 53 random bits.
    double uniform() { return static_cast<double>(engine_() >> 11) * 0x1.0p-53; }
    double uniform(double lo, double hi) { return lo + (hi - lo) * uniform(); }
    /// Uniform integer in [lo, hi] (inclusive), by rejection so there is no modulo bias.
    int integer(int lo, int hi) {
        const std::uint64_t span = static_cast<std::uint64_t>(hi - lo) + 1;
        const std::uint64_t limit = UINT64_MAX - UINT64_MAX % span;
        std::uint64_t x = engine_();
        while (x >= limit) x = engine_();
        return lo + static_cast<int>(x % span);
    }
    bool chance(double p) { return uniform() < p; }
    /// Standard normal by the Box-Muller transform (Box & Muller, Ann. Math. Stat. 29, 610, 1958);
    /// the second value of each pair is kept for the next call.
    double normal() {
        if (has_spare_) {
            has_spare_ = false;
            return spare_;
        }
        double u1 = uniform();
        while (u1 <= 0.0) u1 = uniform();
        const double u2 = uniform();
        const double r = std::sqrt(-2.0 * std::log(u1));
        const double a = 2.0 * 3.14159265358979323846 * u2;
        spare_ = r * std::sin(a);
        has_spare_ = true;
        return r * std::cos(a);
    }
    double normal(double mean, double sigma) { return mean + sigma * normal(); }
    /// Log-normal with the given median and log-sigma.
    double lognormal(double median, double log_sigma) { return median * std::exp(log_sigma * normal()); }

private:
    std::mt19937_64 engine_;
    double spare_ = 0.0;
    bool has_spare_ = false;
};

}  // namespace sidepeak::gen

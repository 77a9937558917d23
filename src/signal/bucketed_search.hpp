#pragma once
// Lower-bound search in a sorted array in expected O(1): the value range is cut into as many
// equal-width buckets as there are values and each bucket remembers its first element, so a query
// computes its bucket and binary-searches only inside it (bucket / interpolation search; Knuth,
// TAOCP vol. 3, 6.2.1). Clustered values degrade gracefully to a binary search of one bucket.
// Private to the LC-MS feature code (mass traces, adduct grouping).
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <span>
#include <vector>

namespace sidepeak::signal::detail {

class BucketedSearch {
public:
    BucketedSearch() = default;
    /// `sorted` must be ascending, finite and outlive this object.
    explicit BucketedSearch(std::span<const double> sorted) : v_(sorted) {
        const std::size_t n = v_.size();
        if (n == 0) return;
        lo_ = v_.front();
        const double range = v_.back() - lo_;
        buckets_ = std::max<std::size_t>(1, n);
        inv_width_ = range > 0.0 ? static_cast<double>(buckets_) / range : 0.0;
        start_.resize(buckets_ + 1);
        std::size_t next = 0;
        for (std::size_t i = 0; i < n; ++i) {
            const std::size_t b = bucket(v_[i]);
            while (next <= b) start_[next++] = static_cast<std::uint32_t>(i);
        }
        while (next <= buckets_) start_[next++] = static_cast<std::uint32_t>(n);
    }

    /// Index of the first element >= x (size() when none).
    [[nodiscard]] std::size_t lower_bound(double x) const {
        const std::size_t n = v_.size();
        if (n == 0 || !(x > lo_)) return 0;
        if (x > v_.back()) return n;
        const std::size_t b = bucket(x);
        const auto first = v_.begin() + start_[b];
        const auto last = v_.begin() + start_[b + 1];
        return static_cast<std::size_t>(std::lower_bound(first, last, x) - v_.begin());
    }

private:
    // Monotone in v, so every element of a lower bucket is smaller than any value of a higher one.
    [[nodiscard]] std::size_t bucket(double v) const {
        const double f = (v - lo_) * inv_width_;
        if (!(f > 0.0)) return 0;
        return std::min(buckets_ - 1, static_cast<std::size_t>(f));
    }

    std::span<const double> v_;
    double lo_ = 0.0;
    double inv_width_ = 0.0;
    std::size_t buckets_ = 0;
    std::vector<std::uint32_t> start_;
};

}  // namespace sidepeak::signal::detail

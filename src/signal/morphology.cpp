#include "sidepeak/signal/morphology.hpp"

#include <algorithm>
#include <deque>

namespace sidepeak::signal {
namespace {

template <class Better>
std::vector<double> sliding(std::span<const double> y, std::size_t half, Better better) {
    const std::size_t n = y.size();
    std::vector<double> out(n);
    std::deque<std::size_t> dq;  // indices whose values are monotonic in `better` order
    std::size_t next = 0;
    for (std::size_t i = 0; i < n; ++i) {
        const std::size_t hi = std::min(n - 1, i + half);
        while (next <= hi) {
            while (!dq.empty() && better(y[next], y[dq.back()])) dq.pop_back();
            dq.push_back(next++);
        }
        const std::size_t lo = i >= half ? i - half : 0;
        while (dq.front() < lo) dq.pop_front();
        out[i] = y[dq.front()];
    }
    return out;
}

}  // namespace

std::vector<double> sliding_min(std::span<const double> y, std::size_t half) {
    return sliding(y, half, [](double a, double b) { return a <= b; });
}

std::vector<double> sliding_max(std::span<const double> y, std::size_t half) {
    return sliding(y, half, [](double a, double b) { return a >= b; });
}

std::vector<double> opening(std::span<const double> y, std::size_t half) {
    return sliding_max(sliding_min(y, half), half);
}

std::vector<double> moving_average(std::span<const double> y, std::size_t half) {
    std::vector<double> prefix(y.size() + 1, 0.0);
    for (std::size_t i = 0; i < y.size(); ++i) prefix[i + 1] = prefix[i] + y[i];
    std::vector<double> out(y.size());
    for (std::size_t i = 0; i < y.size(); ++i) {
        const std::size_t lo = i >= half ? i - half : 0;
        const std::size_t hi = std::min(y.size(), i + half + 1);
        out[i] = (prefix[hi] - prefix[lo]) / static_cast<double>(hi - lo);
    }
    return out;
}

}  // namespace sidepeak::signal

#pragma once
/// Grey-scale morphology and running means on 1D arrays, O(n) for any window.
///
/// Sliding minimum / maximum with a monotonic deque (van Herk, Pattern Recogn. Lett. 13 (1992)
/// 517; Gil & Werman, IEEE PAMI 15 (1993) 504); the opening (erosion then dilation with the same
/// flat element) removes every feature narrower than the element and keeps broader ones from
/// below, which makes it a lower envelope of sharp lines.
#include <cstddef>
#include <span>
#include <vector>

namespace sidepeak::signal {

/// Minimum of y over [i - half, i + half] (clipped at the ends), for every i.
std::vector<double> sliding_min(std::span<const double> y, std::size_t half);
/// Maximum of y over [i - half, i + half] (clipped at the ends), for every i.
std::vector<double> sliding_max(std::span<const double> y, std::size_t half);
/// Morphological opening with a flat element of 2 half + 1 points: sliding_max(sliding_min(y)).
std::vector<double> opening(std::span<const double> y, std::size_t half);
/// Mean of y over [i - half, i + half] (clipped at the ends), for every i.
std::vector<double> moving_average(std::span<const double> y, std::size_t half);

}  // namespace sidepeak::signal

#pragma once
// Fractions written as percentages in the detectors' notes ("3.4 % of the 1H area").
#include <string>

#include "ms_ions.hpp"

namespace sidepeak::classify::detail {

/// Percent per unit fraction: 1 % = 0.01 (ISO 80000-1, the per cent sign).
inline constexpr double kPercentPerFraction = 100.0;

/// `fraction` (0.034) as percent text with `digits` decimals ("3.4"), as fixed() writes it.
[[nodiscard]] inline std::string percent_text(double fraction, int digits) {
    return fixed(kPercentPerFraction * fraction, digits);
}

}  // namespace sidepeak::classify::detail

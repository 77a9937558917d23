#pragma once
/// Integrals of a real spectrum over ppm ranges, and their normalisation to a known proton count.
/// See docs/algorithms/multiplets-and-integration.md.
#include <cstddef>
#include <vector>

#include "sidepeak/core/nmr_data.hpp"
#include "sidepeak/signal/nmr_options.hpp"
#include "sidepeak/signal/nmr_types.hpp"

namespace sidepeak::signal {

/// Trapezoid integral of spectrum.real between two chemical shifts (either order), in
/// intensity x ppm (always taken over increasing ppm, so a positive line gives a positive area).
/// The ends are interpolated linearly between points; the range is clipped to the spectrum.
/// Returns 0 for an empty range or a spectrum of fewer than 2 points.
double integrate(const NmrSpectrum& spectrum, double ppm_from, double ppm_to);

/// Sets every multiplet's relative_area = area / multiplets[ref_index].area * protons, so the
/// reference multiplet reads `protons` and the others read proton counts on the same scale.
/// Throws std::invalid_argument when ref_index is out of range, protons <= 0 or the reference
/// area is not positive.
void normalise(std::vector<Multiplet>& multiplets, std::size_t ref_index, double protons);

}  // namespace sidepeak::signal

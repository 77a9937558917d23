#pragma once
/// Integrals of a real spectrum over ppm ranges, and their normalisation to a known proton count.
/// Two numerical rules, each under its own name:
/// - integrate(): trapezoid rule with linearly interpolated ends (multiplet areas, Multiplet::area);
/// - integrate_points() / integrate_positive_points(): point sum (rectangle rule) over the points
///   inside the range, used by the NMR detectors for area fractions. The detectors' thresholds
///   and the calibrated confidences were measured with the point sum, whose ends are not
///   interpolated; the trapezoid rule differs from it by about half a point's value at each end,
///   so the detectors keep the point sum (their reports stay identical).
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

/// Point-sum (rectangle rule) integral of spectrum.real between two chemical shifts (either
/// order), in intensity x ppm: the sum of the finite values at the points whose index lies in the
/// closed range (ends rounded inwards, not interpolated; the range clipped to the spectrum), times
/// |ppm_step|. Non-finite points are skipped. Returns 0 for a spectrum of fewer than 2 points or a
/// range between two points.
double integrate_points(const NmrSpectrum& spectrum, double ppm_from, double ppm_to);

/// integrate_points() over the positive part only (each point counts max(value, 0)): the area of
/// absorption lines without the negative dispersion tails and baseline dips of a phased spectrum.
double integrate_positive_points(const NmrSpectrum& spectrum, double ppm_from, double ppm_to);

/// Sets every multiplet's relative_area = area / multiplets[ref_index].area * protons, so the
/// reference multiplet reads `protons` and the others read proton counts on the same scale.
/// Throws std::invalid_argument when ref_index is out of range, protons <= 0 or the reference
/// area is not positive.
void normalise(std::vector<Multiplet>& multiplets, std::size_t ref_index, double protons);

}  // namespace sidepeak::signal

#pragma once
/// Zero- and first-order phase correction of a complex 1D spectrum, manual and automatic.
/// See docs/algorithms/phasing.md for the algorithms, their references and a comparison on real data.
#include <complex>
#include <span>

#include "sidepeak/signal/nmr_pipeline.hpp"

namespace sidepeak::signal {

/// Multiplies point j of an N-point spectrum by exp(i * (p0 + p1 * j / N)) (angles in degrees):
/// p1 spans the full width with its pivot at point 0 (the high-ppm end).
void apply_phase(std::span<std::complex<double>> spectrum, double p0_deg, double p1_deg);

/// Finds p0, p1 (degrees, for apply_phase) that make the real part an absorption spectrum.
///  - PhaseMethod::acme: ACME, minimum entropy of the first derivative of the real part plus a
///    penalty on negative intensity (Chen, Weng, Goh, Garland, J. Magn. Reson. 158 (2002) 164-168).
///  - PhaseMethod::peak_minimum_entropy: the peak-region method: the p0/p1 that make the real part
///    of every strong, isolated signal region symmetric-positive are found by fitting the
///    per-region zero-order phase (from the minimum of a region-local negative-area criterion)
///    as a straight line across the spectrum (robust least squares), then refined by ACME
///    restricted to the signal regions. See phasing.md.
///  - manual / none: returns {0, 0}.
/// Global + local search: a coarse grid over p0 (and a bounded p1 range) then Nelder-Mead, with
/// |p1| kept within 360 degrees (a larger p1 is a group delay, which fid_to_spectrum removes).
/// The criterion is evaluated on a decimated copy first (fast), then refined at full resolution
/// on the signal regions. The input is not modified. p0 is returned in (-180, 180].
PhaseResult auto_phase(std::span<const std::complex<double>> spectrum, PhaseMethod method);

/// Fraction of the real part's absolute area that is negative: sum max(-y, 0) / sum |y|.
/// A phase-quality measure (0 for a pure absorption spectrum). Apply it after baseline removal.
double negative_area_fraction(std::span<const double> real);

}  // namespace sidepeak::signal

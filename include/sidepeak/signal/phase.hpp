#pragma once
/// Zero- and first-order phase correction of a complex 1D spectrum, manual and automatic.
/// See docs/algorithms/phasing.md for the algorithms, their references and a comparison on real data.
#include <complex>
#include <span>

#include "sidepeak/signal/nmr_options.hpp"
#include "sidepeak/signal/nmr_types.hpp"

namespace sidepeak::signal {

/// Multiplies point j of an N-point spectrum by exp(i * (p0 + p1 * j / N)) (angles in degrees):
/// p1 spans the full width with its pivot at point 0 (the high-ppm end).
void apply_phase(std::span<std::complex<double>> spectrum, double p0_deg, double p1_deg);

/// Finds p0, p1 (degrees, for apply_phase) that make the real part an absorption spectrum.
/// Both methods first subtract (from a working copy) a smooth complex baseline estimated on the
/// unphased data by a running median then running mean of the real and imaginary parts on 1024
/// blocks: a roll from corrupted first FID points rotates with the phase and would steer the
/// criteria; with it removed a strong roll costs no accuracy (tested within 2 degrees).
///  - PhaseMethod::acme: ACME, minimum entropy of the first derivative of the real part plus a
///    penalty on negative intensity (Chen, Weng, Goh, Garland, J. Magn. Reson. 158 (2002) 164-168),
///    searched by a coarse grid over p0 x p1 and Nelder-Mead on a 1024-block decimated copy.
///  - PhaseMethod::peak_minimum_entropy: region phase angles: each isolated line's phase is the
///    argument of its complex integral over a window symmetric about the apex (PAMPAS, Dzakula,
///    J. Magn. Reson. 146 (2000) 20-32); p0/p1 follow from a weighted circular regression over the
///    line positions (p1 scanned, then Brent), refined by the ACME cost on the signal regions.
///  - manual / none: returns {0, 0}.
/// Both then end with per-line fits that remove the entropy criterion's bias: each isolated line
/// is fitted by a complex Lorentzian on a quadratic complex background (Levenberg-Marquardt), its
/// phase is arg of the Lorentzian's coefficient, and p0/p1 follow from a robust weighted linear fit
/// over the lines (Tukey biweight). With fewer than 6 isolated lines the entropy optimum is refined
/// on 8192 blocks instead. |p1| is kept within 360 degrees (a larger p1 is a group delay, which
/// fid_to_spectrum removes). The input is not modified. p0 is returned in (-180, 180].
/// On noisy synthetic spectra p0 and p1 come out within 2 degrees (tested), with no systematic bias.
PhaseResult auto_phase(std::span<const std::complex<double>> spectrum, PhaseMethod method);

/// Fraction of the real part's absolute area that is negative: sum max(-y, 0) / sum |y|.
/// A phase-quality measure (0 for a pure absorption spectrum). Apply it after baseline removal.
double negative_area_fraction(std::span<const double> real);

}  // namespace sidepeak::signal

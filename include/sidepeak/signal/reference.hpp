#pragma once
/// Chemical-shift referencing of a processed 1D spectrum. See docs/algorithms/referencing.md.
#include "sidepeak/core/nmr_data.hpp"
#include "sidepeak/signal/nmr_pipeline.hpp"

namespace sidepeak::signal {

/// Finds the reference signal in a phased (preferably baseline-corrected) real spectrum:
///  1. an internal standard at 0 ppm: TMS for organic solvents, DSS/TSP for aqueous ones: the
///     sharpest strong singlet within +-0.3 ppm of 0 (the tolerance covers the usual SR/carrier
///     calibration error) that is clearly above the noise;
///  2. else the residual solvent signal from solvent_table() keyed by normalise_solvent(meta.solvent):
///     the strongest local maximum within +-0.3 ppm of the tabulated shift.
/// The apex is located to sub-point precision (parabolic interpolation). Returns found = false and
/// signal "none" when neither is present. Does not modify the spectrum.
ReferenceResult find_reference(const NmrSpectrum& spectrum, const NmrMeta& meta);

/// Shifts the axis (ppm_first, ppm_last) by reference.shift_ppm. No-op when !reference.found.
void apply_reference(NmrSpectrum& spectrum, const ReferenceResult& reference);

}  // namespace sidepeak::signal

#pragma once
/// Chemical-shift referencing of a processed 1D spectrum. See docs/algorithms/referencing.md.
#include "sidepeak/core/nmr_data.hpp"
#include "sidepeak/signal/nmr_options.hpp"
#include "sidepeak/signal/nmr_types.hpp"

namespace sidepeak::signal {

/// Finds the reference signal in a phased (preferably baseline-corrected) real spectrum:
///  1. internal-standard candidates at 0 ppm (TMS for organic solvents, DSS/TSP for aqueous ones):
///     sharp, strong singlets within +-0.15 ppm of 0 (the usual SR/carrier calibration error);
///  2. the residual solvent signal from solvent_table() keyed by normalise_solvent(meta.solvent):
///     the best isolated local maximum within +-0.15 ppm of the tabulated shift;
///  3. for 1H in organic solvents a standard must agree with the residual: referenced by the
///     standard, the residual must land within 0.03 ppm of its tabulated shift. When they disagree
///     the standard is used only if it is the bigger, sharper line, or if it is no trace (>= 10 %
///     of the residual's height) and a comparable line sits where it puts the (then overlapped)
///     residual; else the residual, and the standard is reported as rejected.
/// The apex is located to sub-point precision (parabolic interpolation). The result names the
/// signal used, the reason, any rejected candidate and the disagreement in ppm. Returns
/// found = false and signal "none" when neither is present. Does not modify the spectrum.
ReferenceResult find_reference(const NmrSpectrum& spectrum, const NmrMeta& meta);

/// Shifts the axis (ppm_first, ppm_last) by reference.shift_ppm. No-op when !reference.found.
void apply_reference(NmrSpectrum& spectrum, const ReferenceResult& reference);

}  // namespace sidepeak::signal

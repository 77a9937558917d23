#pragma once
// Adds simulated lines to a real FID in the time domain, with the file's own sweep width,
// carrier, reference frequency, digital-filter group delay and receiver phase, so that sidepeak's
// normal processing (signal::process_nmr) shows each line absorptive at its intended shift.
#include <optional>
#include <vector>

#include "sidepeak/core/nmr_data.hpp"
#include "spin_system.hpp"

namespace sidepeak::spikein {

/// How the file will be processed: the phase and referencing that sidepeak applies to it.
/// Measure them on the unspiked background with measure_background().
struct FidFrame {
    double p0_deg = 0.0;     ///< zero-order phase process_nmr applies (signal::apply_phase convention)
    double p1_deg = 0.0;     ///< first-order phase across the full width, pivot at the high-ppm end
    double shift_ppm = 0.0;  ///< referencing correction process_nmr adds to the axis
};

/// Corruption of the first points after the group delay (a receiver/acquisition artefact): after
/// the FFT it gives a smooth roll spanning the whole spectrum. Values are complex multiples of
/// `scale` added to points t = 0, 1, ... of the delay-free FID.
struct FirstPointCorruption {
    double scale = 0.0;                    ///< absolute size (FID units)
    std::vector<double> re;                ///< relative values per point (re part)
    std::vector<double> im;                ///< relative values per point (im part)
};

struct AddOptions {
    FidFrame frame;
    /// Length of the FFT used to insert the group delay (0: next power of two >= 2 x points, as
    /// process_nmr's default zero filling).
    std::size_t fft_points = 0;
    std::optional<FirstPointCorruption> corruption;
};

/// FID amplitude at t = 0 that gives a processed line of integral `area` (intensity x ppm):
/// the DFT sum is N x(0)/2 after the first-point halving, times the ppm step SW / (SF N).
double amplitude_for_area(const NmrMeta& meta, double area);

/// Adds `lines` (ppm = intended shift after referencing, area in processed-integral units,
/// FWHM in Hz) to data.fids[0]. Each line is a complex exponential decaying from t = 0 (the end
/// of the group delay) with Lorentzian rate pi (1 - g) FWHM and a Gaussian envelope of FWHM g FWHM
/// (g = gauss_fraction). The delay-free sum is then delayed by meta.group_delay_points (a
/// band-limited, fractional shift through the FFT, the exact inverse of the ramp process_nmr
/// removes) and added. The starting phase of each line is minus the phase process_nmr will apply
/// at its position, so the line comes out absorptive.
/// Throws std::invalid_argument when data has no FID or no usable sweep width / frequency.
void add_lines(NmrData& data, const std::vector<Line>& lines, const AddOptions& options = {});

}  // namespace sidepeak::spikein

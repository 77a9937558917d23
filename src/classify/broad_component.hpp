#pragma once
// The broad component of a 1H spectrum: what lies under the sharp lines (oligomer envelopes,
// exchange-broadened NH/OH/water, baseline residue), on a binned grid, with its rolling part.
#include <vector>

#include "sidepeak/signal/nmr_pipeline.hpp"

namespace sidepeak::classify::detail {

/// The widest first-order multiplet a polyamine CH2 forms: the C-CH2-C quintet (tt) of four
/// vicinal couplings of 6-8 Hz in freely rotating CH2-CH2 chains (Pretsch, Structure
/// Determination of Organic Compounds, 4th ed., H-H coupling table), i.e. up to 4 x 8 Hz.
inline constexpr double kWidestMultipletSpanHz = 32.0;

struct BroadComponent {
    std::vector<double> ppm;      ///< shift of each bin
    std::vector<double> broad;    ///< b: line-free lower envelope, clipped at 0
    std::vector<double> rolling;  ///< r: asymmetric least-squares fit to b (slow undulation)
    std::vector<double> hump;     ///< h = b - r
    double hz_per_bin = 0.0;
    double ppm_per_bin = 0.0;
    double sigma = 0.0;           ///< noise of h
    double line_hz = 0.0;         ///< typical FWHM of this spectrum's sharp lines
    /// Narrowest broad signal that can be told apart from a multiplet of this spectrum's lines:
    /// the widest multiplet span plus a line width on either side (a line is at 20 % of its
    /// height one FWHM from its centre, so this is the multiplet's extent near its base).
    double min_envelope_hz = 0.0;
};

/// Broad component of the spectrum (empty `ppm` when it has too few points):
///  1. picked lines narrower than min_envelope_hz are subtracted as Lorentzians of their height
///     and FWHM; points near a line centre, and points where the subtracted model exceeds the
///     noise and half of what is left (a real line's tails are thinner than a Lorentzian's after
///     apodization, so there the remainder is model error, not signal), are bridged linearly;
///  2. binned to <= 4096 points, opened with a flat element of min_envelope_hz (removes every
///     narrower residue), smoothed over half that, clipped at 0 (absorption mode);
///  3. the rolling part is AsLS (Eilers & Boelens 2005, half-power period 2500 Hz, p = 0.01).
BroadComponent broad_component(const signal::NmrResult& nmr);

}  // namespace sidepeak::classify::detail

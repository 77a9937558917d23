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

/// The widest single polyamine envelope, in ppm: the spread of one CH2 type over the chain
/// positions, ends and conformers of an oligomer cannot exceed the shift range of that CH2 type,
/// N-CH2 2.4-3.0 ppm in the free base (0.6 ppm; C-CH2-C 1.5-1.9 ppm is narrower; as ammonium salts
/// the whole range moves together by 0.3-0.9 ppm): docs domain.md, Pretsch tables of aliphatic
/// amines. Polyamine chains of a few kDa are mobile in solution (segmental motion keeps their
/// backbone lines to a few to tens of Hz: Bovey & Mirau, NMR of Polymers, Academic Press 1996), so
/// the intrinsic width adds at most one narrowest envelope (see min_envelope_hz).
inline constexpr double kEnvelopeSpanPpm = 0.6;

struct BroadComponent {
    std::vector<double> ppm;      ///< shift of each bin
    std::vector<double> broad;    ///< b: sum of the fitted broad dictionary terms (>= 0)
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
    /// Widest single polymer envelope: kEnvelopeSpanPpm at this field plus min_envelope_hz.
    double max_envelope_hz = 0.0;
    int sweeps = 0;               ///< coordinate-descent sweeps of the joint fit
};

/// Broad component of the spectrum by a joint non-negative least-squares fit (empty `ppm` when
/// the spectrum has too few points). On 0.2-10.5 ppm, binned to a quarter of the typical line
/// width (one bin per point within 4 FWHM of a picked line, bins of 1/8 narrowest envelope
/// elsewhere, each weighted by its width; wide bins hold the exact mean of every basis function),
/// the spectrum is modelled as
///   sum over picked lines narrower than min_envelope_hz of a Lorentzian and a Gaussian of the
///   line's FWHM at its position (the fit chooses the mix: real lines after apodization and
///   shimming have thinner tails than a Lorentzian, Gaussian parts, unresolved neighbours)
///   + broad Gaussians of FWHM min_envelope_hz x 2^k (k = 0, 1, ... up to max_envelope_hz), spaced
///     FWHM / 1.5 (the sum of neighbours is flat to a few %),
/// all amplitudes >= 0 (Lawson & Hanson, Solving Least Squares Problems, 1974, ch. 23; solved by
/// sequential coordinate descent on the sparse Gram matrix, signal/nnls.hpp). Steps:
///  1. the lines alone; their relative misfit at the apexes (median, eps) measures how well any
///     line shape fits this spectrum's lines;
///  2. all terms, starting from 1, with weights 1 / (noise^2 / width + (eps S)^2), S the lines'
///     model within 2 FWHM of each line plus a quarter of their wings: the misfit of tall lines is
///     variance, not signal, where the line shape is uncertain (the core), so the broad terms are
///     fixed by valleys and flanks, and the far wings, fixed by the amplitude, do not make the
///     valleys between dense multiplets free to take up an envelope. Every broad term carries the basis-pursuit penalty
///     sigma sqrt(2 ln p) ||a_j|| (Chen, Donoho & Saunders, SIAM J. Sci. Comput. 20 (1998) 33).
/// The broad component is the sum of the broad terms on <= 4096 bins; the rolling part is AsLS
/// (Eilers & Boelens 2005, half-power period 2500 Hz, p = 0.01) of it. A free-sign smooth baseline
/// inside the fit is not used: any smooth positive undulation is as well a sum of broad terms, and
/// the split between the two is undetermined (measured: +60 % hump area at 400 sweeps).
BroadComponent broad_component(const signal::NmrResult& nmr);

}  // namespace sidepeak::classify::detail

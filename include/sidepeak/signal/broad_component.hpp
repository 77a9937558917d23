#pragma once
/// The broad component of a 1H spectrum: what lies under the sharp lines (polymer envelopes,
/// exchange-broadened NH/OH/water, baseline residue), on a binned grid, with its rolling part.
///
/// Generic numerics only: the caller passes the scales that depend on the chemistry (the typical
/// width of the spectrum's sharp lines, the narrowest and the widest broad signal it looks for).
#include <cstddef>
#include <vector>

#include "sidepeak/signal/nmr_result.hpp"
#include "sidepeak/signal/nnls.hpp"

namespace sidepeak::signal {

/// Options of broad_component(). The first three are the caller's (no default that would fit
/// every spectrum); the rest are numerical choices with their source.
struct BroadComponentOptions {
    /// Typical FWHM of the spectrum's sharp lines, Hz (> 0). Sets the fit bin (line_hz /
    /// bins_per_line) and the line shapes' fine grid.
    double line_hz = 0.0;
    /// FWHM of the narrowest broad term, Hz (> 0): the narrowest broad signal the caller can tell
    /// from a multiplet of the spectrum's lines. Picked lines at least this wide are not modelled
    /// as sharp lines.
    double min_envelope_hz = 0.0;
    /// FWHM of the widest broad term, Hz (>= min_envelope_hz): terms of min_envelope_hz x 2^k up
    /// to this width.
    double max_envelope_hz = 0.0;
    /// Fit range, ppm: the 1H range of organic compounds (0.5-10 ppm, Pretsch) with margins.
    double fit_high_ppm = 10.5;
    double fit_low_ppm = 0.2;
    /// Fit bins per typical line width: 4 keeps a line resolved (4 bins per FWHM).
    double bins_per_line = 4.0;
    /// Coarse bins per narrowest envelope away from the lines (the envelope stays smooth on 8 bins).
    double coarse_per_envelope = 8.0;
    /// One bin per fit unit within this many FWHM of a picked line, FWHM (a Lorentzian is at 1.5 %
    /// of its height at 4 FWHM: its shape there still matters), plus the margins in fit bins.
    double fine_fwhm = 4.0;
    double fine_margin_lo_bins = 2.0;
    double fine_margin_hi_bins = 3.0;
    /// Reach of a line's Gaussian part, FWHM (down to 1.5e-5 of its height at 2 FWHM), and its
    /// floor in fit bins.
    double gauss_reach_fwhm = 2.0;
    double gauss_reach_min_bins = 3.0;
    /// Sub-lines of a picked line that may be a blend of unresolved transitions: Lorentzians of
    /// blend_width_share x its FWHM at its centre and +-blend_offset_fwhm x its FWHM from it. A
    /// first-order triplet of lines as wide as its J (1:2:1, 6-7 Hz 3J, Pretsch) is picked as one
    /// line of ~2 line widths whose outer transitions lie ~FWHM / 3 from the centre; its flat top
    /// and thin tails are neither the Lorentzian nor the Gaussian of the picked width, and the
    /// misfit was read as broad component (measured on tests/classify/
    /// oligomer_envelope_separation_test.cpp: 4-10 % of the 1H area on product-only spectra with
    /// 8-15 Hz lines, 0.2-3.5 % with the sub-lines).
    double blend_width_share = 0.5;
    double blend_offset_fwhm = 1.0 / 3.0;
    /// Broad terms per FWHM of their spacing (FWHM / 1.5: the sum of neighbouring Gaussians is
    /// flat to a few %), and their reach in FWHM either side (the Gaussian is down to 0.2 %).
    double broad_spacing_per_fwhm = 1.5;
    double broad_reach_fwhm = 1.5;
    /// Lines taller than this many noise units measure the line-shape misfit at their apex.
    double apex_noise = 20.0;
    /// The line-shape error is variance within this many FWHM of each line (a Lorentzian and a
    /// Gaussian of one FWHM differ by 0.14 of the height at 1 FWHM and 0.06 at 2 FWHM); farther out
    /// the line's wings keep this share of it (real lines carry wings above the Lorentzian of up to
    /// ~1 % of their height at 5-12 FWHM: measured on aspirin, 2-chloroethanol, MP-TFM-aniline).
    double core_error_fwhm = 2.0;
    double wing_error_share = 0.25;
    /// Rolling part: AsLS (Eilers & Boelens 2005) with this half-power period, Hz (slower
    /// undulations are baseline: docs/algorithms/baseline.md), asymmetry p (0.001-0.1 in the
    /// paper) and iterations.
    double roll_period_hz = 2500.0;
    double roll_asymmetry = 0.01;
    int roll_iterations = 50;
    /// Output bins at most; fit bins at most (the fit bin grows on very long spectra).
    std::size_t max_output_bins = 4096;
    std::size_t max_fit_bins = 32768;
    /// Coordinate-descent sweeps and tolerance of the lines-alone and of the joint fit.
    NnlsOptions lines_fit{50, 1e-6};
    NnlsOptions joint_fit{100, 1e-5};
};

struct BroadComponent {
    std::vector<double> ppm;      ///< shift of each bin
    std::vector<double> broad;    ///< b: sum of the fitted broad dictionary terms (>= 0)
    std::vector<double> rolling;  ///< r: asymmetric least-squares fit to b (slow undulation)
    std::vector<double> hump;     ///< h = b - r
    std::vector<double> lines;    ///< the joint fit's sharp lines (same bins as broad)
    double hz_per_bin = 0.0;
    double ppm_per_bin = 0.0;
    double sigma = 0.0;           ///< noise of h (of a broad term's height of the narrowest width)
    double line_hz = 0.0;         ///< options.line_hz, as fitted
    double min_envelope_hz = 0.0; ///< options.min_envelope_hz, as fitted
    double max_envelope_hz = 0.0; ///< options.max_envelope_hz, as fitted
    int sweeps = 0;               ///< coordinate-descent sweeps of the two fits
};

/// Broad component of the spectrum by a joint non-negative least-squares fit. `ppm` is empty when
/// the spectrum (or its fit range) has too few points; std::invalid_argument when line_hz or
/// min_envelope_hz is not positive and finite, or max_envelope_hz < min_envelope_hz. The input is
/// not modified; the result is deterministic (single-threaded, no state).
///
/// On fit_low_ppm-fit_high_ppm, binned to line_hz / bins_per_line (one bin per point within
/// fine_fwhm FWHM of a picked line, bins of 1 / coarse_per_envelope narrowest envelope elsewhere,
/// each weighted by its width; wide bins hold the exact mean of every basis function), the
/// spectrum is modelled as
///   sum over picked lines narrower than min_envelope_hz of a Lorentzian and a Gaussian of the
///   line's FWHM at its position (the fit chooses the mix: real lines after apodization and
///   shimming have thinner tails than a Lorentzian, Gaussian parts, unresolved neighbours), and
///   three Lorentzians of half its FWHM at its centre and +-FWHM / 3 (a blend of unresolved
///   transitions: blend_width_share, blend_offset_fwhm)
///   + broad Gaussians of FWHM min_envelope_hz x 2^k (up to max_envelope_hz), spaced
///     FWHM / broad_spacing_per_fwhm,
/// all amplitudes >= 0 (Lawson & Hanson, Solving Least Squares Problems, 1974, ch. 23; solved by
/// sequential coordinate descent on the sparse Gram matrix, signal/nnls.hpp). Steps:
///  1. the lines alone; their relative misfit at the apexes (median, eps) measures how well any
///     line shape fits this spectrum's lines;
///  2. all terms, starting from 1, with weights 1 / (noise^2 / width + (eps S)^2), S the lines'
///     model within core_error_fwhm of each line plus wing_error_share of their wings: the misfit
///     of tall lines is variance, not signal, where the line shape is uncertain, so the broad
///     terms are fixed by valleys and flanks. Every broad term carries the basis-pursuit penalty
///     sigma sqrt(2 ln p) ||a_j|| (Chen, Donoho & Saunders, SIAM J. Sci. Comput. 20 (1998) 33).
/// The broad component is the sum of the broad terms on <= max_output_bins bins; the rolling part
/// is AsLS of it (roll_period_hz, roll_asymmetry). A free-sign smooth baseline inside the fit is
/// not used: any smooth positive undulation is as well a sum of broad terms, and the split between
/// the two is undetermined (measured: +60 % hump area at 400 sweeps).
BroadComponent broad_component(const NmrResult& nmr, const BroadComponentOptions& options);

}  // namespace sidepeak::signal

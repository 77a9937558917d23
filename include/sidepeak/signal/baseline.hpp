#pragma once
/// Baseline estimation for 1D spectra. See docs/algorithms/baseline.md.
///
/// Whittaker family (penalised least squares with a second-difference penalty, solved in O(n) by
/// the pentadiagonal LDL^T of banded.hpp), each re-weighting points that lie above the current
/// baseline (signal) towards zero weight:
///  - asls:   asymmetric least squares, Eilers & Boelens (2005), "Baseline correction with
///            asymmetric least squares smoothing" (Leiden University Medical Centre report).
///  - arpls:  asymmetrically reweighted penalised least squares, Baek, Park, Ahn & Choo,
///            Analyst 140 (2015) 250-257: logistic weights from the statistics of the negative
///            residuals (self-tuning to the noise).
///  - airpls: adaptive iteratively reweighted penalised least squares, Zhang, Chen & Liang,
///            Analyst 135 (2010) 1138-1146.
/// Polynomial: modpoly, the modified polynomial fit of Lieber & Mahadevan-Jansen, Appl. Spectrosc.
/// 57 (2003) 1363-1367 (fit, clip the data to the fit, refit).
///
/// The raw-array functions take lambda in units of that array's points. estimate_baseline() works
/// on spectra: it derives lambda from a cutoff period in Hz and runs on a subsampled copy, so its
/// result does not depend on zero filling or on the number of acquired points.
#include <cstddef>
#include <span>
#include <vector>

#include "sidepeak/core/nmr_data.hpp"
#include "sidepeak/signal/nmr_options.hpp"
#include "sidepeak/signal/nmr_types.hpp"

namespace sidepeak::signal {

struct BaselineResult {
    std::vector<double> baseline;  ///< same size as the input
    std::vector<double> weights;   ///< final weights (near 0 = treated as signal, 1 = baseline); empty for none
    int iterations = 0;
    bool converged = false;
    /// Convergence measure per iteration: arpls ||w_new - w|| / ||w||; asls fraction of weights that
    /// changed; airpls |sum of negative residuals| / sum |y|; polynomial ||fit - previous|| / ||fit||.
    std::vector<double> history;
};

/// Whittaker lambda whose smoother passes half the power of a sinusoid of `period_points`
/// points: the smoother's transfer function is 1 / (1 + lambda (2 - 2 cos w)^2) ~ 1 / (1 + lambda w^4),
/// so the half-power frequency is w_c = lambda^(-1/4) and lambda = (period / 2 pi)^4.
double whittaker_lambda(double period_points);

/// AsLS: weights p above the baseline, 1 - p below (p typically 0.001-0.05). Stops when no
/// weight changes. Throws std::invalid_argument for lambda <= 0 or p outside (0, 1).
BaselineResult asls(std::span<const double> y, double lambda, double p = 1e-3, int max_iterations = 50);

/// arPLS: w_i = 1 / (1 + exp(2 (d_i - (2 s - m)) / s)), d = y - z, m and s the mean and standard
/// deviation of the negative residuals. Stops when ||w_new - w|| / ||w|| < tolerance.
BaselineResult arpls(std::span<const double> y, double lambda, int max_iterations = 50, double tolerance = 1e-3);

/// airPLS: at iteration t, w_i = 0 where d_i >= 0, exp(t |d_i| / |sum of negative d|) where d_i < 0
/// (exponent capped at 50 against overflow). Stops when |sum of negative d| < tolerance * sum |y|.
BaselineResult airpls(std::span<const double> y, double lambda, int max_iterations = 50,
                      double tolerance = 1e-3);

/// modpoly: least-squares polynomial of `order` (Legendre basis on [-1, 1], well conditioned up to
/// order ~15), then y <- min(y, fit), repeated until ||fit - previous|| / ||fit|| < tolerance.
/// Throws std::invalid_argument for order < 0 or order >= y.size().
BaselineResult polynomial_baseline(std::span<const double> y, int order = 5, int max_iterations = 100,
                                   double tolerance = 1e-3);

/// First-point roll: corrupted first points of the FID (receiver dead time, digital-filter
/// start-up, pulse breakthrough) add to the spectrum sum_k c_k exp(-2 pi i k f / SW), k = 0, 1, ...:
/// a constant plus sinusoids whose periods are the spectral width divided by 1, 2, 3, ...
/// (Marion & Bax, J. Magn. Reson. 79 (1988) 352-356; Xi & Rocke, BMC Bioinformatics 9 (2008) 324).
/// first_point_roll fits, at width fractions x (x = i / n for point i of an n-point spectrum),
/// Legendre P_0..P_legendre_order of 2 x - 1 (the constant, and a tilt) plus cos(2 pi j x),
/// sin(2 pi j x) for j = 1..harmonics, to the values y by weighted least squares with arPLS-type
/// logistic weights (Baek et al. 2015) whose scale is the larger of the negative residuals' spread
/// and the noise (1.4826 MAD of the second differences / sqrt 6), so a roll that covers most of
/// the spectrum is not mistaken for noise. The model is global, so a strong hump a few hundred
/// Hz wide stands above the fit and gets no weight; a weak one (~5 sigma) is partly followed,
/// which is why estimate_baseline applies the roll only when the smoother alone cannot track it. Stops when ||w_new - w|| / ||w|| < tolerance. Cost O(n m^2) per iteration,
/// m = legendre_order + 1 + 2 harmonics.
/// Throws std::invalid_argument for negative orders or x and y of different sizes.
BaselineResult first_point_roll(std::span<const double> y, std::span<const double> x, int harmonics = 4,
                                int legendre_order = 1, int max_iterations = 50, double tolerance = 1e-4);


/// Baseline of the real part of `spectrum` with `options`. BaselineMethod::none gives a zero
/// baseline. Spectra with fewer than 8 points get a zero baseline.
BaselineResult estimate_baseline(const NmrSpectrum& spectrum, const BaselineOptions& options = {});

}  // namespace sidepeak::signal

// Phase-invariant removal of a smooth complex baseline before automatic phasing.
//
// A few corrupted first points of the FID (an acquisition artefact) add the Fourier transform of
// a short pulse to the spectrum: a smooth complex roll, one to several periods over the width.
// Phasing rotates it with the lines, so the negativity penalty of ACME (and the region integrals
// of the PAMPAS-like method) read it as intensity and steer the phase towards burying the roll.
// Because a phase correction is a point-wise multiplication by a slowly varying unit phasor, the
// complex baseline can be estimated once, before phasing, on the complex data themselves, and
// subtracted; the phase found on the corrected copy then holds for the original spectrum (the
// baseline module removes the roll from the phased real part afterwards).
// The estimate is a robust smoother on a decimated grid: box-sum decimation to kRollBlocks blocks,
// a running median of the real and of the imaginary part (peaks, narrow against the window, do
// not move a median; Tukey J.W., Exploratory Data Analysis, 1977), then a running mean of the
// medians (removes the median's steps), linearly interpolated back to every point. Cost linear in
// points (the window is a fixed number of blocks).
#include <algorithm>
#include <cmath>
#include <vector>

#include "phase_common.hpp"
#include "phase_methods.hpp"
#include "sidepeak/signal/robust_stats.hpp"

namespace sidepeak::signal::detail {
namespace {

/// Running median of x over [i - half, i + half] (clipped at the ends). The upper median (rank n/2)
/// where the clipped window has an even count, as the roll estimate was measured with.
std::vector<double> running_median(const std::vector<double>& x, std::size_t half) {
    const std::size_t n = x.size();
    std::vector<double> out(n), tmp;
    for (std::size_t i = 0; i < n; ++i) {
        const std::size_t lo = i >= half ? i - half : 0, hi = std::min(n - 1, i + half);
        tmp.assign(x.begin() + static_cast<std::ptrdiff_t>(lo), x.begin() + static_cast<std::ptrdiff_t>(hi) + 1);
        out[i] = upper_median_inplace(tmp);
    }
    return out;
}

/// Running mean over [i - half, i + half] (clipped at the ends), by prefix sums.
std::vector<double> running_mean(const std::vector<double>& x, std::size_t half) {
    const std::size_t n = x.size();
    std::vector<double> prefix(n + 1, 0.0), out(n);
    for (std::size_t i = 0; i < n; ++i) prefix[i + 1] = prefix[i] + x[i];
    for (std::size_t i = 0; i < n; ++i) {
        const std::size_t lo = i >= half ? i - half : 0, hi = std::min(n - 1, i + half);
        out[i] = (prefix[hi + 1] - prefix[lo]) / static_cast<double>(hi - lo + 1);
    }
    return out;
}

}  // namespace

std::vector<std::complex<double>> without_smooth_baseline(std::span<const std::complex<double>> spectrum) {
    std::vector<std::complex<double>> out(spectrum.begin(), spectrum.end());
    const std::size_t n = spectrum.size();
    const std::size_t factor = std::max<std::size_t>(1, n / kRollBlocks);
    const std::size_t blocks = n / factor;
    const std::size_t half = blocks / kRollWindowDivisor;
    if (blocks < 16 || half < 2) return out;
    std::vector<double> re(blocks), im(blocks);
    for (std::size_t b = 0; b < blocks; ++b) {
        std::complex<double> s{0.0, 0.0};
        for (std::size_t k = b * factor; k < (b + 1) * factor; ++k) s += spectrum[k];
        s /= static_cast<double>(factor);
        re[b] = s.real();
        im[b] = s.imag();
    }
    const auto base_re = running_mean(running_median(re, half), half);
    const auto base_im = running_mean(running_median(im, half), half);
    // Linear interpolation between block centres, held constant beyond the first and last.
    const double f = static_cast<double>(factor);
    for (std::size_t i = 0; i < n; ++i) {
        const double pos = std::clamp((static_cast<double>(i) - 0.5 * (f - 1.0)) / f, 0.0, static_cast<double>(blocks - 1));
        const auto b0 = static_cast<std::size_t>(pos);
        const std::size_t b1 = std::min(blocks - 1, b0 + 1);
        const double t = pos - static_cast<double>(b0);
        out[i] -= std::complex<double>(base_re[b0] * (1.0 - t) + base_re[b1] * t, base_im[b0] * (1.0 - t) + base_im[b1] * t);
    }
    return out;
}

}  // namespace sidepeak::signal::detail

#pragma once
// Private helpers shared by the automatic phasing methods: a reduced "view" of the spectrum
// (decimated and/or restricted to signal regions), the phase-invariant noise level, the ACME
// cost, and a small Nelder-Mead minimiser.
#include <array>
#include <bit>
#include <complex>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <numbers>
#include <span>
#include <vector>

namespace sidepeak::signal::detail {

/// Points of a spectrum in runs of evenly spaced positions. Point i of run r sits at fractional
/// position pos0[r] + i * dpos (position = original index / N, what p1 multiplies).
struct PhaseView {
    std::vector<std::complex<double>> z;
    std::vector<std::size_t> run_begin;  ///< index into z of each run's first point; ends with z.size()
    std::vector<double> run_pos0;
    double dpos = 0.0;
    double energy = 0.0;     ///< sum |z|^2 (phase invariant)
    double magnitude = 0.0;  ///< sum |z| (phase invariant)
};

/// Box-sum decimation by `factor` (sum of each block of `factor` complex points; a linear,
/// phase-preserving low-pass) of the whole spectrum, as one run.
PhaseView decimated_view(std::span<const std::complex<double>> spectrum, std::size_t factor);

/// The same restricted to the blocks where mask[block] is set, with a constant complex baseline
/// `offset` (per original point) subtracted.
PhaseView masked_view(std::span<const std::complex<double>> spectrum, std::size_t factor, const std::vector<bool>& mask,
                      std::complex<double> offset);

/// Box-sum decimated magnitudes |sum of block| (phase invariant).
std::vector<double> decimated_magnitude(std::span<const std::complex<double>> spectrum, std::size_t factor);

/// Robust noise sigma (per real component) of a complex spectrum from the median magnitude of
/// first differences: |dz| is Rayleigh with median sigma*sqrt(2)*sqrt(2 ln 2). With stride s only
/// every s-th difference is used (a cheaper estimate on long spectra).
double complex_noise_sigma(std::span<const std::complex<double>> z, std::size_t stride = 1);

/// Signal mask: magnitude above `k` noise sigmas over the median magnitude, dilated by `margin`.
std::vector<bool> signal_mask(std::span<const std::complex<double>> z, double k, std::size_t margin);

/// Real part of the phased view, exp(i (p0 + p1 * pos)), angles in radians.
void phased_real(const PhaseView& view, double p0, double p1, std::vector<double>& out);

/// Natural logarithm of a positive normal double to about 3e-8 absolute (exponent plus a short
/// atanh series of the mantissa): the entropy sums take one per point and std::log dominated.
/// x = m 2^e with m in [sqrt(1/2), sqrt(2)); ln m = 2 atanh(s), s = (m - 1) / (m + 1), |s| <= 0.172.
inline double fast_log(double x) {
    const auto bits = std::bit_cast<std::uint64_t>(x);
    // Exponent as a double without an integer conversion (the 2^52 trick), mantissa in [1, 2).
    const double e = std::bit_cast<double>((bits >> 52) | 0x4330000000000000ULL) - 4503599627370496.0 - 1023.0;
    const double m = std::bit_cast<double>((bits & 0x000fffffffffffffULL) | 0x3ff0000000000000ULL);
    const bool big = m > std::numbers::sqrt2;
    const double mm = big ? 0.5 * m : m;
    const double s = (mm - 1.0) / (mm + 1.0);
    const double s2 = s * s;
    return (big ? e + 1.0 : e) * std::numbers::ln2 + 2.0 * s * (1.0 + s2 * (1.0 / 3.0 + s2 * (0.2 + s2 / 7.0)));
}

/// ACME cost (Chen et al. 2002): Shannon entropy of the normalised |first derivative| of the real
/// part plus gamma * (negative area / total magnitude). Derivatives are taken within runs only.
double acme_cost(const PhaseView& view, double p0, double p1, std::vector<double>& scratch);

/// Weight of the negative-intensity penalty in acme_cost.
inline constexpr double kAcmeGamma = 20.0;

/// Nelder-Mead simplex minimisation in 2D (Nelder & Mead, Comput. J. 7 (1965) 308), standard
/// coefficients; stops when the simplex is smaller than `tol` or after `max_evals` evaluations.
std::array<double, 2> nelder_mead(const std::function<double(double, double)>& f, std::array<double, 2> start,
                                  std::array<double, 2> step, double tol, int max_evals);

/// Wraps an angle in degrees into (-180, 180].
double wrap_deg(double deg);

}  // namespace sidepeak::signal::detail

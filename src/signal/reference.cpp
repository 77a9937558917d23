// Chemical-shift referencing: internal standard (TMS, DSS/TSP) at 0 ppm when present, else the
// residual solvent signal (IUPAC recommendation: Harris R. K. et al., Pure Appl. Chem. 80 (2008)
// 59-84, section 3; solvent shifts from solvents.cpp). See docs/algorithms/referencing.md.
#include "sidepeak/signal/reference.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

#include "sidepeak/signal/solvents.hpp"

namespace sidepeak::signal {
namespace {

struct Candidate {
    double ppm = 0.0;
    double height = 0.0;  ///< above the local floor
    double fwhm_hz = 0.0;
    double score = 0.0;
};

/// Robust noise sigma of a real spectrum from the MAD of first differences.
double noise_sigma(const std::vector<double>& y) {
    if (y.size() < 3) return 0.0;
    std::vector<double> d(y.size() - 1);
    for (std::size_t i = 0; i + 1 < y.size(); ++i) d[i] = std::abs(y[i + 1] - y[i]);
    auto mid = d.begin() + static_cast<std::ptrdiff_t>(d.size() / 2);
    std::nth_element(d.begin(), mid, d.end());
    return *mid / (0.6745 * std::sqrt(2.0));
}

/// Local maxima within [centre - tol, centre + tol] ppm, with the apex refined by a parabola
/// through three points, height over the lowest point within +-window_hz, and FWHM.
std::vector<Candidate> local_maxima(const NmrSpectrum& s, double centre, double tol, double window_hz) {
    std::vector<Candidate> out;
    const std::size_t n = s.size();
    if (n < 5 || s.ppm_step() == 0.0 || !(s.spectrometer_mhz > 0.0)) return out;
    const double hz_pt = s.hz_per_point();
    const auto clamp_index = [&](double idx) {
        return static_cast<std::size_t>(std::clamp(idx, 1.0, static_cast<double>(n - 2)));
    };
    const double ia = s.index_of(centre - tol);
    const double ib = s.index_of(centre + tol);
    const std::size_t from = clamp_index(std::floor(std::min(ia, ib)));
    const std::size_t to = clamp_index(std::ceil(std::max(ia, ib)));
    const auto half_window = static_cast<std::size_t>(std::max(2.0, window_hz / hz_pt));
    const auto& y = s.real;
    for (std::size_t i = from; i <= to; ++i) {
        if (!(y[i] > y[i - 1] && y[i] >= y[i + 1])) continue;
        const std::size_t lo = i > half_window ? i - half_window : 0;
        const std::size_t hi = std::min(n - 1, i + half_window);
        const double floor = *std::min_element(y.begin() + static_cast<std::ptrdiff_t>(lo),
                                               y.begin() + static_cast<std::ptrdiff_t>(hi) + 1);
        Candidate c;
        const double a = y[i - 1], b = y[i], d = y[i + 1];
        const double denom = a - 2.0 * b + d;
        const double delta = denom < 0.0 ? std::clamp(0.5 * (a - d) / denom, -0.5, 0.5) : 0.0;
        c.ppm = s.ppm_at(static_cast<double>(i) + delta);
        c.height = b - floor;
        // FWHM: walk down each side to half height, linear interpolation at the crossing.
        const double half = floor + 0.5 * c.height;
        double left = static_cast<double>(i), right = static_cast<double>(i);
        for (std::size_t k = i; k > lo; --k)
            if (y[k - 1] <= half) {
                left = static_cast<double>(k - 1) + (half - y[k - 1]) / (y[k] - y[k - 1]);
                break;
            }
        for (std::size_t k = i; k < hi; ++k)
            if (y[k + 1] <= half) {
                right = static_cast<double>(k) + (y[k] - half) / (y[k] - y[k + 1]);
                break;
            }
        c.fwhm_hz = (right - left) * hz_pt;
        out.push_back(c);
    }
    return out;
}

/// Largest height among other maxima 3..10 Hz away (multiplet partners) relative to this one.
double partner_ratio(const Candidate& c, const std::vector<Candidate>& all, double mhz) {
    double worst = 0.0;
    for (const auto& o : all) {
        const double dist_hz = std::abs(o.ppm - c.ppm) * mhz;
        if (dist_hz >= 3.0 && dist_hz <= 10.0 && c.height > 0.0) worst = std::max(worst, o.height / c.height);
    }
    return worst;
}

bool is_13c(const NmrMeta& meta) {
    return meta.nucleus.find("13C") != std::string::npos || meta.nucleus.find("13c") != std::string::npos;
}

}  // namespace

ReferenceResult find_reference(const NmrSpectrum& spectrum, const NmrMeta& meta) {
    ReferenceResult none{"none", 0.0, 0.0, false};
    if (spectrum.size() < 5 || !(spectrum.spectrometer_mhz > 0.0)) return none;
    const bool carbon = is_13c(meta);
    const auto solvent = find_solvent(meta.solvent);
    const bool aqueous = solvent && solvent->aqueous;
    const double sigma = noise_sigma(spectrum.real);
    const double mhz = spectrum.spectrometer_mhz;
    // Expected calibration error of an instrument axis (lock offset, unset SR): a few hundredths of
    // a ppm for 1H; the windows below are several times that. Proximity weighting (sigma_ppm)
    // prefers the candidate closest to the expected position.
    const double tol = carbon ? 1.5 : 0.15;
    const double sigma_ppm = carbon ? 0.3 : 0.04;

    // 1. Internal standard at 0 ppm: a sharp, isolated singlet clearly above the noise.
    {
        const auto cands = local_maxima(spectrum, 0.0, tol, 15.0);
        const auto all = local_maxima(spectrum, 0.0, tol + 0.05, 15.0);
        const Candidate* best = nullptr;
        double best_score = 0.0;
        for (const auto& c : cands) {
            if (c.height < 20.0 * sigma || c.fwhm_hz > (carbon ? 6.0 : 4.0)) continue;
            if (!carbon && partner_ratio(c, all, mhz) > 0.5) continue;  // a multiplet line, not a singlet
            const double dz = c.ppm / sigma_ppm;
            const double score = c.height * std::exp(-0.5 * dz * dz);
            if (score > best_score) {
                best_score = score;
                best = &c;
            }
        }
        if (best) {
            std::string name = "TMS";
            if (aqueous) name = meta.title.find("TSP") != std::string::npos ? "TSP" : "DSS";
            return {name, 0.0, -best->ppm, true};
        }
    }

    // 2. Residual solvent signal.
    if (solvent) {
        const double expected = carbon ? solvent->ppm_13c : solvent->ppm_1h;
        if (carbon && expected == 0.0) return none;
        const auto cands = local_maxima(spectrum, expected, tol, 15.0);
        const auto all = local_maxima(spectrum, expected, tol + 0.05, 15.0);
        double best_score = 0.0;
        const Candidate* best = nullptr;
        for (const auto& c : cands) {
            if (c.height < 10.0 * sigma) continue;
            // CHCl3 is a singlet, DMSO-d5 / CHD2OD the centre of a 1:2:3:2:1 quintet (J_HD ~ 2 Hz):
            // either way no partner of similar height 3..10 Hz away, unlike analyte multiplets.
            if (!carbon && !solvent->aqueous && partner_ratio(c, all, mhz) > 0.6) continue;
            const double dz = (c.ppm - expected) / sigma_ppm;
            const double score = c.height * std::exp(-0.5 * dz * dz);
            if (score > best_score) {
                best_score = score;
                best = &c;
            }
        }
        if (best) return {std::string(solvent->signal), expected, expected - best->ppm, true};
    }
    return none;
}

void apply_reference(NmrSpectrum& spectrum, const ReferenceResult& reference) {
    if (!reference.found || !std::isfinite(reference.shift_ppm)) return;
    spectrum.ppm_first += reference.shift_ppm;
    spectrum.ppm_last += reference.shift_ppm;
}

}  // namespace sidepeak::signal

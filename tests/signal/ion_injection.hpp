#pragma once
// Adds chromatographic peaks of made-up ions to a real LC-MS run, so the feature detector can be
// scored on ions whose position and shape are known while the background, noise and scan timing
// stay those of the real acquisition.
//
// Each ion: a Gaussian or exponentially modified Gaussian (EMG, Grushka, Anal. Chem. 44 (1972)
// 1733: a Gaussian convolved with an exponential decay, the usual model of a tailing peak) elution
// profile, with a 13C envelope (M+1 = 1.1 % per carbon, M+2 its square over two, carbons estimated
// as m/z / 14 for a CH2-rich ion), written into the MS1 spectra as centroids with intensity
// scatter. High-resolution runs get a few ppm of m/z scatter; a run whose m/z values sit on a grid
// (unit-resolution quadrupole exports, 0.1 Da) gets its ions on that grid, summed into a centroid
// already there. Some ions are placed 5-20 ppm from a background ion that the run itself records in
// most scans around the chosen time.
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <numbers>
#include <random>
#include <vector>

#include "sidepeak/core/ms_data.hpp"

namespace sidepeak::test {

struct InjectedIon {
    double mz = 0.0;          ///< monoisotopic m/z as written (on the grid when the run has one)
    double apex_rt_s = 0.0;   ///< time of the profile's maximum
    double fwhm_s = 0.0;      ///< measured on the profile (EMG tails widen it beyond the drawn value)
    double height = 0.0;      ///< apex height (intensity units)
    bool tailing = false;     ///< EMG rather than Gaussian
    bool near_background = false;
    double mu_s = 0.0, sigma_s = 0.0, tau_s = 0.0;  ///< profile parameters
};

/// What the harness needs to know about a run: MS1 m/z range (scan window when the file gives
/// one), RT range, grid (0 for a high-resolution run) and the lowest recorded intensity.
struct RunShape {
    double mz_lo = 0.0, mz_hi = 0.0;
    double rt_lo = 0.0, rt_hi = 0.0;
    double grid = 0.0;
    double min_intensity = 0.0;
};

inline RunShape run_shape(const MsRun& run) {
    RunShape s;
    s.mz_lo = s.rt_lo = s.min_intensity = INFINITY;
    s.mz_hi = s.rt_hi = -INFINITY;
    std::size_t total = 0, on_tenth = 0, on_unit = 0;
    double win_lo = INFINITY, win_hi = -INFINITY;
    for (const auto& sp : run.spectra) {
        if (sp.ms_level != 1 || sp.mz.empty()) continue;
        s.rt_lo = std::min(s.rt_lo, sp.rt_s);
        s.rt_hi = std::max(s.rt_hi, sp.rt_s);
        if (sp.scan_high_mz > sp.scan_low_mz) {
            win_lo = std::min(win_lo, sp.scan_low_mz);
            win_hi = std::max(win_hi, sp.scan_high_mz);
        }
        for (std::size_t i = 0; i < sp.mz.size(); ++i) {
            if (!(sp.intensity[i] > 0.0)) continue;
            s.mz_lo = std::min(s.mz_lo, sp.mz[i]);
            s.mz_hi = std::max(s.mz_hi, sp.mz[i]);
            s.min_intensity = std::min(s.min_intensity, sp.intensity[i]);
            ++total;
            if (std::abs(sp.mz[i] * 10.0 - std::round(sp.mz[i] * 10.0)) < 1e-3) ++on_tenth;
            if (std::abs(sp.mz[i] - std::round(sp.mz[i])) < 1e-4) ++on_unit;
        }
    }
    if (win_hi > win_lo) {
        s.mz_lo = win_lo;
        s.mz_hi = win_hi;
    }
    // Float32 m/z on a 0.1 grid misses it by ~1e-5; a high-resolution run hits it 1 % of the time.
    if (total > 0 && on_unit > 0.95 * static_cast<double>(total)) s.grid = 1.0;
    else if (total > 0 && on_tenth > 0.95 * static_cast<double>(total)) s.grid = 0.1;
    return s;
}

/// Profile value at t (not normalised; see profile_max).
inline double emg_raw(double t, double mu, double sigma, double tau) {
    if (tau <= 0.0) return std::exp(-0.5 * (t - mu) * (t - mu) / (sigma * sigma));
    // Grushka's form, written with erfc of a scaled argument so large tails do not overflow.
    const double z = (sigma / tau - (t - mu) / sigma) / std::sqrt(2.0);
    const double e = 0.5 * sigma * sigma / (tau * tau) - (t - mu) / tau;
    if (z > 5.0) {
        // erfc(z) ~ exp(-z^2)/(z sqrt(pi)) (1 - 1/(2 z^2)): combine the exponents.
        return std::exp(e - z * z) / (z * std::sqrt(std::numbers::pi)) * (1.0 - 0.5 / (z * z));
    }
    return std::exp(e) * std::erfc(z);
}

/// Fills apex time, height scale and measured FWHM of `ion` from its profile parameters.
inline void measure_profile(InjectedIon& ion, double& raw_max) {
    const double lo = ion.mu_s - 6.0 * ion.sigma_s, hi = ion.mu_s + 6.0 * ion.sigma_s + 10.0 * ion.tau_s;
    const int n = 4000;
    std::vector<double> y(n + 1);
    raw_max = 0.0;
    std::size_t imax = 0;
    for (int i = 0; i <= n; ++i) {
        y[static_cast<std::size_t>(i)] = emg_raw(lo + (hi - lo) * i / n, ion.mu_s, ion.sigma_s, ion.tau_s);
        if (y[static_cast<std::size_t>(i)] > raw_max) {
            raw_max = y[static_cast<std::size_t>(i)];
            imax = static_cast<std::size_t>(i);
        }
    }
    ion.apex_rt_s = lo + (hi - lo) * static_cast<double>(imax) / n;
    std::size_t l = imax, r = imax;
    while (l > 0 && y[l] > 0.5 * raw_max) --l;
    while (r < static_cast<std::size_t>(n) && y[r] > 0.5 * raw_max) ++r;
    ion.fwhm_s = (hi - lo) * static_cast<double>(r - l) / n;
}

class IonInjector {
public:
    IonInjector(const MsRun& run, double noise, unsigned seed) : run_(run), shape_(run_shape(run)), noise_(noise), rng_(seed) {
        for (std::size_t i = 0; i < run.spectra.size(); ++i) {
            if (run.spectra[i].ms_level == 1 && !run.spectra[i].mz.empty()) ms1_.push_back(i);
        }
    }

    [[nodiscard]] const RunShape& shape() const { return shape_; }

    /// Draws `count` ions (positions, shapes), `near_fraction` of them beside a background ion.
    /// Heights are set later (`inject`), so one set of ions can be written at several S/N levels.
    std::vector<InjectedIon> draw(std::size_t count, double near_fraction) {
        std::vector<InjectedIon> ions;
        std::uniform_real_distribution<double> u01(0.0, 1.0);
        std::size_t attempts = 0;
        while (ions.size() < count && attempts++ < 100 * count) {
            InjectedIon ion;
            const double fwhm = 5.0 + 25.0 * u01(rng_);
            ion.sigma_s = fwhm / 2.3548;
            ion.tailing = u01(rng_) < 0.5;
            ion.tau_s = ion.tailing ? (0.5 + u01(rng_)) * ion.sigma_s : 0.0;
            const double margin = 3.0 * fwhm;
            if (shape_.rt_hi - shape_.rt_lo < 4.0 * margin) continue;
            ion.near_background = u01(rng_) < near_fraction;
            if (ion.near_background) {
                if (!beside_background(ion, margin)) continue;
            } else {
                ion.mu_s = shape_.rt_lo + margin + (shape_.rt_hi - shape_.rt_lo - 2.0 * margin) * u01(rng_);
                ion.mz = shape_.mz_lo + 2.0 + (shape_.mz_hi - shape_.mz_lo - 6.0) * u01(rng_);
            }
            if (shape_.grid > 0.0) ion.mz = std::round(ion.mz / shape_.grid) * shape_.grid;
            double raw_max = 0.0;
            measure_profile(ion, raw_max);
            // Ions of the set keep apart (isotopes included), so one never hides another.
            const bool clash = std::any_of(ions.begin(), ions.end(), [&](const InjectedIon& o) {
                return std::abs(o.mz - ion.mz) < 4.0 && std::abs(o.apex_rt_s - ion.apex_rt_s) < 3.0 * (o.fwhm_s + ion.fwhm_s);
            });
            if (!clash) ions.push_back(ion);
        }
        return ions;
    }

    /// A copy of the run with `ions` written in at apex height `snr` x noise.
    MsRun inject(std::vector<InjectedIon>& ions, double snr, unsigned seed) const {
        MsRun out = run_;
        std::mt19937 rng(seed);
        std::normal_distribution<double> gauss(0.0, 1.0);
        // Centroid m/z precision falls with intensity: 2 ppm sd at the run noise level and above,
        // growing as 1/sqrt(intensity) below it.
        const double ppm_sd = shape_.grid > 0.0 ? 0.0 : 2.0;
        for (auto& ion : ions) {
            ion.height = snr * noise_;
            double raw_max = 0.0;
            measure_profile(ion, raw_max);
            const double carbons = std::max(1.0, ion.mz / 14.0);
            const double r1 = 0.011 * carbons;
            const double rel[3] = {1.0, r1, 0.5 * r1 * r1};
            for (const std::size_t i : ms1_) {
                MsSpectrum& sp = out.spectra[i];
                const double shape = emg_raw(sp.rt_s, ion.mu_s, ion.sigma_s, ion.tau_s) / raw_max;
                for (int k = 0; k < 3; ++k) {
                    // Scan-to-scan scatter: 10 % of the signal plus 0.2 x run noise (counting and
                    // spray fluctuation), so weak ions are visibly noisy.
                    const double clean = ion.height * rel[k] * shape;
                    const double y = clean * (1.0 + 0.1 * gauss(rng)) + 0.2 * noise_ * gauss(rng);
                    // Centroiding instruments drop the faint tails of a peak.
                    if (y < std::max(0.05 * ion.height, shape_.min_intensity)) continue;
                    double mz = ion.mz + k * 1.0033548;
                    if (shape_.grid > 0.0) mz = std::round(mz / shape_.grid) * shape_.grid;
                    else mz *= 1.0 + ppm_sd * 1e-6 * std::sqrt(std::max(1.0, noise_ / std::max(clean, 1e-30))) * gauss(rng);
                    add_centroid(sp, mz, y);
                }
            }
        }
        return out;
    }

private:
    void add_centroid(MsSpectrum& sp, double mz, double y) const {
        auto it = std::lower_bound(sp.mz.begin(), sp.mz.end(), mz);
        const auto pos = it - sp.mz.begin();
        if (shape_.grid > 0.0) {
            for (auto j : {pos - 1, pos}) {
                if (j >= 0 && j < static_cast<std::ptrdiff_t>(sp.mz.size()) && std::abs(sp.mz[static_cast<std::size_t>(j)] - mz) < 0.01 * shape_.grid) {
                    sp.intensity[static_cast<std::size_t>(j)] += y;
                    return;
                }
            }
        }
        sp.mz.insert(it, mz);
        sp.intensity.insert(sp.intensity.begin() + pos, y);
    }

    // Picks a background ion recorded in at least 2/3 of the 31 scans around a random MS1 scan,
    // between 1 and 20 x noise, and puts the ion 5-20 ppm beside it at that time.
    bool beside_background(InjectedIon& ion, double margin) {
        std::uniform_real_distribution<double> u01(0.0, 1.0);
        for (int tries = 0; tries < 50; ++tries) {
            const auto k = static_cast<std::size_t>(u01(rng_) * static_cast<double>(ms1_.size()));
            if (k < 15 || k + 15 >= ms1_.size()) continue;
            const MsSpectrum& sp = run_.spectra[ms1_[k]];
            if (sp.rt_s < shape_.rt_lo + margin || sp.rt_s > shape_.rt_hi - margin) continue;
            const auto p = static_cast<std::size_t>(u01(rng_) * static_cast<double>(sp.mz.size()));
            if (p >= sp.mz.size() || sp.intensity[p] < noise_ || sp.intensity[p] > 20.0 * noise_) continue;
            const double bg = sp.mz[p];
            const double tol = shape_.grid > 0.0 ? 0.01 * shape_.grid : bg * 3e-6;
            int seen = 0;
            for (std::size_t j = k - 15; j <= k + 15; ++j) {
                const auto& m = run_.spectra[ms1_[j]].mz;
                auto it = std::lower_bound(m.begin(), m.end(), bg - tol);
                if (it != m.end() && *it <= bg + tol) ++seen;
            }
            if (seen < 21) continue;
            const double offset = (5.0 + 15.0 * u01(rng_)) * (u01(rng_) < 0.5 ? -1.0 : 1.0);
            ion.mz = bg * (1.0 + offset * 1e-6);
            ion.mu_s = sp.rt_s;
            return true;
        }
        return false;
    }

    const MsRun& run_;
    RunShape shape_;
    double noise_;
    std::mt19937 rng_;
    std::vector<std::size_t> ms1_;
};

}  // namespace sidepeak::test

#include "ms_injector.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <utility>

namespace sidepeak::spikein {
namespace {

constexpr double kFwhmPerSigma = 2.3548200450309493;  // 2 sqrt(2 ln 2)
constexpr double kProfileCutoff = 1e-3;               // profile fraction below which a scan gets nothing

// exp(z^2) erfc(z) for large z (asymptotic series; relative error < 1e-9 for z > 6).
double erfcx_large(double z) {
    const double z2 = z * z;
    return 1.0 / (z * std::sqrt(std::numbers::pi)) *
           (1.0 - 0.5 / z2 + 0.75 / (z2 * z2) - 1.875 / (z2 * z2 * z2) + 6.5625 / (z2 * z2 * z2 * z2));
}

double percentile(std::vector<double> v, double q) {
    if (v.empty()) return 0.0;
    const auto k = static_cast<std::size_t>(std::clamp(q, 0.0, 1.0) * static_cast<double>(v.size() - 1));
    std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(k), v.end());
    return v[k];
}

// FWHM of the local maximum at `i` by linear interpolation at half height; 0 when a side never
// falls to half height before the next rise.
double profile_fwhm(const MsSpectrum& s, std::size_t i) {
    const double half = 0.5 * s.intensity[i];
    double left = 0.0, right = 0.0;
    for (std::size_t j = i; j > 0; --j) {
        if (s.intensity[j - 1] > s.intensity[j]) return 0.0;
        if (s.intensity[j - 1] <= half) {
            const double f = (s.intensity[j] - half) / (s.intensity[j] - s.intensity[j - 1]);
            left = s.mz[j] - f * (s.mz[j] - s.mz[j - 1]);
            break;
        }
    }
    for (std::size_t j = i; j + 1 < s.mz.size(); ++j) {
        if (s.intensity[j + 1] > s.intensity[j]) return 0.0;
        if (s.intensity[j + 1] <= half) {
            const double f = (s.intensity[j] - half) / (s.intensity[j] - s.intensity[j + 1]);
            right = s.mz[j] + f * (s.mz[j + 1] - s.mz[j]);
            break;
        }
    }
    if (left <= 0.0 || right <= 0.0) return 0.0;
    return right - left;
}

}  // namespace

double emg_density(double t, double mu, double sigma, double tau) {
    const double u = t - mu;
    if (tau <= 1e-3 * sigma) return std::exp(-0.5 * u * u / (sigma * sigma)) / (sigma * std::sqrt(2.0 * std::numbers::pi));
    // h = 1/(2 tau) exp(sigma^2/(2 tau^2) - u/tau) erfc(z), z = (sigma/tau - u/sigma)/sqrt 2;
    // for large z the exponent overflows, so use exp(a) erfc(z) = exp(-u^2/(2 sigma^2)) erfcx(z).
    const double z = (sigma / tau - u / sigma) / std::numbers::sqrt2;
    if (z > 6.0) return 0.5 / tau * std::exp(-0.5 * u * u / (sigma * sigma)) * erfcx_large(z);
    const double a = 0.5 * sigma * sigma / (tau * tau) - u / tau;
    return 0.5 / tau * std::exp(a) * std::erfc(z);
}

ElutionShape::ElutionShape(double apex_s, double sigma_s, double tau_s, double split_dt_s, double split_ratio)
    : apex_(apex_s), mu_(0.0), sigma_(sigma_s), tau_(std::max(0.0, tau_s)), split_dt_(split_dt_s),
      split_ratio_(split_dt_s > 0.0 ? split_ratio : 0.0) {
    // Locate the apex of the unshifted profile on a fine grid, then shift it to apex_s.
    const double lo = -4.0 * sigma_, hi = split_dt_ + 4.0 * sigma_ + 3.0 * tau_;
    const double step = sigma_ / 200.0;
    double best_t = 0.0, best = -1.0;
    for (double t = lo; t <= hi; t += step) {
        const double v = raw(t);
        if (v > best) best = v, best_t = t;
    }
    mu_ = apex_ - best_t;
    scale_ = best > 0.0 ? 1.0 / best : 1.0;
    // Extent: where the tail falls below the cut-off (the exponential tail decays with tau).
    from_ = mu_ - 5.0 * sigma_;
    to_ = mu_ + split_dt_ + 5.0 * sigma_ + std::max(0.0, tau_ * std::log(1.0 / kProfileCutoff) + 2.0 * sigma_);
}

double ElutionShape::raw(double t_s) const {
    double v = emg_density(t_s, mu_, sigma_, tau_);
    if (split_ratio_ > 0.0) v += split_ratio_ * emg_density(t_s, mu_ + split_dt_, sigma_, tau_);
    return v;
}

double ElutionShape::value(double t_s) const {
    if (t_s < from_ || t_s > to_) return 0.0;
    return raw(t_s) * scale_;
}

RunTraits characterise_run(const MsRun& run) {
    RunTraits traits;
    std::vector<double> intensities, sampled_mz, fwhm_ratio, fwhm_da, rel_gaps, abs_gaps, intervals;
    for (std::size_t i = 0; i < run.spectra.size(); ++i) {
        const MsSpectrum& s = run.spectra[i];
        if (s.ms_level != 1) continue;
        RunTraits::Scan scan;
        scan.index = i;
        scan.rt_s = s.rt_s;
        scan.profile = s.mode == SpectrumMode::profile;
        scan.low_mz = s.scan_low_mz > 0.0 ? s.scan_low_mz : (s.mz.empty() ? 0.0 : s.mz.front());
        scan.high_mz = s.scan_high_mz > 0.0 ? s.scan_high_mz : (s.mz.empty() ? 0.0 : s.mz.back());
        double floor = 0.0;
        for (const double v : s.intensity) {
            if (v > 0.0 && (floor == 0.0 || v < floor)) floor = v;
        }
        scan.floor = floor;
        if (!traits.ms1.empty()) intervals.push_back(s.rt_s - traits.ms1.back().rt_s);
        traits.ms1.push_back(scan);
    }
    if (traits.ms1.empty()) return traits;
    traits.rt_min_s = traits.ms1.front().rt_s;
    traits.rt_max_s = traits.ms1.back().rt_s;
    for (const auto& s : traits.ms1) {
        traits.rt_min_s = std::min(traits.rt_min_s, s.rt_s);
        traits.rt_max_s = std::max(traits.rt_max_s, s.rt_s);
    }
    traits.median_scan_interval_s = intervals.empty() ? 1.0 : percentile(intervals, 0.5);

    // Up to ~60 scans spread over the run are enough for the statistics.
    const std::size_t stride = std::max<std::size_t>(1, traits.ms1.size() / 60);
    bool any_profile = false;
    for (std::size_t k = 0; k < traits.ms1.size(); k += stride) {
        const MsSpectrum& s = run.spectra[traits.ms1[k].index];
        for (const double v : s.intensity) {
            if (v > 0.0) intensities.push_back(v);
        }
        sampled_mz.insert(sampled_mz.end(), s.mz.begin(), s.mz.end());
        if (traits.ms1[k].profile) {
            any_profile = true;
            // The ten strongest local maxima of the scan.
            std::vector<std::pair<double, std::size_t>> maxima;
            for (std::size_t j = 1; j + 1 < s.mz.size(); ++j) {
                if (s.intensity[j] > s.intensity[j - 1] && s.intensity[j] >= s.intensity[j + 1]) {
                    maxima.emplace_back(s.intensity[j], j);
                }
            }
            const std::size_t n = std::min<std::size_t>(10, maxima.size());
            std::partial_sort(maxima.begin(), maxima.begin() + static_cast<std::ptrdiff_t>(n), maxima.end(),
                              [](const auto& a, const auto& b) { return a.first > b.first; });
            for (std::size_t m = 0; m < n; ++m) {
                const double w = profile_fwhm(s, maxima[m].second);
                if (w > 0.0) {
                    fwhm_da.push_back(w);
                    fwhm_ratio.push_back(s.mz[maxima[m].second] / w);
                }
            }
        } else {
            for (std::size_t j = 1; j < s.mz.size(); ++j) {
                const double d = s.mz[j] - s.mz[j - 1];
                if (d > 0.0) {
                    abs_gaps.push_back(d);
                    rel_gaps.push_back(d / s.mz[j]);
                }
            }
        }
    }
    traits.intensity_quantum = std::max(percentile(intensities, 0.01), 1e-12);
    if (any_profile && !fwhm_ratio.empty()) {
        const double r = percentile(fwhm_ratio, 0.5);
        traits.high_resolution = r > 3000.0;
        traits.resolving_power = r;
        traits.unit_fwhm_da = std::clamp(percentile(fwhm_da, 0.5), 0.1, 1.5);
    } else if (!abs_gaps.empty()) {
        // Resolved centroids are at least about one FWHM apart, so the closest spacings bound the
        // resolution; a unit-resolution instrument never reports two centroids within 0.2 Da.
        traits.high_resolution = percentile(abs_gaps, 0.02) < 0.2;
        traits.resolving_power = std::clamp(1.0 / percentile(rel_gaps, 0.01), 5000.0, 1e6);
        traits.unit_fwhm_da = std::clamp(percentile(abs_gaps, 0.02), 0.4, 1.0);
        // Some unit-resolution instruments report m/z rounded to a fixed step; injected ions
        // follow it so they do not stand out by their decimals.
        if (!traits.high_resolution && !sampled_mz.empty()) {
            for (const double q : {1.0, 0.1, 0.01}) {
                const auto on_grid = std::count_if(sampled_mz.begin(), sampled_mz.end(), [q](double m) {
                    return std::abs(m / q - std::round(m / q)) < 1e-3;
                });
                if (static_cast<double>(on_grid) >= 0.99 * static_cast<double>(sampled_mz.size())) {
                    traits.mz_quantum = q;
                    break;
                }
            }
        }
    }
    return traits;
}

MsInjector::MsInjector(RunTraits traits) : traits_(std::move(traits)), pending_(traits_.ms1.size()) {}

void MsInjector::add(const IonInjection& ion, SpikeRandom& rng) {
    // m/z error: systematic per ion plus per-scan jitter (ppm at high resolution, Da otherwise).
    const bool hr = traits_.high_resolution;
    const double systematic = hr ? rng.sign() * rng.uniform(0.0, 4.0) : rng.uniform(-0.15, 0.15);
    const double jitter = hr ? rng.uniform(1.0, 2.0) : 0.05;
    const double cv = rng.uniform(0.10, 0.20);
    for (std::size_t k = 0; k < traits_.ms1.size(); ++k) {
        const auto& scan = traits_.ms1[k];
        const double f = ion.shape.value(scan.rt_s);
        if (f < kProfileCutoff) continue;
        const double common = std::max(0.0, 1.0 + cv * rng.normal());
        const double error = systematic + jitter * rng.normal();
        for (std::size_t l = 0; l < ion.mz.size(); ++l) {
            double intensity = ion.height * ion.relative[l] * f * common;
            // Counting noise: variance proportional to the signal, in units of the run's quantum.
            intensity += std::sqrt(intensity * traits_.intensity_quantum) * rng.normal();
            if (intensity <= 0.0) continue;
            double mz = hr ? ion.mz[l] * (1.0 + error * 1e-6) : ion.mz[l] + error;
            if (traits_.mz_quantum > 0.0) mz = std::round(mz / traits_.mz_quantum) * traits_.mz_quantum;
            if (mz < scan.low_mz || mz > scan.high_mz) continue;
            pending_[k].push_back({mz, intensity});
        }
    }
}

namespace {

// Merges new centroids into a scan: a point within half a FWHM of an existing centroid is not
// resolved from it, so the two become one (summed intensity, weighted m/z).
void merge_centroids(MsSpectrum& s, std::vector<std::pair<double, double>> adds, const RunTraits& traits, double floor) {
    std::sort(adds.begin(), adds.end());
    std::vector<double> mz(s.mz), in(s.intensity);
    std::vector<std::pair<double, double>> inserted;
    for (const auto& [m, v] : adds) {
        const double window = 0.5 * traits.fwhm_at(m);
        const auto it = std::lower_bound(mz.begin(), mz.end(), m);
        std::ptrdiff_t best = -1;
        double best_d = window;
        if (it != mz.end() && *it - m <= best_d) best = it - mz.begin(), best_d = *it - m;
        if (it != mz.begin() && m - *(it - 1) <= best_d) best = (it - 1) - mz.begin();
        if (best >= 0) {
            const auto b = static_cast<std::size_t>(best);
            const double total = in[b] + v;
            mz[b] = (mz[b] * in[b] + m * v) / total;
            in[b] = total;
        } else if (!inserted.empty() && m - inserted.back().first <= window) {
            auto& last = inserted.back();
            const double total = last.second + v;
            last.first = (last.first * last.second + m * v) / total;
            last.second = total;
        } else {
            inserted.emplace_back(m, v);
        }
    }
    std::erase_if(inserted, [&](const auto& p) { return p.second < floor; });
    std::vector<std::pair<double, double>> all;
    all.reserve(mz.size() + inserted.size());
    for (std::size_t i = 0; i < mz.size(); ++i) all.emplace_back(mz[i], in[i]);
    const auto middle = static_cast<std::ptrdiff_t>(all.size());
    all.insert(all.end(), inserted.begin(), inserted.end());
    std::inplace_merge(all.begin(), all.begin() + middle, all.end());
    // Weighted merging can in rare cases swap two close neighbours.
    if (!std::is_sorted(all.begin(), all.end())) std::sort(all.begin(), all.end());
    s.mz.resize(all.size());
    s.intensity.resize(all.size());
    for (std::size_t i = 0; i < all.size(); ++i) s.mz[i] = all[i].first, s.intensity[i] = all[i].second;
}

// Adds a Gaussian peak of the run's width sampled on the scan's own grid; where the grid has
// gaps (zero-suppressed profile data) points are inserted with zero background.
void add_profile_peak(MsSpectrum& s, double centre, double height, double fwhm, double low, double high) {
    const double sigma = fwhm / kFwhmPerSigma;
    const double lo = std::max(low, centre - 4.0 * sigma), hi = std::min(high, centre + 4.0 * sigma);
    if (lo >= hi) return;
    const auto first = std::lower_bound(s.mz.begin(), s.mz.end(), lo) - s.mz.begin();
    const auto last = std::upper_bound(s.mz.begin(), s.mz.end(), hi) - s.mz.begin();
    std::vector<std::pair<double, double>> window;
    for (auto i = first; i < last; ++i) window.emplace_back(s.mz[static_cast<std::size_t>(i)], s.intensity[static_cast<std::size_t>(i)]);
    const double max_gap = 0.5 * sigma, step = sigma / 3.0;
    std::vector<std::pair<double, double>> filled;
    double prev = lo - step;
    auto fill_to = [&](double next) {
        if (next - prev > max_gap) {
            for (double m = prev + step; m < next - 0.5 * step; m += step) filled.emplace_back(m, 0.0);
        }
    };
    for (const auto& p : window) {
        fill_to(p.first);
        filled.push_back(p);
        prev = p.first;
    }
    fill_to(hi + step);
    for (auto& [m, v] : filled) {
        const double d = (m - centre) / sigma;
        v += height * std::exp(-0.5 * d * d);
    }
    s.mz.erase(s.mz.begin() + first, s.mz.begin() + last);
    s.intensity.erase(s.intensity.begin() + first, s.intensity.begin() + last);
    std::vector<double> mz, in;
    for (const auto& [m, v] : filled) mz.push_back(m), in.push_back(v);
    s.mz.insert(s.mz.begin() + first, mz.begin(), mz.end());
    s.intensity.insert(s.intensity.begin() + first, in.begin(), in.end());
}

}  // namespace

void MsInjector::apply(MsRun& run) const {
    for (std::size_t k = 0; k < traits_.ms1.size(); ++k) {
        if (pending_[k].empty()) continue;
        const auto& scan = traits_.ms1[k];
        if (scan.index >= run.spectra.size()) continue;
        MsSpectrum& s = run.spectra[scan.index];
        if (s.ms_level != 1) continue;
        if (scan.profile) {
            for (const auto& p : pending_[k]) add_profile_peak(s, p.mz, p.intensity, traits_.fwhm_at(p.mz), scan.low_mz, scan.high_mz);
        } else {
            std::vector<std::pair<double, double>> adds;
            adds.reserve(pending_[k].size());
            for (const auto& p : pending_[k]) adds.emplace_back(p.mz, p.intensity);
            merge_centroids(s, std::move(adds), traits_, scan.floor);
        }
    }
}

}  // namespace sidepeak::spikein

#include "sidepeak/signal/ms2_index.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <stdexcept>
#include <utility>

#include "sidepeak/signal/centroid.hpp"
#include "sidepeak/signal/lcms_pipeline.hpp"
#include "sidepeak/signal/peak_store.hpp"

namespace sidepeak::signal {

namespace {

double tolerance(double mz, const Ms2IndexOptions& o) { return std::max(mz * o.tolerance_ppm * 1e-6, o.tolerance_floor_mz); }

Ms2Scan to_scan(const MsSpectrum& s, const Ms2IndexOptions& o) {
    Ms2Scan m;
    m.id = s.id;
    m.run_index = s.index;
    m.rt_s = s.rt_s;
    m.precursor_mz = s.precursor_mz > 0 ? s.precursor_mz : s.isolation_target_mz;
    m.precursor_charge = s.precursor_charge;
    if (s.isolation_target_mz > 0 && (s.isolation_lower_offset > 0 || s.isolation_upper_offset > 0)) {
        m.isolation_low_mz = s.isolation_target_mz - s.isolation_lower_offset;
        m.isolation_high_mz = s.isolation_target_mz + s.isolation_upper_offset;
    }
    m.collision_energy = s.collision_energy;
    m.collision_energy_unit = s.collision_energy_unit;
    m.activation = s.activation;
    if (s.mode == SpectrumMode::profile) {
        const MsSpectrum c = centroid_spectrum(s);
        m.mz = c.mz;
        m.intensity = c.intensity;
    } else {
        m.mz = s.mz;
        m.intensity = s.intensity;
    }
    // Ascending m/z, positive intensities above the relative floor only.
    std::vector<std::size_t> order(m.mz.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return m.mz[a] < m.mz[b]; });
    const double base = m.intensity.empty() ? 0.0 : *std::max_element(m.intensity.begin(), m.intensity.end());
    std::vector<double> mz, in;
    mz.reserve(order.size());
    in.reserve(order.size());
    for (const std::size_t i : order) {
        if (!(m.intensity[i] > 0) || !std::isfinite(m.mz[i]) || m.intensity[i] < o.min_relative_intensity * base) continue;
        mz.push_back(m.mz[i]);
        in.push_back(m.intensity[i]);
    }
    m.mz = std::move(mz);
    m.intensity = std::move(in);
    return m;
}

}  // namespace

std::vector<double> Ms2Consensus::mz() const {
    std::vector<double> out;
    out.reserve(peaks.size());
    for (const auto& p : peaks) out.push_back(p.mz);
    return out;
}

std::vector<double> Ms2Consensus::intensity() const {
    std::vector<double> out;
    out.reserve(peaks.size());
    for (const auto& p : peaks) out.push_back(p.intensity);
    return out;
}

std::optional<Ms2Scan> to_ms2_scan(const MsSpectrum& s, const Ms2IndexOptions& options) {
    if (s.ms_level != 2 || (s.precursor_mz <= 0 && s.isolation_target_mz <= 0)) return std::nullopt;
    return to_scan(s, options);
}

Ms2Index::Ms2Index(const MsRun& run, const Ms2IndexOptions& options) : options_(options) {
    for (const auto& s : run.spectra) {
        if (auto scan = to_ms2_scan(s, options_)) scans_.push_back(std::move(*scan));
    }
    index_scans();
}

Ms2Index::Ms2Index(std::vector<Ms2Scan> scans, const Ms2IndexOptions& options, std::shared_ptr<const detail::SpillFile> spill)
    : scans_(std::move(scans)), options_(options), spill_(std::move(spill)) {
    index_scans();
}

Ms2Fragments Ms2Index::fragments(std::size_t position) const {
    const Ms2Scan& s = scans_.at(position);
    if (!s.spilled) return {s.mz, s.intensity};
    if (!spill_) throw std::logic_error("Ms2Index: a spilled scan without its spill file");
    Ms2Fragments f;
    f.mz.resize(s.spill_count);
    f.intensity.resize(s.spill_count);
    if (s.spill_count > 0) {
        spill_->read(s.spill_offset, f.mz.data(), s.spill_count * sizeof(double));
        spill_->read(s.spill_offset + s.spill_count * sizeof(double), f.intensity.data(), s.spill_count * sizeof(double));
    }
    return f;
}

void Ms2Index::index_scans() {
    std::sort(scans_.begin(), scans_.end(), [](const Ms2Scan& a, const Ms2Scan& b) {
        return a.precursor_mz < b.precursor_mz || (a.precursor_mz == b.precursor_mz && a.rt_s < b.rt_s);
    });
    for (const auto& s : scans_) {
        if (s.isolation_high_mz > 0) {
            max_half_window_ = std::max({max_half_window_, s.precursor_mz - s.isolation_low_mz, s.isolation_high_mz - s.precursor_mz});
        }
    }
}

std::vector<std::size_t> Ms2Index::find(double mz, double rt_from_s, double rt_to_s) const {
    std::vector<std::size_t> out;
    const double tol = mz * options_.tolerance_ppm * 1e-6;
    const double reach = tol + (options_.use_isolation_window ? max_half_window_ : 0.0);
    const auto first = std::lower_bound(scans_.begin(), scans_.end(), mz - reach,
                                        [](const Ms2Scan& s, double v) { return s.precursor_mz < v; });
    const double lo_rt = rt_from_s - options_.rt_margin_s;
    const double hi_rt = rt_to_s + options_.rt_margin_s;
    for (auto it = first; it != scans_.end() && it->precursor_mz <= mz + reach; ++it) {
        if (it->rt_s < lo_rt || it->rt_s > hi_rt) continue;
        const bool near = std::abs(it->precursor_mz - mz) <= tol;
        const bool inside = options_.use_isolation_window && it->isolation_high_mz > 0 && mz >= it->isolation_low_mz &&
                            mz <= it->isolation_high_mz;
        if (near || inside) out.push_back(static_cast<std::size_t>(it - scans_.begin()));
    }
    std::sort(out.begin(), out.end(), [&](std::size_t a, std::size_t b) { return scans_[a].rt_s < scans_[b].rt_s; });
    return out;
}

std::vector<std::size_t> Ms2Index::find(const Feature& feature) const {
    const double from = feature.rt_from_s > 0 || feature.rt_to_s > 0 ? feature.rt_from_s : feature.rt_s;
    const double to = feature.rt_to_s > 0 ? feature.rt_to_s : feature.rt_s;
    return find(feature.mz, from, to);
}

Ms2Consensus Ms2Index::consensus(std::span<const std::size_t> positions) const {
    Ms2Consensus c;
    if (positions.empty()) return c;
    struct Point {
        double mz, rel;
        std::size_t scan;
    };
    std::vector<Point> points;
    std::map<int, std::size_t> charges;
    double precursor_sum = 0.0;
    for (const std::size_t p : positions) {
        const Ms2Scan& s = scans_.at(p);
        c.scan_ids.push_back(s.id);
        c.rts_s.push_back(s.rt_s);
        c.collision_energies.push_back(s.collision_energy);
        c.energy_units.push_back(s.collision_energy_unit);
        c.activations.push_back(s.activation);
        precursor_sum += s.precursor_mz;
        if (s.precursor_charge != 0) ++charges[s.precursor_charge];
        Ms2Fragments read_back;  // a spilled scan's list; the others are read in place
        if (s.spilled) read_back = fragments(p);
        const std::vector<double>& mz = s.spilled ? read_back.mz : s.mz;
        const std::vector<double>& intensity = s.spilled ? read_back.intensity : s.intensity;
        const double base = intensity.empty() ? 0.0 : *std::max_element(intensity.begin(), intensity.end());
        if (base <= 0) continue;
        for (std::size_t i = 0; i < mz.size(); ++i) points.push_back({mz[i], intensity[i] / base, p});
    }
    c.precursor_mz = precursor_sum / static_cast<double>(positions.size());
    std::size_t best = 0;
    for (const auto& [z, n] : charges) {
        if (n > best) {
            best = n;
            c.precursor_charge = z;
        }
    }
    // Greedy binning, most intense first: each point joins the bin it falls in, else starts one.
    std::sort(points.begin(), points.end(), [](const Point& a, const Point& b) { return a.rel > b.rel; });
    struct Bin {
        double mz_weighted = 0.0, weight = 0.0, sum = 0.0;
        std::vector<std::size_t> scans;
        double centre = 0.0;
    };
    std::vector<Bin> bins;
    std::vector<std::size_t> by_mz;  // bin positions sorted by centre, kept sorted on insertion
    for (const Point& pt : points) {
        const double tol = tolerance(pt.mz, options_);
        const auto it = std::lower_bound(by_mz.begin(), by_mz.end(), pt.mz - tol,
                                         [&](std::size_t b, double v) { return bins[b].centre < v; });
        std::size_t chosen = bins.size();
        double nearest = tol;
        for (auto j = it; j != by_mz.end() && bins[*j].centre <= pt.mz + tol; ++j) {
            const double d = std::abs(bins[*j].centre - pt.mz);
            if (d <= nearest && std::find(bins[*j].scans.begin(), bins[*j].scans.end(), pt.scan) == bins[*j].scans.end()) {
                nearest = d;
                chosen = *j;
            }
        }
        if (chosen == bins.size()) {
            bins.push_back({});
            bins.back().centre = pt.mz;
            by_mz.insert(it, chosen);
        }
        Bin& b = bins[chosen];
        b.mz_weighted += pt.mz * pt.rel;
        b.weight += pt.rel;
        b.sum += pt.rel;
        b.scans.push_back(pt.scan);
        // The centre moves with the weighted mean; bins are far apart (>= one tolerance) so the
        // order of by_mz is kept.
        b.centre = b.mz_weighted / b.weight;
    }
    const double n = static_cast<double>(positions.size());
    c.peaks.reserve(bins.size());
    for (const std::size_t b : by_mz) {
        c.peaks.push_back({bins[b].centre, bins[b].sum / n, bins[b].scans.size()});
    }
    const double top = c.peaks.empty() ? 0.0
                                       : std::max_element(c.peaks.begin(), c.peaks.end(), [](const auto& a, const auto& b) {
                                             return a.intensity < b.intensity;
                                         })->intensity;
    if (top > 0) {
        for (auto& p : c.peaks) p.intensity /= top;
    }
    return c;
}

Ms2Consensus Ms2Index::consensus_for(const Feature& feature) const {
    const auto positions = find(feature);
    return consensus(positions);
}

}  // namespace sidepeak::signal

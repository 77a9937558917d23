// Grouping of peaks into multiplets, their ranges and integrals.
#include <algorithm>
#include <cmath>
#include <numeric>

#include "sidepeak/signal/integrate.hpp"
#include "sidepeak/signal/multiplets.hpp"
#include "sidepeak/signal/robust_stats.hpp"

namespace sidepeak::signal {

namespace {

std::size_t clamp_index(double x, std::size_t n) {
    return static_cast<std::size_t>(std::clamp(std::round(x), 0.0, static_cast<double>(n - 1)));
}

// Lowest point of the spectrum between two fractional indices.
std::size_t lowest_between(const std::vector<double>& y, double a, double b) {
    const std::size_t n = y.size();
    std::size_t i = clamp_index(std::min(a, b), n), e = clamp_index(std::max(a, b), n);
    std::size_t best = i;
    for (; i <= e; ++i)
        if (y[i] < y[best]) best = i;
    return best;
}

// Noise sigma behind the peaks (height / snr), median over peaks; 0 when unknown.
double peak_noise(const std::vector<Peak>& peaks) {
    std::vector<double> v;
    for (const Peak& p : peaks)
        if (p.snr > 0.0 && p.height > 0.0) v.push_back(p.height / p.snr);
    return median(v);
}

}  // namespace

std::vector<Multiplet> find_multiplets(const NmrSpectrum& spectrum, const std::vector<Peak>& peaks,
                                       const MultipletOptions& options) {
    std::vector<Multiplet> out;
    const std::vector<double>& y = spectrum.real;
    if (peaks.empty() || y.size() < 2) return out;
    const double mhz = spectrum.spectrometer_mhz > 0.0 ? spectrum.spectrometer_mhz : options.fallback_mhz;
    const double hz_per_point = std::abs(spectrum.ppm_step()) * mhz;

    std::vector<std::size_t> order(peaks.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return peaks[a].index < peaks[b].index; });

    // Single linkage over neighbours in point order.
    std::vector<std::vector<std::size_t>> groups;
    for (std::size_t r = 0; r < order.size(); ++r) {
        const Peak& p = peaks[order[r]];
        bool join = false;
        if (r > 0) {
            const Peak& q = peaks[order[r - 1]];
            const double gap_hz = std::abs(p.ppm - q.ppm) * mhz;
            const double lo = std::min(p.height, q.height), hi = std::max(p.height, q.height);
            const bool comparable = hi > 0.0 && lo >= options.min_adjacent_ratio * hi;
            const double valley = y[lowest_between(y, q.index, p.index)];
            // Two Lorentzians farther apart than the sum of their widths dip below half the
            // smaller apex between them (valley <= 0.4 of it at equal widths): a higher valley
            // there is raised by something else (a hump, a baseline error), not by these lines.
            const bool overlapping = gap_hz <= p.fwhm_hz + q.fwhm_hz;
            const bool connected = lo > 0.0 && valley >= options.connected_fraction * lo && overlapping;
            // The whole group stays within the reach of a coupling pattern.
            const double span_hz = groups.empty() ? 0.0 : std::abs(p.ppm - peaks[groups.back().front()].ppm) * mhz;
            join = comparable && (gap_hz <= options.window_hz || connected) && span_hz <= options.max_span_hz;
        }
        if (join) groups.back().push_back(order[r]);
        else groups.push_back({order[r]});
    }
    const double noise = peak_noise(peaks);

    // Pattern of each group. Two resolved lines that are not a doublet (unequal heights, or a
    // spacing below the line width) are two singlets, not one multiplet.
    std::vector<PatternMatch> patterns;
    std::vector<std::vector<std::size_t>> split;
    for (const std::vector<std::size_t>& members : groups) {
        std::vector<double> pos_hz, heights, widths;
        for (const std::size_t i : members) {
            pos_hz.push_back(peaks[i].ppm * mhz);
            heights.push_back(peaks[i].height);
            if (peaks[i].fwhm_hz > 0.0) widths.push_back(peaks[i].fwhm_hz);
        }
        const double fwhm = median(widths);
        PatternOptions po;
        po.tolerance_hz = std::max(options.position_tolerance_fwhm * fwhm, 0.5 * hz_per_point);
        po.intensity_tolerance = options.intensity_tolerance;
        po.line_width_hz = options.min_j_fwhm * fwhm;
        po.noise = noise;
        po.partner_distance_hz = options.window_hz;
        PatternMatch match = classify_pattern(pos_hz, heights, po);
        if (members.size() == 2 && match.multiplicity.is_unresolved()) {
            const Peak& p = peaks[members[0]];
            const Peak& q = peaks[members[1]];
            const double valley = y[lowest_between(y, p.index, q.index)];
            if (valley < options.connected_fraction * std::min(p.height, q.height)) {
                PatternMatch s;
                s.multiplicity = Multiplicity::singlet();
                for (const std::size_t i : members) {
                    split.push_back({i});
                    patterns.push_back(s);
                }
                continue;
            }
        }
        split.push_back(members);
        patterns.push_back(std::move(match));
    }
    groups = std::move(split);

    for (std::size_t g = 0; g < groups.size(); ++g) {
        const std::vector<std::size_t>& members = groups[g];
        Multiplet m;
        m.peaks = members;
        double wsum = 0.0, csum = 0.0;
        for (const std::size_t i : members) {
            const double w = std::max(peaks[i].height, 0.0);
            wsum += w;
            csum += w * peaks[i].ppm;
        }
        m.ppm = wsum > 0.0 ? csum / wsum : peaks[members.front()].ppm;
        m.multiplicity = patterns[g].multiplicity;
        m.j_hz = patterns[g].j_hz;

        // Range: the outer lines plus range_extension_fwhm widths, stopped at the lowest point
        // towards the neighbouring multiplet.
        const Peak& first = peaks[members.front()];
        const Peak& last = peaks[members.back()];
        // A line broader than the J window is no first-order line (a hump, a baseline error): its
        // reach is that of a line window_hz wide, so a range never spreads over ppm.
        const auto reach = [&](const Peak& p) {
            return hz_per_point > 0.0 ? options.range_extension_fwhm * std::min(p.fwhm_hz, options.window_hz) / hz_per_point
                                      : 0.0;
        };
        const double ext_first = reach(first);
        const double ext_last = reach(last);
        double a = std::max(0.0, first.index - ext_first);
        double b = std::min(static_cast<double>(y.size() - 1), last.index + ext_last);
        if (g > 0) {
            const Peak& prev = peaks[groups[g - 1].back()];
            a = std::max(a, static_cast<double>(lowest_between(y, prev.index, first.index)));
        }
        if (g + 1 < groups.size()) {
            const Peak& next = peaks[groups[g + 1].front()];
            b = std::min(b, static_cast<double>(lowest_between(y, last.index, next.index)));
        }
        m.ppm_from = spectrum.ppm_at(a);
        m.ppm_to = spectrum.ppm_at(b);
        m.area = integrate(spectrum, m.ppm_from, m.ppm_to);
        out.push_back(std::move(m));
    }
    return out;
}

}  // namespace sidepeak::signal

// Peak picking: local maxima, noise-scaled prominence, Lorentzian three-point apex, half-height
// width and a tail-corrected area (see peaks.hpp).
#include "sidepeak/signal/peaks.hpp"

#include "sidepeak/signal/robust_stats.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>
#include <utility>

namespace sidepeak::signal {

namespace {

struct Candidate {
    std::size_t index;
    double height;
};

// Integer apices of every local maximum; a flat top (equal neighbours) counts once, at its middle.
std::vector<Candidate> local_maxima(const std::vector<double>& y, double min_height) {
    std::vector<Candidate> out;
    const std::size_t n = y.size();
    std::size_t i = 1;
    while (i + 1 < n) {
        if (y[i] > y[i - 1] && y[i] >= y[i + 1]) {
            std::size_t j = i + 1;
            while (j < n && y[j] == y[i]) ++j;
            if (j == n || y[j] < y[i]) {
                if (y[i] >= min_height) out.push_back({i + (j - 1 - i) / 2, y[i]});
            }
            i = j;
        } else {
            ++i;
        }
    }
    return out;
}

double range_min(const std::vector<double>& y, std::size_t from, std::size_t to) {  // [from, to)
    double m = std::numeric_limits<double>::infinity();
    for (std::size_t i = from; i < to; ++i) m = std::min(m, y[i]);
    return m;
}

// Topographic prominence of every candidate in O(n + m): one pass for the valleys between
// consecutive candidates, then a monotone stack from each side.
std::vector<double> prominences(const std::vector<double>& y, const std::vector<Candidate>& c) {
    const std::size_t m = c.size();
    std::vector<double> between(m + 1);  // between[j]: min over (c[j-1], c[j]); [0] and [m] to the ends
    between[0] = range_min(y, 0, c[0].index);
    for (std::size_t j = 1; j < m; ++j) between[j] = range_min(y, c[j - 1].index + 1, c[j].index);
    between[m] = range_min(y, c[m - 1].index + 1, y.size());

    struct Entry {
        double height;
        double min_since;  // lowest point between the previous stack entry and this one
    };
    std::vector<double> left(m), right(m);
    std::vector<Entry> stack;
    // Left bases: stop at the nearest point that is higher or equal (ties resolved to the left peak).
    for (std::size_t j = 0; j < m; ++j) {
        double low = between[j];
        while (!stack.empty() && stack.back().height < c[j].height) {
            low = std::min(low, stack.back().min_since);
            stack.pop_back();
        }
        if (stack.empty()) low = std::min(low, between[0]);
        left[j] = low;
        stack.push_back({c[j].height, low});
    }
    stack.clear();
    // Right bases: stop at the nearest strictly higher maximum.
    for (std::size_t j = m; j-- > 0;) {
        double low = between[j + 1];
        while (!stack.empty() && stack.back().height <= c[j].height) {
            low = std::min(low, stack.back().min_since);
            stack.pop_back();
        }
        if (stack.empty()) low = std::min(low, between[m]);
        right[j] = low;
        stack.push_back({c[j].height, low});
    }
    std::vector<double> p(m);
    for (std::size_t j = 0; j < m; ++j) {
        const double lb = std::isfinite(left[j]) ? left[j] : c[j].height;
        const double rb = std::isfinite(right[j]) ? right[j] : c[j].height;
        p[j] = c[j].height - std::max(lb, rb);
    }
    return p;
}

// Level of the surroundings of the maximum at i: the medians of two rings of points just outside
// the line's own extent (from 3 half-prominence widths out, at least 16 points wide), joined by a
// straight line evaluated at i, so a wiggle on a sloping tail is measured against the local trend.
// A noise wiggle on the flat or sloping tail of a strong line rises ~3 sigma above this level; a
// real line rises by its height. With only one ring (spectrum edge) that ring's median is used.
double surrounding_level(const std::vector<double>& y, std::size_t i, double half_level) {
    const std::size_t n = y.size();
    constexpr std::size_t max_walk = 1u << 14;
    std::size_t wl = 1, wr = 1;
    while (wl < max_walk && wl < i && y[i - wl] > half_level) ++wl;
    while (wr < max_walk && i + wr + 1 < n && y[i + wr] > half_level) ++wr;
    std::vector<double> ring;
    std::optional<std::pair<double, double>> left, right;  // (centre index, median)
    const std::size_t rl = std::max<std::size_t>(16, 2 * wl), rr = std::max<std::size_t>(16, 2 * wr);
    if (i > 3 * wl) {
        const std::size_t end = i - 3 * wl, start = end > rl ? end - rl : 0;
        ring.assign(y.begin() + static_cast<std::ptrdiff_t>(start), y.begin() + static_cast<std::ptrdiff_t>(end));
        if (!ring.empty()) left = {{0.5 * static_cast<double>(start + end - 1), upper_median_inplace(ring)}};
    }
    if (i + 3 * wr < n) {
        const std::size_t start = i + 3 * wr, end = std::min(n, start + rr);
        ring.assign(y.begin() + static_cast<std::ptrdiff_t>(start), y.begin() + static_cast<std::ptrdiff_t>(end));
        if (!ring.empty()) right = {{0.5 * static_cast<double>(start + end - 1), upper_median_inplace(ring)}};
    }
    if (left && right) {
        const double t = (static_cast<double>(i) - left->first) / (right->first - left->first);
        return left->second + t * (right->second - left->second);
    }
    if (left) return left->second;
    if (right) return right->second;
    return 0.0;
}

struct Apex {
    double offset = 0.0;  // in points, relative to the integer apex
    double height = 0.0;
};

// Parabola through (-1, a), (0, b), (1, c): vertex offset and value.
std::optional<Apex> parabola_vertex(double a, double b, double c) {
    const double curv = a - 2.0 * b + c;
    if (curv == 0.0 || !std::isfinite(curv)) return std::nullopt;
    const double d = 0.5 * (a - c) / curv;
    if (!(std::abs(d) <= 1.0)) return std::nullopt;
    return Apex{d, b - 0.25 * (a - c) * d};
}

Apex interpolate_apex(const std::vector<double>& y, std::size_t i) {
    if (i == 0 || i + 1 >= y.size()) return {0.0, y[i]};
    const double a = y[i - 1], b = y[i], c = y[i + 1];
    if (a > 0.0 && b > 0.0 && c > 0.0) {
        // 1/y of a Lorentzian is a parabola in x: its minimum is the exact apex.
        if (const auto v = parabola_vertex(1.0 / a, 1.0 / b, 1.0 / c); v && v->height > 0.0 && v->height <= 1.0 / b)
            return {v->offset, 1.0 / v->height};
    }
    if (const auto v = parabola_vertex(a, b, c); v && v->height >= b) return *v;
    return {0.0, b};
}

// Position (fractional index) where y falls to `level` between points p (y >= level) and q
// (y < level), q = p +- 1. A parabola through 1/y on p, q and the point beyond q (exact for a
// Lorentzian); linear interpolation when that point is unusable or the root falls outside.
double crossing(const std::vector<double>& y, std::size_t p, std::size_t q, double level) {
    const double lin = static_cast<double>(p) +
                       (static_cast<double>(q) - static_cast<double>(p)) * (y[p] - level) / (y[p] - y[q]);
    const bool right = q > p;
    if ((right && q + 1 >= y.size()) || (!right && q == 0)) return lin;
    const std::size_t r = right ? q + 1 : q - 1;
    if (!(y[p] > 0.0 && y[q] > 0.0 && y[r] > 0.0)) return lin;
    // u(t) at t = 0 (p), 1 (q), 2 (r), t counted away from the apex.
    const double u0 = 1.0 / y[p], u1 = 1.0 / y[q], u2 = 1.0 / y[r], target = 1.0 / level;
    const double A = 0.5 * (u0 - 2.0 * u1 + u2);
    const double B = u1 - u0 - A;
    const double C = u0 - target;
    double t = 0.0;
    if (std::abs(A) < 1e-300) {
        if (B == 0.0) return lin;
        t = -C / B;
    } else {
        const double disc = B * B - 4.0 * A * C;
        if (disc < 0.0) return lin;
        const double s = std::sqrt(disc);
        const double t1 = (-B + s) / (2.0 * A), t2 = (-B - s) / (2.0 * A);
        t = (t1 >= 0.0 && t1 <= 1.0) ? t1 : t2;
    }
    if (!(t >= 0.0 && t <= 1.0)) return lin;
    return right ? static_cast<double>(p) + t : static_cast<double>(p) - t;
}

}  // namespace

std::vector<Peak> pick_peaks(const NmrSpectrum& spectrum, double noise, double snr_threshold, double min_fwhm_hz) {
    std::vector<Peak> peaks;
    const std::vector<double>& y = spectrum.real;
    const std::size_t n = y.size();
    if (!(noise > 0.0) || n < 3) return peaks;
    const double threshold = std::max(snr_threshold, 0.0) * noise;
    const std::vector<Candidate> all = local_maxima(y, threshold);
    if (all.empty()) return peaks;
    const std::vector<double> prom = prominences(y, all);
    std::vector<Candidate> kept;
    std::vector<double> kept_prom;
    for (std::size_t j = 0; j < all.size(); ++j) {
        if (prom[j] < min_dip_sigmas * noise) continue;
        // A dip of 3 x min_dip_sigmas (~9 sigma of a difference of two noise values) on both
        // sides is no noise wiggle: such a line is kept even when its surroundings are other,
        // taller lines of a crowded multiplet (whose flanks would raise the ring medians).
        if (prom[j] >= 3.0 * min_dip_sigmas * noise && prom[j] >= threshold) {
            kept.push_back(all[j]);
            kept_prom.push_back(prom[j]);
            continue;
        }
        const double level = surrounding_level(y, all[j].index, all[j].height - 0.5 * prom[j]);
        if (all[j].height - level >= threshold) {
            kept.push_back(all[j]);
            kept_prom.push_back(prom[j]);
        }
    }

    // Valley (lowest point) between consecutive kept peaks bounds each peak's width and area.
    const std::size_t m = kept.size();
    std::vector<std::size_t> valley(m + 1);
    valley[0] = 0;
    valley[m] = n - 1;
    for (std::size_t j = 1; j < m; ++j) {
        std::size_t best = kept[j - 1].index;
        for (std::size_t i = kept[j - 1].index; i <= kept[j].index; ++i)
            if (y[i] < y[best]) best = i;
        valley[j] = best;
    }

    const double step = std::abs(spectrum.ppm_step());
    const double hz_per_point = spectrum.hz_per_point();
    // Physical floor of a line width in points: min_fwhm_hz, and never below one point.
    const double min_points = std::max(1.0, hz_per_point > 0.0 ? min_fwhm_hz / hz_per_point : 0.0);
    peaks.reserve(m);
    for (std::size_t j = 0; j < m; ++j) {
        const std::size_t i = kept[j].index;
        const Apex apex = interpolate_apex(y, i);
        const double h = apex.height;
        const double half = 0.5 * h;
        const std::size_t lo = valley[j], hi = valley[j + 1];

        std::optional<double> left_x, right_x;
        auto find_crossings = [&](double level) {
            for (std::size_t k = i; k > lo; --k)
                if (y[k - 1] < level) {
                    left_x = crossing(y, k, k - 1, level);
                    break;
                }
            for (std::size_t k = i; k < hi; ++k)
                if (y[k + 1] < level) {
                    right_x = crossing(y, k, k + 1, level);
                    break;
                }
        };
        find_crossings(half);
        // A line on a raised or sloping base (baseline error) never falls to half its absolute
        // height: its width is then taken at half its prominence above the higher base.
        if (!left_x && !right_x) find_crossings(h - 0.5 * kept_prom[j]);
        const double x0 = static_cast<double>(i) + apex.offset;
        double fwhm_points = 0.0;
        if (left_x && right_x) fwhm_points = *right_x - *left_x;
        else if (left_x) fwhm_points = 2.0 * (x0 - *left_x);
        else if (right_x) fwhm_points = 2.0 * (*right_x - x0);
        // Narrower than the physical floor by more than a factor 2: a spike, not a line. Within
        // that factor the measured width is interpolation error and the floor is used.
        if (fwhm_points < 0.5 * min_points) continue;
        fwhm_points = std::max(fwhm_points, min_points);

        // Area out to the valleys or to 32 half-widths, plus the Lorentzian tail past a cut side.
        constexpr double reach = 32.0;
        const double gamma = 0.5 * fwhm_points;  // HWHM in points
        std::size_t a = lo, b = hi;
        bool cut_left = false, cut_right = false;
        if (gamma > 0.0) {
            const double span = std::ceil(reach * gamma);
            if (x0 - span > static_cast<double>(lo)) {
                a = static_cast<std::size_t>(std::max(0.0, std::floor(x0 - span)));
                cut_left = true;
            }
            if (x0 + span < static_cast<double>(hi)) {
                b = static_cast<std::size_t>(std::ceil(x0 + span));
                cut_right = true;
            }
        }
        double area = 0.0;
        for (std::size_t k = a; k < b; ++k) area += 0.5 * (y[k] + y[k + 1]);
        if (gamma > 0.0) {
            if (cut_left) area += h * gamma * (0.5 * M_PI - std::atan((x0 - static_cast<double>(a)) / gamma));
            if (cut_right) area += h * gamma * (0.5 * M_PI - std::atan((static_cast<double>(b) - x0) / gamma));
        }

        Peak p;
        p.index = x0;
        p.ppm = spectrum.ppm_at(x0);
        p.height = h;
        p.fwhm_hz = fwhm_points * hz_per_point;
        p.area = area * step;
        p.snr = h / noise;
        peaks.push_back(p);
    }
    return peaks;
}

}  // namespace sidepeak::signal

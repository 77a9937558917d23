#include "sidepeak/report/svg_plot.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include <fmt/format.h>

#include "sidepeak/core/text.hpp"

namespace sidepeak::report {

std::string html_escape(std::string_view text) { return xml_escape(text); }

void decimate_min_max(const std::vector<double>& x, const std::vector<double>& y, std::size_t buckets,
                      std::vector<double>& out_x, std::vector<double>& out_y) {
    out_x.clear();
    out_y.clear();
    const std::size_t n = std::min(x.size(), y.size());
    if (n <= 2 * buckets || buckets == 0) {
        out_x.assign(x.begin(), x.begin() + static_cast<long>(n));
        out_y.assign(y.begin(), y.begin() + static_cast<long>(n));
        return;
    }
    out_x.reserve(2 * buckets);
    out_y.reserve(2 * buckets);
    for (std::size_t b = 0; b < buckets; ++b) {
        const std::size_t lo = b * n / buckets;
        const std::size_t hi = std::max(lo + 1, (b + 1) * n / buckets);
        std::size_t imin = lo, imax = lo;
        for (std::size_t i = lo; i < hi; ++i) {
            if (y[i] < y[imin]) imin = i;
            if (y[i] > y[imax]) imax = i;
        }
        const std::size_t first = std::min(imin, imax), second = std::max(imin, imax);
        out_x.push_back(x[first]);
        out_y.push_back(y[first]);
        if (second != first) {
            out_x.push_back(x[second]);
            out_y.push_back(y[second]);
        }
    }
}

namespace {

struct Range {
    double lo = std::numeric_limits<double>::max();
    double hi = std::numeric_limits<double>::lowest();
    void add(double v) {
        if (!std::isfinite(v)) return;
        lo = std::min(lo, v);
        hi = std::max(hi, v);
    }
    [[nodiscard]] bool valid() const { return lo <= hi; }
};

// "Nice" tick step (1, 2 or 5 x 10^k) giving about `target` ticks over `span`.
double tick_step(double span, int target) {
    if (span <= 0 || !std::isfinite(span)) return 1.0;
    const double raw = span / target;
    const double mag = std::pow(10.0, std::floor(std::log10(raw)));
    const double norm = raw / mag;
    return (norm < 1.5 ? 1.0 : norm < 3.5 ? 2.0 : norm < 7.5 ? 5.0 : 10.0) * mag;
}

}  // namespace

std::string SvgPlot::render() const {
    constexpr double kLeft = 70, kRight = 16, kTop = 14, kBottom = 44;
    const double pw = width - kLeft - kRight, ph = height - kTop - kBottom;
    Range xr, yr;
    for (const auto& s : series) {
        for (double v : s.x) xr.add(v);
        for (double v : s.y) yr.add(v);
    }
    for (const auto& m : markers) {
        xr.add(m.x);
        yr.add(m.y);
    }
    if (!xr.valid()) xr = {0, 1};
    if (!yr.valid()) yr = {0, 1};
    if (xr.hi == xr.lo) xr.hi = xr.lo + 1;
    if (yr.hi == yr.lo) yr.hi = yr.lo + 1;
    const double ypad = 0.06 * (yr.hi - yr.lo);
    yr.lo -= ypad;
    yr.hi += ypad;
    // Data-space viewBox: x runs left to right (negated when reversed), y is negated so up is up.
    const double vx = reverse_x ? -xr.hi : xr.lo;
    const double vw = xr.hi - xr.lo;
    const double vy = -yr.hi;
    const double vh = yr.hi - yr.lo;
    const auto px = [&](double x) { return reverse_x ? -x : x; };

    std::string out = fmt::format(
        "<svg class=\"plot\" id=\"{}\" role=\"img\" aria-labelledby=\"{}-t {}-d\" viewBox=\"0 0 {} {}\" "
        "width=\"100%\" data-x0=\"{}\" data-x1=\"{}\" data-y0=\"{}\" data-y1=\"{}\" data-rev=\"{}\" "
        "xmlns=\"http://www.w3.org/2000/svg\">\n<title id=\"{}-t\">{}</title><desc id=\"{}-d\">{}</desc>\n",
        html_escape(id), html_escape(id), html_escape(id), width, height, xr.lo, xr.hi, yr.lo, yr.hi,
        reverse_x ? 1 : 0, html_escape(id), html_escape(title), html_escape(id), html_escape(description));
    out += fmt::format("<rect class=\"frame\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"/>\n", kLeft, kTop, pw, ph);
    // Axis ticks (redrawn by the script on zoom).
    out += "<g class=\"xticks\">";
    const double xs = tick_step(xr.hi - xr.lo, 10);
    for (double t = std::ceil(xr.lo / xs) * xs; t <= xr.hi + 1e-9 * xs; t += xs) {
        const double f = (px(t) - vx) / vw;
        const double sx = kLeft + f * pw;
        out += fmt::format("<line x1=\"{0:.1f}\" x2=\"{0:.1f}\" y1=\"{1}\" y2=\"{2}\"/><text x=\"{0:.1f}\" y=\"{3}\">{4:g}</text>",
                           sx, kTop + ph, kTop + ph + 5, kTop + ph + 18, std::abs(t) < xs * 1e-6 ? 0.0 : t);
    }
    out += "</g><g class=\"yticks\">";
    const double ys = tick_step(yr.hi - yr.lo, 5);
    for (double t = std::ceil(yr.lo / ys) * ys; t <= yr.hi; t += ys) {
        const double sy = kTop + (yr.hi - t) / vh * ph;
        out += fmt::format("<line x1=\"{0}\" x2=\"{1}\" y1=\"{2:.1f}\" y2=\"{2:.1f}\"/><text x=\"{3}\" y=\"{2:.1f}\">{4:.3g}</text>",
                           kLeft - 5, kLeft, sy, kLeft - 8, std::abs(t) < ys * 1e-6 ? 0.0 : mirror_y ? std::abs(t) : t);
    }
    out += "</g>\n";
    out += fmt::format("<text class=\"xlabel\" x=\"{}\" y=\"{}\">{}</text>", kLeft + pw / 2, height - 6, html_escape(x_label));
    out += fmt::format("<text class=\"ylabel\" transform=\"translate(14 {}) rotate(-90)\">{}</text>\n", kTop + ph / 2,
                       html_escape(y_label));
    // Plot area in data units.
    out += fmt::format("<svg class=\"area\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" viewBox=\"{} {} {} {}\" "
                       "preserveAspectRatio=\"none\">\n",
                       kLeft, kTop, pw, ph, vx, vy, vw, vh);
    for (const auto& r : regions) {
        const double a = std::min(px(r.x_from), px(r.x_to)), b = std::max(px(r.x_from), px(r.x_to));
        out += fmt::format("<rect class=\"region {}\" id=\"{}\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"><title>{}</title></rect>\n",
                           html_escape(r.css), html_escape(r.id), a, vy, b - a, vh, html_escape(r.label));
    }
    for (const auto& s : series) {
        std::string d;
        d.reserve(s.x.size() * 24);
        for (std::size_t i = 0; i < s.x.size() && i < s.y.size(); ++i) {
            if (!std::isfinite(s.x[i]) || !std::isfinite(s.y[i])) continue;
            if (s.dots) {
                d += fmt::format("M{:.6g} {:.6g}l0 0", px(s.x[i]), -s.y[i]);
            } else {
                d += fmt::format("{}{:.6g} {:.6g}", d.empty() ? "M" : "L", px(s.x[i]), -s.y[i]);
            }
        }
        out += fmt::format("<path class=\"{}\" vector-effect=\"non-scaling-stroke\" d=\"{}\"><title>{}</title></path>\n",
                           html_escape(s.css), d, html_escape(s.name));
    }
    for (const auto& m : markers) {
        out += fmt::format("<g class=\"marker {}\" id=\"{}\" data-x=\"{}\" data-y=\"{}\"><line vector-effect=\"non-scaling-stroke\" "
                           "x1=\"{}\" x2=\"{}\" y1=\"{}\" y2=\"{}\"/><title>{}</title></g>\n",
                           html_escape(m.css), html_escape(m.id), m.x, m.y, px(m.x), px(m.x), -m.y,
                           m.y < 0 ? -(m.y - 0.04 * vh) : -(m.y + 0.04 * vh), html_escape(m.label));
    }
    out += "</svg>\n<g class=\"labels\">";
    for (const auto& m : markers) {
        if (m.label.empty()) continue;
        const double sx = kLeft + (px(m.x) - vx) / vw * pw;
        // Above the marker; below it when it points down (the lower half of a mirror plot).
        const double at = kTop + (yr.hi - m.y) / vh * ph;
        const double sy = m.y < 0 ? std::min(kTop + ph - 3, at + 14) : std::max(kTop + 10, at - 10);
        out += fmt::format("<text class=\"mlabel {}\" data-x=\"{}\" data-y=\"{}\" x=\"{:.1f}\" y=\"{:.1f}\">{}</text>",
                           html_escape(m.css), m.x, m.y, sx, sy, html_escape(m.label));
    }
    out += "</g>\n</svg>\n";
    return out;
}

}  // namespace sidepeak::report

// The allylic CH2 of a fitted vinyl system (olefin_fit.hpp): read from the band shape at the fitted
// J_allyl as d (N-, O-, aryl-CH2) versus q/dt (alkyl CH2), and the room a hidden one would have
// under the spectrum.
#include <algorithm>
#include <array>
#include <cmath>
#include <numbers>

#include "band_fit.hpp"
#include "olefin_fit.hpp"

namespace sidepeak::classify::detail {

using band::base_columns;
using band::first_order;
using band::fit_pattern;
using band::Line;
using band::PatternFit;
using band::r2_of;
using band::Window;

std::vector<AllylicCandidate> find_allylic_ch2(const signal::NmrResult& nmr, const VinylFit& fit, double from,
                                               double to) {
    std::vector<AllylicCandidate> out;
    const double mhz = nmr.spectrum.spectrometer_mhz;
    const double w = fit.w_hz, ja = fit.j.allyl;
    if (!(mhz > 0.0) || !(w > 0.0) || !(fit.ch_area > 0.0)) return out;
    // A 2H d has lines of the =CH- weight-1 height (2 x 1/2); its unresolved 4J (1-2 Hz) lower
    // them. Lines far from that height are another compound's (or the product's ring multiplets).
    const double h = fit.ch_height;
    std::vector<double> seeds;
    for (const auto& p : nmr.peaks) {
        if (p.ppm < from || p.ppm > to) continue;
        if (!(p.height >= 0.2 * h && p.height <= 4.0 * h)) continue;
        for (double c : {p.ppm * mhz - ja / 2, p.ppm * mhz + ja / 2, p.ppm * mhz}) {
            if (std::none_of(seeds.begin(), seeds.end(), [&](double s) { return std::abs(s - c) < 0.5; }))
                seeds.push_back(c);
        }
    }
    const auto d = first_order({ja});
    constexpr std::array kVicinal{6.0, 7.0, 8.0};  // alkyl 3J (Pretsch)
    const double half = 1.5 * ja + 2.0 * w + 2.0;
    const double to_area = std::numbers::pi / 2 * w / mhz;
    for (double c : seeds) {
        const Window win = band::window(nmr, (c - half) / mhz, (c + half) / mhz, w);
        if (win.y.size() < 10 || !(win.sst > win.noise_ss)) continue;
        const auto base = base_columns(win);
        const auto fd = fit_pattern(win, base, d, w, c, 1.0);
        PatternFit fq;
        for (double jv : kVicinal) {
            const auto f = fit_pattern(win, base, first_order({ja, jv, jv}), w, c, 1.0);
            if (f.ok && f.ssr < fq.ssr) fq = f;
        }
        // Competing readings of the same band: a t or quintet of the ring CH2 (vicinal J 5-7 Hz,
        // ring N-CH2 and C6-H2 of the diazepane): no allylic CH2.
        double ring_ssr = 1e300;
        for (double jv : {5.0, 6.0, 7.0}) {
            for (const auto& lines : {first_order({jv, jv}), first_order({jv, jv, jv, jv})}) {
                const auto f = fit_pattern(win, base, lines, w, c, 1.0);
                if (f.ok) ring_ssr = std::min(ring_ssr, f.ssr);
            }
        }
        AllylicCandidate a;
        a.r2_d = fd.ok ? r2_of(win, fd.ssr) : -1.0;
        a.r2_q = fq.ok ? r2_of(win, fq.ssr) : -1.0;
        a.doublet = a.r2_d > a.r2_q;
        const auto& f = a.doublet ? fd : fq;
        if (!f.ok || std::max(a.r2_d, a.r2_q) < 0.8 || !(f.ssr < ring_ssr)) continue;
        // The q/dt reading is that of an alkyl CH2 next to the vinyl group: 1.9-2.4 ppm (Pretsch:
        // allylic CH2 2.0-2.2 plus substituent effects).
        if (!a.doublet && f.centre_hz / mhz > 2.4) continue;
        // The d column has weight 1 split over its lines, so amp x area of a unit line is the area.
        a.area = f.amp * to_area;
        a.ppm = f.centre_hz / mhz;
        const double q = a.area / fit.ch_area;
        if (q < 1.0 || q > 3.5) continue;
        if (std::any_of(out.begin(), out.end(),
                        [&](const AllylicCandidate& o) { return std::abs(o.ppm - a.ppm) * mhz < 1.0; }))
            continue;
        out.push_back(a);
    }
    return out;
}

double allylic_room(const signal::NmrResult& nmr, const VinylFit& fit, double from, double to, bool alkyl) {
    const auto& s = nmr.spectrum;
    const double mhz = s.spectrometer_mhz;
    if (!(mhz > 0.0) || !(fit.w_hz > 0.0) || !(fit.ch_area > 0.0) || s.size() < 3) return 0.0;
    // The allylic CH2 carries a 4J of 1-2 Hz to each =CH2 proton (Pretsch): unresolved, it widens
    // every line by about their sum (Lorentzian widths add).
    const double w = fit.w_hz + 2.8;
    const double g2 = w * w / 4;
    // Height of a weight-1 Lorentzian of area 2 x the =CH- (one proton) area.
    const double need = 2.0 * fit.ch_area / (std::numbers::pi / 2 * w / mhz);
    const double ja = fit.j.allyl;
    std::vector<std::vector<Line>> patterns;
    if (alkyl) {
        for (double jv : {6.0, 7.0, 8.0}) patterns.push_back(first_order({ja, jv, jv}));  // alkyl 3J (Pretsch)
    } else {
        patterns.push_back(first_order({ja}));
    }
    const double hz_pt = s.hz_per_point();
    if (!(hz_pt > 0.0)) return 0.0;
    const double floor_y = 3.0 * nmr.noise;
    std::vector<std::pair<double, double>> apex;  // (Hz, height) of picked lines near the window
    for (const auto& p : nmr.peaks) {
        // A sharp multiplet on an exchange-broadened hump (water, NH) would stand out as sharp
        // picked lines of its own: only lines of about its own width can hide it.
        if (p.ppm >= from - 0.1 && p.ppm <= to + 0.1 && p.fwhm_hz <= 3.0 * w) apex.emplace_back(p.ppm * mhz, p.height);
    }
    double best = 0.0;
    for (const auto& lines : patterns) {
        double span = 0.0;
        for (const Line& l : lines) span = std::max(span, std::abs(l.off));
        const double reach = span + 1.5 * w;  // where the pattern is >= ~10 % of a line's height
        double wmin = 1.0;
        for (const Line& l : lines) wmin = std::min(wmin, l.weight);
        for (double c = from * mhz; c <= to * mhz + 1e-9; c += 0.25) {
            // Hidden under lines, not under the tail of a line beyond the pattern: a picked apex at
            // least as tall as half the pattern's weakest line lies within the pattern's span.
            const bool under_line = std::any_of(apex.begin(), apex.end(), [&](const std::pair<double, double>& a) {
                return std::abs(a.first - c) <= span + w && a.second >= 0.5 * need * wmin;
            });
            if (!under_line) continue;
            double i0 = s.index_of((c + reach) / mhz), i1 = s.index_of((c - reach) / mhz);
            if (i0 > i1) std::swap(i0, i1);
            const auto a = static_cast<std::ptrdiff_t>(std::floor(i0)), b = static_cast<std::ptrdiff_t>(std::ceil(i1));
            if (a < 0 || b >= static_cast<std::ptrdiff_t>(s.size())) continue;
            double room = 1e3;
            for (std::ptrdiff_t i = a; i <= b && room > best; ++i) {
                const double x = s.ppm_at(static_cast<double>(i)) * mhz;
                double p = 0.0, pmax = 0.0;
                for (const Line& l : lines) {
                    const double d = x - c - l.off;
                    p += l.weight * g2 / (d * d + g2);
                    pmax = std::max(pmax, l.weight);
                }
                if (p < 0.2 * pmax) continue;
                room = std::min(room, (s.real[static_cast<std::size_t>(i)] + floor_y) / (need * p));
            }
            best = std::max(best, room);
        }
    }
    return std::max(best, 0.0);
}

}  // namespace sidepeak::classify::detail

// The allylic CH2 of a fitted vinyl system (olefin_fit.hpp): read from the band shape at the fitted
// J_allyl as d (N-, O-, aryl-CH2) versus q/dt (alkyl CH2), and the room a hidden one would have
// under the spectrum.
#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
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

namespace {
// Candidate seeds: picked lines within this range of the =CH- weight-1 line height (a 2H d has
// lines of that height; its unresolved 4J of 1-2 Hz lowers them, another compound's or the
// product's ring multiplets are far off it).
constexpr double kSeedHeightMin = 0.2, kSeedHeightMax = 4.0;
// Seeds closer than this (Hz) are one seed (the fit searches +-kCentreSearchHz around it).
constexpr double kSeedSameHz = 0.5;
// Half-width of the fitted window (Hz): the d's outer line at J/2 plus a J of room on each side
// (1.5 J), two line widths of Lorentzian tail and a 2 Hz margin for the 1-2 Hz 4J fine structure
// (Pretsch).
constexpr double kHalfJs = 1.5, kHalfWidths = 2.0, kHalfMarginHz = 2.0;
// A shape fit needs a few points per line width over the window.
constexpr std::size_t kMinWindowPoints = 10;
// Centre search of each pattern fit around its seed (Hz): half the 2 Hz of unresolved 4J.
constexpr double kCentreSearchHz = 1.0;
// Alkyl vicinal 3J of an allylic CH2-CH2 (Pretsch: 6-8 Hz).
constexpr std::array kVicinalHz{6.0, 7.0, 8.0};
// Vicinal 3J of the diazepane ring CH2 t / quintet (ring N-CH2, C6-H2; Pretsch 5-7 Hz).
constexpr std::array kRingVicinalHz{5.0, 6.0, 7.0};
// The better reading must explain the window (noise-corrected R^2) at least this well.
constexpr double kMinR2 = 0.8;
// A q/dt is an alkyl CH2 next to the vinyl group: 1.9-2.4 ppm (Pretsch: allylic CH2 2.0-2.2 plus
// substituent effects); above this it is no allylic CH2.
constexpr double kAlkylCh2MaxPpm = 2.4;
// Area of the CH2 against the =CH- (1H): 2H within integration error (overlap, 4J lowering).
constexpr double kAreaRatioMin = 1.0, kAreaRatioMax = 3.5;
// Candidates closer than this (Hz) are one band.
constexpr double kSameCandidateHz = 1.0;
// Protons of the allylic CH2.
constexpr double kCh2Protons = 2.0;
// The CH2's 4J of 1-2 Hz to each =CH2 proton (Pretsch), unresolved: widens every line by about
// their sum (Lorentzian widths add), Hz.
constexpr double kFourJWideningHz = 2.8;
// The spectrum plus this many noise sigma bounds what can hide under it.
constexpr double kNoiseSigmas = 3.0;
// Picked lines this far (ppm) beyond the window can still cover a pattern centred inside it.
constexpr double kApexMarginPpm = 0.1;
// Only lines up to this many CH2 line widths wide can hide a sharp multiplet (a sharp multiplet on
// an exchange-broadened hump, water or NH, would stand out as sharp picked lines of its own).
constexpr double kApexMaxWidths = 3.0;
// A Lorentzian falls to ~10 % of its height 1.5 FWHM from its centre: the pattern's reach.
constexpr double kReachWidths = 1.5;
// A covering apex is at least this fraction of the pattern's weakest line's height.
constexpr double kCoverFraction = 0.5;
// Centre step of the room scan (Hz): a quarter of the narrowest (1 Hz) lines.
constexpr double kCentreStepHz = 0.25;
// Points where the pattern is below this fraction of its strongest line do not bound the room
// (there the spectrum's noise and tails, not the pattern, decide).
constexpr double kPatternFloor = 0.2;
// Room cap (fractions of a 2H CH2): any value far above 1 means the same.
constexpr double kRoomCap = 1e3;
// Sentinel residual of no fit.
constexpr double kNoFitSsr = 1e300;

// A d beside a much taller line (another compound's: an ester OCH2 q, a solvent line) sits on its
// flank, which lifts its picked heights out of the seed range and bends the window's baseline. A
// picked line at least kTallOver x the top of the seed range (so >= 8x a 2H d's line), within
// kTallReachWidths of its FWHM (plus the window's half-width) of a line, is such a neighbour: its
// Lorentzian (picked height and FWHM) is subtracted from the line's height, and the window fit
// gives it a free column of its own.
constexpr double kTallOver = 2.0, kTallReachWidths = 3.0;
// The d's two lines must be J_allyl apart within the vinyl fit's J read accuracy (0.5 Hz,
// olefin_fit.cpp) plus one point of digitisation on each line.
constexpr double kJMatchHz = 0.5;
// A d read beside a tall neighbour holds 2H per =CH- H within +-30 % (the neighbour's column shares
// intensity with the d's lines; integration error, Hoye 1994): tighter than the 1-3.5 of a free
// band, for a pair of lines picked on another line's flank could be anything of the background.
constexpr double kFlankAreaMin = 1.4, kFlankAreaMax = 2.6;

struct Seed {
    double hz = 0.0;
    std::vector<band::Bg> tall;  ///< taller neighbours fitted as free columns (flank seeds only)
};

// Tall picked lines near `p` other than p and its partner line, and p's height with their
// Lorentzian flanks subtracted.
std::pair<std::vector<band::Bg>, double> tall_neighbours(const signal::NmrResult& nmr, const signal::Peak& p,
                                                         const signal::Peak& partner, double tall_min,
                                                         double half_hz) {
    const double mhz = nmr.spectrum.spectrometer_mhz;
    std::vector<band::Bg> tall;
    double local = p.height;
    for (const auto& q : nmr.peaks) {
        const double d = (q.ppm - p.ppm) * mhz;
        if (&q == &p || &q == &partner || !(q.height > tall_min) || !(q.fwhm_hz > 0.0)) continue;
        if (std::abs(d) > kTallReachWidths * q.fwhm_hz + half_hz) continue;
        const double g2 = q.fwhm_hz * q.fwhm_hz / 4;
        local -= q.height * g2 / (d * d + g2);
        tall.push_back({q.ppm * mhz, q.fwhm_hz});
    }
    return {tall, local};
}

// Seeds of a 2H d on a taller neighbour's flank: two picked lines J_allyl apart whose raw heights
// are not both in the seed range but whose heights above the neighbour's flank are.
std::vector<Seed> flank_seeds(const signal::NmrResult& nmr, const VinylFit& fit, double from, double to,
                              double half_hz) {
    std::vector<Seed> out;
    const double mhz = nmr.spectrum.spectrometer_mhz, h = fit.ch_height, ja = fit.j.allyl;
    const double tol = kJMatchHz + 2.0 * nmr.spectrum.hz_per_point();
    const double tall_min = kTallOver * kSeedHeightMax * h;
    auto in_range = [&](double y) { return y >= kSeedHeightMin * h && y <= kSeedHeightMax * h; };
    for (const auto& a : nmr.peaks) {
        if (a.ppm < from || a.ppm > to) continue;
        for (const auto& b : nmr.peaks) {
            const double sep = (b.ppm - a.ppm) * mhz;
            if (!(sep > 0.0) || std::abs(sep - ja) > tol) continue;
            if (in_range(a.height) && in_range(b.height)) continue;  // an ordinary seed
            const auto [ta, la] = tall_neighbours(nmr, a, b, tall_min, half_hz);
            const auto [tb, lb] = tall_neighbours(nmr, b, a, tall_min, half_hz);
            if (ta.empty() || tb.empty() || !in_range(la) || !in_range(lb)) continue;
            Seed s{(a.ppm + b.ppm) / 2 * mhz, ta};
            for (const auto& t : tb) {
                if (std::none_of(s.tall.begin(), s.tall.end(), [&](const band::Bg& x) { return x.hz == t.hz; }))
                    s.tall.push_back(t);
            }
            out.push_back(std::move(s));
        }
    }
    return out;
}
}  // namespace

std::vector<AllylicCandidate> find_allylic_ch2(const signal::NmrResult& nmr, const VinylFit& fit, double from,
                                               double to) {
    std::vector<AllylicCandidate> out;
    const double mhz = nmr.spectrum.spectrometer_mhz;
    const double w = fit.w_hz, ja = fit.j.allyl;
    if (!(mhz > 0.0) || !(w > 0.0) || !(fit.ch_area > 0.0)) return out;
    // A 2H d has lines of the =CH- weight-1 height (2 x 1/2).
    const double h = fit.ch_height;
    const double half = kHalfJs * ja + kHalfWidths * w + kHalfMarginHz;
    std::vector<Seed> seeds;
    for (const auto& p : nmr.peaks) {
        if (p.ppm < from || p.ppm > to) continue;
        if (!(p.height >= kSeedHeightMin * h && p.height <= kSeedHeightMax * h)) continue;
        for (double c : {p.ppm * mhz - ja / 2, p.ppm * mhz + ja / 2, p.ppm * mhz}) {
            if (std::none_of(seeds.begin(), seeds.end(), [&](const Seed& s) { return std::abs(s.hz - c) < kSeedSameHz; }))
                seeds.push_back({c, {}});
        }
    }
    for (auto& fs : flank_seeds(nmr, fit, from, to, half)) seeds.push_back(std::move(fs));
    const auto d = first_order({ja});
    const double to_area = std::numbers::pi / 2 * w / mhz;
    for (const auto& [c, tall] : seeds) {
        const bool flank = !tall.empty();
        const auto* bg = flank ? &tall : nullptr;
        const Window win = band::window(nmr, (c - half) / mhz, (c + half) / mhz, w);
        if (win.y.size() < kMinWindowPoints || !(win.sst > win.noise_ss)) continue;
        const auto base = base_columns(win);
        const auto fd = fit_pattern(win, base, d, w, c, kCentreSearchHz, bg, false);
        PatternFit fq;
        for (double jv : kVicinalHz) {
            const auto f = fit_pattern(win, base, first_order({ja, jv, jv}), w, c, kCentreSearchHz, bg, false);
            if (f.ok && f.ssr < fq.ssr) fq = f;
        }
        // Competing readings of the same band: a t or quintet of the ring CH2 (vicinal J 5-7 Hz,
        // ring N-CH2 and C6-H2 of the diazepane): no allylic CH2.
        double ring_ssr = kNoFitSsr;
        for (double jv : kRingVicinalHz) {
            for (const auto& lines : {first_order({jv, jv}), first_order({jv, jv, jv, jv})}) {
                const auto f = fit_pattern(win, base, lines, w, c, kCentreSearchHz, bg, false);
                if (f.ok) ring_ssr = std::min(ring_ssr, f.ssr);
            }
        }
        AllylicCandidate a;
        a.r2_d = fd.ok ? r2_of(win, fd.ssr) : -1.0;
        a.r2_q = fq.ok ? r2_of(win, fq.ssr) : -1.0;
        a.doublet = a.r2_d > a.r2_q;
        const auto& f = a.doublet ? fd : fq;
        if (!f.ok || std::max(a.r2_d, a.r2_q) < kMinR2 || !(f.ssr < ring_ssr)) continue;
        if (!a.doublet && f.centre_hz / mhz > kAlkylCh2MaxPpm) continue;
        // The d column has weight 1 split over its lines, so amp x area of a unit line is the area.
        a.area = f.amp * to_area;
        a.ppm = f.centre_hz / mhz;
        const double q = a.area / fit.ch_area;
        if (q < kAreaRatioMin || q > kAreaRatioMax) continue;
        if (flank && (!a.doublet || q < kFlankAreaMin || q > kFlankAreaMax)) continue;
        if (std::any_of(out.begin(), out.end(),
                        [&](const AllylicCandidate& o) { return std::abs(o.ppm - a.ppm) * mhz < kSameCandidateHz; }))
            continue;
        out.push_back(a);
    }
    return out;
}

double allylic_room(const signal::NmrResult& nmr, const VinylFit& fit, double from, double to, bool alkyl) {
    const auto& s = nmr.spectrum;
    const double mhz = s.spectrometer_mhz;
    if (!(mhz > 0.0) || !(fit.w_hz > 0.0) || !(fit.ch_area > 0.0) || s.size() < 3) return 0.0;
    const double w = fit.w_hz + kFourJWideningHz;
    const double g2 = w * w / 4;
    // Height of a weight-1 Lorentzian of area 2 x the =CH- (one proton) area.
    const double need = kCh2Protons * fit.ch_area / (std::numbers::pi / 2 * w / mhz);
    const double ja = fit.j.allyl;
    std::vector<std::vector<Line>> patterns;
    if (alkyl) {
        for (double jv : kVicinalHz) patterns.push_back(first_order({ja, jv, jv}));
    } else {
        patterns.push_back(first_order({ja}));
    }
    const double hz_pt = s.hz_per_point();
    if (!(hz_pt > 0.0)) return 0.0;
    const double floor_y = kNoiseSigmas * nmr.noise;
    std::vector<std::pair<double, double>> apex;  // (Hz, height) of picked lines near the window
    for (const auto& p : nmr.peaks) {
        if (p.ppm >= from - kApexMarginPpm && p.ppm <= to + kApexMarginPpm && p.fwhm_hz <= kApexMaxWidths * w) apex.emplace_back(p.ppm * mhz, p.height);
    }
    double best = 0.0;
    for (const auto& lines : patterns) {
        double span = 0.0;
        for (const Line& l : lines) span = std::max(span, std::abs(l.off));
        const double reach = span + kReachWidths * w;
        double wmin = 1.0;
        for (const Line& l : lines) wmin = std::min(wmin, l.weight);
        for (double c = from * mhz; c <= to * mhz + 1e-9; c += kCentreStepHz) {
            // Hidden under lines, not under the tail of a line beyond the pattern: a picked apex at
            // least as tall as half the pattern's weakest line lies within the pattern's span.
            const bool under_line = std::any_of(apex.begin(), apex.end(), [&](const std::pair<double, double>& a) {
                return std::abs(a.first - c) <= span + w && a.second >= kCoverFraction * need * wmin;
            });
            if (!under_line) continue;
            double i0 = s.index_of((c + reach) / mhz), i1 = s.index_of((c - reach) / mhz);
            if (i0 > i1) std::swap(i0, i1);
            const auto a = static_cast<std::ptrdiff_t>(std::floor(i0)), b = static_cast<std::ptrdiff_t>(std::ceil(i1));
            if (a < 0 || b >= static_cast<std::ptrdiff_t>(s.size())) continue;
            double room = kRoomCap;
            for (std::ptrdiff_t i = a; i <= b && room > best; ++i) {
                const double x = s.ppm_at(static_cast<double>(i)) * mhz;
                double p = 0.0, pmax = 0.0;
                for (const Line& l : lines) {
                    const double d = x - c - l.off;
                    p += l.weight * g2 / (d * d + g2);
                    pmax = std::max(pmax, l.weight);
                }
                if (p < kPatternFloor * pmax) continue;
                room = std::min(room, (s.real[static_cast<std::size_t>(i)] + floor_y) / (need * p));
            }
            best = std::max(best, room);
        }
    }
    return std::max(best, 0.0);
}

}  // namespace sidepeak::classify::detail

// Checks a read copy of the product's N-alpha group must pass; see n_oxide_copy_signs.hpp.
#include "n_oxide_copy_signs.hpp"

#include <algorithm>
#include <cmath>
#include <array>
#include <limits>
#include <numbers>
#include <string>

#include "ms_ions.hpp"
#include "n_oxide_alpha_copy.hpp"

namespace sidepeak::classify::detail {
namespace {
// Peaks are picked at >= 5 noise sigmas (NmrProcessingOptions::snr_threshold); a line expected
// 3 sigmas above that must have been picked.
constexpr double kPickSigmas = 5.0, kMarginSigmas = 3.0;
// Lines of the product's group below 10 % of its tallest are noise picks or satellites' bases, not
// part of the pattern a copy must repeat.
constexpr double kOwnLineMin = 0.10;
// Lines closer than a tenth of the narrowest resolvable line (~1 Hz) are one transition.
constexpr double kCoincidentHz = 0.1;
// Line positions of a multiplet read to 0.5-1 Hz, or a quarter of the line width at broad lines.
constexpr double kOffsetTolHz = 1.0, kOffsetTolWidths = 0.25;
// Height of a small line against the copy's common scale: +-40 % (line-shape and baseline error
// of 5-20 sigma lines) plus 3 noise sigmas.
constexpr double kHeightTol = 0.4;
// Amount of one line of the second sign in protons at the copy's area per H: at most all the
// window's protons (4 ring N-CH2 H, 2 C6-H2 H, when they coincide in one band) x 1.4 (the +-40 %
// of two small integrals); at least half a proton / 1.4 (a diastereotopic 1H multiplet of which
// the picker took half the lines). Matrix lines beside a small copy hold tens of its protons.
constexpr double kSignTol = 1.4, kSignMinH = 0.5 / kSignTol;
// Integral S/N of the second sign's lines: 5 (Ph. Eur. 2.2.46 / ICH Q2(R2) detection ~3, a line
// pair of picked lines at >= 5 sigma each).
constexpr double kSignMinSnr = 5.0;
// N-oxide ring shifts against the free base (Pretsch, Structure Determination of Organic
// Compounds, 4th ed.; N-methylmorpholine / N-methylpiperidine vs. their N-oxides): the ring CH2
// beta to the N-oxide (C6-H2) +0.2-0.3 ppm, the ring N-CH2 alpha to it +0.6-0.9 ppm, i.e. 3.0-3.5
// ppm (+0.1 for solvent); +-0.05 ppm for where a multiplet's centre is read.
constexpr double kC6ShiftLo = 0.15, kC6ShiftHi = 0.35, kC6Protons = 2.0;
constexpr double kNch2From = 3.0, kNch2To = 3.6, kNch2Protons = 4.0;
// 3J of ring CH2-CH2 (4.5-8 Hz, Pretsch): the smallest coupling a ring line must show.
constexpr double kRingJMin = 4.5;
// Ring 3J at its typical 6.5 Hz (Pretsch): lines at least that wide show the multiplet only as
// its envelope.
constexpr double kRingJTypicalHz = 6.5;
// Lines of one molecule share its width; unresolved small couplings of a ring multiplet widen a
// picked line up to 2.5x the singlet's width (as in n_oxide_nmr.cpp).
constexpr double kRingWidthLo = 0.5, kRingWidthHi = 2.5;

struct Line {
    double hz = 0.0;  ///< offset from the multiplet's height-weighted centre
    double h = 0.0;
    bool used = false;
};

std::vector<Line> lines_of(const signal::NmrResult& nmr, const signal::Multiplet& m) {
    std::vector<Line> out;
    double sw = 0.0, sp = 0.0;
    for (std::size_t i : m.peaks) {
        if (i >= nmr.peaks.size()) continue;
        out.push_back({nmr.peaks[i].ppm, nmr.peaks[i].height, false});
        sw += nmr.peaks[i].height;
        sp += nmr.peaks[i].height * nmr.peaks[i].ppm;
    }
    const double centre = sw > 0.0 ? sp / sw : m.ppm;
    for (auto& l : out) l.hz = (l.hz - centre) * nmr.spectrum.spectrometer_mhz;
    // Coincident lines (a first-order pattern listed transition by transition) are one line.
    std::sort(out.begin(), out.end(), [](const Line& a, const Line& b) { return a.hz < b.hz; });
    std::vector<Line> merged;
    for (const auto& l : out) {
        if (!merged.empty() && l.hz - merged.back().hz < kCoincidentHz)
            merged.back().h += l.h;
        else
            merged.push_back(l);
    }
    return merged;
}

double points_in(const signal::NmrResult& nmr, const signal::Multiplet& m) {
    const double step = std::abs(nmr.spectrum.ppm_step());
    return step > 0.0 ? std::max(1.0, std::abs(m.ppm_from - m.ppm_to) / step) : 1.0;
}

bool is_skipped(const std::vector<const signal::Multiplet*>& skip, const signal::Multiplet& m) {
    return std::find(skip.begin(), skip.end(), &m) != skip.end();
}

// One window of the second sign: the coupled lines of the product's width in [from, to] whose
// area, in protons at the copy's area per H, one ring multiplet of the N-oxide can hold.
RingShiftSign window_sign(const signal::NmrResult& nmr, const RingFrame& f, double from, double to, double protons,
                          double copy_per_h, double own_hz, const std::vector<const signal::Multiplet*>& skip, const char* which) {
    RingShiftSign s;
    s.which = which;
    int candidates = 0;
    double best_h = -1.0;
    for (const auto& m : nmr.multiplets) {
        if (m.ppm < from || m.ppm > to || is_skipped(skip, m) || near_solvent_line(nmr, m.ppm)) continue;
        if (std::find(f.diag.begin(), f.diag.end(), &m) != f.diag.end()) continue;
        if (!ring_line_coupled(nmr, m, f.line_hz, own_hz)) continue;
        const double w = own_hz > 0.0 ? median_line_hz(nmr, m) / own_hz : 1.0;
        if (w < kRingWidthLo || w > kRingWidthHi) continue;
        ++candidates;
        const double area = sharp_multiplet_area(nmr, m);
        const double h = copy_per_h > 0.0 ? area / copy_per_h : 0.0;
        if (best_h < 0.0 || std::abs(h - protons) < std::abs(best_h - protons)) best_h = h;
        if (h < kSignMinH || h > protons * kSignTol || integral_snr(nmr, m, area) < kSignMinSnr) continue;
        s.lines.push_back(&m);
        s.line_protons.push_back(h);
        s.snr = std::max(s.snr, integral_snr(nmr, m, area));
    }
    s.found = !s.lines.empty();
    s.protons = std::max(best_h, 0.0);
    s.why = s.which + ": " + std::to_string(candidates) + " coupled line(s) of the product's width, none holding " + fixed(kSignMinH, 2) +
            "-" + fixed(protons * kSignTol, 1) + " H at the copy's area per H" +
            (candidates > 0 ? " (nearest " + fixed(best_h, 2) + " H)" : std::string());
    return s;
}

// A ring N-CH2 pair of the N-oxide (2H, a 1:2:1 triplet of the ring 3J, as the product's own ring
// lines) whose lines the picker merged into another compound's multiplet: the pattern is fitted at
// the amplitude the copy fixes (one substituent on the shifted N: the pair holds 2x the copy's area
// per H; a quaternary's pair holds half of that), line by line. Each line's Lorentzian area (pi/2 x
// height x FWHM) must reach the expected area -40 %, and all but one (the line shared with the
// other multiplet) stay within +40 %; the three lines equally spaced by a ring 3J (4.5-8 Hz,
// Pretsch) and of the product's width. Returns the multiplet holding the triplet's centre, or null.
constexpr double kPairProtons = 2.0, kRingJMaxHz = 8.0;
double lorentz_area(const signal::NmrResult& nmr, const signal::Peak& p) {
    return std::numbers::pi / 2.0 * p.height * p.fwhm_hz / nmr.spectrum.spectrometer_mhz;
}
const signal::Multiplet* multiplet_of(const signal::NmrResult& nmr, std::size_t peak) {
    for (const auto& m : nmr.multiplets) {
        if (std::find(m.peaks.begin(), m.peaks.end(), peak) != m.peaks.end()) return &m;
    }
    return nullptr;
}
// Index of the picked peak nearest `ppm` within `tol_hz`, or kNoPeak.
constexpr std::size_t kNoPeak = std::numeric_limits<std::size_t>::max();
std::size_t peak_near(const signal::NmrResult& nmr, double ppm, double tol_hz) {
    std::size_t best = kNoPeak;
    double best_d = tol_hz;
    for (std::size_t i = 0; i < nmr.peaks.size(); ++i) {
        const double d = std::abs(nmr.peaks[i].ppm - ppm) * nmr.spectrum.spectrometer_mhz;
        if (d <= best_d) {
            best_d = d;
            best = i;
        }
    }
    return best;
}
bool triplet_fits(const signal::NmrResult& nmr, const std::array<std::size_t, 3>& idx, double copy_per_h, double own_hz) {
    constexpr std::array<double, 3> kShare = {0.25, 0.5, 0.25};
    int off = 0;
    for (std::size_t k = 0; k < 3; ++k) {
        const signal::Peak& p = nmr.peaks[idx[k]];
        const double w = own_hz > 0.0 ? p.fwhm_hz / own_hz : 1.0;
        if (w < kRingWidthLo || w > kRingWidthHi) return false;
        const double ratio = lorentz_area(nmr, p) / (kShare[k] * kPairProtons * copy_per_h);
        if (ratio < 1.0 / kSignTol) return false;
        if (ratio > kSignTol) ++off;
    }
    return off <= 1;
}
const signal::Multiplet* embedded_triplet(const signal::NmrResult& nmr, double from, double to, double copy_per_h, double own_hz,
                                          const std::vector<const signal::Multiplet*>& skip) {
    const double mhz = nmr.spectrum.spectrometer_mhz;
    if (!(mhz > 0.0) || !(copy_per_h > 0.0)) return nullptr;
    for (std::size_t c = 0; c < nmr.peaks.size(); ++c) {
        const signal::Peak& centre = nmr.peaks[c];
        if (centre.ppm < from || centre.ppm > to || near_solvent_line(nmr, centre.ppm)) continue;
        const signal::Multiplet* home = multiplet_of(nmr, c);
        if (home == nullptr || is_skipped(skip, *home)) continue;
        const double tol = std::max(kOffsetTolHz, kOffsetTolWidths * centre.fwhm_hz);
        for (std::size_t l = 0; l < nmr.peaks.size(); ++l) {
            const double j = (nmr.peaks[l].ppm - centre.ppm) * mhz;  // the upfield partner: negative offset
            if (-j < kRingJMin || -j > kRingJMaxHz) continue;
            const std::size_t r = peak_near(nmr, centre.ppm - j / mhz, tol);
            if (r == kNoPeak || r == c || r == l) continue;
            if (triplet_fits(nmr, {l, c, r}, copy_per_h, own_hz)) return home;
        }
    }
    return nullptr;
}
}  // namespace

bool ring_line_coupled(const signal::NmrResult& nmr, const signal::Multiplet& m, double line_hz, double own_hz) {
    if (coupled_at_width(nmr, m, line_hz, 2, kRingJMin)) return true;
    return own_hz >= kRingJTypicalHz && median_line_hz(nmr, m) >= kEnvelopeWiderThanLine * own_hz;
}

double integral_snr(const signal::NmrResult& nmr, const signal::Multiplet& m, double area) {
    const double step = std::abs(nmr.spectrum.ppm_step());
    if (!(nmr.noise > 0.0) || !(step > 0.0)) return std::numeric_limits<double>::infinity();
    return area / (nmr.noise * step * std::sqrt(points_in(nmr, m)));
}

PatternMatch same_line_pattern(const signal::NmrResult& nmr, const signal::Multiplet& own, const signal::Multiplet& copy) {
    PatternMatch pm;
    auto own_lines = lines_of(nmr, own);
    auto copy_lines = lines_of(nmr, copy);
    double tallest = 0.0;
    for (const auto& l : own_lines) tallest = std::max(tallest, l.h);
    std::erase_if(own_lines, [&](const Line& l) { return l.h < kOwnLineMin * tallest; });
    const double tol = std::max(kOffsetTolHz, kOffsetTolWidths * median_line_hz(nmr, own));
    std::vector<int> partner(own_lines.size(), -1);
    double sum_own = 0.0, sum_copy = 0.0;
    for (std::size_t i = 0; i < own_lines.size(); ++i) {
        int best = -1;
        for (std::size_t j = 0; j < copy_lines.size(); ++j) {
            const double d = std::abs(copy_lines[j].hz - own_lines[i].hz);
            if (!copy_lines[j].used && d <= tol && (best < 0 || d < std::abs(copy_lines[static_cast<std::size_t>(best)].hz - own_lines[i].hz)))
                best = static_cast<int>(j);
        }
        if (best < 0) continue;
        copy_lines[static_cast<std::size_t>(best)].used = true;
        partner[i] = best;
        sum_own += own_lines[i].h;
        sum_copy += copy_lines[static_cast<std::size_t>(best)].h;
    }
    pm.own_lines = static_cast<int>(own_lines.size());
    const double scale = sum_own > 0.0 ? sum_copy / sum_own : 0.0;
    for (std::size_t i = 0; i < own_lines.size(); ++i) {
        const double expected = scale * own_lines[i].h;
        if (partner[i] < 0) {
            if (expected >= (kPickSigmas + kMarginSigmas) * nmr.noise) ++pm.missing;
            continue;
        }
        ++pm.matched;
        const double h = copy_lines[static_cast<std::size_t>(partner[i])].h;
        if (std::abs(h - expected) > kHeightTol * expected + kMarginSigmas * nmr.noise) ++pm.off_ratio;
    }
    pm.extra = static_cast<int>(std::count_if(copy_lines.begin(), copy_lines.end(), [](const Line& l) { return !l.used; }));
    pm.ok = pm.matched > 0 && pm.missing == 0 && pm.extra == 0 && pm.off_ratio == 0;
    if (!pm.ok)
        pm.why = std::to_string(pm.matched) + " of the product group's " + std::to_string(pm.own_lines) + " line(s) repeated (" +
                 std::to_string(pm.missing) + " missing, " + std::to_string(pm.extra) + " extra, " + std::to_string(pm.off_ratio) +
                 " at another intensity ratio)";
    return pm;
}

RingShiftSign ring_shift_sign(const signal::NmrResult& nmr, const RingFrame& f, double copy_per_h, double own_hz,
                              const std::vector<const signal::Multiplet*>& skip) {
    // The upper edge stays at 3.6 ppm even where the product's ring sits downfield of the free
    // base's: quaternary R2N+-CH2 begin at 3.6 (3.6-3.9 ppm; a 1,1-dibenzyl diazepanium's ring line
    // at 3.67 ppm beside its N+-CH2Ph copy at 4.62 was read as this sign when the window moved with
    // the product's ring).
    auto nch2 = window_sign(nmr, f, std::max(kNch2From, f.nch2_to), kNch2To, kNch2Protons, copy_per_h, own_hz, skip, "ring N-CH2");
    if (nch2.found) return nch2;
    auto c6 = window_sign(nmr, f, f.c6_ppm + kC6ShiftLo, f.c6_ppm + kC6ShiftHi, kC6Protons, copy_per_h, own_hz, skip, "ring C6-H2");
    if (c6.found) return c6;
    if (const signal::Multiplet* m = embedded_triplet(nmr, std::max(kNch2From, f.nch2_to), kNch2To, copy_per_h, own_hz, skip)) {
        RingShiftSign t;
        t.found = true;
        t.which = "ring N-CH2";
        t.protons = kPairProtons;
        t.lines = {m};
        t.line_protons = {kPairProtons};
        t.why = "ring N-CH2: a 1:2:1 triplet of the copy's 2H amount inside the " + fixed(m->ppm, 2) + " ppm multiplet";
        return t;
    }
    RingShiftSign none;
    none.protons = nch2.protons;
    none.why = "no second shifted ring signal in the copy's amount (" + nch2.why + "; " + c6.why + ")";
    return none;
}

}  // namespace sidepeak::classify::detail

// Hofmann NMR, the olefinic multiplets of a spectrum and the =CH- seeds of the joint vinyl fit
// (hofmann_olefinic.hpp): couplings read from the analysed J or the line separations of an
// unassigned multiplet, the ddt / vinyl J / enamine dd tests, and the matched-filter seeds.
#include "hofmann_olefinic.hpp"

#include <algorithm>
#include <cmath>
#include <optional>
#include <utility>

#include "nmr_tools.hpp"
#include "vinyl_scan.hpp"

#include "sidepeak/signal/robust_stats.hpp"

namespace sidepeak::classify::detail::hofmann {
namespace {

// Coupling read-out of first-order multiplets is good to ~0.5-1 Hz; the allowed spread of each J
// is the chemical range of the coupling (vinyl trans 16-18, cis 9.5-11; allylic vicinal 6-7.5)
// plus that accuracy.
constexpr double kJTrans = 17.0, kJTransTol = 1.8;
constexpr double kJCis = 10.2, kJCisTol = 1.5;
constexpr double kJAllyl = 6.5, kJAllylTol = 1.5;
constexpr double kCh2From = 4.9;
constexpr double kChFrom = 5.6, kChTo = 6.2;
// Matched-filter seeds of the =CH- ddt (vinyl_scan.hpp): a centre whose ddt amplitude stands 4
// standard errors out of noise and residual is worth a joint fit (which itself needs 6 and the
// whole spin system); the three strongest such centres of the window are tried.
constexpr double kScanT = 4.0;
constexpr std::size_t kScanHits = 3;
// The =CH2 window read for a scan seed: 4.9 ppm up to 0.02 ppm short of the =CH- window, so the
// =CH- band's own outer lines are not taken for =CH2 lines.
constexpr double kCh2Gap = 0.02;
// N-vinyl (enamine) =CH-N 6.2-6.6 ppm: trans J 13-16.5, cis J 8-10 Hz (vinyl ethers have cis
// 6-7.5 Hz: the cis coupling falls with the electronegativity of the substituent); its =CH2 at
// 3.8-4.3 ppm.
constexpr double kEnCisFrom = 8.0, kEnCisTo = 10.0;
// Lone lines within 0.02 ppm of a residual-solvent line are the solvent's (Fulmer et al.,
// Organometallics 29 (2010) 2176; the tolerance of nmr_tools.hpp).
constexpr double kSolventTolPpm = 0.02;
// N-vinyl (enamine) =CH-N window and trans J (Pretsch: enamines 6.2-6.6 ppm, 3J trans 13-16.5 Hz),
// its =CH2 at 3.8-4.3 ppm.
constexpr double kEnChFrom = 6.2, kEnChTo = 6.6, kEnTransFrom = 13.0, kEnTransTo = 16.5;
constexpr double kEnCh2From = 3.8, kEnCh2To = 4.3;
// Allylic CH2 multiplets (with J_allyl) read for the evidence: 1.9-4.7 ppm (alkyl CH2 of 1-octene
// 2.04 to the O-CH2 of allyl acetate 4.57; Pretsch).
constexpr double kAllylicFrom = 1.9, kAllylicTo = 4.7;
// A =CH2 multiplet is a partner of a =CH- seed at 0.3-3.5x its area (1-2 protons against 1, with
// the integration error of weak, overlapping lines).
constexpr double kSeedRatioMin = 0.3, kSeedRatioMax = 3.5;
// A multiplet's own lines: a line more than 3x the median width of its group is another
// compound's broad line (NH, water, polymer) overlapping it; the median needs at least 3 widths.
constexpr std::size_t kMinWidthsForMedian = 3;
constexpr double kForeignLineWidthFactor = 3.0;
// Line separations are read as couplings for unassigned multiplets of 2-24 lines (a ddt has 12;
// twice that allows the 13C satellites and one overlapping partner).
constexpr std::size_t kMaxUnassignedLines = 24;

// The enamine's =CH2 read line by line: each =CH2 proton is a d of one of the =CH-N's couplings
// (trans 13-16.5, cis 8-10 Hz; the geminal 0-2 Hz is unresolved; Pretsch, 1H coupling tables). Its
// two lines are equal (first order) within the height error of weak lines (0.67-1.5x), and, as
// 1H split in two against the =CH-N's 1H split in four, about twice as tall as the =CH-N's lines
// (1-4x: integration error of weak, overlapping lines). Couplings are matched within 1 Hz, the
// read-out accuracy of first-order line separations.
constexpr double kPairHeightRatioMax = 1.5;
constexpr double kCh2OverChLineMin = 1.0, kCh2OverChLineMax = 4.0;
constexpr double kJMatchHz = 1.0;
// A dd read from four lines a < b < c < d: J_small = b - a, J_large = c - a.
constexpr std::size_t kDdLines = 4;

// Lines of a multiplet that belong to it: a line much broader than the group's median (a
// background or exchange-broadened line the grouping joined to the pattern) is left out; a
// first-order multiplet's lines share one width.
std::vector<const signal::Peak*> own_lines(const signal::NmrResult& nmr, const signal::Multiplet& m) {
    std::vector<const signal::Peak*> all;
    std::vector<double> w;
    for (std::size_t i : m.peaks) {
        if (i < nmr.peaks.size() && std::isfinite(nmr.peaks[i].ppm)) {
            all.push_back(&nmr.peaks[i]);
            if (nmr.peaks[i].fwhm_hz > 0.0) w.push_back(nmr.peaks[i].fwhm_hz);
        }
    }
    if (w.size() < kMinWidthsForMedian) return all;
    const double med = signal::upper_median_inplace(w);
    std::vector<const signal::Peak*> out;
    for (const auto* p : all) {
        if (!(p->fwhm_hz > kForeignLineWidthFactor * med)) out.push_back(p);
    }
    return out;
}

// Couplings of a multiplet: the analysed J when the pattern was recognised; for an unassigned
// "m" (a ddt whose 12 lines partly coincide is often left as "m") the line separations in Hz,
// which contain every J of a first-order pattern.
std::vector<double> couplings(const signal::NmrResult& nmr, const signal::Multiplet& m) {
    if (!m.j_hz.empty() || m.peaks.size() < 2 || m.peaks.size() > kMaxUnassignedLines) return m.j_hz;
    std::vector<double> pos;
    for (const auto* p : own_lines(nmr, m)) pos.push_back(p->ppm * nmr.spectrum.spectrometer_mhz);
    std::vector<double> out;
    for (std::size_t i = 0; i < pos.size(); ++i) {
        for (std::size_t k = i + 1; k < pos.size(); ++k) out.push_back(std::abs(pos[i] - pos[k]));
    }
    return out;
}
// Total width of the multiplet's own lines in Hz (a first-order pattern spans the sum of its J).
double span_hz(const signal::NmrResult& nmr, const signal::Multiplet& m) {
    double lo = 1e300, hi = -1e300;
    for (const auto* p : own_lines(nmr, m)) {
        lo = std::min(lo, p->ppm);
        hi = std::max(hi, p->ppm);
    }
    return hi > lo ? (hi - lo) * nmr.spectrum.spectrometer_mhz : 0.0;
}



bool has_j(const signal::NmrResult& nmr, const signal::Multiplet& m, double j, double tol) {
    const auto js = couplings(nmr, m);
    return std::any_of(js.begin(), js.end(), [&](double x) { return std::abs(x - j) <= tol; });
}
bool vinyl_j(const signal::NmrResult& nmr, const signal::Multiplet& m) {
    return has_j(nmr, m, kJTrans, kJTransTol) && has_j(nmr, m, kJCis, kJCisTol);
}
// ddt: the vinyl J, the allylic J, and (when read from line separations) the span of a ddt.
bool ddt(const signal::NmrResult& nmr, const signal::Multiplet& m) {
    if (!vinyl_j(nmr, m) || !has_j(nmr, m, kJAllyl, kJAllylTol)) return false;
    if (!m.j_hz.empty()) return true;
    const double expect = kJTrans + kJCis + 2 * kJAllyl;
    return std::abs(span_hz(nmr, m) - expect) <= kJTransTol + kJCisTol + 2 * kJAllylTol;
}
// An N-vinyl =CH-N dd: a trans and a cis J of an enamine.
bool enamine_dd(const signal::NmrResult& nmr, const signal::Multiplet& m) {
    const auto js = couplings(nmr, m);
    const bool trans = std::any_of(js.begin(), js.end(), [](double j) { return j >= kEnTransFrom && j <= kEnTransTo; });
    const bool cis = std::any_of(js.begin(), js.end(), [](double j) { return j >= kEnCisFrom && j <= kEnCisTo; });
    return trans && cis;
}

// The =CH-N dd's trans and cis J from its four lines (J_large = c - a, J_small = b - a, with a < b
// < c < d), else from the analysed J or the line separations (two of four lines merged at broad
// lines); nullopt when they are not an enamine's.
std::optional<std::pair<double, double>> enamine_js(const signal::NmrResult& nmr, const signal::Multiplet& en) {
    std::vector<double> hz;
    for (const auto* p : own_lines(nmr, en)) hz.push_back(p->ppm * nmr.spectrum.spectrometer_mhz);
    double jt = 0.0, jc = 0.0;
    if (hz.size() == kDdLines) {
        std::sort(hz.begin(), hz.end());
        jt = hz[2] - hz[0];
        jc = hz[1] - hz[0];
    } else {  // the analysed J, else the separations of its lines (the dd test's own reading)
        for (double j : couplings(nmr, en)) {
            if (j >= kEnTransFrom && j <= kEnTransTo) jt = j;
            if (j >= kEnCisFrom && j <= kEnCisTo) jc = j;
        }
    }
    if (!(jt >= kEnTransFrom && jt <= kEnTransTo && jc >= kEnCisFrom && jc <= kEnCisTo)) return std::nullopt;
    return std::pair{jt, jc};
}

// Mean height of a multiplet's own lines.
double mean_line_height(const signal::NmrResult& nmr, const signal::Multiplet& m) {
    double sum = 0.0;
    std::size_t n = 0;
    for (const auto* p : own_lines(nmr, m)) {
        sum += p->height;
        ++n;
    }
    return n > 0 ? sum / static_cast<double>(n) : 0.0;
}

// A d of coupling `j` among the picked lines of the enamine =CH2 window whose lines are about twice
// as tall as the =CH-N's (`h_ch`): its centre (ppm) and its two lines.
struct Ch2Doublet {
    double ppm = 0.0;
    const signal::Peak* hi = nullptr;
    const signal::Peak* lo = nullptr;
};
std::optional<Ch2Doublet> ch2_doublet(const signal::NmrResult& nmr, double j, double h_ch) {
    const double mhz = nmr.spectrum.spectrometer_mhz;
    auto sized = [&](const signal::Peak& p) {
        return p.height >= kCh2OverChLineMin * h_ch && p.height <= kCh2OverChLineMax * h_ch;
    };
    for (const auto& a : nmr.peaks) {
        if (a.ppm < kEnCh2From || a.ppm > kEnCh2To || !sized(a)) continue;
        for (const auto& b : nmr.peaks) {
            if (!(b.ppm < a.ppm) || b.ppm < kEnCh2From || !sized(b)) continue;
            if (std::abs((a.ppm - b.ppm) * mhz - j) > kJMatchHz) continue;
            const double r = a.height / b.height;
            if (r <= kPairHeightRatioMax && r >= 1.0 / kPairHeightRatioMax)
                return Ch2Doublet{(a.ppm + b.ppm) / 2, &a, &b};
        }
    }
    return std::nullopt;
}

// The picked =CH- candidate for the notes when no joint fit is accepted: a ddt read from the lines,
// else one with the vinyl J, else the first.
void pick_ch(const signal::NmrResult& nmr, Olefinic& o) {
    for (const auto* m : o.ch_cands) {
        if (singlet_like(*m)) continue;
        if (ddt(nmr, *m) && !(o.ch != nullptr && ddt(nmr, *o.ch))) {
            o.ch = m;
            o.vj = true;
        } else if (!o.vj && vinyl_j(nmr, *m)) {
            o.ch = m;
            o.vj = true;
        } else if (o.ch == nullptr) {
            o.ch = m;
        }
    }
}

}  // namespace

// Median FWHM (Hz) of the lines of some multiplets; 0 when none.
double median_width(const signal::NmrResult& nmr, const std::vector<const signal::Multiplet*>& ms) {
    std::vector<double> w;
    for (const auto* m : ms) {
        for (const auto* p : own_lines(nmr, *m)) {
            if (p->fwhm_hz > 0.0 && std::isfinite(p->fwhm_hz)) w.push_back(p->fwhm_hz);
        }
    }
    if (w.empty()) return 0.0;
    return signal::upper_median_inplace(w);
}

// =CH- seeds: every picked olefinic multiplet, with the =CH2 region of lines of multiplets of 1-2
// protons against it (0.3-3.5x its area), and every centre where a matched-filter scan of the ddt
// at the sample's line width stands out (a weak by-product's =CH- lines lie below the picker's 5
// sigma; the joint fit then needs t >= 6 over all its lines).
std::vector<Seed> vinyl_seeds(const signal::NmrResult& nmr, const std::vector<const signal::Multiplet*>& ch_cands,
                              const std::vector<const signal::Multiplet*>& ch2, double w0) {
    std::vector<Seed> out;
    const double mhz = nmr.spectrum.spectrometer_mhz;
    for (const auto* m : ch_cands) {
        if (singlet_like(*m) || ch2.empty()) continue;
        const double a_ch = std::max(sharp_multiplet_area(nmr, *m), 1e-300);
        double lo = 1e300, hi = -1e300;
        for (int pass = 0; pass < 2 && lo > hi; ++pass) {
            for (const auto* c : ch2) {
                const double q = sharp_multiplet_area(nmr, *c) / a_ch;
                if (pass == 0 && (q < kSeedRatioMin || q > kSeedRatioMax)) continue;
                for (const auto* p : own_lines(nmr, *c)) {
                    lo = std::min(lo, p->ppm);
                    hi = std::max(hi, p->ppm);
                }
            }
        }
        if (!(hi > lo)) hi = lo + 1e-6;
        out.push_back({m->ppm, m, lo, hi});
    }
    const double w_line = typical_line_hz(nmr) > 0.0 ? typical_line_hz(nmr) : w0;
    if (!(w_line > 0.0) || !(mhz > 0.0)) return out;
    const std::vector<double> ddt{kJTrans, kJCis, kJAllyl, kJAllyl};
    for (const auto& h : scan_multiplet(nmr, kChFrom, kChTo, ddt, w_line, kScanT, kScanHits, kJAllyl)) {
        if (near_solvent_line(nmr, h.ppm, kSolventTolPpm)) continue;
        if (std::any_of(out.begin(), out.end(), [&](const Seed& s) { return std::abs(s.ppm - h.ppm) * mhz < kJAllyl / 2; }))
            continue;
        out.push_back({h.ppm, nullptr, kCh2From, kChFrom - kCh2Gap});
    }
    return out;
}

Olefinic collect(const signal::NmrResult& nmr) {
    Olefinic o;
    for (const auto& m : nmr.multiplets) {
        if (m.ppm >= kChFrom && m.ppm <= kChTo && !near_solvent_line(nmr, m.ppm, kSolventTolPpm))
            o.ch_cands.push_back(&m);
        if (singlet_like(m)) continue;
        if (m.ppm >= kCh2From && m.ppm < kChFrom) {
            o.ch2.push_back(&m);
        } else if (m.ppm >= kEnChFrom && m.ppm <= kEnChTo) {
            if (enamine_dd(nmr, m)) o.enamine = &m;
        }
        if (m.ppm >= kAllylicFrom && m.ppm <= kAllylicTo && has_j(nmr, m, kJAllyl, kJAllylTol)) o.allylic.push_back(&m);
    }
    // The =CH2 pair: its trans (17 Hz) and cis (10 Hz) doublets, resolved up to line widths of
    // about 17 and 10 Hz.
    for (const auto* m : o.ch2) {
        o.ch2_area += sharp_multiplet_area(nmr, *m);
        if (has_j(nmr, *m, kJTrans, kJTransTol) || has_j(nmr, *m, kJCis, kJCisTol)) o.ch2_j = true;
    }
    pick_ch(nmr, o);
    return o;
}

EnamineCh2 enamine_ch2_doublets(const signal::NmrResult& nmr, const signal::Multiplet& en) {
    const auto js = enamine_js(nmr, en);
    const double h_ch = mean_line_height(nmr, en);
    if (!js || !(h_ch > 0.0) || !(nmr.spectrum.spectrometer_mhz > 0.0)) return {};
    const auto trans = ch2_doublet(nmr, js->first, h_ch);
    const auto cis = ch2_doublet(nmr, js->second, h_ch);
    // One d alone is no partner: on real backgrounds a d of the trans or cis J of about the =CH2's
    // height at 3.8-4.3 ppm is found by chance (tuning-family seed 2033: a strychnine line pair).
    if (!trans || !cis) return {};
    // Four transitions of two protons: a line shared by both d is one multiplet of another
    // compound whose line spacings hold both J (a q or dt), not the =CH2 pair.
    const bool shared = trans->hi == cis->hi || trans->hi == cis->lo || trans->lo == cis->hi || trans->lo == cis->lo;
    if (shared) return {};
    return {trans->ppm, cis->ppm};
}

Seed with_whole_ch2_window(const Seed& s) { return {s.ppm, s.m, kCh2From, kChFrom - kCh2Gap}; }

}  // namespace sidepeak::classify::detail::hofmann

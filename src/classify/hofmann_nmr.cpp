// Hofmann elimination, NMR: the N-allyl group from ring opening: =CH- at 5.6-6.15 ppm (ddt, J ~17, ~10, ~6.5 Hz),
// =CH2 at 4.9-5.35 ppm (two d-like multiplets, 2H together) and the allylic N-CH2 doublet
// (J ~6.5 Hz) at 2.85-3.2 ppm; an N-vinyl (enamine) =CH-N at 6.2-6.6 ppm (dd, trans 13-16.5 and
// cis 8-10 Hz) with =CH2 at 3.8-4.3 ppm. Singlets never count (CH2Cl2 5.30 in CDCl3 is one), nor
// do aromatic doublets (J <= 9 Hz), acrylates (=CH2 at 5.8-6.4, no allylic J), cinnamates (no
// cis J), vinyl ethers (cis J ~7 Hz), C-allyl groups (allylic CH2 d elsewhere) or trisubstituted
// olefins (no vinyl J).
// The vinyl group is read as one spin system by a joint band-shape fit (olefin_fit.hpp: first-order
// ABX-like ddt + two =CH2 doublets, shared width and J, linear least squares over a J grid) and its
// allylic CH2 at the fitted J_allyl as d versus q/dt.
// LC-MS: hofmann_ms.cpp.
#include <algorithm>
#include <utility>
#include <array>
#include <cmath>
#include <numbers>
#include <optional>
#include <string>
#include <vector>

#include "ms_ions.hpp"
#include "nmr_tools.hpp"
#include "olefin_fit.hpp"
#include "vinyl_scan.hpp"
#include "sidepeak/chem/adducts.hpp"
#include "sidepeak/chem/constants.hpp"
#include "sidepeak/classify/detectors.hpp"

namespace sidepeak::classify {
namespace {

// Coupling read-out of first-order multiplets is good to ~0.5-1 Hz; the allowed spread of each J
// is the chemical range of the coupling (vinyl trans 16-18, cis 9.5-11; allylic vicinal 6-7.5)
// plus that accuracy.
constexpr double kJTrans = 17.0, kJTransTol = 1.8;
constexpr double kJCis = 10.2, kJCisTol = 1.5;
constexpr double kJAllyl = 6.5, kJAllylTol = 1.5;
// Allylic N-CH2 of a tertiary N-allyl amine: 2.9-3.1 ppm (+-0.1 for substituent effects). A
// C-allyl (ArCH2 3.3-3.4, alkyl CH2 2.0-2.2) or O-allyl (3.9-4.1) CH2 lies outside.
constexpr double kNAllylFrom = 2.85, kNAllylTo = 3.25;
// As an ammonium salt (HCl/TFA, or in D2O) the allylic N+-CH2 moves to 3.55-3.95 ppm and =CH2 to
// 5.35-5.65 (domain.md "What real samples add"); the gap 3.25-3.55 keeps the C-aryl allyl ArCH2
// (3.3-3.4) out.
constexpr double kNAllylSaltFrom = 3.55, kNAllylSaltTo = 3.95;
constexpr double kCh2From = 4.9, kCh2To = 5.65;
// Where the allylic CH2 of other allyl groups resonates (Pretsch, 1H shift tables; SDBS spectra of
// 1-octene 2.04, estragole 3.33, allyl ethyl ether 3.97, allyl alcohol 4.10, allyl acetate 4.57,
// allyl chloride 4.05): alkyl CH2 1.95-2.35 (dtt), ArCH2 3.25-3.45 (d), O-CH2 / halide CH2 3.85-4.7
// (d). A hidden CH2 must fit under the spectrum in one of them; at least half of its 2H must fit
// (its unresolved fine structure and integration error lower its lines).
constexpr double kAlkylFrom = 1.95, kAlkylTo = 2.35;
constexpr double kArFrom = 3.25, kArTo = 3.45;
constexpr double kOFrom = 3.85, kOTo = 4.7;
constexpr double kRoom = 0.5;
constexpr double kAmmoniumCh2 = 5.35, kAlkylCh2Max = 5.10;
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

// Where the allylic N-CH2 of this sample resonates, from the =CH2 shifts. Protonation moves both
// (fast exchange averages the free amine and its ammonium: the shifts move with the protonated
// fraction): free tertiary N-allyl amine =CH2 mean ~5.13 (triallylamine 5.15/5.10), N-CH2
// 2.9-3.1; allylammonium =CH2 ~5.45 (allylamine hydrochloride in D2O 5.4-5.5), N+-CH2 3.6-3.9
// (domain.md; SDBS). The N-CH2 window is placed at the same fraction of its own shift range,
// +-0.22 ppm (substituent effects on a tertiary amine).
std::pair<double, double> n_allyl_window(double ch2_mean) {
    const double f = std::clamp((ch2_mean - 5.13) / (5.45 - 5.13), 0.0, 1.0);
    const double centre = 3.05 + f * (3.75 - 3.05);
    return {centre - 0.22, centre + 0.22};
}

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
    if (w.size() < 3) return all;
    std::nth_element(w.begin(), w.begin() + static_cast<std::ptrdiff_t>(w.size() / 2), w.end());
    const double med = w[w.size() / 2];
    std::vector<const signal::Peak*> out;
    for (const auto* p : all) {
        if (!(p->fwhm_hz > 3.0 * med)) out.push_back(p);
    }
    return out;
}

// Couplings of a multiplet: the analysed J when the pattern was recognised; for an unassigned
// "m" (a ddt whose 12 lines partly coincide is often left as "m") the line separations in Hz,
// which contain every J of a first-order pattern.
std::vector<double> couplings(const signal::NmrResult& nmr, const signal::Multiplet& m) {
    if (!m.j_hz.empty() || m.peaks.size() < 2 || m.peaks.size() > 24) return m.j_hz;
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

// Median FWHM (Hz) of the lines of some multiplets; 0 when none.
double median_width(const signal::NmrResult& nmr, const std::vector<const signal::Multiplet*>& ms) {
    std::vector<double> w;
    for (const auto* m : ms) {
        for (const auto* p : own_lines(nmr, *m)) {
            if (p->fwhm_hz > 0.0 && std::isfinite(p->fwhm_hz)) w.push_back(p->fwhm_hz);
        }
    }
    if (w.empty()) return 0.0;
    std::nth_element(w.begin(), w.begin() + static_cast<std::ptrdiff_t>(w.size() / 2), w.end());
    return w[w.size() / 2];
}

// A =CH- seed of the joint vinyl fit: a picked multiplet (with the =CH2 lines of its size) or a
// centre of the matched-filter scan (the whole =CH2 window).
struct Seed {
    double ppm = 0.0;
    const signal::Multiplet* m = nullptr;
    double ch2_lo = 0.0, ch2_hi = 0.0;
};

// One vinyl system read with its allylic CH2.
struct SystemReading {
    double llr = -1.0;
    bool weak = false;
    std::string note;
    std::optional<detail::AllylicCandidate> n_fit;
};

std::string describe(const detail::VinylFit& f) {
    return "=CH- " + detail::fixed(f.ch_ppm, 2) + " ppm (J 17/10 Hz), =CH2 at " + detail::fixed(f.e_ppm, 2) + " ppm" +
           " (joint ddt + 2 d fit, J " + detail::fixed(f.j.trans, 1) + "/" + detail::fixed(f.j.cis, 1) + "/" +
           detail::fixed(f.j.allyl, 1) + " Hz at " + detail::fixed(f.w_hz, 1) + " Hz lines, R2 " +
           detail::fixed(f.r2, 2) + ")";
}

// Two accepted fits are two vinyl systems when their =CH- centres are resolved: at least two line
// widths and 3 Hz apart (a ddt moved by less than that is the same band, refitted).
bool distinct(const detail::VinylFit& a, const detail::VinylFit& b, double mhz) {
    const double d = std::abs(a.ch_ppm - b.ch_ppm) * mhz;
    return d >= std::max(3.0, 2.0 * std::max(a.w_hz, b.w_hz));
}

// The allylic CH2 hidden under other lines (no resolved d or q/dt with J_allyl and 2H): where it
// can hide is read from the spectrum itself (allylic_room: no line carries more intensity than the
// spectrum shows). When only the N-allyl window of the =CH2's form has room for it, and none of the
// C-/O-allyl windows does, the vinyl fingerprint is an N-allyl group.
SystemReading read_hidden(const signal::NmrResult& nmr, const detail::VinylFit& joint) {
    SystemReading out;
    const double ch2_mean = (joint.e_ppm + joint.z_ppm) / 2;
    const bool salt = ch2_mean >= 5.3;
    // =CH2 shifts tell the allylic substituent (Pascual, Meier & Simon, Helv. Chim. Acta 49
    // (1966) 164, alkene increments; Pretsch): alkyl-CH2 gives =CH2 at 4.93-5.05 (1-octene
    // 4.99/4.93), CH2-NR2 at 5.08-5.2, CH2-OR 5.15-5.3, CH2-Ar 5.05-5.1; an ammonium N+-CH2
    // moves them to 5.35-5.6 (allylamine hydrochloride in D2O 5.4-5.5), beyond every neutral
    // allyl group (allyl acetate 5.31/5.23, allyl bromide 5.30/5.13). So an alkyl CH2 is only
    // looked for when the =CH2 mean is below 5.10 (alkyl allyl groups up to ~5.03, 5-hexen-2-one
    // 5.05/4.98, plus up to 0.05 ppm of solvent shift), and none is looked for in the salt
    // form (=CH2 mean >= 5.35).
    const bool ammonium = ch2_mean >= kAmmoniumCh2;
    const bool alkyl_possible = ch2_mean < kAlkylCh2Max;
    const auto [wlo, whi] = n_allyl_window(ch2_mean);
    const double n_room = detail::allylic_room(nmr, joint, wlo, whi, false);
    // An aryl-CH2 needs the aryl: an allylarene shows >= 4 ArH (sharp lines 6.5-8.0 ppm); at
    // least 2H of them visible against the =CH-.
    const bool aryl = detail::sharp_area(nmr, 6.5, 8.0) >= 2.0 * joint.ch_area;
    struct Hide {
        const char* what;
        double room;
    };
    const std::array<Hide, 3> elsewhere{{
        {"alkyl CH2 1.95-2.35 ppm",
         alkyl_possible && !ammonium ? detail::allylic_room(nmr, joint, kAlkylFrom, kAlkylTo, true) : 0.0},
        {"ArCH2 3.25-3.45 ppm", aryl && !ammonium ? detail::allylic_room(nmr, joint, kArFrom, kArTo, false) : 0.0},
        {"O-CH2 3.85-4.7 ppm", !ammonium ? detail::allylic_room(nmr, joint, std::max(kOFrom, whi + 0.01), kOTo, false) : 0.0},
    }};
    const Hide* hide = nullptr;
    for (const auto& h : elsewhere) {
        if (h.room >= kRoom && (hide == nullptr || h.room > hide->room)) hide = &h;
    }
    if (n_room >= kRoom && hide == nullptr) {
        out.llr = 2.0;
        out.note = "NMR shows an N-allyl group: " + describe(joint) + "; its allylic N-CH2 lies under the " +
                   (salt ? "ring N+-CH2" : "ring N-CH2") + " multiplets, and no C-/O-allyl CH2 window has room for it";
    } else {
        out.llr = 1.0;
        out.weak = true;
        out.note = "NMR shows a terminal allyl group (" + describe(joint) + ") whose allylic CH2 is not resolved (" +
                   (hide != nullptr ? std::string("a C-/O-allyl CH2 could hide at ") + hide->what
                                    : std::string("no room for it in the N-allyl window either")) +
                   ")";
    }
    return out;
}

// The allylic CH2 of one accepted vinyl system, read at the fitted J_allyl and width
// (find_allylic_ch2): a d (2H : 1H) in the N-allyl window of the form the =CH2 shows (free base:
// =CH2 <= 5.4 ppm, allylic N-CH2 2.85-3.25; ammonium salt: =CH2 >= 5.3, N+-CH2 3.55-3.95) is the
// N-CH2. A d or q/dt with J_allyl and 2H : 1H anywhere else in 1.9-4.7 ppm is the CH2 of a C- or
// O-allyl group (alkyl CH2 2.0-2.2 q/dt with two more ~7 Hz couplings, ArCH2 3.3-3.4 d, O-CH2
// 3.9-4.1 d) unless another, resolved vinyl system of the spectrum (`others`) claims it too (a crude
// may hold both an allyl ether or C-allyl compound and the N-allyl by-product), or the =CH2 shows
// the ammonium form (=CH2 mean >= 5.35 ppm: beyond every neutral allyl group, so its allylic CH2 is
// an N+-CH2 and a CH2 elsewhere belongs to something else).
SystemReading read_system(const signal::NmrResult& nmr, const detail::VinylFit& joint,
                          const std::vector<const detail::VinylFit*>& others) {
    const double mhz = nmr.spectrum.spectrometer_mhz;
    const auto cands = detail::find_allylic_ch2(nmr, joint, 1.9, 4.7);
    const double ch2_mean = (joint.e_ppm + joint.z_ppm) / 2;
    const bool ammonium = ch2_mean >= kAmmoniumCh2;
    auto in_n_window = [](double ppm) {
        return (ppm >= kNAllylFrom && ppm <= kNAllylTo) || (ppm >= kNAllylSaltFrom && ppm <= kNAllylSaltTo);
    };
    auto claimed = [&](const detail::AllylicCandidate& c) {
        for (const auto* o : others) {
            if (!distinct(*o, joint, mhz)) continue;
            for (const auto& oc : detail::find_allylic_ch2(nmr, *o, 1.9, 4.7)) {
                if (std::abs(oc.ppm - c.ppm) * mhz < 1.0) return true;
            }
        }
        return false;
    };
    const detail::AllylicCandidate* n_fit = nullptr;
    const detail::AllylicCandidate* other = nullptr;
    for (const auto& c : cands) {
        const bool free_ok = c.ppm >= kNAllylFrom && c.ppm <= kNAllylTo && ch2_mean <= 5.4;
        const bool salt_ok = c.ppm >= kNAllylSaltFrom && c.ppm <= kNAllylSaltTo && ch2_mean >= 5.3;
        if (c.doublet && (free_ok || salt_ok)) {
            if (n_fit == nullptr || c.r2_d > n_fit->r2_d) n_fit = &c;
        } else if ((!in_n_window(c.ppm) || c.doublet) && !ammonium) {
            if (other == nullptr || std::max(c.r2_d, c.r2_q) > std::max(other->r2_d, other->r2_q)) other = &c;
        }
    }
    if (other != nullptr && n_fit != nullptr && claimed(*other)) other = nullptr;
    SystemReading out;
    if (n_fit != nullptr && other == nullptr) {
        out.llr = 2.5;
        out.n_fit = *n_fit;
        out.note = "NMR shows an N-allyl group: " + describe(joint) + ", allylic N-CH2 d at " + detail::fixed(n_fit->ppm, 2) + " ppm";
    } else if (other != nullptr) {
        out.note = "NMR shows a terminal vinyl group (" + describe(joint) + ") whose allylic CH2 (" + (other->doublet ? "d" : "q/dt") +
                   ", J " + detail::fixed(joint.j.allyl, 1) + " Hz, 2H) is at " + detail::fixed(other->ppm, 2) +
                   " ppm: a C- or O-allyl group, not N-allyl";
    } else {
        out = read_hidden(nmr, joint);
    }
    return out;
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
        if (detail::singlet_like(*m) || ch2.empty()) continue;
        const double a_ch = std::max(detail::sharp_multiplet_area(nmr, *m), 1e-300);
        double lo = 1e300, hi = -1e300;
        for (int pass = 0; pass < 2 && lo > hi; ++pass) {
            for (const auto* c : ch2) {
                const double q = detail::sharp_multiplet_area(nmr, *c) / a_ch;
                if (pass == 0 && (q < 0.3 || q > 3.5)) continue;
                for (const auto* p : own_lines(nmr, *c)) {
                    lo = std::min(lo, p->ppm);
                    hi = std::max(hi, p->ppm);
                }
            }
        }
        if (!(hi > lo)) hi = lo + 1e-6;
        out.push_back({m->ppm, m, lo, hi});
    }
    const double w_line = detail::typical_line_hz(nmr) > 0.0 ? detail::typical_line_hz(nmr) : w0;
    if (!(w_line > 0.0) || !(mhz > 0.0)) return out;
    const std::vector<double> ddt{kJTrans, kJCis, kJAllyl, kJAllyl};
    for (const auto& h : detail::scan_multiplet(nmr, kChFrom, kChTo, ddt, w_line, kScanT, kScanHits, kJAllyl)) {
        if (detail::near_solvent_line(nmr, h.ppm, 0.02)) continue;
        if (std::any_of(out.begin(), out.end(), [&](const Seed& s) { return std::abs(s.ppm - h.ppm) * mhz < kJAllyl / 2; }))
            continue;
        out.push_back({h.ppm, nullptr, kCh2From, kChFrom - kCh2Gap});
    }
    return out;
}

// The best reading over every accepted vinyl system: an N-allyl call from any of them wins (a
// crude may hold a trap allyl group beside the by-product), then the stronger sign.
struct Best {
    SystemReading reading;
    const detail::VinylFit* fit = nullptr;
    const Seed* seed = nullptr;
};
Best best_system(const signal::NmrResult& nmr, const std::vector<detail::VinylFit>& fits, const std::vector<Seed>& seeds) {
    std::vector<const detail::VinylFit*> accepted;
    for (const auto& f : fits) {
        if (f.accepted) accepted.push_back(&f);
    }
    Best best;
    for (std::size_t i = 0; i < fits.size(); ++i) {
        if (!fits[i].accepted) continue;
        auto r = read_system(nmr, fits[i], accepted);
        const bool better = best.fit == nullptr || r.llr > best.reading.llr ||
                            (r.llr == best.reading.llr && fits[i].r2 > best.fit->r2);
        if (better) best = {std::move(r), &fits[i], &seeds[i]};
    }
    return best;
}

}  // namespace

ModalityResult hofmann_nmr(const signal::NmrResult& nmr, const chem::ReactionModel& model) {
    ModalityResult r;
    if (!detail::usable(nmr)) return r;
    r.checked = true;
    const double total = detail::total_area(nmr);
    auto area = [&](const signal::Multiplet& m) { return detail::sharp_multiplet_area(nmr, m); };
    auto frac = [&](const signal::Multiplet& m) { return total > 0 ? area(m) / total : 0.0; };
    auto has_j = [&](const signal::Multiplet& m, double j, double tol) {
        const auto js = couplings(nmr, m);
        return std::any_of(js.begin(), js.end(), [&](double x) { return std::abs(x - j) <= tol; });
    };
    auto vinyl_j = [&](const signal::Multiplet& m) { return has_j(m, kJTrans, kJTransTol) && has_j(m, kJCis, kJCisTol); };
    // ddt: the vinyl J, the allylic J, and (when read from line separations) the span of a ddt.
    auto ddt = [&](const signal::Multiplet& m) {
        if (!vinyl_j(m) || !has_j(m, kJAllyl, kJAllylTol)) return false;
        if (!m.j_hz.empty()) return true;
        const double expect = kJTrans + kJCis + 2 * kJAllyl;
        return std::abs(span_hz(nmr, m) - expect) <= kJTransTol + kJCisTol + 2 * kJAllylTol;
    };
    // Hofmann needs a quaternary ammonium: without an alkylating reagent in the context an olefin
    // is no Hofmann product by itself (an allyl amine may be a reagent, product or impurity).
    const bool context = model.reagent != nullptr && model.reagent->alkylating;
    std::vector<const signal::Multiplet*> ch_cands, ch2, allylic, en_ch2;
    const signal::Multiplet* enamine = nullptr;
    for (const auto& m : nmr.multiplets) {
        if (m.ppm >= kChFrom && m.ppm <= kChTo && !detail::near_solvent_line(nmr, m.ppm, 0.02)) ch_cands.push_back(&m);
        if (detail::singlet_like(m)) continue;  // lone singlets: CH2Cl2 5.30, CHCl3 7.26, ...
        if (m.ppm >= kCh2From && m.ppm < kChFrom) {
            ch2.push_back(&m);
        } else if (m.ppm >= 6.2 && m.ppm <= 6.6) {
            const auto js = couplings(nmr, m);
            const bool trans = std::any_of(js.begin(), js.end(), [](double j) { return j >= 13.0 && j <= 16.5; });
            const bool cis = std::any_of(js.begin(), js.end(), [](double j) { return j >= kEnCisFrom && j <= kEnCisTo; });
            if (trans && cis) enamine = &m;
        } else if (m.ppm >= 3.8 && m.ppm <= 4.3) {
            en_ch2.push_back(&m);
        }
        if (m.ppm >= 1.9 && m.ppm <= 4.7 && has_j(m, kJAllyl, kJAllylTol)) allylic.push_back(&m);
    }
    // The =CH2 pair: its trans (17 Hz) and cis (10 Hz) doublets, resolved up to line widths of
    // about 17 and 10 Hz.
    double ch2_area = 0.0;
    bool ch2_j = false;
    for (const auto* m : ch2) {
        ch2_area += area(*m);
        if (has_j(*m, kJTrans, kJTransTol) || has_j(*m, kJCis, kJCisTol)) ch2_j = true;
    }

    // The picked =CH- candidate for the notes when no joint fit is accepted: a ddt read from the
    // lines, else one with the vinyl J, else the first.
    const signal::Multiplet* ch = nullptr;
    bool vj = false;
    for (const auto* m : ch_cands) {
        if (detail::singlet_like(*m)) continue;
        if (ddt(*m) && !(ch != nullptr && ddt(*ch))) {
            ch = m;
            vj = true;
        } else if (!vj && vinyl_j(*m)) {
            ch = m;
            vj = true;
        } else if (ch == nullptr) {
            ch = m;
        }
    }
    // Joint fit of the vinyl spin system (olefin_fit.hpp) at the line width of the olefinic lines
    // themselves (the by-product's, not the background's), for every =CH- seed; each accepted
    // system is read with its allylic CH2 and the best reading counts.
    std::vector<const signal::Multiplet*> olefinic = ch_cands;
    olefinic.insert(olefinic.end(), ch2.begin(), ch2.end());
    double w0 = median_width(nmr, olefinic);
    if (!(w0 > 0.0)) w0 = detail::typical_line_hz(nmr);
    const auto seeds = vinyl_seeds(nmr, ch_cands, ch2, w0);
    std::vector<detail::VinylFit> fits;
    for (const auto& s : seeds) {
        if (!(w0 > 0.0)) {
            fits.emplace_back();
            continue;
        }
        fits.push_back(detail::fit_terminal_vinyl(nmr, s.ppm, s.ch2_lo, s.ch2_hi, w0));
    }
    const Best best = best_system(nmr, fits, seeds);

    double llr = -1.0;
    bool weak = false;
    if (best.fit != nullptr) {
        llr = best.reading.llr;
        weak = best.reading.weak;
        r.note = best.reading.note;
        if (llr > 0) {
            const auto& f = *best.fit;
            const double fr = total > 0 ? f.ch_area / total : 0.0;
            auto e = best.seed->m != nullptr ? detail::nmr_signal(*best.seed->m, fr, "vinyl =CH- (N-allyl)")
                                             : detail::nmr_region(f.ch_ppm - 0.03, f.ch_ppm + 0.03, fr, "vinyl =CH- (N-allyl)");
            e.ppm = f.ch_ppm;
            e.multiplicity = "ddt";
            r.evidence.push_back(std::move(e));
            for (const auto* m : ch2) r.evidence.push_back(detail::nmr_signal(*m, frac(*m), "vinyl =CH2"));
            if (ch2.empty()) {
                r.evidence.push_back(detail::nmr_region(std::min(f.e_ppm, f.z_ppm) - 0.03, std::max(f.e_ppm, f.z_ppm) + 0.03,
                                                        total > 0 ? (f.e_area + f.z_area) / total : 0.0, "vinyl =CH2"));
            }
            if (const auto& n_fit = best.reading.n_fit) {
                const signal::Multiplet* n_allyl = nullptr;
                for (const auto* m : allylic) {
                    if (std::abs(m->ppm - n_fit->ppm) < 0.03) n_allyl = m;
                }
                r.evidence.push_back(n_allyl != nullptr ? detail::nmr_signal(*n_allyl, frac(*n_allyl), "allylic N-CH2")
                                                        : detail::nmr_region(n_fit->ppm - 0.02, n_fit->ppm + 0.02,
                                                                             total > 0 ? n_fit->area / total : 0.0, "allylic N-CH2 d"));
            }
        } else {
            ch = best.seed->m != nullptr ? best.seed->m : ch;
        }
    } else if (ch != nullptr) {
        // The joint fit that came closest (largest =CH- amplitude over its standard error) says why
        // no vinyl system was read.
        std::size_t tried = fits.size();
        for (std::size_t i = 0; i < fits.size(); ++i) {
            if (!fits[i].why.empty() && (tried == fits.size() || fits[i].t > fits[tried].t)) tried = i;
        }
        const std::string why = tried == fits.size() ? ""
                                                     : " (joint fit from " + detail::fixed(seeds[tried].ppm, 2) +
                                                           " ppm: " + fits[tried].why + ")";
        const double ratio = ch2_area / std::max(area(*ch), 1e-300);
        const bool partner = !ch2.empty() && ratio >= 1.0 && ratio <= 3.5;  // 2H : 1H within integration error
        const std::string where = "=CH- " + detail::fixed(ch->ppm, 2) + " ppm" + (vj ? " (J 17/10 Hz)" : "") +
                                  (ch2.empty() ? "" : ", =CH2 at " + detail::fixed(ch2.front()->ppm, 2) + " ppm");
        if (vj && (partner || ch2_j)) {
            llr = 1.0;
            weak = true;
            r.note = "NMR shows a terminal vinyl group (" + where + ") not confirmed as one allyl spin system" + why;
        } else if (partner) {
            llr = 0.5;
            weak = true;
            r.note = "NMR shows olefinic multiplets at " + detail::fixed(ch->ppm, 2) + " and " + detail::fixed(ch2.front()->ppm, 2) +
                     " ppm without the vinyl J pattern" + why;
        } else {
            r.note = "no N-allyl pattern: olefinic multiplet at " + detail::fixed(ch->ppm, 2) + " ppm" +
                     (vj ? " with the vinyl J" : " without the vinyl J 17/10 Hz") +
                     (ch2.empty() ? ", no =CH2 doublets at 4.9-5.65 ppm" : ", =CH2 area " + detail::fixed(ratio, 1) + " : 1") + why;
        }
        if (llr > 0) {
            r.evidence.push_back(detail::nmr_signal(*ch, frac(*ch), "vinyl =CH- (N-allyl)"));
            for (const auto* m : ch2) r.evidence.push_back(detail::nmr_signal(*m, frac(*m), "vinyl =CH2"));
        }
    }
    if (enamine != nullptr && llr < 1.5) {
        double en_area = 0.0;
        for (const auto* m : en_ch2) {
            if (!detail::singlet_like(*m)) en_area += area(*m);
        }
        const double ratio = en_area / std::max(area(*enamine), 1e-300);
        const bool partner = ratio >= 1.0 && ratio <= 3.5;
        r.evidence.clear();
        r.evidence.push_back(detail::nmr_signal(*enamine, frac(*enamine), "enamine =CH-N"));
        llr = partner ? 1.5 : 0.6;
        weak = !partner;
        r.note = "NMR shows an N-vinyl (enamine) =CH-N dd at " + detail::fixed(enamine->ppm, 2) + " ppm (trans and cis J)" +
                 (partner ? " with its =CH2 at 3.8-4.3 ppm" : "");
    }
    r.llr = llr;
    if (llr < 0) {
        r.evidence.clear();
        // Near miss: the olefinic multiplet that was considered.
        if (ch != nullptr) r.evidence.push_back(detail::nmr_signal(*ch, frac(*ch), "olefinic multiplet (not an N-allyl pattern)"));
        if (r.note.empty()) r.note = "no coupled olefinic multiplets in NMR";
        return r;
    }
    if (!context) {
        // An N-allyl amine in a mixture without a stated alkylation: the pattern is still what the
        // data show; reported with lower weight (the quaternary precursor is not known).
        llr = weak ? llr : std::max(0.6, llr - 0.8);
        r.note += " (no alkylating reagent in the context: quaternary precursor not known)";
    }
    r.llr = llr;
    r.corroborative_only = weak;
    return r;
}

}  // namespace sidepeak::classify

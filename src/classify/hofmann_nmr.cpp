// Hofmann elimination, NMR: the N-allyl group from ring opening: =CH- at 5.6-6.15 ppm (ddt, J ~17, ~10, ~6.5 Hz),
// =CH2 at 4.9-5.35 ppm (two d-like multiplets, 2H together) and the allylic N-CH2 doublet
// (J ~6.5 Hz) at 2.85-3.2 ppm; an N-vinyl (enamine) =CH-N at 6.2-6.6 ppm (dd, trans 13-16.5 and
// cis 8-10 Hz) with =CH2 at 3.8-4.3 ppm. Singlets never count (CH2Cl2 5.30 in CDCl3 is one), nor
// do aromatic doublets (J <= 9 Hz), acrylates (=CH2 at 5.8-6.4, no allylic J), cinnamates (no
// cis J), vinyl ethers (cis J ~7 Hz), C-allyl groups (allylic CH2 d elsewhere) or trisubstituted
// olefins (no vinyl J).
// LC-MS: hofmann_ms.cpp.
#include <algorithm>
#include <cmath>
#include <numbers>

#include "ms_ions.hpp"
#include "nmr_tools.hpp"
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
constexpr double kChFrom = 5.6, kChTo = 6.2;
// N-vinyl (enamine) =CH-N 6.2-6.6 ppm: trans J 13-16.5, cis J 8-10 Hz (vinyl ethers have cis
// 6-7.5 Hz: the cis coupling falls with the electronegativity of the substituent); its =CH2 at
// 3.8-4.3 ppm.
constexpr double kEnCisFrom = 8.0, kEnCisTo = 10.0;

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

// Line offsets (Hz from the centre) and relative intensities of a first-order multiplet.
struct Line {
    double off = 0.0, weight = 1.0;
};
std::vector<Line> first_order(const std::vector<double>& js) {
    std::vector<Line> lines{{0.0, 1.0}};
    for (double j : js) {
        std::vector<Line> next;
        for (const Line& l : lines) {
            next.push_back({l.off - j / 2, l.weight / 2});
            next.push_back({l.off + j / 2, l.weight / 2});
        }
        lines = std::move(next);
    }
    return lines;
}

// Least-squares fit of a first-order pattern of Lorentzian lines (FWHM w) plus a constant to the
// spectrum around `centre_ppm` (shift searched within +-search_hz). When the lines are as broad as
// the smaller couplings the picked apexes are no longer the lines of the pattern and the J read
// from them fail, while the shape of the band still is that of the pattern: the fit compares the
// shape. `r2` is corrected for noise (1 - (SSres - N sigma^2) / (SStot - N sigma^2)); `t` is the
// amplitude over its standard error; `area` the fitted area (intensity x ppm).
struct ShapeFit {
    double r2 = -1.0, t = 0.0, area = 0.0, ppm = 0.0;
};
ShapeFit fit_shape(const signal::NmrResult& nmr, const std::vector<Line>& lines, double w, double centre_ppm, double search_hz) {
    ShapeFit best;
    const auto& s = nmr.spectrum;
    const double mhz = s.spectrometer_mhz;
    double half = 0.0;
    for (const Line& l : lines) half = std::max(half, std::abs(l.off));
    const double reach = half + search_hz + 2.0 * w;
    double i0 = s.index_of(centre_ppm + reach / mhz), i1 = s.index_of(centre_ppm - reach / mhz);
    if (i0 > i1) std::swap(i0, i1);
    const double last = static_cast<double>(s.size() - 1);
    const auto a = static_cast<std::size_t>(std::clamp(std::ceil(i0), 0.0, last));
    const auto b = static_cast<std::size_t>(std::clamp(std::floor(i1), 0.0, last));
    if (b <= a + 8) return best;
    // At most ~400 points: the shape needs a few points per line width, not every point.
    const std::size_t stride = std::max<std::size_t>(1, (b - a) / 400);
    std::vector<double> x, y;
    for (std::size_t i = a; i <= b; i += stride) {
        if (!std::isfinite(s.real[i])) continue;
        x.push_back(s.ppm_at(static_cast<double>(i)) * mhz);
        y.push_back(s.real[i]);
    }
    const double n = static_cast<double>(y.size());
    if (n < 8) return best;
    double ym = 0.0;
    for (double v : y) ym += v;
    ym /= n;
    double sst = 0.0;
    for (double v : y) sst += (v - ym) * (v - ym);
    const double noise_ss = n * nmr.noise * nmr.noise;
    if (!(sst > noise_ss)) return best;
    const double g = w / 2;
    const double step = std::clamp(w / 4, 0.2, 1.0);
    std::vector<double> m(y.size());
    for (double sh = -search_hz; sh <= search_hz + 1e-9; sh += step) {
        const double c = centre_ppm * mhz + sh;
        double mm = 0.0;
        for (std::size_t i = 0; i < x.size(); ++i) {
            double v = 0.0;
            for (const Line& l : lines) {
                const double d = x[i] - c - l.off;
                v += l.weight * g * g / (d * d + g * g);
            }
            m[i] = v;
            mm += v;
        }
        mm /= n;
        double sxx = 0.0, sxy = 0.0;
        for (std::size_t i = 0; i < y.size(); ++i) {
            sxx += (m[i] - mm) * (m[i] - mm);
            sxy += (m[i] - mm) * (y[i] - ym);
        }
        if (!(sxx > 0.0)) continue;
        const double amp = sxy / sxx;
        if (amp <= 0.0) continue;
        const double ssr = sst - amp * sxy;
        const double r2 = 1.0 - std::max(ssr - noise_ss, 0.0) / (sst - noise_ss);
        if (r2 > best.r2) {
            best.r2 = r2;
            const double sigma = std::sqrt(std::max(ssr, noise_ss) / std::max(n - 2.0, 1.0));
            best.t = amp * std::sqrt(sxx) / sigma;
            // A unit-height Lorentzian of FWHM w (Hz) has the area pi/2 * w / mhz in ppm units.
            double sw = 0.0;
            for (const Line& l : lines) sw += l.weight;
            best.area = amp * sw * std::numbers::pi / 2 * w / mhz;
            best.ppm = c / mhz;
        }
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
    std::vector<const signal::Multiplet*> ch2_with_j;
    double ch2_area = 0.0;
    for (const auto* m : ch2) {
        ch2_area += area(*m);
        if (has_j(*m, kJTrans, kJTransTol) || has_j(*m, kJCis, kJCisTol)) ch2_with_j.push_back(m);
    }
    const bool ch2_j = !ch2_with_j.empty();

    // =CH- candidates: a ddt read from the lines wins; else one whose band has the shape of the ddt
    // at the line width of the =CH2 doublets (at 6-15 Hz the 6.5 Hz splitting and lines merge, and
    // the picked apexes no longer give the J); else one with the vinyl J; else the first.
    const signal::Multiplet* ch = nullptr;
    bool is_ddt = false, vj = false, by_shape = false;
    double ch_area = 0.0;
    ShapeFit shape;
    for (const auto* m : ch_cands) {
        if (detail::singlet_like(*m)) continue;
        if (ddt(*m) && !is_ddt) {
            ch = m;
            is_ddt = vj = true;
        } else if (!is_ddt && vinyl_j(*m) && !vj) {
            ch = m;
            vj = true;
        } else if (ch == nullptr) {
            ch = m;
        }
    }
    const double w0 = median_width(nmr, ch2_with_j);
    // Up to the width at which the trans doublet of the =CH2 stops showing a dip (J - tolerance):
    // beyond it any band of the right width would pass.
    // The band shape stands in for the J read-out only where the resolution prevents it: lines at
    // least as broad as the allylic J less its tolerance (narrower lines resolve the ddt).
    if (!is_ddt && ch2_j && w0 >= kJAllyl - kJAllylTol && w0 <= kJTrans - kJTransTol) {
        // Couplings over their chemical range (Pretsch: vinyl trans 16-18, cis 9.5-11, allylic
        // vicinal 6-7.5 Hz); the width from the =CH2 lines, whose unresolved 1-2 Hz geminal and
        // allylic couplings make them up to ~2 Hz broader than a single line.
        for (const auto* m : ch_cands) {
            ShapeFit best, best_dd;
            for (double wf : {0.6, 0.8, 1.0}) {
                const double w = std::max(wf * w0, 0.5);
                for (double jt : {kJTrans - 1.0, kJTrans, kJTrans + 1.0}) {
                    for (double jc : {kJCis - 0.7, kJCis, kJCis + 0.7}) {
                        const auto dd = fit_shape(nmr, first_order({jt, jc}), w, m->ppm, 15.0);
                        if (dd.r2 > best_dd.r2) best_dd = dd;
                        for (double ja : {kJAllyl - 0.7, kJAllyl, kJAllyl + 0.7}) {
                            const auto f = fit_shape(nmr, first_order({jt, jc, ja, ja}), w, m->ppm, 15.0);
                            if (f.r2 > best.r2) best = f;
                        }
                    }
                }
            }
            // The ddt must explain the band (noise-corrected R^2 >= 0.95, amplitude >= 6 standard
            // errors) and better than a dd of the same J (acrylate-like =CH- without an allylic
            // CH2: its band is 13 Hz narrower).
            if (best.r2 >= 0.95 && best.t >= 6.0 && best.r2 > best_dd.r2 &&
                (!by_shape || best.r2 > shape.r2)) {
                ch = m;
                shape = best;
                by_shape = is_ddt = vj = true;
            }
        }
    }
    if (ch != nullptr) ch_area = by_shape ? shape.area : area(*ch);

    double llr = -1.0;
    bool weak = false;
    if (ch != nullptr) {
        const double one_h = std::max(ch_area, 1e-300);
        const double ratio = ch2_area / one_h;
        const bool partner = !ch2.empty() && ratio >= 1.0 && ratio <= 3.5;  // 2H : 1H within integration error
        auto two_h = [&](const signal::Multiplet* m) {
            const double q = area(*m) / one_h;  // an allylic CH2 is 2H : 1H
            return q >= 1.0 && q <= 3.5;
        };
        // The allylic CH2: a d (dt with the 1-2 Hz allylic 4J) of 2H with the allylic J. In the
        // N-allyl windows it is the N-CH2; elsewhere (alkyl CH2 1.9-2.35 as q/dt, ArCH2
        // 3.3-3.4, O-CH2 3.9-4.1 as d/dt) a C- or O-allyl group. Multiplets of another intensity
        // (the product's ring N-CH2 with its 5-6 Hz vicinal J) are not that CH2. An "m" outside the
        // N-allyl windows is no evidence either way: the diazepane's own ring CH2 (vicinal J 5-7 Hz)
        // fill 1.7-2.9 ppm, and in salts the C6-H2 sits at 2.1-2.4.
        const signal::Multiplet* n_allyl = nullptr;
        const signal::Multiplet* other = nullptr;
        for (const auto* m : allylic) {
            if (!two_h(m)) continue;
            const bool n_window = (m->ppm >= kNAllylFrom && m->ppm <= kNAllylTo) || (m->ppm >= kNAllylSaltFrom && m->ppm <= kNAllylSaltTo);
            const bool d_like = m->pattern == "d" || m->pattern == "dt" || m->pattern == "dd" || m->pattern == "q" ||
                                m->pattern == "dq" || m->pattern == "td";
            if (n_window) {
                if ((d_like || m->pattern == "m") && (n_allyl == nullptr || (m->pattern == "d" && n_allyl->pattern != "d"))) n_allyl = m;
            } else if (d_like) {
                if (other == nullptr) other = m;
            }
        }
        const bool n_ok = n_allyl != nullptr;
        // Without a resolved N-CH2 d the complete pattern stands alone only when no 2H multiplet
        // with the allylic J (any shape: a real 1-octene's CH2 at 2.04 is an "m") lies outside the
        // N-allyl windows.
        const bool c_allyl = std::any_of(allylic.begin(), allylic.end(), [&](const signal::Multiplet* m) {
            const bool n_window = (m->ppm >= kNAllylFrom && m->ppm <= kNAllylTo) || (m->ppm >= kNAllylSaltFrom && m->ppm <= kNAllylSaltTo);
            return !n_window && two_h(m);
        });
        const bool vinyl = vj && (partner || ch2_j);
        std::string where = "=CH- " + detail::fixed(by_shape ? shape.ppm : ch->ppm, 2) + " ppm" + (vj ? " (J 17/10 Hz)" : "") +
                            (ch2.empty() ? "" : ", =CH2 at " + detail::fixed(ch2.front()->ppm, 2) + " ppm");
        const std::string how = by_shape ? " (band shape of a ddt at the " + detail::fixed(w0, 1) + " Hz line width of the =CH2 doublets, R2 " +
                                               detail::fixed(shape.r2, 2) + ")"
                                         : "";
        if (vinyl && is_ddt && n_ok && other == nullptr) {
            llr = 2.5;
            r.note = "NMR shows an N-allyl group: " + where + how + ", allylic N-CH2 d at " + detail::fixed(n_allyl->ppm, 2) + " ppm";
        } else if (vinyl && other != nullptr) {
            llr = -1.0;
            r.note = "NMR shows a terminal vinyl group (" + where + ") whose allylic CH2 d is at " + detail::fixed(other->ppm, 2) +
                     " ppm: a C- or O-allyl group, not N-allyl";
        } else if (vinyl && is_ddt && partner && !c_allyl) {
            // The complete terminal allyl fingerprint (ddt =CH- with the allylic J, =CH2 2H : 1H)
            // with no allylic CH2 d anywhere else: the allylic CH2 lies under the ring N-CH2
            // multiplets, where only an N-allyl CH2 resonates. Specific on its own.
            llr = 1.6;
            r.note = "NMR shows a terminal allyl group (" + where + how + ", ddt with the allylic J 6.5 Hz, =CH2 " +
                     detail::fixed(ratio, 1) + " : 1) whose allylic CH2 lies under the ring N-CH2 multiplets";
        } else if (vinyl) {
            llr = 1.0;
            weak = true;
            r.note = "NMR shows a terminal vinyl group (" + where + ") without a resolved allylic N-CH2 d at 2.85-3.25 ppm";
        } else if (partner) {
            llr = 0.5;
            weak = true;
            r.note = "NMR shows olefinic multiplets at " + detail::fixed(ch->ppm, 2) + " and " + detail::fixed(ch2.front()->ppm, 2) +
                     " ppm without the vinyl J pattern";
        }
        if (llr > 0 && by_shape) {
            // On real backgrounds a band of the right width at the =CH- shift is no rare thing
            // (other olefins, aromatic and exchange lines): the shape alone is a supportive sign.
            llr = std::min(llr, 1.0);
            weak = true;
            r.note += " (ddt read from the band shape only)";
        }
        if (llr > 0) {
            auto e = detail::nmr_signal(*ch, total > 0 ? ch_area / total : 0.0, "vinyl =CH- (N-allyl)");
            if (by_shape) {
                e.ppm = shape.ppm;
                e.multiplicity = "ddt";
            }
            r.evidence.push_back(std::move(e));
            for (const auto* m : ch2) r.evidence.push_back(detail::nmr_signal(*m, frac(*m), "vinyl =CH2"));
            if (n_ok) r.evidence.push_back(detail::nmr_signal(*n_allyl, frac(*n_allyl), "allylic N-CH2"));
        } else if (r.note.empty()) {
            r.note = "no N-allyl pattern: olefinic multiplet at " + detail::fixed(ch->ppm, 2) + " ppm" +
                     (vj ? " with the vinyl J" : " without the vinyl J 17/10 Hz") +
                     (ch2.empty() ? ", no =CH2 doublets at 4.9-5.65 ppm" : ", =CH2 area " + detail::fixed(ratio, 1) + " : 1");
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
        if (ch != nullptr) {
            auto e = detail::nmr_signal(*ch, frac(*ch), "olefinic multiplet (not an N-allyl pattern)");
            r.evidence.push_back(std::move(e));
        }
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

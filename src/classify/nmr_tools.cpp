#include "nmr_tools.hpp"

#include <algorithm>
#include <cmath>

#include "sidepeak/signal/solvents.hpp"

namespace sidepeak::classify::detail {

double integrate(const NmrSpectrum& s, double ppm_a, double ppm_b, bool positive_only) {
    if (s.size() < 2) return 0.0;
    double i0 = s.index_of(ppm_a), i1 = s.index_of(ppm_b);
    if (i0 > i1) std::swap(i0, i1);
    const double last = static_cast<double>(s.size() - 1);
    i0 = std::clamp(std::ceil(i0), 0.0, last);
    i1 = std::clamp(std::floor(i1), 0.0, last);
    double sum = 0.0;
    for (auto i = static_cast<std::size_t>(i0); i <= static_cast<std::size_t>(i1) && i < s.size(); ++i) {
        const double v = s.real[i];
        if (!std::isfinite(v)) continue;
        sum += positive_only ? std::max(v, 0.0) : v;
    }
    return sum * std::abs(s.ppm_step());
}

std::vector<double> solvent_lines(const signal::NmrResult& nmr) {
    // Water and residual lines per solvent (Fulmer 2010, Table 1 / "H2O" row) plus the
    // singlets most often left from work-up (CH2Cl2, acetone, grease, ethyl acetate CH3, silicone).
    const std::string solvent = signal::normalise_solvent(nmr.meta.solvent);
    std::vector<double> lines = {0.0};
    auto add = [&lines](std::initializer_list<double> v) { lines.insert(lines.end(), v); };
    if (solvent == "D2O") {
        add({4.79});
    } else if (solvent == "DMSO-d6") {
        add({2.50, 3.33, 5.76});
    } else if (solvent == "CD3OD") {
        add({3.31, 4.87, 5.49});
    } else if (solvent == "Acetone-d6" || solvent == "acetone-d6") {
        add({2.05, 2.84, 5.63});
    } else if (solvent == "C6D6") {
        add({7.16, 0.40, 4.27});
    } else if (solvent == "CD3CN") {
        add({1.94, 2.13, 5.44});
    } else {  // CDCl3 and unknown
        add({7.26, 1.56, 5.30, 2.17, 1.26, 2.05, 0.07});
    }
    if (const auto s = signal::find_solvent(nmr.meta.solvent)) lines.push_back(s->ppm_1h);
    return lines;
}

bool near_solvent_line(const signal::NmrResult& nmr, double ppm, double tol) {
    for (double l : solvent_lines(nmr)) {
        if (std::abs(ppm - l) <= tol) return true;
    }
    return false;
}

double total_area(const signal::NmrResult& nmr) {
    double total = integrate(nmr.spectrum, 0.5, 10.0, true);
    for (double l : solvent_lines(nmr)) {
        if (l > 0.5 && l < 10.0) total -= integrate(nmr.spectrum, l - 0.05, l + 0.05, true);
    }
    return std::max(total, 0.0);
}

double multiplet_area(const signal::NmrResult& nmr, const signal::Multiplet& m) {
    if (m.area > 0.0 && std::isfinite(m.area)) return m.area;
    return integrate(nmr.spectrum, m.ppm_from, m.ppm_to, true);
}

double window_area(const signal::NmrResult& nmr, double from, double to) {
    if (nmr.multiplets.empty()) return integrate(nmr.spectrum, from, to, true);
    double sum = 0.0;
    for (const auto& m : nmr.multiplets) {
        if (m.ppm < std::min(from, to) || m.ppm > std::max(from, to)) continue;
        if (m.pattern == "s" && near_solvent_line(nmr, m.ppm)) continue;
        sum += multiplet_area(nmr, m);
    }
    return sum;
}

bool usable(const signal::NmrResult& nmr) {
    return nmr.spectrum.size() >= 64 && nmr.spectrum.spectrometer_mhz > 0.0 && nmr.spectrum.ppm_step() != 0.0;
}

double typical_line_hz(const signal::NmrResult& nmr) {
    std::vector<const signal::Peak*> lines;
    for (const auto& p : nmr.peaks) {
        if (std::isfinite(p.height) && p.height > 0.0 && p.fwhm_hz > 0.0 && std::isfinite(p.fwhm_hz) &&
            p.ppm > 0.5 && p.ppm < 10.0 && !near_solvent_line(nmr, p.ppm, 0.03))
            lines.push_back(&p);
    }
    if (lines.size() < 5) return 0.0;
    const std::size_t keep = std::min<std::size_t>(25, lines.size());
    std::partial_sort(lines.begin(), lines.begin() + static_cast<std::ptrdiff_t>(keep), lines.end(),
                      [](const signal::Peak* a, const signal::Peak* b) { return a->height > b->height; });
    std::vector<double> widths;
    for (std::size_t i = 0; i < keep; ++i) widths.push_back(lines[i]->fwhm_hz);
    auto mid = widths.begin() + static_cast<std::ptrdiff_t>(widths.size() / 2);
    std::nth_element(widths.begin(), mid, widths.end());
    return *mid;
}

double sharp_limit_hz(const signal::NmrResult& nmr) {
    const double typical = typical_line_hz(nmr);
    if (typical <= 0.0) return kSharpLineHz;
    return std::clamp(2.0 * typical, kSharpLineHz, 30.0);
}

double sharp_area(const signal::NmrResult& nmr, double from, double to) {
    const double lo = std::min(from, to), hi = std::max(from, to);
    const double limit = sharp_limit_hz(nmr);
    double sum = 0.0;
    for (const auto& p : nmr.peaks) {
        if (!std::isfinite(p.ppm) || !std::isfinite(p.area) || p.area <= 0.0) continue;
        if (p.ppm < lo || p.ppm > hi || !(p.fwhm_hz > 0.0 && p.fwhm_hz < limit)) continue;
        if (near_solvent_line(nmr, p.ppm, 0.02)) continue;
        sum += p.area;
    }
    return sum;
}

bool is_singlet(const signal::Multiplet& m) {
    return m.pattern == "s" || (m.peaks.size() == 1 && m.j_hz.empty() && m.pattern != "m");
}

bool singlet_like(const signal::Multiplet& m, const signal::NmrResult* nmr) {
    if (is_singlet(m)) return true;
    if (m.j_hz.empty() && nmr != nullptr && m.peaks.size() >= 2 && m.peaks.size() <= 4) {
        // Unassigned group of a few lines: singlet-like when they all lie within 4 Hz.
        double lo = 1e300, hi = -1e300;
        for (std::size_t i : m.peaks) {
            if (i >= nmr->peaks.size()) return false;
            lo = std::min(lo, nmr->peaks[i].ppm);
            hi = std::max(hi, nmr->peaks[i].ppm);
        }
        return (hi - lo) * nmr->spectrum.spectrometer_mhz < 4.0;
    }
    if (m.j_hz.empty() || m.pattern == "m") return false;
    // Vicinal H-H couplings in CH2-CH2 are >= 5 Hz; "splittings" below 4 Hz in a group without
    // vicinal partners are near-coincident singlets of related species (N-CH3 of product and
    // dialkyl amine 0.005 ppm apart) or long-range couplings.
    return std::all_of(m.j_hz.begin(), m.j_hz.end(), [](double j) { return j < 4.0; });
}

double sharp_multiplet_area(const signal::NmrResult& nmr, const signal::Multiplet& m) {
    const double limit = sharp_limit_hz(nmr);
    double sum = 0.0;
    bool any = false;
    for (std::size_t i : m.peaks) {
        if (i >= nmr.peaks.size()) continue;
        const auto& p = nmr.peaks[i];
        if (!std::isfinite(p.area) || p.area <= 0.0 || !(p.fwhm_hz > 0.0 && p.fwhm_hz < limit)) continue;
        sum += p.area;
        any = true;
    }
    return any ? sum : multiplet_area(nmr, m);
}

bool diag_pattern(const signal::Multiplet& m, const chem::Reagent& rg, const signal::NmrResult& nmr) {
    const auto sp = rg.diag_label.find(' ');
    const std::string want = sp == std::string::npos ? "" : rg.diag_label.substr(sp + 1, rg.diag_label.find(' ', sp + 1) - sp - 1);
    if (want == "s") return singlet_like(m, &nmr);
    if (m.pattern != want || m.j_hz.empty()) return false;
    // Chemical range of the one coupling of the group (Pretsch): 3J_HF of CH2CF3 8.5-11 Hz,
    // 3J_HH of an ethyl 6.5-8 Hz, OCH2CH2N 4.5-7 Hz.
    const bool hf = rg.diag_label.find("CF3") != std::string::npos;
    const bool ethyl = rg.diag_label.find("CH2CH3") != std::string::npos;
    const double lo = hf ? 8.5 : ethyl ? 6.5 : 4.5, hi = hf ? 11.0 : ethyl ? 8.0 : 7.0;
    return std::all_of(m.j_hz.begin(), m.j_hz.end(), [&](double j) { return j >= lo && j <= hi; });
}

namespace {
// C6-H2 couples to four near-equivalent N-CH2 protons (3J 5.5-6.5 Hz): a quintet (tt when the two
// sides differ), or "m" when overlap hides it. Singlets, d, t, q and geminal (J > 9 Hz) patterns
// are other compounds' lines.
bool c6_candidate(const signal::Multiplet& m, const signal::NmrResult& nmr) {
    if (singlet_like(m, &nmr) || near_solvent_line(nmr, m.ppm)) return false;
    if (m.pattern != "quint" && m.pattern != "m" && m.pattern != "tt" && m.pattern != "sext") return false;
    return std::all_of(m.j_hz.begin(), m.j_hz.end(), [](double j) { return j >= 4.5 && j <= 8.0; });
}

RingFrame frame_at(const signal::NmrResult& nmr, const chem::ReactionModel& model, double c6_ppm) {
    const chem::Reagent& rg = *model.reagent;
    RingFrame f;
    f.c6_ppm = c6_ppm;
    f.shift = std::clamp(c6_ppm - 1.76, -0.25, 0.65);
    const double d = f.shift;
    // Protons alpha to the protonated N move 1-2x as far as the C6-H2 beta to both N (Pretsch:
    // alpha +0.3-0.9, beta +0.2-0.5 ppm on protonation): ring N-CH2 free base 2.45-3.0.
    f.nch2_from = 2.42 + 1.0 * d;
    f.nch2_to = 3.05 + 2.0 * d;
    const bool alpha = rg.diag_label.rfind("N-", 0) == 0;
    const double lo_k = alpha ? 1.0 : 0.2, hi_k = alpha ? 2.0 : 0.6;  // remote groups move less
    f.diag_from = rg.diag_ppm_from + std::min(lo_k * d, hi_k * d) - 0.05;
    f.diag_to = rg.diag_ppm_to + std::max(lo_k * d, hi_k * d);
    if (signal::normalise_solvent(nmr.meta.solvent) == "DMSO-d6") f.diag_from -= 0.15;
    for (const auto& m : nmr.multiplets) {
        if (std::abs(m.ppm - c6_ppm) <= 0.12 && c6_candidate(m, nmr)) f.c6_area += sharp_multiplet_area(nmr, m);
    }
    std::vector<const signal::Multiplet*> cand;
    for (const auto& m : nmr.multiplets) {
        if (m.ppm >= f.diag_from && m.ppm <= f.diag_to && !near_solvent_line(nmr, m.ppm) && diag_pattern(m, rg, nmr))
            cand.push_back(&m);
    }
    auto in_cand = [&](const signal::Multiplet& m) { return std::find(cand.begin(), cand.end(), &m) != cand.end(); };
    for (const auto& m : nmr.multiplets) {
        if (m.ppm >= f.nch2_from && m.ppm <= f.nch2_to && !near_solvent_line(nmr, m.ppm) && !in_cand(m))
            f.nch2_area += sharp_multiplet_area(nmr, m);
    }
    if (f.c6_area <= 0.0 || f.nch2_area <= 0.0) return f;
    f.ring_h = std::min(f.c6_area / 2.0, f.nch2_area / 8.0);
    f.disagree = std::max(f.c6_area / 2.0, f.nch2_area / 8.0) > 1.35 * f.ring_h;
    // The diagnostic signal: no neutral diazepane carries more than two N-substituents (a
    // quaternary N+ moves its groups out of the window), so one group worth > 2.3 per ring (2 + 3
    // sigma) is another compound's line. Of the rest, the product's cluster: lines within
    // 0.08 ppm of the strongest (mono- and di-substituted species differ only four bonds away
    // from the group, <= ~0.08 ppm; another compound's singlet elsewhere in the window is not
    // counted).
    const double unit = rg.diag_protons * f.ring_h;
    const signal::Multiplet* top = nullptr;
    for (const auto* m : cand) {
        const double a = sharp_multiplet_area(nmr, *m);
        if (a / unit > 2.3) {
            f.excluded.push_back(m);
            continue;
        }
        if (top == nullptr || a > sharp_multiplet_area(nmr, *top)) top = m;
    }
    if (top == nullptr) return f;
    f.diag_ppm = top->ppm;
    for (const auto* m : cand) {
        if (std::find(f.excluded.begin(), f.excluded.end(), m) != f.excluded.end()) continue;
        if (std::abs(m->ppm - top->ppm) <= 0.08) {
            f.diag.push_back(m);
            f.diag_area += sharp_multiplet_area(nmr, *m);
        } else {
            f.excluded.push_back(m);
        }
    }
    f.per_ring = (f.diag_area / rg.diag_protons) / f.ring_h;
    // Two references that disagree beyond integration error hold another compound's lines (or the
    // anchor is not a diazepane C6-H2): no count in this frame.
    f.found = !f.disagree && f.per_ring >= 0.5 * std::max(model.product_alkylations, 1) &&
              f.c6_area >= 0.005 * total_area(nmr);
    return f;
}
}  // namespace

RingFrame ring_frame(const signal::NmrResult& nmr, const chem::ReactionModel& model) {
    RingFrame best;
    if (model.reagent == nullptr || model.reagent->diag_protons <= 0) return best;
    // Every C6-H2 candidate from the free base in DMSO-d6 (~1.6) to the dication (~2.3) anchors a
    // frame; the one whose two ring references agree best (and shows the product) wins.
    double best_score = 1e300;
    for (const auto& m : nmr.multiplets) {
        if (m.ppm < 1.5 || m.ppm > 2.45 || !c6_candidate(m, nmr)) continue;
        RingFrame f = frame_at(nmr, model, m.ppm);
        if (f.ring_h <= 0.0) continue;
        const double score = std::max(f.c6_area / 2.0, f.nch2_area / 8.0) / f.ring_h + (f.found ? 0.0 : 100.0);
        if (score < best_score) {
            best_score = score;
            best = f;
        }
    }
    return best;
}

std::optional<bool> product_visible(const signal::NmrResult& nmr, const chem::ReactionModel& model) {
    const chem::Reagent* rg = model.reagent;
    if (rg == nullptr || rg->diag_protons <= 0 || model.product_alkylations <= 0) return std::nullopt;
    return ring_frame(nmr, model).found;
}

ShiftedAlpha shifted_alpha(const signal::NmrResult& nmr, const chem::ReactionModel& model) {
    ShiftedAlpha out;
    const chem::Reagent* rg = model.reagent;
    // The diagnostic group must be the one on the ring N ("N-CH3", "N-CH2Ph", "N-CH2CF3", ...);
    // remote groups (ethyl CH3, fluorophenoxyethyl OCH2) hardly move, carbamates are no amines.
    if (rg == nullptr || !rg->alkylating || rg->diag_protons <= 0 || rg->diag_label.rfind("N-", 0) != 0) return out;
    // A shifted copy needs the original, located in the sample's own frame. In a salt the ring
    // N+-H-CH2 already fill 3.0-3.9 ppm, so no separate copy can be read there.
    const RingFrame f = ring_frame(nmr, model);
    if (!f.found || f.protonated()) return out;
    out.applicable = true;
    const signal::Multiplet* own = f.diag.front();
    for (const auto* m : f.diag) {
        if (m->area > own->area) own = m;
    }
    const bool own_singlet = singlet_like(*own, &nmr);
    auto same_j = [&](const signal::Multiplet& m) {
        if (m.pattern != own->pattern) return false;
        for (double j : own->j_hz) {
            bool hit = false;
            for (double k : m.j_hz) hit = hit || std::abs(j - k) <= 1.0;  // J agree to the 0.5-1 Hz read-out accuracy
            if (!hit) return false;
        }
        return true;
    };
    // N-oxide / quaternary alpha groups sit 0.45-1.2 ppm below the measured own signal
    // (N-CH3 2.3 -> 3.1-3.3, N-CH2Ph 3.6 -> 4.3-4.5; Abraham & Mobli, Modelling 1H NMR Spectra, 2008;
    // Silverstein, Spectrometric Identification, 8th ed., N-oxide alpha-H +0.6-1.0 ppm).
    const double shift_from = f.diag_ppm + 0.45, shift_to = f.diag_ppm + 1.2;
    for (const auto& m : nmr.multiplets) {
        if (near_solvent_line(nmr, m.ppm)) continue;
        if (std::find(f.diag.begin(), f.diag.end(), &m) != f.diag.end()) continue;
        const bool shifted = m.ppm >= shift_from && m.ppm <= shift_to;
        const bool single = singlet_like(m, &nmr);
        if (shifted && single == own_singlet && (own_singlet || same_j(m))) {
            out.group_area += sharp_multiplet_area(nmr, m);
            out.group.push_back(&m);
        } else if (!single && m.ppm >= std::max(3.05, f.nch2_to) && m.ppm <= 3.9) {
            const double a = sharp_multiplet_area(nmr, m);
            out.ring_area += a;
            if (m.ppm <= 3.6) out.ring_area_noxide += a;
            out.ring.push_back(&m);
        }
    }
    if (out.group_area > 0.0 && out.ring_area > 0.0)
        out.substituents = (out.group_area / rg->diag_protons) / (out.ring_area / 4.0);
    return out;
}

Evidence nmr_signal(const signal::Multiplet& m, double area_fraction, const std::string& label) {
    Evidence e;
    e.kind = "nmr_signal";
    e.label = label;
    e.ppm = m.ppm;
    e.multiplicity = m.pattern.empty() ? "m" : m.pattern;
    e.j_hz = m.j_hz;
    e.area_fraction = area_fraction;
    return e;
}

Evidence nmr_region(double from, double to, double area_fraction, const std::string& label) {
    Evidence e;
    e.kind = "nmr_region";
    e.label = label;
    e.ppm_from = std::min(from, to);
    e.ppm_to = std::max(from, to);
    e.area_fraction = area_fraction;
    return e;
}

}  // namespace sidepeak::classify::detail

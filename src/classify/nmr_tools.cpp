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

double sharp_limit_hz(const signal::NmrResult& nmr) {
    std::vector<const signal::Peak*> lines;
    for (const auto& p : nmr.peaks) {
        if (std::isfinite(p.height) && p.height > 0.0 && p.fwhm_hz > 0.0 && std::isfinite(p.fwhm_hz) &&
            p.ppm > 0.5 && p.ppm < 10.0 && !near_solvent_line(nmr, p.ppm, 0.03))
            lines.push_back(&p);
    }
    if (lines.size() < 5) return kSharpLineHz;
    const std::size_t keep = std::min<std::size_t>(25, lines.size());
    std::partial_sort(lines.begin(), lines.begin() + static_cast<std::ptrdiff_t>(keep), lines.end(),
                      [](const signal::Peak* a, const signal::Peak* b) { return a->height > b->height; });
    std::vector<double> widths;
    for (std::size_t i = 0; i < keep; ++i) widths.push_back(lines[i]->fwhm_hz);
    auto mid = widths.begin() + static_cast<std::ptrdiff_t>(widths.size() / 2);
    std::nth_element(widths.begin(), mid, widths.end());
    return std::clamp(2.0 * *mid, kSharpLineHz, 30.0);
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

std::optional<bool> product_visible(const signal::NmrResult& nmr, const chem::ReactionModel& model) {
    const chem::Reagent* rg = model.reagent;
    if (rg == nullptr || rg->diag_protons <= 0 || model.product_alkylations <= 0) return std::nullopt;
    const double total = total_area(nmr);
    const double ring = sharp_area(nmr, 1.62, 1.98);
    if (total <= 0.0 || ring < 0.01 * total) return false;
    const double per_ring = (sharp_area(nmr, rg->diag_ppm_from, rg->diag_ppm_to) / rg->diag_protons) / (ring / 2.0);
    return per_ring >= 0.5 * model.product_alkylations;
}

ShiftedAlpha shifted_alpha(const signal::NmrResult& nmr, const chem::ReactionModel& model) {
    ShiftedAlpha out;
    const chem::Reagent* rg = model.reagent;
    // The diagnostic group must be the one on the ring N ("N-CH3", "N-CH2Ph", "N-CH2CF3", ...);
    // remote groups (ethyl CH3, fluorophenoxyethyl OCH2) hardly move, carbamates are no amines.
    if (rg == nullptr || !rg->alkylating || rg->diag_protons <= 0 || rg->diag_label.rfind("N-", 0) != 0) return out;
    out.applicable = true;
    // The diagnostic multiplicity is the label's second word ("N-CH3 s", "N-CH2CF3 q"); the
    // product's own multiplet of that pattern fixes the J to look for (J_HF survives oxidation).
    const std::string want = rg->diag_label.substr(rg->diag_label.find(' ') + 1, rg->diag_label.find(' ', rg->diag_label.find(' ') + 1) - rg->diag_label.find(' ') - 1);
    const bool own_singlet = want == "s";
    const signal::Multiplet* own = nullptr;
    for (const auto& m : nmr.multiplets) {
        const bool match = own_singlet ? singlet_like(m, &nmr) : m.pattern == want;
        if (m.ppm >= rg->diag_ppm_from && m.ppm <= rg->diag_ppm_to && match && (own == nullptr || m.area > own->area)) own = &m;
    }
    // A shifted copy needs the original: without the product's own diagnostic signal the
    // spectrum is not of this reaction.
    if (own == nullptr) {
        out.applicable = false;
        return out;
    }
    auto same_j = [&](const signal::Multiplet& m) {
        if (m.pattern != want) return false;
        if (own == nullptr) return true;
        for (double j : own->j_hz) {
            bool hit = false;
            for (double k : m.j_hz) hit = hit || std::abs(j - k) <= 1.0;  // J agree to the 0.5-1 Hz read-out accuracy
            if (!hit) return false;
        }
        return true;
    };
    for (const auto& m : nmr.multiplets) {
        if (near_solvent_line(nmr, m.ppm)) continue;
        const bool in_diag = m.ppm >= rg->diag_ppm_from - 0.02 && m.ppm <= rg->diag_ppm_to + 0.02;
        const bool shifted = m.ppm >= rg->diag_ppm_from + 0.45 && m.ppm <= rg->diag_ppm_to + 1.2;
        const bool single = singlet_like(m, &nmr);
        if (in_diag && single == own_singlet) continue;  // the product's own diagnostic signal
        if (shifted && single == own_singlet && (own_singlet || same_j(m))) {
            out.group_area += sharp_multiplet_area(nmr, m);
            out.group.push_back(&m);
        } else if (!single && m.ppm >= 3.05 && m.ppm <= 3.9) {
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

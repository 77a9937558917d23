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

#pragma once
// Constructed NmrResult / LcmsResult inputs for the detector tests: first-order multiplets of
// Lorentzian lines with their Peak and Multiplet records, broad humps, rolling baselines, noise,
// and LC-MS features at exact m/z.
#include <algorithm>
#include <cmath>
#include <numbers>
#include <random>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "sidepeak/chem/adducts.hpp"
#include "sidepeak/chem/formula.hpp"
#include "sidepeak/chem/isotopes.hpp"
#include "sidepeak/chem/reaction_model.hpp"
#include "sidepeak/signal/lcms_pipeline.hpp"
#include "sidepeak/signal/ms2_index.hpp"
#include "sidepeak/signal/nmr_pipeline.hpp"

namespace synth {

// The typed multiplicity of a first-order name as the test tables spell it ("s", "t", "quint",
// "dd", "ddt", ...; "m" for an unresolved multiplet): the inverse of signal::name.
inline sidepeak::signal::Multiplicity multiplicity_named(std::string_view name) {
    if (name == "m") return {};
    if (name == "s") return sidepeak::signal::Multiplicity::singlet();
    // Longest words first: "sext" / "sept" before a stray "s".
    static constexpr std::pair<std::string_view, int> words[] = {{"quint", 5}, {"sext", 6}, {"sept", 7},
                                                                 {"d", 2}, {"t", 3}, {"q", 4}};
    std::vector<int> lines;
    while (!name.empty()) {
        bool found = false;
        for (const auto& [word, n] : words) {
            if (name.substr(0, word.size()) != word) continue;
            lines.push_back(n);
            name.remove_prefix(word.size());
            found = true;
            break;
        }
        if (!found) throw std::invalid_argument("not a first-order multiplicity name: " + std::string(name));
    }
    if (lines.empty()) throw std::invalid_argument("empty multiplicity name");
    return sidepeak::signal::Multiplicity::of(std::move(lines));
}

struct Nmr {
    sidepeak::signal::NmrResult r;
    double line_hz = 1.0;

    explicit Nmr(std::string solvent = "CDCl3", double mhz = 400.0, std::size_t n = 32768, double noise = 0.002) {
        auto& s = r.spectrum;
        s.real.assign(n, 0.0);
        s.ppm_first = 12.0;
        s.ppm_last = -1.0;
        s.spectrometer_mhz = mhz;
        r.meta.solvent = std::move(solvent);
        r.meta.nucleus = "1H";
        r.meta.reference_mhz = mhz;
        std::mt19937 gen(1234);
        std::normal_distribution<double> nd(0.0, noise);
        for (auto& v : s.real) v = nd(gen);
        r.noise = noise;
    }

    // Lorentzian of unit... height h, FWHM w (Hz); returns its area (intensity x ppm).
    double line(double ppm, double h, double w_hz, bool record = true) {
        auto& s = r.spectrum;
        const double w_ppm = w_hz / s.spectrometer_mhz;
        const double g = w_ppm / 2;
        for (std::size_t i = 0; i < s.size(); ++i) {
            const double d = s.ppm_at(static_cast<double>(i)) - ppm;
            s.real[i] += h * g * g / (d * d + g * g);
        }
        if (record) {
            sidepeak::signal::Peak p;
            p.ppm = ppm;
            p.index = s.index_of(ppm);
            p.height = h;
            p.fwhm_hz = w_hz;
            p.area = std::numbers::pi / 2 * h * w_ppm;
            p.snr = h / r.noise;
            r.peaks.push_back(p);
        }
        return std::numbers::pi / 2 * h * w_ppm;
    }

    // First-order multiplet of `protons` (x scale) with coupling constants j (Hz).
    void multiplet(double ppm, double protons, std::vector<double> j, std::string_view pattern, double scale = 1.0) {
        std::vector<std::pair<double, double>> lines{{0.0, 1.0}};
        for (double jj : j) {
            std::vector<std::pair<double, double>> next;
            for (auto [off, w] : lines) {
                next.push_back({off - jj / 2, w / 2});
                next.push_back({off + jj / 2, w / 2});
            }
            lines = next;
        }
        // Total area = protons * scale; per-line area a -> height a / (pi/2 * w_ppm).
        const double w_ppm = line_hz / r.spectrum.spectrometer_mhz;
        sidepeak::signal::Multiplet m;
        m.ppm = ppm;
        m.multiplicity = multiplicity_named(pattern);
        m.j_hz = j;
        double area = 0.0;
        for (auto [off, w] : lines) {
            m.peaks.push_back(r.peaks.size());
            area += line(ppm + off / r.spectrum.spectrometer_mhz, protons * scale * w / (std::numbers::pi / 2 * w_ppm), line_hz);
        }
        double span = 0;
        for (double jj : j) span += jj;
        m.ppm_from = ppm + (span / 2 + 3) / r.spectrum.spectrometer_mhz;
        m.ppm_to = ppm - (span / 2 + 3) / r.spectrum.spectrometer_mhz;
        m.area = area;
        r.multiplets.push_back(m);
    }

    // A broad Gaussian of FWHM w_hz and area `protons` (not picked as a peak).
    void hump(double ppm, double w_hz, double protons) {
        auto& s = r.spectrum;
        const double sigma = w_hz / s.spectrometer_mhz / 2.3548;
        const double h = protons / (sigma * std::sqrt(2 * std::numbers::pi));
        for (std::size_t i = 0; i < s.size(); ++i) {
            const double d = s.ppm_at(static_cast<double>(i)) - ppm;
            s.real[i] += h * std::exp(-0.5 * d * d / (sigma * sigma));
        }
    }

    // A rolling baseline over the whole spectrum with first-point corruption.
    void roll(double amplitude, double period_ppm) {
        auto& s = r.spectrum;
        for (std::size_t i = 0; i < s.size(); ++i) {
            const double p = s.ppm_at(static_cast<double>(i));
            s.real[i] += amplitude * std::cos(2 * std::numbers::pi * p / period_ppm + 0.7);
        }
        for (std::size_t i = 0; i < 8; ++i) s.real[i] += amplitude * 20;
    }
};

// 1-benzyl-1,4-diazepane in CDCl3 (scale = mole fraction).
inline void benzyl_diazepane(Nmr& n, double scale = 1.0) {
    n.multiplet(7.30, 5, {7.5, 7.5}, "m", scale);
    n.multiplet(3.62, 2, {}, "s", scale);
    n.multiplet(2.92, 2, {6.0, 6.0}, "t", scale);
    n.multiplet(2.86, 2, {6.0, 6.0}, "t", scale);
    n.multiplet(2.66, 4, {6.0, 6.0}, "m", scale);
    n.multiplet(1.78, 2, {6.0, 6.0, 6.0, 6.0}, "quint", scale);
}

// 1-methyl-1,4-diazepane dihydrochloride in D2O (scale = mole fraction): every ring proton ~0.5
// ppm downfield of the free base (Pretsch, ammonium salts: ring N+-CH2 3.4-3.8, N+-CH3 2.9, C6-H2
// 2.2 ppm).
inline void methyl_diazepane_salt(Nmr& n, double scale = 1.0) {
    n.multiplet(3.72, 2, {6.0, 6.0}, "t", scale);
    n.multiplet(3.58, 2, {6.0, 6.0}, "t", scale);
    n.multiplet(3.47, 4, {6.0, 6.0}, "m", scale);
    n.multiplet(2.93, 3, {}, "s", scale);
    n.multiplet(2.24, 2, {6.0, 6.0, 6.0, 6.0}, "quint", scale);
}

inline void solvents(Nmr& n) {
    n.multiplet(7.26, 0.05, {}, "s");
    n.multiplet(1.56, 0.3, {}, "s");
}

struct Ms {
    sidepeak::signal::LcmsResult r;
    sidepeak::signal::Feature& add(double mz, double rt, double intensity, int charge = 1, std::string adduct = "") {
        sidepeak::signal::Feature f;
        f.mz = mz;
        f.rt_s = rt;
        f.rt_from_s = rt - 5;
        f.rt_to_s = rt + 5;
        f.intensity = intensity;
        f.area = intensity * 5;
        f.snr = 100;
        f.fwhm_s = 4;
        f.charge = charge;
        f.adduct = std::move(adduct);
        r.features.push_back(f);
        return r.features.back();
    }
    // [M+H]+ of a neutral formula, with its predicted isotope ratios attached.
    sidepeak::signal::Feature& protonated(const std::string& formula, double rt, double intensity, double ppm_off = 0.0) {
        const sidepeak::chem::Formula ion = sidepeak::chem::Formula(formula) + sidepeak::chem::Formula("H+");
        return with_isotopes(ion, rt, intensity, ppm_off);
    }
    sidepeak::signal::Feature& cation(const std::string& formula, double rt, double intensity) {
        return with_isotopes(sidepeak::chem::Formula(formula), rt, intensity, 0.0);
    }
    sidepeak::signal::Feature& with_isotopes(const sidepeak::chem::Formula& ion, double rt, double intensity, double ppm_off) {
        const double mz = ion.mz() * (1 + ppm_off * 1e-6);
        auto& f = add(mz, rt, intensity, ion.charge());
        for (const auto& pk : sidepeak::chem::isotope_pattern(ion)) {
            if (pk.shift >= 1 && pk.shift <= 2) {
                f.isotopes.push_back(pk.mz);
                f.isotope_intensities.push_back(pk.relative);
            }
        }
        return f;
    }
};

inline double mh(const std::string& formula) {
    return sidepeak::chem::adduct_mz(sidepeak::chem::Formula(formula).monoisotopic_mass(),
                                     sidepeak::chem::find_adduct("[M+H]+"));
}

/// A feature of the below-threshold pool: an elution peak at S/N 5 under the untargeted limit 10
/// (its M+1 stays below the detection limit, so no isotope trace is expected).
inline sidepeak::signal::Feature weak_pool_feature(double mz, double rt) {
    sidepeak::signal::Feature f;
    f.mz = mz;
    f.rt_s = rt;
    f.rt_from_s = rt - 6;
    f.rt_to_s = rt + 6;
    f.intensity = 5e3;
    f.area = 5e4;
    f.snr = 5.0;
    f.run_snr = 5.0;
    f.chrom_snr = 6.0;
    f.fwhm_s = 4.0;
    f.charge = 1;
    f.limit_snr = 10.0;
    return f;
}

/// A data-dependent MS2 scan of a singly charged precursor; `peaks` are (m/z, intensity) pairs.
inline sidepeak::signal::Ms2Scan dda_scan(double rt, double precursor, std::vector<std::pair<double, double>> peaks) {
    sidepeak::signal::Ms2Scan s;
    s.id = std::to_string(rt) + "@" + std::to_string(precursor);
    s.rt_s = rt;
    s.precursor_mz = precursor;
    s.precursor_charge = 1;
    std::sort(peaks.begin(), peaks.end());
    for (const auto& [m, i] : peaks) {
        s.mz.push_back(m);
        s.intensity.push_back(i);
    }
    return s;
}

/// The 1-benzyl-1,4-diazepane reaction (product C12H18N2, benzyl bromide), built once.
inline const sidepeak::chem::ReactionModel& benzyl_model() {
    static const sidepeak::chem::ReactionModel m = sidepeak::chem::build_reaction_model({"C12H18N2", "BnBr"});
    return m;
}

}  // namespace synth

#pragma once
// A synthetic LC-MS run with known compounds for the feature, isotope and adduct tests:
// Gaussian elution profiles, isotope patterns from the chem module, several adducts per
// compound, multiplicative intensity noise, random noise peaks, constant background ions and
// m/z errors of a few ppm. Deterministic (fixed seed).
#include <algorithm>
#include <cmath>
#include <random>
#include <string>
#include <vector>

#include "sidepeak/chem/adducts.hpp"
#include "sidepeak/chem/formula.hpp"
#include "sidepeak/chem/isotopes.hpp"
#include "sidepeak/core/ms_data.hpp"

namespace sidepeak::test {

struct SyntheticIon {
    std::string adduct;      // chem adduct name
    double fraction = 1.0;   // apex intensity relative to the compound's
};

struct SyntheticCompound {
    std::string formula;     // neutral formula
    double rt_s = 0.0;       // apex retention time
    double sigma_s = 3.0;    // Gaussian sigma of the elution profile
    double intensity = 1e6;  // apex intensity of the monoisotopic peak of the first ion
    std::vector<SyntheticIon> ions{{"[M+H]+", 1.0}};
};

/// One expected monoisotopic ion of the run.
struct ExpectedIon {
    std::size_t compound = 0;
    std::string adduct;
    double mz = 0.0;             // exact m/z of the monoisotopic ion
    double rt_s = 0.0;
    int charge = 1;
    double neutral_mass = 0.0;
    double apex = 0.0;           // apex intensity of the monoisotopic peak
    double m1_mz = 0.0;          // exact m/z of M+1
};

struct SyntheticRunOptions {
    double rt_end_s = 300.0;
    double scan_interval_s = 0.5;
    double mz_low = 100.0;
    double mz_high = 1000.0;
    double ppm_sd = 1.0;              // random m/z error per point (ppm, one sd)
    double ppm_offset = 1.5;          // systematic calibration error (ppm)
    double intensity_cv = 0.05;       // multiplicative noise on every signal point
    int noise_peaks_per_scan = 300;   // random chemical/electronic noise peaks
    double noise_mean = 500.0;        // mean noise-peak intensity (exponential)
    double detection_limit = 150.0;   // signal points below this are not recorded
    std::vector<double> background_mz{149.02332, 279.15909, 391.28429};  // constant background ions
    double background_intensity = 2e4;
    unsigned seed = 12345;
};

struct SyntheticRun {
    MsRun run;
    std::vector<ExpectedIon> expected;
};

inline SyntheticRun make_synthetic_run(const std::vector<SyntheticCompound>& compounds,
                                       const SyntheticRunOptions& o = {}) {
    struct Ion {
        std::vector<double> mz, rel;
        double apex = 0.0, rt = 0.0, sigma = 0.0;
    };
    SyntheticRun out;
    std::vector<Ion> ions;
    for (std::size_t c = 0; c < compounds.size(); ++c) {
        const auto& comp = compounds[c];
        const chem::Formula f(comp.formula);
        const double m = f.monoisotopic_mass();
        chem::IsotopeOptions iso;
        iso.max_peaks = 5;
        const auto pattern = chem::isotope_pattern(f, iso);
        for (const auto& ion : comp.ions) {
            const auto& a = chem::find_adduct(ion.adduct);
            Ion x;
            x.apex = comp.intensity * ion.fraction;
            x.rt = comp.rt_s;
            x.sigma = comp.sigma_s;
            for (const auto& p : pattern) {
                if (p.shift < 0 || p.relative < 1e-3) continue;
                x.mz.push_back(chem::adduct_mz(m + (p.mass - pattern.front().mass), a));
                x.rel.push_back(p.relative);
            }
            ExpectedIon e;
            e.compound = c;
            e.adduct = ion.adduct;
            e.mz = x.mz[0];
            e.m1_mz = x.mz.size() > 1 ? x.mz[1] : 0.0;
            e.rt_s = comp.rt_s;
            e.charge = std::abs(a.charge);
            e.neutral_mass = m;
            e.apex = x.apex;
            out.expected.push_back(e);
            ions.push_back(std::move(x));
        }
    }
    std::mt19937_64 rng(o.seed);
    std::normal_distribution<double> gauss(0.0, 1.0);
    std::uniform_real_distribution<double> uni(o.mz_low, o.mz_high);
    std::exponential_distribution<double> expo(1.0 / o.noise_mean);
    std::size_t index = 0;
    for (double rt = 0.0; rt <= o.rt_end_s; rt += o.scan_interval_s) {
        MsSpectrum s;
        s.index = index++;
        s.id = "scan=" + std::to_string(s.index + 1);
        s.rt_s = rt;
        s.ms_level = 1;
        s.polarity = Polarity::positive;
        s.mode = SpectrumMode::centroid;
        std::vector<std::pair<double, double>> pts;
        auto jitter_mz = [&](double mz) { return mz * (1.0 + (o.ppm_offset + o.ppm_sd * gauss(rng)) * 1e-6); };
        for (const auto& ion : ions) {
            const double d = (rt - ion.rt) / ion.sigma;
            if (std::abs(d) > 6.0) continue;
            const double shape = std::exp(-0.5 * d * d);
            for (std::size_t k = 0; k < ion.mz.size(); ++k) {
                const double y = ion.apex * ion.rel[k] * shape * (1.0 + o.intensity_cv * gauss(rng));
                if (y > o.detection_limit) pts.emplace_back(jitter_mz(ion.mz[k]), y);
            }
        }
        for (const double b : o.background_mz) {
            pts.emplace_back(jitter_mz(b), o.background_intensity * (1.0 + 0.1 * gauss(rng)));
        }
        for (int k = 0; k < o.noise_peaks_per_scan; ++k) pts.emplace_back(uni(rng), expo(rng));
        std::sort(pts.begin(), pts.end());
        for (const auto& [mz, y] : pts) {
            s.mz.push_back(mz);
            s.intensity.push_back(y);
        }
        out.run.spectra.push_back(std::move(s));
        // An MS2 scan after every MS1 scan: process_lcms must ignore it.
        MsSpectrum ms2;
        ms2.index = index++;
        ms2.ms_level = 2;
        ms2.rt_s = rt + 0.1;
        ms2.precursor_mz = 191.1543;
        ms2.mz = {91.054, 120.08, 174.13};
        ms2.intensity = {5e5, 3e5, 1e5};
        out.run.spectra.push_back(std::move(ms2));
    }
    return out;
}

/// The compounds of the standard test run: amine-like molecules with [M+H]+, [M+Na]+ and
/// [M+2H]2+ ions, a weak compound near the S/N limit, and an unrelated co-eluting compound.
inline std::vector<SyntheticCompound> standard_compounds() {
    return {
        {"C12H18N2", 120.0, 3.0, 1e6, {{"[M+H]+", 1.0}, {"[M+Na]+", 0.3}}},
        {"C19H24N2", 160.0, 3.0, 8e5, {{"[M+H]+", 1.0}, {"[M+2H]2+", 0.4}}},
        {"C10H14N2O", 90.0, 2.5, 2e5, {{"[M+H]+", 1.0}}},
        {"C15H22N2O", 121.0, 3.0, 3e5, {{"[M+H]+", 1.0}}},
        {"C8H11N", 220.0, 3.0, 3e4, {{"[M+H]+", 1.0}}},
    };
}

}  // namespace sidepeak::test

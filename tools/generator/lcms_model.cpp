#include "lcms_model.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include "sidepeak/chem/isotopes.hpp"

namespace sidepeak::gen {

namespace {

chem::Formula ion(const chem::Formula& neutral, const char* add, int charge, const char* remove = nullptr) {
    chem::Formula f = neutral + chem::Formula(add);
    if (remove != nullptr) f -= chem::Formula(remove);
    f.set_charge(charge);
    return f;
}

// Electrospray ions of a basic neutral amine.
void amine_ions(Analyte& a, const chem::Formula& m, Rng& rng, double boost, double doubly) {
    a.ions.push_back({ion(m, "H", 1), 1.0, "[M+H]+"});
    a.ions.push_back({ion(m, "Na", 1), boost * rng.uniform(0.03, 0.12), "[M+Na]+"});
    a.ions.push_back({ion(m, "K", 1), boost * rng.uniform(0.005, 0.03), "[M+K]+"});
    a.ions.push_back({ion(m, "NH4", 1), boost * rng.uniform(0.01, 0.04), "[M+NH4]+"});
    a.ions.push_back({ion(m, "H2", 2), boost * doubly, "[M+2H]2+"});
}

struct RtModel {
    double product, step;  // product RT and the RT gain per extra alkyl group
};

RtModel rt_model(Reagent r) {
    switch (r) {
        case Reagent::benzyl: return {128.0, 52.0};
        case Reagent::methyl: return {54.0, 14.0};
        case Reagent::fluorophenoxyethyl: return {150.0, 46.0};
        case Reagent::trifluoroethyl: return {108.0, 40.0};
        case Reagent::thienylmethyl: return {120.0, 45.0};
        case Reagent::boc: return {140.0, 48.0};
    }
    return {100.0, 40.0};
}

}  // namespace

std::vector<Analyte> build_analytes(const Mixture& m, Rng& rng) {
    std::vector<Analyte> out;
    const double base = rng.lognormal(3.0e7, 0.35);  // product [M+H]+ apex, counts
    const auto rt = rt_model(m.reagent);
    const double product_rt = rt.product + rng.normal(0.0, 4.0);
    const double boost = m.artefacts.adduct_boost;
    for (const auto& c : m.components) {
        if (c.amount <= 0.0) continue;
        Analyte a;
        a.label = species_name(c.kind, m.reagent, c.n);
        a.sigma_s = rng.uniform(1.3, 2.1);
        a.tau_s = rng.uniform(0.4, 1.4);
        const auto f = species_formula(c.kind, m.reagent, c.n);
        double response = 1.0;
        switch (c.kind) {
            case Species::starting_amine:
                a.rt_s = 30.0 + rng.normal(0.0, 1.5);
                response = 0.5;
                amine_ions(a, f, rng, boost, rng.uniform(0.05, 0.2));
                break;
            case Species::product:
                a.rt_s = product_rt;
                amine_ions(a, f, rng, boost, rng.uniform(0.03, 0.15));
                break;
            case Species::dialkyl:
                a.rt_s = product_rt + rt.step + rng.normal(0.0, 2.0);
                response = 1.1;
                amine_ions(a, f, rng, boost, rng.uniform(0.05, 0.2));
                break;
            case Species::quat:
                // Permanent cation: [M]+ without an added proton; the second N can still take one.
                a.rt_s = product_rt + 0.45 * rt.step + rng.normal(0.0, 2.0);
                response = 1.6;
                a.ions.push_back({f, 1.0, "[M]+"});
                a.ions.push_back({ion(f, "H", 2), rng.uniform(0.02, 0.08), "[M+H]2+"});
                break;
            case Species::n_oxide:
            case Species::n_oxide_dialkyl: {
                const double parent = c.kind == Species::n_oxide ? product_rt : product_rt + rt.step;
                a.rt_s = parent - rng.uniform(14.0, 24.0);  // more polar: earlier on reversed phase
                response = 0.8;
                amine_ions(a, f, rng, boost, rng.uniform(0.02, 0.08));
                // In-source deoxygenation inside the N-oxide's own peak.
                a.ions.push_back({ion(f, "H", 1, "O"), rng.uniform(0.08, 0.25), "[M+H-O]+"});
                a.ions.push_back({ion(f, "H", 1, "OH"), rng.uniform(0.03, 0.10), "[M+H-OH]+"});
                break;
            }
            case Species::hofmann_allyl:
            case Species::hofmann_enamine:
                // Neutral tertiary diamine: later than the quat it came from, isobaric [M+H]+.
                a.rt_s = product_rt + 1.35 * rt.step + rng.normal(0.0, 2.0);
                response = 1.1;
                amine_ions(a, f, rng, boost, rng.uniform(0.05, 0.2));
                break;
            case Species::c_hydroxy:
                // C-hydroxylation: same +O, but no in-source loss of O, a water loss instead, and it
                // elutes with or just after the parent here.
                a.rt_s = product_rt + rng.uniform(3.0, 9.0);
                amine_ions(a, f, rng, boost, rng.uniform(0.02, 0.08));
                a.ions.push_back({ion(f, "H", 1, "H2O"), rng.uniform(0.1, 0.3), "[M+H-H2O]+"});
                break;
            case Species::oligomer_cyclic:
            case Species::oligomer_linear:
                a.rt_s = (c.kind == Species::oligomer_cyclic ? 26.0 : 21.0) + 7.0 * c.n + rng.normal(0.0, 1.0);
                a.sigma_s = rng.uniform(2.2, 3.2);
                a.tau_s = rng.uniform(1.5, 3.0);
                response = 0.7;
                a.ions.push_back({ion(f, "H", 1), 1.0, "[M+H]+"});
                a.ions.push_back({ion(f, "Na", 1), boost * rng.uniform(0.02, 0.06), "[M+Na]+"});
                a.ions.push_back({ion(f, "H2", 2), 0.12 * c.n, "[M+2H]2+"});
                if (c.n >= 3) a.ions.push_back({ion(f, "H3", 3), 0.05 * (c.n - 2), "[M+3H]3+"});
                break;
            case Species::bromopropyl:
                a.rt_s = 58.0 + rng.normal(0.0, 1.5);
                amine_ions(a, f, rng, boost, rng.uniform(0.05, 0.15));
                break;
        }
        a.apex = base * c.amount * response;
        out.push_back(std::move(a));
    }

    // Constant background ions of an ESI source (plasticisers, slip agents, sulfonamides).
    static const char* const kBackground[] = {"C24H38O4", "C22H43NO", "C10H15NO2S", "C18H15OP", "C16H22O4"};
    for (const char* f : kBackground) {
        if (!rng.chance(0.35)) continue;
        Analyte a;
        a.label = std::string("background ") + f;
        a.constant = true;
        a.apex = rng.lognormal(4.0e4, 0.5);
        a.ions.push_back({ion(chem::Formula(f), "H", 1), 1.0, "[M+H]+"});
        a.ions.push_back({ion(chem::Formula(f), "Na", 1), rng.uniform(0.2, 0.8), "[M+Na]+"});
        out.push_back(std::move(a));
    }
    // Polysiloxane ladder (cyclic (C2H6OSi)n, column and septum bleed): constant.
    const double silox = m.artefacts.siloxane > 0.0 ? m.artefacts.siloxane : (rng.chance(0.25) ? 0.002 : 0.0);
    if (silox > 0.0) {
        for (int n = 5; n <= (m.artefacts.siloxane > 0.0 ? 11 : 8); ++n) {
            Analyte a;
            a.label = "polysiloxane D" + std::to_string(n);
            a.constant = true;
            a.apex = base * silox * std::exp(-0.5 * std::pow((n - 7.0) / 1.8, 2.0));
            const chem::Formula f = n * chem::Formula("C2H6OSi");
            a.ions.push_back({ion(f, "H", 1), 1.0, "[M+H]+"});
            a.ions.push_back({ion(f, "NH4", 1), rng.uniform(0.3, 0.8), "[M+NH4]+"});
            out.push_back(std::move(a));
        }
    }
    // Polyethylene glycol HO(C2H4O)nH, eluting late as a fan of close peaks.
    if (m.artefacts.peg > 0.0) {
        const double centre = rng.uniform(8.0, 10.0);
        for (int n = 5; n <= 15; ++n) {
            Analyte a;
            a.label = "PEG n=" + std::to_string(n);
            a.rt_s = 215.0 + 3.5 * n + rng.normal(0.0, 1.0);
            a.sigma_s = rng.uniform(3.0, 4.5);
            a.tau_s = 1.5;
            a.apex = base * m.artefacts.peg * std::exp(-0.5 * std::pow((n - centre) / 2.5, 2.0));
            const chem::Formula f = chem::Formula("H2O") + n * chem::Formula("C2H4O");
            a.ions.push_back({ion(f, "NH4", 1), 1.0, "[M+NH4]+"});
            a.ions.push_back({ion(f, "H", 1), rng.uniform(0.2, 0.5), "[M+H]+"});
            a.ions.push_back({ion(f, "Na", 1), rng.uniform(0.3, 0.7), "[M+Na]+"});
            out.push_back(std::move(a));
        }
    }
    return out;
}

namespace {

// Exponentially modified Gaussian sampled on a fine grid by convolving the Gaussian with the
// exponential decay (recursive first-order filter), normalised to an apex of 1.
std::vector<double> emg_profile(const Analyte& a, const std::vector<double>& times) {
    const double dt = 0.02;
    const double t0 = a.rt_s - 6.0 * a.sigma_s;
    const double t1 = a.rt_s + 6.0 * a.sigma_s + 12.0 * a.tau_s;
    const auto n = static_cast<std::size_t>((t1 - t0) / dt) + 2;
    std::vector<double> g(n);
    const double decay = std::exp(-dt / a.tau_s);
    double acc = 0.0, peak = 0.0;
    for (std::size_t i = 0; i < n; ++i) {
        const double t = t0 + static_cast<double>(i) * dt;
        const double x = std::exp(-0.5 * std::pow((t - a.rt_s) / a.sigma_s, 2.0));
        acc = acc * decay + x * (1.0 - decay);
        g[i] = acc;
        peak = std::max(peak, acc);
    }
    std::vector<double> out(times.size(), 0.0);
    for (std::size_t k = 0; k < times.size(); ++k) {
        const double pos = (times[k] - t0) / dt;
        if (pos < 0.0 || pos >= static_cast<double>(n - 1)) continue;
        const auto i = static_cast<std::size_t>(pos);
        const double f = pos - static_cast<double>(i);
        out[k] = (g[i] * (1.0 - f) + g[i + 1] * f) / peak;
    }
    return out;
}

struct Stick {
    double mz, intensity;
};

}  // namespace

std::vector<Scan> simulate_run(const std::vector<Analyte>& analytes, const LcmsSettings& s, Rng& rng) {
    std::vector<double> times;
    for (double t = s.scan_s * 0.5; t < s.run_s; t += s.scan_s) times.push_back(t + rng.uniform(-0.01, 0.01));

    // Per analyte: elution profile and the isotope sticks of each ion.
    struct Prepared {
        std::vector<double> profile;
        std::vector<Stick> sticks;
        double drift_phase = 0.0;
        bool constant = false;
    };
    std::vector<Prepared> prep;
    chem::IsotopeOptions iso;
    iso.max_peaks = 6;
    for (const auto& a : analytes) {
        Prepared p;
        p.constant = a.constant;
        p.drift_phase = rng.uniform(0.0, 6.283);
        p.profile = a.constant ? std::vector<double>(times.size(), 1.0) : emg_profile(a, times);
        for (const auto& i : a.ions) {
            for (const auto& peak : chem::isotope_pattern(i.formula, iso)) {
                if (peak.relative < 0.005) continue;
                p.sticks.push_back({peak.mz, a.apex * i.ratio * peak.relative});
            }
        }
        prep.push_back(std::move(p));
    }

    std::vector<Scan> scans;
    scans.reserve(times.size());
    const double threshold = 600.0;  // centroider intensity cut-off (counts)
    for (std::size_t k = 0; k < times.size(); ++k) {
        std::vector<Stick> sticks;
        for (const auto& p : prep) {
            double w = p.profile[k];
            if (p.constant) w = 1.0 + 0.25 * std::sin(times[k] / 60.0 + p.drift_phase);
            if (w < 1e-5) continue;
            for (const auto& st : p.sticks) {
                double inten = st.intensity * w;
                if (inten < 0.3 * threshold) continue;
                // Counting noise plus a few percent of spray fluctuation.
                inten = inten * (1.0 + 0.04 * rng.normal()) + std::sqrt(inten) * 2.0 * rng.normal();
                if (inten < threshold) continue;
                const double err_ppm = s.mass_offset_ppm +
                                       rng.normal() * std::clamp(0.8 * std::sqrt(1.0e6 / inten), 0.4, 4.0);
                if (st.mz < s.mz_low || st.mz > s.mz_high) continue;
                sticks.push_back({st.mz * (1.0 + err_ppm * 1e-6), inten});
            }
        }
        // Chemical noise: random ions just above the cut-off.
        const int noise = s.profile ? rng.integer(4, 10) : rng.integer(10, 25);
        for (int i = 0; i < noise; ++i) {
            const double inten = threshold * rng.lognormal(1.6, 0.5);
            if (inten < threshold) continue;
            sticks.push_back({rng.uniform(s.mz_low, s.mz_high), inten});
        }
        std::sort(sticks.begin(), sticks.end(), [](const Stick& a, const Stick& b) { return a.mz < b.mz; });

        Scan scan;
        scan.rt_s = times[k];
        if (!s.profile) {
            for (const auto& st : sticks) {
                scan.mz.push_back(st.mz);
                scan.intensity.push_back(st.intensity);
            }
        } else {
            // Profile: Gaussian peaks of FWHM mz/R on a grid uniform in log(m/z) (5 points per
            // FWHM), stored sparsely with a zero point on either side of each stretch.
            const double ratio = 1.0 + 1.0 / (5.0 * s.resolution);
            const double lr = std::log(ratio);
            std::map<long, double> grid;
            for (const auto& st : sticks) {
                const double centre = std::log(st.mz / s.mz_low) / lr;
                const double sigma_pts = 5.0 / 2.3548;
                const auto lo = static_cast<long>(std::floor(centre - 2.6 * sigma_pts));
                const auto hi = static_cast<long>(std::ceil(centre + 2.6 * sigma_pts));
                for (long i = lo; i <= hi; ++i) {
                    const double d = (static_cast<double>(i) - centre) / sigma_pts;
                    grid[i] += st.intensity * std::exp(-0.5 * d * d);
                }
            }
            long prev = -10;
            for (const auto& [i, v] : grid) {
                if (i > prev + 1) {
                    if (prev >= 0) {
                        scan.mz.push_back(s.mz_low * std::exp(lr * static_cast<double>(prev + 1)));
                        scan.intensity.push_back(0.0);
                    }
                    if (prev < 0 || i - 1 > prev + 1) {
                        scan.mz.push_back(s.mz_low * std::exp(lr * static_cast<double>(i - 1)));
                        scan.intensity.push_back(0.0);
                    }
                }
                scan.mz.push_back(s.mz_low * std::exp(lr * static_cast<double>(i)));
                scan.intensity.push_back(std::round(v));
                prev = i;
            }
            if (prev >= 0) {
                scan.mz.push_back(s.mz_low * std::exp(lr * static_cast<double>(prev + 1)));
                scan.intensity.push_back(0.0);
            }
        }
        scans.push_back(std::move(scan));
    }
    return scans;
}

}  // namespace sidepeak::gen

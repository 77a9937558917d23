#include "nmr_model.hpp"

#include <cmath>

namespace sidepeak::gen {

namespace {

using J = std::vector<std::pair<double, int>>;

Multiplet mult(double ppm, double protons, J couplings = {}, double fwhm = 1.0) {
    return Multiplet{ppm, protons, std::move(couplings), fwhm, false};
}
Multiplet hump(double ppm, double protons, double fwhm) { return Multiplet{ppm, protons, {}, fwhm, true}; }

enum class Site { free, quaternary, oxide };

// Signals of one N-substituent R on a tertiary amine N, a quaternary N+ or an N-oxide N.
void add_group(std::vector<Multiplet>& out, Reagent r, Site site, bool aromatic_shifted = false) {
    const double ar = aromatic_shifted ? 0.15 : 0.0;
    switch (r) {
        case Reagent::benzyl: {
            const double ch2 = site == Site::free ? 3.62 : site == Site::quaternary ? 4.72 : 4.32;
            out.push_back(mult(ch2, 2, {}, 1.0));
            out.push_back(mult(7.33 + ar, 2, {{7.5, 1}, {1.5, 1}}, 1.2));  // ortho
            out.push_back(mult(7.30 + ar, 2, {{7.5, 2}}, 1.2));             // meta
            out.push_back(mult(7.24 + ar, 1, {{7.4, 2}}, 1.2));             // para
            break;
        }
        case Reagent::methyl: {
            const double ch3 = site == Site::free ? 2.34 : site == Site::quaternary ? 3.30 : 3.17;
            out.push_back(mult(ch3, 3, {}, 0.9));
            break;
        }
        case Reagent::fluorophenoxyethyl: {
            const double nch2 = site == Site::free ? 2.86 : site == Site::quaternary ? 3.95 : 3.48;
            const double och2 = site == Site::free ? 4.02 : site == Site::quaternary ? 4.48 : 4.42;
            out.push_back(mult(nch2, 2, {{5.9, 2}}, 1.1));
            out.push_back(mult(och2, 2, {{5.9, 2}}, 1.1));
            // AA'XX' of the 4-fluorophenyl ring treated first-order: 3J(HH) 9.1, J(HF) 8.2 / 4.4.
            out.push_back(mult(6.96 + ar, 2, {{9.1, 1}, {8.2, 1}}, 1.3));
            out.push_back(mult(6.84 + ar, 2, {{9.1, 1}, {4.4, 1}}, 1.3));
            break;
        }
        case Reagent::trifluoroethyl: {
            const double ch2 = site == Site::free ? 3.05 : site == Site::quaternary ? 4.35 : 3.72;
            out.push_back(mult(ch2, 2, {{9.6, 3}}, 1.0));  // quartet from 3J(HF)
            break;
        }
        case Reagent::thienylmethyl: {
            const double ch2 = site == Site::free ? 3.84 : site == Site::quaternary ? 4.95 : 4.52;
            out.push_back(mult(ch2, 2, {}, 1.0));
            out.push_back(mult(7.23 + ar, 1, {{5.1, 1}, {1.2, 1}}, 1.1));  // H5
            out.push_back(mult(6.95 + ar, 1, {{5.1, 1}, {3.4, 1}}, 1.1));  // H4
            out.push_back(mult(6.92 + ar, 1, {{3.4, 1}, {1.2, 1}}, 1.1));  // H3
            break;
        }
        case Reagent::boc: out.push_back(mult(1.46, 9, {}, 0.9)); break;
    }
}

void add_nh(std::vector<Multiplet>& out, double ppm, double protons, Solvent s) {
    if (s == Solvent::d2o) return;  // exchanged
    out.push_back(mult(s == Solvent::dmso ? ppm + 0.4 : ppm, protons, {}, 28.0));
}

}  // namespace

std::vector<Multiplet> species_multiplets(const Component& c, Reagent r, Solvent solvent) {
    std::vector<Multiplet> out;
    const bool boc = r == Reagent::boc;
    switch (c.kind) {
        case Species::starting_amine:
            out.push_back(mult(2.91, 4, {}, 1.6));           // N-CH2CH2-N
            out.push_back(mult(2.87, 4, {{5.9, 2}}, 1.1));    // N-CH2 next to C6
            out.push_back(mult(1.74, 2, {{5.9, 4}}, 1.1));    // C6 quintet
            add_nh(out, 1.70, 2, solvent);
            break;
        case Species::product:
            if (boc) {
                out.push_back(mult(3.48, 2, {{5.8, 2}}, 4.0));  // carbamate N-CH2 (rotamers broaden)
                out.push_back(mult(3.42, 2, {{6.1, 2}}, 4.0));
                out.push_back(mult(2.90, 2, {{5.8, 2}}, 1.2));
                out.push_back(mult(2.84, 2, {{6.1, 2}}, 1.2));
                out.push_back(mult(1.76, 2, {{6.0, 4}}, 1.4));
                add_nh(out, 1.62, 1, solvent);
            } else {
                out.push_back(mult(2.66, 2, {{5.4, 2}}, 1.1));  // C2 (alpha to N1-R)
                out.push_back(mult(2.61, 2, {{6.0, 2}}, 1.1));  // C7
                out.push_back(mult(2.93, 2, {{5.4, 2}}, 1.1));  // C3
                out.push_back(mult(2.88, 2, {{6.0, 2}}, 1.1));  // C5
                out.push_back(mult(1.77, 2, {{6.0, 4}}, 1.1));  // C6
                add_nh(out, 1.85, 1, solvent);
            }
            add_group(out, r, Site::free);
            break;
        case Species::dialkyl:
            if (boc) {
                out.push_back(mult(3.45, 4, {}, 6.0));
                out.push_back(mult(3.36, 4, {{6.0, 2}}, 5.0));
                out.push_back(mult(1.86, 2, {{6.0, 4}}, 1.6));
                add_group(out, r, Site::free);
                out.push_back(mult(1.47, 9, {}, 0.9));
            } else {
                out.push_back(mult(2.69, 4, {}, 1.4));          // C2/C3
                out.push_back(mult(2.66, 4, {{6.0, 2}}, 1.1));  // C5/C7
                out.push_back(mult(1.81, 2, {{6.0, 4}}, 1.1));
                add_group(out, r, Site::free);
                add_group(out, r, Site::free);
            }
            break;
        case Species::quat:
            out.push_back(mult(3.74, 2, {{5.5, 2}}, 3.0));  // C2 alpha to N+
            out.push_back(mult(3.63, 2, {{6.0, 2}}, 3.0));  // C7 alpha to N+
            out.push_back(mult(2.99, 2, {{5.5, 2}}, 1.5));
            out.push_back(mult(2.81, 2, {{6.0, 2}}, 1.5));
            out.push_back(mult(2.16, 2, {{6.0, 4}}, 2.0));
            add_group(out, r, Site::quaternary, true);
            add_group(out, r, Site::quaternary, true);
            add_group(out, r, Site::free);
            break;
        case Species::n_oxide:
            out.push_back(mult(3.42, 2, {{5.5, 2}}, 3.0));  // ring CH2 alpha to N-oxide
            out.push_back(mult(3.27, 2, {{6.0, 2}}, 3.0));
            out.push_back(mult(3.08, 2, {{5.5, 2}}, 1.5));
            out.push_back(mult(2.98, 2, {{6.0, 2}}, 1.5));
            out.push_back(mult(2.05, 2, {{6.0, 4}}, 2.0));
            add_nh(out, 2.20, 1, solvent);
            add_group(out, r, Site::oxide);
            break;
        case Species::n_oxide_dialkyl:
            out.push_back(mult(3.45, 2, {{5.5, 2}}, 3.0));
            out.push_back(mult(3.31, 2, {{6.0, 2}}, 3.0));
            out.push_back(mult(2.80, 2, {{5.5, 2}}, 1.5));
            out.push_back(mult(2.72, 2, {{6.0, 2}}, 1.5));
            out.push_back(mult(2.08, 2, {{6.0, 4}}, 2.0));
            add_group(out, r, Site::oxide);
            add_group(out, r, Site::free);
            break;
        case Species::hofmann_allyl:
            // R2N-CH2CH2-N(R)-CH2-CH=CH2
            out.push_back(mult(5.86, 1, {{17.1, 1}, {10.2, 1}, {6.5, 2}}, 1.1));  // =CH- ddt
            out.push_back(mult(5.17, 1, {{17.1, 1}, {1.8, 1}, {1.4, 2}}, 1.1));   // =CH2 trans to H
            out.push_back(mult(5.12, 1, {{10.2, 1}, {1.8, 1}, {1.2, 2}}, 1.1));   // =CH2 cis to H
            out.push_back(mult(3.08, 2, {{6.5, 1}, {1.3, 2}}, 1.1));              // allylic N-CH2 d
            out.push_back(mult(2.58, 2, {{7.0, 2}}, 1.3));
            out.push_back(mult(2.53, 2, {{7.0, 2}}, 1.3));
            add_group(out, r, Site::free);
            add_group(out, r, Site::free);
            add_group(out, r, Site::free);
            break;
        case Species::hofmann_enamine:
            // R2N-(CH2)3-N(R)-CH=CH2
            out.push_back(mult(6.38, 1, {{15.6, 1}, {9.0, 1}}, 1.2));  // N-CH= dd
            out.push_back(mult(4.08, 1, {{15.6, 1}, {1.0, 1}}, 1.2));  // =CH2 trans
            out.push_back(mult(3.96, 1, {{9.0, 1}, {1.0, 1}}, 1.2));   // =CH2 cis
            out.push_back(mult(3.18, 2, {{7.2, 2}}, 1.2));
            out.push_back(mult(2.38, 2, {{7.0, 2}}, 1.2));
            out.push_back(mult(1.72, 2, {{7.0, 4}}, 1.2));
            add_group(out, r, Site::free);
            add_group(out, r, Site::free);
            add_group(out, r, Site::free);
            break;
        case Species::c_hydroxy:
            out.push_back(mult(3.94, 1, {{7.0, 2}, {3.6, 2}}, 1.4));  // CH-OH, tt
            out.push_back(mult(2.97, 2, {{5.4, 2}}, 1.3));
            out.push_back(mult(2.84, 2, {{7.0, 1}, {13.5, 1}}, 1.3));
            out.push_back(mult(2.72, 2, {{5.4, 2}}, 1.3));
            out.push_back(mult(2.60, 2, {{3.6, 1}, {13.5, 1}}, 1.3));
            add_nh(out, 2.3, 2, solvent);  // NH + OH
            add_group(out, r, Site::free);
            break;
        case Species::oligomer_cyclic:
        case Species::oligomer_linear: {
            // Polyamine chains: unresolved humps where N-CH2 and C-CH2-C resonate. Per repeat unit
            // 8 N-CH2 protons, 2 C-CH2-C protons and 2 NH.
            const double units = c.n + (c.kind == Species::oligomer_linear ? 0.4 : 0.0);
            out.push_back(hump(2.70, 5.0 * units, 40.0 + 10.0 * c.n));
            out.push_back(hump(2.58, 3.0 * units, 70.0 + 15.0 * c.n));
            out.push_back(hump(1.66, 2.0 * units, 30.0 + 8.0 * c.n));
            if (solvent != Solvent::d2o) out.push_back(hump(2.05, 2.0 * units, 150.0 + 10.0 * c.n));
            break;
        }
        case Species::bromopropyl:
            out.push_back(mult(3.47, 2, {{6.6, 2}}, 1.1));
            out.push_back(mult(2.80, 2, {{5.8, 2}}, 1.1));
            out.push_back(mult(2.75, 2, {{6.8, 2}}, 1.1));
            out.push_back(mult(2.68, 2, {{5.8, 2}}, 1.1));
            out.push_back(mult(2.03, 2, {{6.7, 4}}, 1.1));
            add_nh(out, 1.5, 3, solvent);
            break;
    }
    return out;
}

namespace {

void expand(const Multiplet& m, double amount, double mhz, double shift_jitter, double width_scale,
            std::vector<Line>& out) {
    // Binomial splitting, one coupling after the other (first-order, weak coupling).
    std::vector<std::pair<double, double>> lines{{0.0, 1.0}};
    for (const auto& [j, n] : m.couplings) {
        std::vector<std::pair<double, double>> next;
        for (const auto& [off, w] : lines) {
            double binom = 1.0;
            for (int k = 0; k <= n; ++k) {
                if (k > 0) binom = binom * (n - k + 1) / k;
                next.emplace_back(off + (k - n / 2.0) * j, w * binom / std::pow(2.0, n));
            }
        }
        lines = std::move(next);
    }
    for (const auto& [off, w] : lines) {
        out.push_back(Line{m.ppm + shift_jitter + off / mhz, amount * m.protons * w, m.fwhm_hz * width_scale,
                           m.gaussian});
    }
}

}  // namespace

std::vector<Line> mixture_lines(const Mixture& m, double mhz, Rng& rng) {
    std::vector<Line> lines;
    const double shim = rng.uniform(0.85, 1.3);
    for (const auto& c : m.components) {
        if (c.amount <= 0.0) continue;
        for (const auto& mp : species_multiplets(c, m.reagent, m.solvent)) {
            const double jitter = mp.gaussian ? rng.normal(0.0, 0.01) : rng.normal(0.0, 0.003);
            expand(mp, c.amount, mhz, jitter, mp.gaussian ? 1.0 : shim, lines);
        }
    }
    // Solvent residuals and references (shifts: Fulmer et al., Organometallics 29, 2176, 2010).
    std::vector<Multiplet> solvent;
    const auto& a = m.artefacts;
    switch (m.solvent) {
        case Solvent::cdcl3:
            solvent.push_back(mult(7.26, rng.uniform(0.15, 0.45), {}, 1.0));          // CHCl3
            solvent.push_back(mult(1.56, 2.0 * a.water, {}, rng.uniform(2.0, 5.0)));  // H2O
            solvent.push_back(mult(0.00, 12.0 * rng.uniform(0.01, 0.04), {}, 0.8));   // TMS
            if (a.ch2cl2 > 0.0) solvent.push_back(mult(5.30, 2.0 * a.ch2cl2, {}, 0.9));
            break;
        case Solvent::dmso:
            // DMSO-d5 residual: CHD2 quintet, 2J(HD) 1.9 Hz.
            solvent.push_back(mult(2.50, rng.uniform(0.2, 0.5), {{1.9, 4}}, 0.9));
            solvent.push_back(mult(3.33, 2.0 * a.water, {}, rng.uniform(4.0, 9.0)));
            solvent.push_back(mult(0.00, 12.0 * rng.uniform(0.01, 0.03), {}, 0.8));
            if (a.ch2cl2 > 0.0) solvent.push_back(mult(5.76, 2.0 * a.ch2cl2, {}, 0.9));
            break;
        case Solvent::d2o:
            solvent.push_back(mult(4.79, 2.0 * a.water + rng.uniform(1.0, 3.0), {}, rng.uniform(2.0, 4.0)));  // HDO
            solvent.push_back(mult(0.00, 9.0 * rng.uniform(0.02, 0.05), {}, 0.8));  // TSP
            break;
    }
    for (const auto& s : solvent) expand(s, 1.0, mhz, 0.0, 1.0, lines);
    return lines;
}

}  // namespace sidepeak::gen

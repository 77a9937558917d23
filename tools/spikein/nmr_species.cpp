// Spin groups of the simulated diazepane mixtures. Every shift, coupling, width and level is drawn
// from a range in docs/validation.md ("NMR spike-in"), with its source there: domain.md for the
// diagnostic windows; Pretsch, Buehlmann, Badertscher, "Structure Determination of Organic
// Compounds" (4th ed., Springer 2009) for substituent shifts and couplings; Fulmer et al.,
// Organometallics 29 (2010) 2176 (extending Gottlieb et al., J. Org. Chem. 62 (1997) 7512) for
// residual solvents.
#include "nmr_species.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <string_view>

namespace sidepeak::spikein {

namespace {

constexpr double none = std::numeric_limits<double>::quiet_NaN();

constexpr std::array<ReagentSpec, 7> reagents{{
    {NmrReagent::methyl, "methyl", "C6H14N2"},
    {NmrReagent::ethyl, "ethyl", "C7H16N2"},
    {NmrReagent::benzyl, "benzyl", "C12H18N2"},
    {NmrReagent::trifluoroethyl, "trifluoroethyl", "C7H13F3N2"},
    {NmrReagent::thienylmethyl, "thienylmethyl", "C10H16N2S"},
    {NmrReagent::fluorophenoxyethyl, "fluorophenoxyethyl", "C13H19FN2O"},
    {NmrReagent::boc, "boc", "C10H20N2O2"},
}};

// Couplings of one sample, drawn once so every species of the sample shares them.
struct Js {
    double ring, en, ethyl, hf_tfe, ph, th45, th34, th35, och2, ar_hh, ar_hf_o, ar_hf_m, trans, cis, vic, gem, allylic;
};

Js draw_js(SpikeRandom& rng) {
    Js j{};
    j.ring = rng.uniform(5.5, 6.5);     // C6-H2 to C5/C7-H2 (domain.md: quintet)
    j.en = rng.uniform(5.0, 6.0);       // N-CH2-CH2-N
    j.ethyl = rng.uniform(7.0, 7.3);    // CH3-CH2
    j.hf_tfe = rng.uniform(9.3, 10.0);  // 3J(H,F) in N-CH2-CF3
    j.ph = rng.uniform(7.2, 7.8);       // aromatic ortho 3J
    j.th45 = rng.uniform(4.9, 5.2);     // thiophene
    j.th34 = rng.uniform(3.3, 3.6);
    j.th35 = rng.uniform(1.0, 1.3);
    j.och2 = rng.uniform(5.6, 6.2);     // O-CH2-CH2-N
    j.ar_hh = rng.uniform(8.8, 9.2);    // 4-fluorophenoxy AA'BB'X as first order
    j.ar_hf_o = rng.uniform(8.3, 8.9);
    j.ar_hf_m = rng.uniform(4.3, 4.7);
    j.trans = rng.uniform(16.5, 17.5);  // vinyl (domain.md / brief)
    j.cis = rng.uniform(9.8, 10.8);
    j.vic = rng.uniform(5.8, 7.2);
    j.gem = rng.uniform(1.2, 1.8);
    j.allylic = rng.uniform(1.2, 1.6);
    return j;
}

class Builder {
public:
    Builder(NmrMixture& mix, const MixtureRanges& ranges, SpikeRandom& rng, const Js& js)
        : mix_(mix), ranges_(ranges), rng_(rng), j_(js) {}

    SpikeRandom& rng() { return rng_; }
    const Js& j() const { return j_; }
    double shift() const { return mix_.form.n_shift; }
    bool aqueous() const { return mix_.form.solvent == "D2O" || mix_.form.solvent == "CD3OD"; }
    NmrReagent reagent() const { return mix_.reagent.id; }

    void add(const std::string& species, double ppm, double n_h, std::vector<Coupling> couplings, double width_factor = 1.0) {
        if (!(n_h > 0.0)) return;
        mix_.components.push_back({species, SpinGroup{ppm, n_h, std::move(couplings)},
                                   ranges_.linewidth_hz * width_factor, ranges_.gauss_fraction, {}});
    }
    void add_broad(const std::string& species, double ppm, double n_h, double fwhm_hz, double gauss) {
        if (!(n_h > 0.0)) return;
        mix_.components.push_back({species, SpinGroup{ppm, n_h, {}}, fwhm_hz, gauss, {}});
    }

    /// Exchangeable NH of a ring: a broad line in CDCl3/DMSO, absent (exchanged) in D2O/CD3OD.
    void nh(const std::string& species, double moles, double count) {
        if (aqueous()) return;
        mix_.nh_broad = true;
        const double ppm = mix_.form.salt ? rng_.uniform(8.5, 9.8) : rng_.uniform(1.5, 2.2);
        add_broad(species, ppm, count * (mix_.form.salt ? 2.0 : 1.0) * moles, rng_.uniform(20.0, 150.0), 0.0);
    }

    /// The substituent R (count copies). alpha_delta moves the group on the N (quat, N-oxide).
    void substituent(const std::string& sp, double moles, double count, double alpha_delta, bool protonated) {
        const double a = alpha_delta + (protonated ? shift() : 0.0);
        const double m = moles * count;
        switch (reagent()) {
            case NmrReagent::methyl:
                add(sp, rng_.uniform(2.25, 2.40) + a, 3 * m, {});
                break;
            case NmrReagent::ethyl:
                add(sp, rng_.uniform(2.45, 2.60) + a, 2 * m, {{j_.ethyl, 3}});
                add(sp, rng_.uniform(1.00, 1.10) + 0.2 * a, 3 * m, {{j_.ethyl, 2}});
                break;
            case NmrReagent::benzyl:
                add(sp, rng_.uniform(3.50, 3.65) + a, 2 * m, {});
                add(sp, rng_.uniform(7.28, 7.36), 2 * m, {{j_.ph, 1}});
                add(sp, rng_.uniform(7.26, 7.34), 2 * m, {{j_.ph, 2}});
                add(sp, rng_.uniform(7.20, 7.27), 1 * m, {{j_.ph, 2}});
                break;
            case NmrReagent::trifluoroethyl:
                add(sp, rng_.uniform(2.90, 3.10) + a, 2 * m, {{j_.hf_tfe, 3}});
                break;
            case NmrReagent::thienylmethyl:
                add(sp, rng_.uniform(3.75, 3.90) + a, 2 * m, {});
                add(sp, rng_.uniform(7.18, 7.25), m, {{j_.th45, 1}, {j_.th35, 1}});
                add(sp, rng_.uniform(6.90, 6.96), m, {{j_.th45, 1}, {j_.th34, 1}});
                add(sp, rng_.uniform(6.86, 6.92), m, {{j_.th34, 1}, {j_.th35, 1}});
                break;
            case NmrReagent::fluorophenoxyethyl:
                add(sp, rng_.uniform(2.78, 2.92) + a, 2 * m, {{j_.och2, 2}});
                add(sp, rng_.uniform(4.00, 4.10) + 0.3 * a, 2 * m, {{j_.och2, 2}});
                add(sp, rng_.uniform(6.80, 6.86), 2 * m, {{j_.ar_hh, 1}, {j_.ar_hf_m, 1}});
                add(sp, rng_.uniform(6.92, 6.99), 2 * m, {{j_.ar_hh, 1}, {j_.ar_hf_o, 1}});
                break;
            case NmrReagent::boc:
                add(sp, rng_.uniform(1.43, 1.48), 9 * m, {});
                break;
        }
    }

private:
    NmrMixture& mix_;
    const MixtureRanges& ranges_;
    SpikeRandom& rng_;
    Js j_;
};

// Ring of the mono-substituted product (C2/C7 next to N1-R, C3/C5 next to N4-H, C6 central).
void product_ring(Builder& b, const std::string& sp, double moles, double rotamer_split, double rotamer_ratio,
                  double rotamer_broadening) {
    SpikeRandom& r = b.rng();
    const double s = b.shift();
    const Js& j = b.j();
    if (b.reagent() == NmrReagent::boc) {
        // Carbamate N-CH2 (not basic: a salt protonates N4 only).
        for (const double n1 : {r.uniform(3.35, 3.55), r.uniform(3.35, 3.55)}) {
            if (rotamer_split > 0.0) {
                b.add(sp, n1 + 0.5 * rotamer_split, 2 * moles * rotamer_ratio, {{j.ring, 2}}, rotamer_broadening);
                b.add(sp, n1 - 0.5 * rotamer_split, 2 * moles * (1 - rotamer_ratio), {{j.ring, 2}}, rotamer_broadening);
            } else {
                b.add(sp, n1, 2 * moles, {{j.ring, 2}}, rotamer_broadening);
            }
        }
    } else {
        b.add(sp, r.uniform(2.55, 2.75) + s, 2 * moles, {{j.ring, 2}});  // C7
        b.add(sp, r.uniform(2.55, 2.75) + s, 2 * moles, {{j.en, 2}});    // C2
    }
    b.add(sp, r.uniform(2.80, 2.95) + s, 2 * moles, {{j.en, 2}});    // C3
    b.add(sp, r.uniform(2.80, 2.95) + s, 2 * moles, {{j.ring, 2}});  // C5
    b.add(sp, r.uniform(1.70, 1.85) + 0.3 * s, 2 * moles, {{j.ring, 4}});  // C6 quintet
    b.nh(sp, moles, 1.0);
}

// 1,4-di-substituted ring: symmetric, C2/C3 equivalent (singlet-like), C5/C7 triplet.
void bis(Builder& b, double moles) {
    SpikeRandom& r = b.rng();
    const double s = b.reagent() == NmrReagent::boc ? 0.0 : b.shift();
    if (b.reagent() == NmrReagent::boc) {
        b.add("bis", r.uniform(3.35, 3.50), 4 * moles, {}, 2.0);
        b.add("bis", r.uniform(3.30, 3.50), 4 * moles, {{b.j().ring, 2}}, 2.0);
        b.add("bis", r.uniform(1.80, 1.95), 2 * moles, {{b.j().ring, 4}});
    } else {
        b.add("bis", r.uniform(2.60, 2.75) + s, 4 * moles, {});
        b.add("bis", r.uniform(2.58, 2.72) + s, 4 * moles, {{b.j().ring, 2}});
        b.add("bis", r.uniform(1.72, 1.85) + 0.3 * s, 2 * moles, {{b.j().ring, 4}});
    }
    b.substituent("bis", moles, 2.0, r.uniform(-0.05, 0.05), b.reagent() != NmrReagent::boc);
}

// Unreacted 1,4-diazepane (domain.md: ring N-CH2 2.8-2.95, C6 1.7-1.8 quintet, NH 1.5-2.0).
void unreacted(Builder& b, double moles) {
    SpikeRandom& r = b.rng();
    const double s = b.shift();
    b.add("unreacted", r.uniform(2.85, 2.95) + s, 4 * moles, {});
    b.add("unreacted", r.uniform(2.80, 2.95) + s, 4 * moles, {{b.j().ring, 2}});
    b.add("unreacted", r.uniform(1.70, 1.80) + 0.3 * s, 2 * moles, {{b.j().ring, 4}});
    b.nh("unreacted", moles, 2.0);
}

// Quaternary ammonium (N1 carries two R): N+-CH2 3.3-4.8 (ring 3.3-3.8), R alpha +0.6-1.2 ppm.
void quat(Builder& b, double moles) {
    SpikeRandom& r = b.rng();
    const double s = b.shift();
    b.add("quat", r.uniform(3.30, 3.80), 2 * moles, {{b.j().ring, 2}});
    b.add("quat", r.uniform(3.30, 3.80), 2 * moles, {{b.j().en, 2}});
    b.add("quat", r.uniform(2.90, 3.20) + s, 2 * moles, {{b.j().en, 2}});
    b.add("quat", r.uniform(2.85, 3.10) + s, 2 * moles, {{b.j().ring, 2}});
    b.add("quat", r.uniform(1.90, 2.20), 2 * moles, {{b.j().ring, 4}});
    b.substituent("quat", moles, 2.0, r.uniform(0.6, 1.2), false);
    b.nh("quat", moles, 1.0);
}

// Mono N-oxide on the substituted N1: ring N-CH2 3.0-3.7, R alpha +0.5-1.0 (N-CH3 3.1-3.3).
void n_oxide(Builder& b, double moles) {
    SpikeRandom& r = b.rng();
    const double s = b.shift();
    b.add("n_oxide", r.uniform(3.00, 3.70), 2 * moles, {{b.j().ring, 2}});
    b.add("n_oxide", r.uniform(3.00, 3.70), 2 * moles, {{b.j().en, 2}});
    b.add("n_oxide", r.uniform(2.80, 3.05) + s, 2 * moles, {{b.j().en, 2}});
    b.add("n_oxide", r.uniform(2.80, 3.05) + s, 2 * moles, {{b.j().ring, 2}});
    b.add("n_oxide", r.uniform(1.80, 2.05), 2 * moles, {{b.j().ring, 4}});
    const double alpha = b.reagent() == NmrReagent::methyl ? r.uniform(0.8, 1.0) : r.uniform(0.5, 1.0);
    b.substituent("n_oxide", moles, 1.0, alpha, false);
    b.nh("n_oxide", moles, 1.0);
}

// Ring-opened Hofmann product of the quat: CH2=CH-CH2-NH-CH2CH2-NR2 (N-allyl), or the N-vinyl
// enamine CH2=CH-NH-CH2CH2CH2-NR2 from elimination toward the other ring bond.
void hofmann_ring_opened(Builder& b, double moles, bool vinyl) {
    SpikeRandom& r = b.rng();
    const Js& j = b.j();
    const bool salt = b.shift() > 0.25;
    const double s = b.shift();
    if (!vinyl) {
        b.add("hofmann", r.uniform(5.60, 6.10), moles, {{j.trans, 1}, {j.cis, 1}, {j.vic, 2}});
        const double hi = salt ? r.uniform(5.40, 5.60) : r.uniform(5.05, 5.35);  // H trans to the CH2N
        const double lo = salt ? r.uniform(5.30, 5.50) : r.uniform(4.95, 5.25);
        b.add("hofmann", hi, moles, {{j.trans, 1}, {j.gem, 1}, {j.allylic, 2}});
        b.add("hofmann", std::min(lo, hi - 0.02), moles, {{j.cis, 1}, {j.gem, 1}, {j.allylic, 2}});
        b.add("hofmann", salt ? r.uniform(3.60, 3.90) : r.uniform(2.90, 3.30), 2 * moles, {{j.vic, 1}, {j.allylic, 2}});
        b.add("hofmann", r.uniform(2.62, 2.80) + s, 2 * moles, {{j.en, 2}});
        b.add("hofmann", r.uniform(2.40, 2.55) + s, 2 * moles, {{j.en, 2}});
    } else {
        const double jt = r.uniform(15.0, 16.0);
        const double jc = r.uniform(8.5, 9.5);
        b.add("hofmann", r.uniform(6.20, 6.60), moles, {{jt, 1}, {jc, 1}});
        b.add("hofmann", r.uniform(4.05, 4.30), moles, {{jt, 1}});
        b.add("hofmann", r.uniform(3.80, 4.02), moles, {{jc, 1}});
        b.add("hofmann", r.uniform(2.70, 2.95) + s, 2 * moles, {{j.ring, 2}});
        b.add("hofmann", r.uniform(1.60, 1.78), 2 * moles, {{j.ring, 4}});
        b.add("hofmann", r.uniform(2.30, 2.45) + s, 2 * moles, {{j.ring, 2}});
    }
    b.substituent("hofmann", moles, 2.0, r.uniform(-0.1, 0.05), true);
}

// Hofmann loss of the 2-(4-fluorophenoxy)ethyl group: aryl vinyl ether ArO-CH=CH2 (domain.md:
// =CH-O 6.4-6.6 dd J ~14/6, =CH2 4.4-4.7 two dd) beside the tertiary amine (the product).
void aryl_vinyl_ether(Builder& b, const std::string& sp, double moles) {
    SpikeRandom& r = b.rng();
    const double jt = r.uniform(13.5, 14.5);
    const double jc = r.uniform(5.8, 6.4);
    const double jg = r.uniform(1.4, 2.0);
    b.add(sp, r.uniform(6.40, 6.60), moles, {{jt, 1}, {jc, 1}});
    b.add(sp, r.uniform(4.55, 4.70), moles, {{jt, 1}, {jg, 1}});
    b.add(sp, r.uniform(4.40, 4.52), moles, {{jc, 1}, {jg, 1}});
    b.add(sp, r.uniform(6.90, 7.02), 4 * moles, {{b.j().ar_hh, 1}});
}

// Oligomer: 1-3 broad envelopes of polyamine CH2, N-CH2 and C-CH2-C in 2:1 (domain.md).
void oligomer(Builder& b, double area_fraction, double product_protons) {
    SpikeRandom& r = b.rng();
    const int humps = r.integer(1, 3);
    double left = area_fraction * product_protons;
    for (int h = 0; h < humps; ++h) {
        const double part = h + 1 == humps ? left : left * r.uniform(0.3, 0.7);
        left -= part;
        const double width = r.log_uniform(30.0, 400.0);
        const double gauss = r.chance(0.5) ? r.uniform(0.5, 1.0) : 0.0;
        b.add_broad("oligomer", r.uniform(2.40, 3.00) + b.shift(), part * 2.0 / 3.0, width, gauss);
        b.add_broad("oligomer", r.uniform(1.50, 1.90) + 0.3 * b.shift(), part / 3.0, width * r.uniform(0.7, 1.3), gauss);
    }
}

// Residual solvents (Fulmer 2010, table 1; NaN = not tabulated). Columns: CDCl3, acetone-d6,
// DMSO-d6, C6D6, CD3CN, CD3OD, D2O.
struct ResidualGroup {
    std::array<double, 7> ppm;
    double n_h;
    int partners;  ///< 0 singlet, else coupled to that many protons with j
    double j;
};
struct Residual {
    std::string_view name;
    std::vector<ResidualGroup> groups;
};

const std::vector<Residual>& residual_table() {
    static const std::vector<Residual> table = {
        {"MeOH", {{{3.49, 3.31, 3.16, 3.07, 3.28, 3.34, 3.34}, 3, 0, 0}}},
        {"Et2O", {{{1.21, 1.11, 1.09, 1.11, 1.12, 1.18, 1.17}, 6, 2, 7.0}, {{3.48, 3.41, 3.38, 3.26, 3.42, 3.49, 3.56}, 4, 3, 7.0}}},
        {"dioxane", {{{3.71, 3.59, 3.57, 3.35, 3.60, 3.66, 3.75}, 8, 0, 0}}},
        {"DCE", {{{3.73, 3.87, 3.90, 2.90, 3.81, 3.78, none}, 4, 0, 0}}},
        {"toluene",
         {{{2.36, 2.32, 2.30, 2.11, 2.33, 2.32, none}, 3, 0, 0},
          {{7.17, 7.15, 7.18, 7.02, 7.20, 7.16, none}, 3, 2, 7.5},
          {{7.25, 7.20, 7.25, 7.13, 7.25, 7.16, none}, 2, 2, 7.5}}},
        {"Et3N", {{{1.03, 0.96, 0.93, 0.96, 0.96, 1.05, 0.99}, 9, 2, 7.1}, {{2.53, 2.45, 2.43, 2.40, 2.45, 2.58, 2.57}, 6, 3, 7.1}}},
        {"EtOAc",
         {{{2.05, 1.97, 1.99, 1.65, 1.97, 2.01, 2.07}, 3, 0, 0},
          {{4.12, 4.05, 4.03, 3.89, 4.06, 4.09, 4.14}, 2, 3, 7.1},
          {{1.26, 1.20, 1.17, 0.92, 1.20, 1.24, 1.24}, 3, 2, 7.1}}},
        {"acetone", {{{2.17, 2.09, 2.09, 1.55, 2.08, 2.15, 2.22}, 6, 0, 0}}},
        {"DMF",
         {{{8.02, 7.96, 7.95, 7.63, 7.92, 7.79, 7.92}, 1, 0, 0},
          {{2.96, 2.94, 2.89, 2.36, 2.89, 2.99, 3.01}, 3, 0, 0},
          {{2.88, 2.78, 2.73, 1.86, 2.77, 2.86, 2.85}, 3, 0, 0}}},
        {"MeCN", {{{2.10, 2.05, 2.07, 1.55, 1.96, 2.03, 2.06}, 3, 0, 0}}},
        {"THF", {{{1.85, 1.79, 1.76, 1.40, 1.80, 1.87, 1.88}, 4, 0, 0}, {{3.76, 3.63, 3.60, 3.57, 3.64, 3.71, 3.74}, 4, 0, 0}}},
        {"hexane", {{{0.88, 0.88, 0.86, 0.89, 0.89, 0.90, none}, 6, 2, 7.0}, {{1.26, 1.28, 1.25, 1.24, 1.28, 1.29, none}, 8, 0, 0}}},
        {"grease", {{{0.86, 0.87, none, 0.92, 0.86, 0.88, none}, 3, 0, 0}, {{1.26, 1.29, none, 1.36, 1.27, 1.29, none}, 10, 0, 0}}},
    };
    return table;
}

// CH2Cl2 by solvent (Fulmer 2010; not tabulated in D2O).
constexpr std::array<double, 7> ch2cl2{5.30, 5.63, 5.76, 4.27, 5.44, 5.49, none};

std::size_t solvent_column(const std::string& solvent) {
    static const std::array<std::string_view, 7> names{"CDCl3", "acetone-d6", "DMSO-d6", "C6D6", "CD3CN", "CD3OD", "D2O"};
    for (std::size_t i = 0; i < names.size(); ++i)
        if (solvent == names[i]) return i;
    return 0;
}

void traps(Builder& b, NmrMixture& mix, const MixtureRanges& ranges, double product_protons) {
    SpikeRandom& r = b.rng();
    const std::size_t col = solvent_column(mix.form.solvent);
    const double p = ranges.trap_probability;
    // A forced tag turns its branch on after the branch's own draw, so unforced samples keep
    // every draw they had before tags could be forced.
    if ((r.chance(p) || ranges.forced("ch2cl2_singlet")) && !std::isnan(ch2cl2[col])) {
        b.add("trap:ch2cl2", ch2cl2[col] + r.uniform(-0.01, 0.01), 2 * r.log_uniform(0.01, 0.2), {});
        mix.traps.emplace_back("ch2cl2_singlet");
    }
    const auto& table = residual_table();
    auto forced_residual = [&](std::size_t i) { return ranges.forced("residual_solvent_" + std::string(table[i].name)); };
    bool any_residual_forced = ranges.forced("residual_solvents");
    for (std::size_t i = 0; i < table.size(); ++i) any_residual_forced = any_residual_forced || forced_residual(i);
    if (r.chance(p) || any_residual_forced) {
        std::vector<std::size_t> picked;
        auto place = [&](std::size_t i) {
            picked.push_back(i);
            const double moles = r.log_uniform(0.005, 0.1);
            bool any = false;
            for (const ResidualGroup& g : table[i].groups) {
                if (std::isnan(g.ppm[col])) continue;
                std::vector<Coupling> c;
                if (g.partners > 0) c.push_back({g.j, g.partners});
                b.add("trap:" + std::string(table[i].name), g.ppm[col] + r.uniform(-0.01, 0.01), g.n_h * moles, c);
                any = true;
            }
            if (any) mix.traps.push_back("residual_solvent_" + std::string(table[i].name));
        };
        const int count = r.integer(1, 4);
        for (int k = 0; k < count; ++k) {
            const std::size_t i = r.index(table.size());
            if (std::find(picked.begin(), picked.end(), i) != picked.end()) continue;
            place(i);
        }
        for (std::size_t i = 0; i < table.size(); ++i)
            if (forced_residual(i) && std::find(picked.begin(), picked.end(), i) == picked.end()) place(i);
    }
    if (r.chance(p) || ranges.forced("impurity_singlet_0.1ppm")) {
        b.add("trap:impurity", r.uniform(0.05, 0.15), r.log_uniform(0.01, 0.1) * product_protons / 3.0, {});
        mix.traps.emplace_back("impurity_singlet_0.1ppm");
    }
    if (r.chance(p) || ranges.forced("exchange_broadened_nh_water")) {
        b.add_broad("trap:exchange", r.uniform(1.5, 5.0), r.log_uniform(0.05, 0.4) * 2.0, r.uniform(20.0, 150.0), 0.0);
        mix.traps.emplace_back("exchange_broadened_nh_water");
    }
    const bool fpe = mix.reagent.id == NmrReagent::fluorophenoxyethyl;
    const bool force_c_allyl = ranges.forced("c_allyl"), force_allyl_ether = ranges.forced("allyl_ether");
    const bool force_vinyl_ether = !fpe && ranges.forced("aryl_vinyl_ether");
    if (r.chance(p) || force_c_allyl || force_allyl_ether || force_vinyl_ether) {
        // Vinyl signals that are not N-allyl: C-allyl (ArCH2 3.3-3.4) or allyl ether (OCH2 3.9-4.1);
        // an aryl vinyl ether only outside the aryloxyethyl family, where it would be a Hofmann product.
        int kind = r.integer(0, fpe ? 1 : 2);
        if (force_c_allyl) kind = 0;
        else if (force_allyl_ether) kind = 1;
        else if (force_vinyl_ether) kind = 2;
        const double moles = r.log_uniform(0.01, 0.15);
        const Js& j = b.j();
        if (kind == 2) {
            aryl_vinyl_ether(b, "trap:aryl_vinyl_ether", moles);
            mix.traps.emplace_back("aryl_vinyl_ether");
        } else {
            b.add("trap:allyl", r.uniform(5.85, 6.00), moles, {{j.trans, 1}, {j.cis, 1}, {j.vic, 2}});
            b.add("trap:allyl", r.uniform(5.15, 5.30), moles, {{j.trans, 1}, {j.gem, 1}});
            b.add("trap:allyl", r.uniform(5.03, 5.14), moles, {{j.cis, 1}, {j.gem, 1}});
            if (kind == 0) {
                b.add("trap:allyl", r.uniform(3.30, 3.40), 2 * moles, {{j.vic, 1}});
                b.add("trap:allyl", r.uniform(7.15, 7.30), 5 * moles, {});
                mix.traps.emplace_back("c_allyl");
            } else {
                b.add("trap:allyl", r.uniform(3.90, 4.10), 2 * moles, {{j.vic, 1}});
                mix.traps.emplace_back("allyl_ether");
            }
        }
    }
    if (r.chance(p) || ranges.forced("rolling_baseline")) mix.corrupt_first_points = true, mix.traps.emplace_back("rolling_baseline");
}

bool has(const std::vector<std::string>& v, std::string_view tag) { return std::find(v.begin(), v.end(), tag) != v.end(); }

// The variation tags of a drawn mixture (docs/validation.md, "Variation tags").
std::vector<std::string> variation_tags(const NmrMixture& mix, const MixtureRanges& ranges) {
    std::vector<std::string> v;
    if (mix.form.salt) v.emplace_back("salt");
    v.push_back("solvent:" + mix.form.solvent);
    v.push_back(linewidth_tag(ranges.linewidth_hz));
    if (mix.nh_broad) v.emplace_back("nh_exchange_broadened");
    const bool residual = std::any_of(mix.traps.begin(), mix.traps.end(), [](const std::string& t) {
        return t == "ch2cl2_singlet" || t.rfind("residual_solvent_", 0) == 0;
    });
    if (residual) v.emplace_back("residual_solvents");
    if (has(mix.traps, "boc_rotamers")) v.emplace_back("rotamers");
    for (const char* t : {"c13_satellites", "statistical_mixture", "rolling_baseline"})
        if (has(mix.traps, t)) v.emplace_back(t);
    return v;
}

}  // namespace

bool MixtureRanges::forced(std::string_view tag) const { return has(force, tag); }

std::string linewidth_tag(double fwhm_hz) {
    if (fwhm_hz < 2.0) return "linewidth:<2Hz";
    if (fwhm_hz < 6.0) return "linewidth:2-6Hz";
    if (fwhm_hz < 10.0) return "linewidth:6-10Hz";
    return "linewidth:>10Hz";
}

std::span<const ReagentSpec> nmr_reagents() noexcept { return reagents; }

SolventForm draw_solvent_form(const std::string& normalised_solvent, SpikeRandom& rng, bool force_salt) {
    SolventForm f;
    f.solvent = normalised_solvent.empty() ? "CDCl3" : normalised_solvent;
    if (f.solvent == "D2O") {
        f.salt = true;
    } else {
        const double p_salt = f.solvent == "CDCl3" ? 0.2 : 0.35;
        f.salt = rng.chance(p_salt) || force_salt;
    }
    if (f.salt)
        f.n_shift = rng.uniform(0.3, 0.9);  // domain.md: salts / D2O move N-CH2 0.3-0.9 ppm downfield
    else if (f.solvent == "DMSO-d6" || f.solvent == "CD3OD")
        f.n_shift = rng.uniform(-0.05, 0.15);
    return f;
}

NmrMixture draw_mixture(const ReagentSpec& reagent, const SolventForm& form, bool positive, const MixtureRanges& ranges,
                        SpikeRandom& rng) {
    NmrMixture mix;
    mix.reagent = reagent;
    mix.form = form;
    const Js js = draw_js(rng);
    Builder b(mix, ranges, rng, js);
    const bool boc = reagent.id == NmrReagent::boc;

    // Product (1 mole). Boc rotamers are a trap: doubled/broadened tert-butyl and ring signals.
    const bool force_rotamers = ranges.forced("rotamers") || ranges.forced("boc_rotamers");
    const bool rotamers = boc && (rng.chance(std::max(ranges.trap_probability, 0.5)) || force_rotamers);
    const double rot_ratio = rotamers ? rng.uniform(0.55, 0.80) : 1.0;
    const double rot_split = rotamers && rng.chance(0.6) ? rng.uniform(0.02, 0.08) : 0.0;
    const double rot_broad = rotamers ? rng.uniform(1.5, 4.0) : 1.0;
    product_ring(b, "product", 1.0, rot_split, rot_ratio, rot_broad);
    if (rotamers) {
        const double t = rng.uniform(1.43, 1.48);
        const double d = rng.uniform(0.01, 0.05);
        b.add("product", t, 9 * rot_ratio, {}, rot_broad);
        b.add("product", t - d, 9 * (1 - rot_ratio), {}, rot_broad);
        mix.traps.emplace_back("boc_rotamers");
    } else {
        b.substituent("product", 1.0, 1.0, 0.0, true);
    }
    for (const Component& c : mix.components) mix.product_protons += c.group.n_h;

    // 13C satellites of the product's strongest groups (trap).
    if (rng.chance(ranges.trap_probability) || ranges.forced("c13_satellites")) {
        std::vector<std::size_t> order(mix.components.size());
        for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
        std::sort(order.begin(), order.end(),
                  [&](std::size_t a, std::size_t c) { return mix.components[a].group.n_h > mix.components[c].group.n_h; });
        for (std::size_t k = 0; k < std::min<std::size_t>(2, order.size()); ++k)
            mix.components[order[k]].satellites = {true, rng.uniform(125.0, 145.0), 0.0054};
        mix.traps.emplace_back("c13_satellites");
    }

    // By-products.
    if (positive) {
        const bool can_oxide = !boc;  // the carbamate N cannot form an N-oxide or a quat
        const bool can_hofmann = !boc;
        // A forced statistical mixture needs the over-alkylation branch without a Hofmann product.
        const bool force_mixture = ranges.forced("statistical_mixture");
        do {
            mix.truth.oligomer = rng.chance(0.4);
            mix.truth.over_alkylation = rng.chance(0.45) || force_mixture;
            mix.truth.n_oxide = can_oxide && rng.chance(0.35);
            mix.truth.hofmann = can_hofmann && rng.chance(0.3) && !force_mixture;
        } while (!(mix.truth.oligomer || mix.truth.over_alkylation || mix.truth.n_oxide || mix.truth.hofmann));
        auto level = [&] { return rng.log_uniform(ranges.min_level, ranges.max_level); };

        if (mix.truth.oligomer) {
            const double f = level();
            oligomer(b, f, mix.product_protons);
            mix.level = std::max(mix.level, f);
        }
        if (mix.truth.hofmann) {
            const double h = level();
            const bool fpe_vinyl_ether = reagent.id == NmrReagent::fluorophenoxyethyl && rng.chance(0.3);
            if (fpe_vinyl_ether)
                aryl_vinyl_ether(b, "hofmann", h);
            else
                hofmann_ring_opened(b, h, rng.chance(0.25));
            const double q = h * rng.uniform(0.0, 1.0);  // its quaternary precursor, 0-100 % of its level
            if (q > 0.0) quat(b, q);
            mix.truth.over_alkylation = true;
            mix.level = std::max(mix.level, h);
        } else if (mix.truth.over_alkylation) {
            // At least one of: bis, statistical mixture, quat.
            bool any = false;
            while (!any) {
                if (rng.chance(0.5)) {
                    const double l = level();
                    bis(b, l);
                    mix.level = std::max(mix.level, l);
                    any = true;
                }
                if (rng.chance(0.3) || force_mixture) {
                    const double l = level();  // unreacted : mono : bis = l : 1 : l averages to one R per ring
                    unreacted(b, l);
                    bis(b, l);
                    mix.level = std::max(mix.level, l);
                    mix.traps.emplace_back("statistical_mixture");
                    any = true;
                }
                if (!boc && rng.chance(0.4)) {
                    const double l = level();
                    quat(b, l);
                    mix.level = std::max(mix.level, l);
                    any = true;
                }
            }
        }
        if (mix.truth.n_oxide) {
            const double l = level();
            n_oxide(b, l);
            mix.level = std::max(mix.level, l);
        }
    }

    traps(b, mix, ranges, mix.product_protons);
    mix.variations = variation_tags(mix, ranges);
    return mix;
}

}  // namespace sidepeak::spikein

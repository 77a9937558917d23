#include "catalogue.hpp"

#include <fmt/format.h>

#include <functional>
#include <initializer_list>

#include "rng.hpp"

namespace sidepeak::gen {

Truth truth_of(const Mixture& m) {
    Truth t;
    for (const auto& c : m.components) {
        if (c.amount <= 0.0) continue;
        switch (c.kind) {
            case Species::oligomer_cyclic:
            case Species::oligomer_linear: t.oligomer = true; break;
            case Species::dialkyl:
            case Species::quat: t.over_alkylation = true; break;
            case Species::n_oxide: t.n_oxide = true; break;
            case Species::n_oxide_dialkyl:
                t.n_oxide = true;
                t.over_alkylation = true;
                break;
            case Species::hofmann_allyl:
            case Species::hofmann_enamine:
                // The ring-opened amine carries three alkyl groups: it exists only after
                // over-alkylation to the quaternary salt.
                t.hofmann = true;
                t.over_alkylation = true;
                break;
            default: break;
        }
    }
    return t;
}

namespace {

constexpr Reagent kAlkylating[] = {Reagent::benzyl, Reagent::methyl, Reagent::fluorophenoxyethyl,
                                   Reagent::trifluoroethyl, Reagent::thienylmethyl};
constexpr Reagent kAll[] = {Reagent::benzyl,         Reagent::methyl,        Reagent::fluorophenoxyethyl,
                            Reagent::trifluoroethyl, Reagent::thienylmethyl, Reagent::boc};

template <std::size_t N>
Reagent pick(Rng& rng, const Reagent (&list)[N]) {
    return list[static_cast<std::size_t>(rng.integer(0, static_cast<int>(N) - 1))];
}
Reagent pick(Rng& rng, std::initializer_list<Reagent> list) {
    return *(list.begin() + rng.integer(0, static_cast<int>(list.size()) - 1));
}

// Product, some unreacted diazepane, water; the usual small baseline roll.
void base(SampleSpec& s, Rng& rng, Reagent r) {
    s.mixture.reagent = r;
    s.mixture.components.push_back({Species::product, 0, 1.0});
    if (rng.chance(0.6)) s.mixture.components.push_back({Species::starting_amine, 0, rng.uniform(0.01, 0.06)});
    s.mixture.artefacts.water = rng.uniform(0.1, 0.5);
    s.nmr_baseline = rng.uniform(0.001, 0.004);
}

void add(SampleSpec& s, Species k, double amount, int n = 0) { s.mixture.components.push_back({k, n, amount}); }

// Oligomer series: n = first..last with a geometric fall-off; `total` moles of chains in all.
void oligomers(SampleSpec& s, Rng& rng, double total, bool linear) {
    const double r = rng.uniform(0.5, 0.75);
    const int first = linear ? 1 : 2, last = linear ? 5 : 6;
    double norm = 0.0;
    for (int n = first; n <= last; ++n) norm += std::pow(r, n - first);
    for (int n = first; n <= last; ++n) {
        add(s, linear ? Species::oligomer_linear : Species::oligomer_cyclic, total * std::pow(r, n - first) / norm, n);
    }
}

using Maker = std::function<void(SampleSpec&, Rng&)>;
struct Scenario {
    const char* name;
    NmrOutput nmr;
    LcmsOutput lcms;
    Maker make;
};

std::vector<Scenario> scenarios() {
    using N = NmrOutput;
    using L = LcmsOutput;
    std::vector<Scenario> v;
    // --- negatives ---------------------------------------------------------------------------
    v.push_back({"clean", N::bruker, L::centroid, [](SampleSpec& s, Rng& g) { base(s, g, pick(g, kAll)); }});
    v.push_back({"clean_nmr", N::bruker, L::none, [](SampleSpec& s, Rng& g) { base(s, g, pick(g, kAll)); }});
    v.push_back({"clean_lcms", N::none, L::centroid, [](SampleSpec& s, Rng& g) { base(s, g, pick(g, kAll)); }});
    v.push_back({"clean_jcamp", N::jcamp_affn, L::none, [](SampleSpec& s, Rng& g) { base(s, g, pick(g, kAll)); }});
    v.push_back({"clean_dmso", N::bruker, L::centroid, [](SampleSpec& s, Rng& g) {
                     base(s, g, pick(g, kAll));
                     s.mixture.solvent = Solvent::dmso;
                 }});
    v.push_back({"clean_d2o", N::bruker, L::none, [](SampleSpec& s, Rng& g) {
                     base(s, g, pick(g, {Reagent::methyl, Reagent::boc, Reagent::trifluoroethyl}));
                     s.mixture.solvent = Solvent::d2o;
                 }});
    v.push_back({"clean_profile", N::none, L::profile, [](SampleSpec& s, Rng& g) { base(s, g, pick(g, kAll)); }});
    // --- oligomer ----------------------------------------------------------------------------
    v.push_back({"oligomer", N::bruker, L::centroid, [](SampleSpec& s, Rng& g) {
                     base(s, g, pick(g, kAll));
                     oligomers(s, g, g.uniform(0.10, 0.20), false);
                 }});
    v.push_back({"oligomer_nmr", N::bruker, L::none, [](SampleSpec& s, Rng& g) {
                     base(s, g, pick(g, kAll));
                     oligomers(s, g, g.uniform(0.15, 0.30), g.chance(0.5));
                 }});
    v.push_back({"oligomer_lcms", N::none, L::centroid, [](SampleSpec& s, Rng& g) {
                     base(s, g, pick(g, kAll));
                     oligomers(s, g, g.uniform(0.08, 0.2), true);
                 }});
    v.push_back({"oligomer_low_lcms", N::none, L::centroid, [](SampleSpec& s, Rng& g) {
                     base(s, g, pick(g, kAll));
                     oligomers(s, g, g.uniform(0.03, 0.05), false);
                     s.notes = "low abundance: oligomers 3-5 % in all, 1-2 % per member";
                 }});
    v.push_back({"oligomer_jcamp", N::jcamp_difdup, L::none, [](SampleSpec& s, Rng& g) {
                     base(s, g, pick(g, kAll));
                     oligomers(s, g, g.uniform(0.15, 0.3), false);
                 }});
    v.push_back({"oligomer_profile", N::none, L::profile, [](SampleSpec& s, Rng& g) {
                     base(s, g, pick(g, kAll));
                     oligomers(s, g, g.uniform(0.08, 0.2), g.chance(0.5));
                 }});
    // --- over-alkylation ---------------------------------------------------------------------
    v.push_back({"overalk_dialkyl_lcms", N::none, L::centroid, [](SampleSpec& s, Rng& g) {
                     base(s, g, pick(g, kAll));
                     add(s, Species::dialkyl, g.uniform(0.08, 0.3));
                 }});
    v.push_back({"overalk_quat", N::bruker, L::centroid, [](SampleSpec& s, Rng& g) {
                     base(s, g, pick(g, kAlkylating));
                     add(s, Species::dialkyl, g.uniform(0.1, 0.25));
                     add(s, Species::quat, g.uniform(0.05, 0.15));
                 }});
    v.push_back({"overalk_nmr", N::bruker, L::none, [](SampleSpec& s, Rng& g) {
                     base(s, g, pick(g, kAlkylating));
                     add(s, Species::dialkyl, g.uniform(0.3, 0.5));
                     add(s, Species::quat, g.uniform(0.1, 0.2));
                 }});
    v.push_back({"overalk_low_lcms", N::none, L::centroid, [](SampleSpec& s, Rng& g) {
                     base(s, g, pick(g, kAll));
                     add(s, Species::dialkyl, g.uniform(0.015, 0.03));
                     s.notes = "low abundance: 1,4-dialkylated amine 1.5-3 %";
                 }});
    v.push_back({"overalk_boc", N::bruker, L::centroid, [](SampleSpec& s, Rng& g) {
                     base(s, g, Reagent::boc);
                     add(s, Species::dialkyl, g.uniform(0.12, 0.3));
                     s.notes = "1,4-di-Boc: the same ladder logic with the carbamate increment";
                 }});
    v.push_back({"overalk_methyl", N::bruker, L::centroid, [](SampleSpec& s, Rng& g) {
                     base(s, g, Reagent::methyl);
                     add(s, Species::dialkyl, g.uniform(0.12, 0.25));
                     add(s, Species::quat, g.uniform(0.05, 0.12));
                     s.mixture.solvent = Solvent::dmso;
                 }});
    // --- N-oxide -----------------------------------------------------------------------------
    v.push_back({"noxide", N::bruker, L::centroid, [](SampleSpec& s, Rng& g) {
                     base(s, g, pick(g, kAlkylating));
                     add(s, Species::n_oxide, g.uniform(0.08, 0.18));
                 }});
    v.push_back({"noxide_lcms", N::none, L::centroid, [](SampleSpec& s, Rng& g) {
                     base(s, g, pick(g, kAlkylating));
                     add(s, Species::n_oxide, g.uniform(0.05, 0.2));
                 }});
    v.push_back({"noxide_nmr", N::bruker, L::none, [](SampleSpec& s, Rng& g) {
                     base(s, g, pick(g, kAlkylating));
                     add(s, Species::n_oxide, g.uniform(0.15, 0.3));
                 }});
    v.push_back({"noxide_low_lcms", N::none, L::centroid, [](SampleSpec& s, Rng& g) {
                     base(s, g, pick(g, kAlkylating));
                     add(s, Species::n_oxide, g.uniform(0.015, 0.03));
                     s.notes = "low abundance: N-oxide 1.5-3 %";
                 }});
    v.push_back({"noxide_dialkyl", N::bruker, L::centroid, [](SampleSpec& s, Rng& g) {
                     base(s, g, pick(g, kAll));
                     add(s, Species::dialkyl, g.uniform(0.12, 0.25));
                     add(s, Species::n_oxide_dialkyl, g.uniform(0.05, 0.1));
                     if (s.mixture.reagent == Reagent::boc) {
                         s.mixture.components.back().kind = Species::n_oxide;  // a carbamate N has no N-oxide
                         s.mixture.reagent = Reagent::benzyl;
                     }
                 }});
    // --- Hofmann -----------------------------------------------------------------------------
    v.push_back({"hofmann", N::bruker, L::centroid, [](SampleSpec& s, Rng& g) {
                     base(s, g, pick(g, kAlkylating));
                     add(s, Species::dialkyl, g.uniform(0.08, 0.15));
                     add(s, Species::quat, g.uniform(0.04, 0.1));
                     add(s, Species::hofmann_allyl, g.uniform(0.08, 0.15));
                 }});
    v.push_back({"hofmann_nmr", N::bruker, L::none, [](SampleSpec& s, Rng& g) {
                     base(s, g, pick(g, kAlkylating));
                     add(s, Species::quat, g.uniform(0.02, 0.05));
                     add(s, Species::hofmann_allyl, g.uniform(0.1, 0.2));
                 }});
    v.push_back({"hofmann_enamine", N::bruker, L::centroid, [](SampleSpec& s, Rng& g) {
                     base(s, g, pick(g, kAlkylating));
                     add(s, Species::quat, g.uniform(0.04, 0.1));
                     add(s, Species::hofmann_enamine, g.uniform(0.08, 0.15));
                 }});
    v.push_back({"hofmann_low_lcms", N::none, L::centroid, [](SampleSpec& s, Rng& g) {
                     base(s, g, pick(g, kAlkylating));
                     add(s, Species::quat, g.uniform(0.03, 0.06));
                     add(s, Species::hofmann_allyl, g.uniform(0.015, 0.03));
                     s.notes = "low abundance: ring-opened Hofmann product 1.5-3 %, isobaric with the quat";
                 }});
    v.push_back({"hofmann_jcamp", N::jcamp_difdup, L::centroid, [](SampleSpec& s, Rng& g) {
                     base(s, g, pick(g, kAlkylating));
                     add(s, Species::quat, g.uniform(0.03, 0.08));
                     add(s, Species::hofmann_allyl, g.uniform(0.1, 0.18));
                 }});
    // --- mixed -------------------------------------------------------------------------------
    v.push_back({"mixed_all", N::bruker, L::centroid, [](SampleSpec& s, Rng& g) {
                     base(s, g, pick(g, kAlkylating));
                     oligomers(s, g, g.uniform(0.1, 0.2), false);
                     add(s, Species::dialkyl, g.uniform(0.1, 0.2));
                     add(s, Species::quat, g.uniform(0.04, 0.08));
                     add(s, Species::n_oxide, g.uniform(0.08, 0.15));
                     add(s, Species::hofmann_allyl, g.uniform(0.08, 0.15));
                 }});
    v.push_back({"mixed_oligomer_noxide", N::bruker, L::centroid, [](SampleSpec& s, Rng& g) {
                     base(s, g, pick(g, kAlkylating));
                     oligomers(s, g, g.uniform(0.1, 0.2), true);
                     add(s, Species::n_oxide, g.uniform(0.08, 0.15));
                 }});
    v.push_back({"mixed_overalk_noxide_profile", N::jcamp_affn, L::profile, [](SampleSpec& s, Rng& g) {
                     base(s, g, pick(g, kAlkylating));
                     add(s, Species::dialkyl, g.uniform(0.15, 0.3));
                     add(s, Species::quat, g.uniform(0.06, 0.12));
                     add(s, Species::n_oxide, g.uniform(0.1, 0.2));
                 }});
    v.push_back({"mixed_oligomer_overalk_nmr", N::bruker, L::none, [](SampleSpec& s, Rng& g) {
                     base(s, g, pick(g, kAlkylating));
                     oligomers(s, g, g.uniform(0.15, 0.3), false);
                     add(s, Species::dialkyl, g.uniform(0.3, 0.45));
                     add(s, Species::quat, g.uniform(0.1, 0.2));
                 }});
    v.push_back({"mixed_low_lcms", N::none, L::centroid, [](SampleSpec& s, Rng& g) {
                     base(s, g, pick(g, kAlkylating));
                     oligomers(s, g, g.uniform(0.04, 0.06), false);
                     add(s, Species::dialkyl, g.uniform(0.02, 0.04));
                     add(s, Species::quat, g.uniform(0.02, 0.04));
                     add(s, Species::n_oxide, g.uniform(0.02, 0.04));
                     add(s, Species::hofmann_allyl, g.uniform(0.02, 0.04));
                     s.notes = "every class at 2-4 %";
                 }});
    // --- traps (all classes negative unless the scenario says otherwise) -----------------------
    v.push_back({"trap_ch2cl2", N::bruker, L::centroid, [](SampleSpec& s, Rng& g) {
                     base(s, g, pick(g, kAll));
                     s.mixture.artefacts.ch2cl2 = g.uniform(0.2, 0.8);
                     s.traps = {"ch2cl2_singlet", "chcl3_residual"};
                 }});
    v.push_back({"trap_ch2cl2_nmr", N::bruker, L::none, [](SampleSpec& s, Rng& g) {
                     base(s, g, pick(g, kAll));
                     s.mixture.artefacts.ch2cl2 = g.uniform(1.0, 3.0);
                     s.traps = {"ch2cl2_singlet"};
                 }});
    v.push_back({"trap_fluorophenoxy", N::bruker, L::none, [](SampleSpec& s, Rng& g) {
                     base(s, g, Reagent::fluorophenoxyethyl);
                     s.traps = {"fluorophenoxy_aromatic"};
                 }});
    v.push_back({"trap_thienyl", N::bruker, L::centroid, [](SampleSpec& s, Rng& g) {
                     base(s, g, Reagent::thienylmethyl);
                     s.traps = {"thienyl_aromatic", "isotopes_34S"};
                 }});
    v.push_back({"trap_rolling_baseline", N::bruker, L::none, [](SampleSpec& s, Rng& g) {
                     base(s, g, pick(g, kAll));
                     s.nmr_baseline = g.uniform(0.04, 0.08);
                     s.traps = {"rolling_baseline"};
                 }});
    v.push_back({"trap_rolling_baseline_jcamp", N::jcamp_difdup, L::none, [](SampleSpec& s, Rng& g) {
                     base(s, g, pick(g, kAll));
                     s.nmr_baseline = g.uniform(0.03, 0.06);
                     s.traps = {"rolling_baseline"};
                 }});
    v.push_back({"trap_water", N::bruker, L::none, [](SampleSpec& s, Rng& g) {
                     base(s, g, pick(g, kAll));
                     s.mixture.artefacts.water = g.uniform(2.0, 5.0);
                     s.traps = {"water"};
                 }});
    v.push_back({"trap_adducts", N::none, L::centroid, [](SampleSpec& s, Rng& g) {
                     base(s, g, pick(g, kAll));
                     s.mixture.artefacts.adduct_boost = g.uniform(3.0, 5.0);
                     s.traps = {"adducts_na_k_nh4_2h"};
                 }});
    v.push_back({"trap_isotopes", N::none, L::centroid, [](SampleSpec& s, Rng& g) {
                     base(s, g, pick(g, {Reagent::thienylmethyl, Reagent::benzyl}));
                     add(s, Species::bromopropyl, g.uniform(0.1, 0.3));
                     s.traps = {"isotopes_81Br", "isotopes_13C"};
                     if (s.mixture.reagent == Reagent::thienylmethyl) s.traps.push_back("isotopes_34S");
                     s.notes = "uncyclised N-(3-bromopropyl)ethylenediamine: 79Br/81Br doublet";
                 }});
    v.push_back({"trap_peg", N::none, L::centroid, [](SampleSpec& s, Rng& g) {
                     base(s, g, pick(g, kAll));
                     s.mixture.artefacts.peg = g.uniform(0.05, 0.3);
                     s.traps = {"peg_ladder"};
                 }});
    v.push_back({"trap_siloxane", N::none, L::centroid, [](SampleSpec& s, Rng& g) {
                     base(s, g, pick(g, kAll));
                     s.mixture.artefacts.siloxane = g.uniform(0.01, 0.05);
                     s.traps = {"siloxane_ladder"};
                 }});
    v.push_back({"trap_c_hydroxylation", N::bruker, L::centroid, [](SampleSpec& s, Rng& g) {
                     base(s, g, pick(g, kAlkylating));
                     add(s, Species::c_hydroxy, g.uniform(0.05, 0.12));
                     s.traps = {"c_hydroxylation"};
                 }});
    v.push_back({"trap_c_hydroxylation_lcms", N::none, L::centroid, [](SampleSpec& s, Rng& g) {
                     base(s, g, pick(g, kAll));
                     add(s, Species::c_hydroxy, g.uniform(0.05, 0.15));
                     s.traps = {"c_hydroxylation"};
                 }});
    v.push_back({"trap_quat_isobar", N::bruker, L::centroid, [](SampleSpec& s, Rng& g) {
                     base(s, g, pick(g, kAlkylating));
                     add(s, Species::dialkyl, g.uniform(0.08, 0.15));
                     add(s, Species::quat, g.uniform(0.08, 0.15));
                     s.traps = {"hofmann_isobar"};
                     s.notes = "quaternary salt present (over-alkylation), no Hofmann product: same m/z, no alkene";
                 }});
    v.push_back({"trap_quat_isobar_lcms", N::none, L::centroid, [](SampleSpec& s, Rng& g) {
                     base(s, g, pick(g, kAlkylating));
                     add(s, Species::quat, g.uniform(0.08, 0.2));
                     s.traps = {"hofmann_isobar"};
                     s.notes = "quaternary salt present (over-alkylation), no Hofmann product";
                 }});
    v.push_back({"trap_everything", N::bruker, L::centroid, [](SampleSpec& s, Rng& g) {
                     base(s, g, pick(g, kAll));
                     s.mixture.artefacts.ch2cl2 = g.uniform(0.3, 1.0);
                     s.mixture.artefacts.water = g.uniform(1.0, 3.0);
                     s.mixture.artefacts.peg = g.uniform(0.03, 0.1);
                     s.mixture.artefacts.siloxane = g.uniform(0.01, 0.03);
                     s.mixture.artefacts.adduct_boost = g.uniform(2.0, 3.0);
                     s.nmr_baseline = g.uniform(0.03, 0.05);
                     s.traps = {"ch2cl2_singlet", "water", "rolling_baseline", "peg_ladder", "siloxane_ladder",
                                "adducts_na_k_nh4_2h"};
                 }});
    v.push_back({"trap_peg_with_oligomer", N::none, L::centroid, [](SampleSpec& s, Rng& g) {
                     base(s, g, pick(g, kAll));
                     oligomers(s, g, g.uniform(0.08, 0.15), false);
                     s.mixture.artefacts.peg = g.uniform(0.05, 0.2);
                     s.traps = {"peg_ladder"};
                     s.notes = "oligomer present; the PEG ladder beside it is not part of it";
                 }});
    v.push_back({"trap_dmso_ch2cl2_water", N::bruker, L::none, [](SampleSpec& s, Rng& g) {
                     base(s, g, pick(g, kAll));
                     s.mixture.solvent = Solvent::dmso;
                     s.mixture.artefacts.ch2cl2 = g.uniform(0.5, 1.5);
                     s.mixture.artefacts.water = g.uniform(1.0, 3.0);
                     s.traps = {"ch2cl2_singlet", "water"};
                 }});
    return v;
}

}  // namespace

std::vector<SampleSpec> build_catalogue(std::uint64_t seed) {
    std::vector<SampleSpec> out;
    int index = 0;
    for (const auto& sc : scenarios()) {
        ++index;
        SampleSpec s;
        s.scenario = sc.name;
        s.id = fmt::format("{:02d}_{}", index, sc.name);
        s.nmr = sc.nmr;
        s.lcms = sc.lcms;
        Rng rng = Rng::derive(seed, std::string("scenario:") + sc.name);
        sc.make(s, rng);
        // The carbamate N-CH2 of a Boc ring sits at 3.35-3.5 ppm, where N-oxide alpha protons go.
        if (s.mixture.reagent == Reagent::boc && s.nmr != NmrOutput::none) s.traps.push_back("boc_carbamate_nch2");
        out.push_back(std::move(s));
    }
    return out;
}

}  // namespace sidepeak::gen

#pragma once
// What a generated sample contains: the reagent, the species with their amounts, the solvent and
// the artefacts deliberately put in (the traps). The NMR and LC-MS simulators both read this.
#include <string>
#include <vector>

#include "sidepeak/chem/formula.hpp"

namespace sidepeak::gen {

enum class Reagent { benzyl, methyl, fluorophenoxyethyl, trifluoroethyl, thienylmethyl, boc };

struct ReagentInfo {
    Reagent id;
    const char* name;       ///< name as in the project's reagent table
    const char* increment;  ///< Δ formula: the group minus the H it replaces
};
const ReagentInfo& reagent_info(Reagent r);

enum class Species {
    starting_amine,      ///< 1,4-diazepane
    product,             ///< 1-R-1,4-diazepane (or 1-Boc)
    dialkyl,             ///< 1,4-di-R (over-alkylation, neutral)
    quat,                ///< 1,1,4-tri-R-1,4-diazepan-1-ium (permanent cation)
    n_oxide,             ///< N1-oxide of the product
    n_oxide_dialkyl,     ///< N-oxide of the 1,4-di-R amine
    hofmann_allyl,       ///< ring-opened N-allyl amine, isobaric with the quat
    hofmann_enamine,     ///< ring-opened N-vinyl amine (enamine), isobaric with the quat
    c_hydroxy,           ///< 6-hydroxy product: +O without being an N-oxide (trap)
    oligomer_cyclic,     ///< (C5H12N2)n macrocycle, n >= 2
    oligomer_linear,     ///< H2N-CH2CH2-NH-[C5H12N2]n-H
    bromopropyl,         ///< N-(3-bromopropyl)ethylenediamine: uncyclised intermediate (81Br isotope trap)
};

struct Component {
    Species kind;
    int n = 0;            ///< repeat count for oligomers
    double amount = 1.0;  ///< moles relative to the product
};

enum class Solvent { cdcl3, dmso, d2o };

/// Deliberate artefacts.
struct Artefacts {
    double ch2cl2 = 0.0;           ///< CH2Cl2 moles relative to product (NMR 5.30 singlet in CDCl3)
    double water = 0.3;            ///< water moles relative to product
    double rolling_baseline = 0.01;///< strength of first-point corruption (fraction of the tallest line)
    double peg = 0.0;              ///< PEG ladder apex intensity relative to the product [M+H]+
    double siloxane = 0.0;         ///< siloxane ladder intensity relative to the product [M+H]+
    double adduct_boost = 1.0;     ///< multiplies the Na/K/NH4/2H adduct ratios
};

struct Mixture {
    Reagent reagent = Reagent::benzyl;
    std::vector<Component> components;
    Solvent solvent = Solvent::cdcl3;
    Artefacts artefacts;
};

/// Neutral formula of a species (the quat's formula is the cation, charge +1).
chem::Formula species_formula(Species s, Reagent r, int n = 0);
/// Human-readable species name for notes.
std::string species_name(Species s, Reagent r, int n = 0);
/// Whether the reagent can make a quaternary salt (false for Boc).
bool can_quaternise(Reagent r);

}  // namespace sidepeak::gen

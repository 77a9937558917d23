#include "mixture.hpp"

#include <array>
#include <stdexcept>

namespace sidepeak::gen {

namespace {
constexpr std::array<ReagentInfo, 6> kReagents{{
    {Reagent::benzyl, "benzyl", "C7H6"},
    {Reagent::methyl, "methyl", "CH2"},
    {Reagent::fluorophenoxyethyl, "2-(4-fluorophenoxy)ethyl", "C8H7FO"},
    {Reagent::trifluoroethyl, "2,2,2-trifluoroethyl", "C2HF3"},
    {Reagent::thienylmethyl, "2-thienylmethyl", "C5H4S"},
    {Reagent::boc, "Boc", "C5H8O2"},
}};
}  // namespace

const ReagentInfo& reagent_info(Reagent r) {
    for (const auto& info : kReagents) {
        if (info.id == r) return info;
    }
    throw std::logic_error("unknown reagent");
}

bool can_quaternise(Reagent r) { return r != Reagent::boc; }

chem::Formula species_formula(Species s, Reagent r, int n) {
    const chem::Formula ring("C5H12N2");
    const chem::Formula delta(reagent_info(r).increment);
    const chem::Formula oxygen("O");
    switch (s) {
        case Species::starting_amine: return ring;
        case Species::product: return ring + delta;
        case Species::dialkyl: return ring + 2 * delta;
        case Species::quat: {
            chem::Formula q = ring + 3 * delta + chem::Formula("H");
            q.set_charge(1);
            return q;
        }
        case Species::n_oxide: return ring + delta + oxygen;
        case Species::n_oxide_dialkyl: return ring + 2 * delta + oxygen;
        case Species::hofmann_allyl:
        case Species::hofmann_enamine: return ring + 3 * delta;  // quat minus H+
        case Species::c_hydroxy: return ring + delta + oxygen;
        case Species::oligomer_cyclic: return n * ring;
        case Species::oligomer_linear: return chem::Formula("C2H8N2") + n * ring;
        case Species::bromopropyl: return chem::Formula("C5H13BrN2");
    }
    throw std::logic_error("unknown species");
}

std::string species_name(Species s, Reagent r, int n) {
    const std::string g = reagent_info(r).name;
    switch (s) {
        case Species::starting_amine: return "1,4-diazepane";
        case Species::product: return "1-" + g + "-1,4-diazepane";
        case Species::dialkyl: return "1,4-di(" + g + ")-1,4-diazepane";
        case Species::quat: return "1,1,4-tri(" + g + ")-1,4-diazepan-1-ium";
        case Species::n_oxide: return "1-" + g + "-1,4-diazepane N1-oxide";
        case Species::n_oxide_dialkyl: return "1,4-di(" + g + ")-1,4-diazepane N-oxide";
        case Species::hofmann_allyl: return "Hofmann ring-opened N-allyl amine (" + g + ")";
        case Species::hofmann_enamine: return "Hofmann ring-opened N-vinyl enamine (" + g + ")";
        case Species::c_hydroxy: return "6-hydroxy-1-" + g + "-1,4-diazepane (C-hydroxylation)";
        case Species::oligomer_cyclic: return "cyclic oligomer n=" + std::to_string(n);
        case Species::oligomer_linear: return "linear oligomer n=" + std::to_string(n);
        case Species::bromopropyl: return "N-(3-bromopropyl)ethylenediamine";
    }
    return "?";
}

}  // namespace sidepeak::gen

#include "sidepeak/chem/adducts.hpp"

#include <cmath>
#include <cstdlib>

#include "sidepeak/chem/constants.hpp"
#include "sidepeak/core/error.hpp"

namespace sidepeak::chem {

const std::vector<Adduct>& adduct_table() {
    // Built once; immutable afterwards.
    static const std::vector<Adduct> table = {
        {"[M+H]+", 1, 1, kProtonMass, "H", ""},
        {"[M+Na]+", 1, 1, kMassNa - kElectronMass, "Na", ""},
        {"[M+K]+", 1, 1, kMassK - kElectronMass, "K", ""},
        {"[M+NH4]+", 1, 1, kMassN + 4 * kMassH - kElectronMass, "NH4", ""},
        {"[M+2H]2+", 2, 1, 2 * kProtonMass, "H2", ""},
        {"[M+3H]3+", 3, 1, 3 * kProtonMass, "H3", ""},
        {"[M+H+Na]2+", 2, 1, kProtonMass + kMassNa - kElectronMass, "HNa", ""},
        {"[2M+H]+", 1, 2, kProtonMass, "H", ""},
        {"[M+H-H2O]+", 1, 1, kProtonMass - (2 * kMassH + kMassO), "H", "H2O"},
        {"[M]+", 1, 1, 0.0, "", ""},
        {"[M+H-O]+", 1, 1, kProtonMass - kMassO, "H", "O"},
        {"[M+H-OH]+", 1, 1, kProtonMass - (kMassO + kMassH), "H", "OH"},
        {"[M-H]-", -1, 1, -kProtonMass, "", "H"},
    };
    return table;
}

const Adduct& find_adduct(std::string_view name) {
    for (const auto& a : adduct_table()) {
        if (a.name == name) return a;
    }
    throw UsageError("unknown adduct '" + std::string(name) + "'");
}

Formula ion_formula(const Formula& neutral, const Adduct& adduct) {
    if (adduct.adds.empty() && adduct.removes.empty() && adduct.charge == 1 && neutral.charge() != 0) return neutral;
    Formula ion = neutral * adduct.multimer;
    if (!adduct.adds.empty()) ion = ion + Formula(adduct.adds);
    if (!adduct.removes.empty()) ion = ion - Formula(adduct.removes);
    if (ion.has_negative()) {
        throw UsageError(neutral.to_string() + " has too few atoms for " + adduct.name);
    }
    ion.set_charge(adduct.charge);
    return ion;
}

double adduct_mz(double neutral, const Adduct& adduct) {
    return (adduct.multimer * neutral + adduct.mass_shift) / std::abs(adduct.charge);
}

double neutral_mass(double mz, const Adduct& adduct) {
    return (mz * std::abs(adduct.charge) - adduct.mass_shift) / adduct.multimer;
}

double ppm_error(double observed, double expected) {
    if (expected == 0.0) throw UsageError("ppm error against an expected m/z of 0");
    return (observed - expected) / expected * 1e6;
}

bool within_ppm(double observed, double expected, double tolerance_ppm) {
    return expected != 0.0 && std::abs(ppm_error(observed, expected)) <= tolerance_ppm;
}

}  // namespace sidepeak::chem

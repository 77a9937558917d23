#include "sidepeak/chem/adducts.hpp"

#include <cmath>
#include <cstdlib>

#include "sidepeak/chem/constants.hpp"
#include "sidepeak/core/error.hpp"

namespace sidepeak::chem {

const std::vector<Adduct>& adduct_table() {
    // Built once; immutable afterwards.
    static const std::vector<Adduct> table = {
        {"[M+H]+", 1, 1, kProtonMass},
        {"[M+Na]+", 1, 1, kMassNa - kElectronMass},
        {"[M+K]+", 1, 1, kMassK - kElectronMass},
        {"[M+NH4]+", 1, 1, kMassN + 4 * kMassH - kElectronMass},
        {"[M+2H]2+", 2, 1, 2 * kProtonMass},
        {"[M+3H]3+", 3, 1, 3 * kProtonMass},
        {"[M+H+Na]2+", 2, 1, kProtonMass + kMassNa - kElectronMass},
        {"[2M+H]+", 1, 2, kProtonMass},
        {"[M+H-H2O]+", 1, 1, kProtonMass - (2 * kMassH + kMassO)},
        {"[M]+", 1, 1, 0.0},
        {"[M+H-O]+", 1, 1, kProtonMass - kMassO},
        {"[M+H-OH]+", 1, 1, kProtonMass - (kMassO + kMassH)},
        {"[M-H]-", -1, 1, -kProtonMass},
    };
    return table;
}

const Adduct& find_adduct(std::string_view name) {
    for (const auto& a : adduct_table()) {
        if (a.name == name) return a;
    }
    throw UsageError("unknown adduct '" + std::string(name) + "'");
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

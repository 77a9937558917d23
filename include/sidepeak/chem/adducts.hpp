#pragma once
/// Electrospray adducts and in-source fragments: ion m/z from a neutral mass and back, and ppm errors.
#include <string>

#include "sidepeak/chem/formula.hpp"
#include <string_view>
#include <vector>

namespace sidepeak::chem {

/// An ion type. ion mass = multimer * M + mass_shift; m/z = ion mass / |charge|.
/// `mass_shift` already includes the electrons (e.g. [M+Na]+ adds Na minus one electron).
/// For the permanent cation "[M]+" M is the cation's own mass (a charged Formula's
/// monoisotopic_mass(), electron already removed), so the shift is 0.
struct Adduct {
    std::string name;   ///< "[M+H]+", "[M+Na]+", ...
    int charge = 1;     ///< signed charge of the ion
    int multimer = 1;   ///< number of M in the ion ([2M+H]+ has 2)
    double mass_shift = 0.0;
    std::string adds;     ///< atoms added to the multimer, e.g. "H", "Na", "NH4" ("" for [M]+)
    std::string removes;  ///< atoms removed, e.g. "H2O" for [M+H-H2O]+
};

/// The built-in table, positive mode first:
/// [M+H]+, [M+Na]+, [M+K]+, [M+NH4]+, [M+2H]2+, [M+3H]3+, [M+H+Na]2+, [2M+H]+, [M+H-H2O]+,
/// [M]+ (permanent cation), [M+H-O]+ and [M+H-OH]+ (in-source fragments of N-oxides), [M-H]-.
const std::vector<Adduct>& adduct_table();

/// Looks an adduct up by name (exact, e.g. "[M+Na]+"). Throws UsageError when unknown.
const Adduct& find_adduct(std::string_view name);

/// The ion's formula (with its charge) for a neutral formula, e.g. C12H18N2 + [M+H]+ -> C12H19N2+.
/// For [M]+ the argument is the permanent cation's own (charged) formula and is returned as is.
/// Throws UsageError when the neutral lacks the atoms the adduct removes.
Formula ion_formula(const Formula& neutral, const Adduct& adduct);

/// m/z of the ion of a neutral of monoisotopic mass `neutral_mass` (Da).
double adduct_mz(double neutral_mass, const Adduct& adduct);
/// Neutral mass implied by an ion at `mz` of type `adduct`.
double neutral_mass(double mz, const Adduct& adduct);
/// (observed - expected) / expected * 1e6.
double ppm_error(double observed, double expected);
/// True when |ppm_error| <= tolerance_ppm.
bool within_ppm(double observed, double expected, double tolerance_ppm);

}  // namespace sidepeak::chem

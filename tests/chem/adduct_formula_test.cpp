// ion_formula agrees with adduct_mz for every adduct of the table.
#include <gtest/gtest.h>

#include "sidepeak/chem/adducts.hpp"
#include "sidepeak/core/error.hpp"

namespace sidepeak::chem {
namespace {

TEST(IonFormula, MatchesAdductMassForEveryAdduct) {
    const Formula neutral("C12H18N2O");
    for (const auto& a : adduct_table()) {
        if (a.name == "[M]+") continue;
        const Formula ion = ion_formula(neutral, a);
        EXPECT_EQ(ion.charge(), a.charge) << a.name;
        EXPECT_NEAR(ion.mz(), adduct_mz(neutral.monoisotopic_mass(), a), 1e-6) << a.name;
    }
}

TEST(IonFormula, PermanentCationIsItsOwnIon) {
    const Formula quat("C26H31N2+");
    const Formula ion = ion_formula(quat, find_adduct("[M]+"));
    EXPECT_NEAR(ion.mz(), 371.2482, 5e-5);
    EXPECT_EQ(ion_formula(Formula("C12H18N2"), find_adduct("[M+H]+")).to_string(), Formula("C12H19N2+").to_string());
}

TEST(IonFormula, RejectsImpossibleLosses) {
    EXPECT_THROW(ion_formula(Formula("CH4"), find_adduct("[M+H-H2O]+")), UsageError);
}

}  // namespace
}  // namespace sidepeak::chem

#include "sidepeak/chem/adducts.hpp"

#include <cmath>

#include <gtest/gtest.h>

#include "sidepeak/chem/formula.hpp"
#include "sidepeak/core/error.hpp"

namespace sc = sidepeak::chem;

namespace {
double round4(double v) { return std::round(v * 1e4) / 1e4; }
}  // namespace

TEST(Adducts, TrapDeltasOverProtonated) {
    const double m = sc::Formula("C12H18N2").monoisotopic_mass();
    const double mh = sc::adduct_mz(m, sc::find_adduct("[M+H]+"));
    EXPECT_DOUBLE_EQ(round4(sc::adduct_mz(m, sc::find_adduct("[M+Na]+")) - mh), 21.9819);
    EXPECT_DOUBLE_EQ(round4(sc::adduct_mz(m, sc::find_adduct("[M+K]+")) - mh), 37.9559);
    EXPECT_DOUBLE_EQ(round4(sc::adduct_mz(m, sc::find_adduct("[M+NH4]+")) - mh), 17.0265);
    EXPECT_DOUBLE_EQ(round4(sc::adduct_mz(m, sc::find_adduct("[M+2H]2+"))), round4((m + 2 * 1.00727646688) / 2));
    // In-source N-oxide fragments: -15.9949 and -17.0027 from the N-oxide's [M+H]+.
    const double mo = sc::Formula("C12H18N2O").monoisotopic_mass();
    const double moh = sc::adduct_mz(mo, sc::find_adduct("[M+H]+"));
    EXPECT_DOUBLE_EQ(round4(moh - sc::adduct_mz(mo, sc::find_adduct("[M+H-O]+"))), 15.9949);
    EXPECT_DOUBLE_EQ(round4(moh - sc::adduct_mz(mo, sc::find_adduct("[M+H-OH]+"))), 17.0027);
    EXPECT_DOUBLE_EQ(round4(moh - sc::adduct_mz(mo, sc::find_adduct("[M+H-H2O]+"))), 18.0106);
}

TEST(Adducts, PermanentCationAndRoundTrip) {
    const sc::Formula quat("C26H31N2+");
    EXPECT_DOUBLE_EQ(round4(sc::adduct_mz(quat.monoisotopic_mass(), sc::find_adduct("[M]+"))), 371.2482);
    for (const auto& a : sc::adduct_table()) {
        const double mz = sc::adduct_mz(190.147, a);
        EXPECT_NEAR(sc::neutral_mass(mz, a), 190.147, 1e-9) << a.name;
    }
    EXPECT_NEAR(sc::adduct_mz(190.147, sc::find_adduct("[2M+H]+")), 2 * 190.147 + 1.00727646688, 1e-9);
}

TEST(Adducts, PpmError) {
    EXPECT_NEAR(sc::ppm_error(191.1562, 191.1543), 9.94, 0.01);
    EXPECT_TRUE(sc::within_ppm(191.1562, 191.1543, 10.0));
    EXPECT_FALSE(sc::within_ppm(191.1565, 191.1543, 10.0));
    EXPECT_THROW(sc::ppm_error(1.0, 0.0), sidepeak::UsageError);
    EXPECT_THROW(sc::find_adduct("[M+Xe]+"), sidepeak::UsageError);
}

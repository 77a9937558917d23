#include "sidepeak/chem/kendrick.hpp"

#include <vector>

#include <gtest/gtest.h>

#include "sidepeak/chem/adducts.hpp"
#include "sidepeak/core/error.hpp"

namespace sc = sidepeak::chem;

TEST(Kendrick, SeriesMembersShareKmd) {
    const auto base = sc::kendrick_base(sc::Formula("C5H12N2"));
    EXPECT_EQ(base.nominal, 100);
    EXPECT_NEAR(base.exact, 100.1000, 1e-4);
    const double h = 1.00727646688;
    const double a = 2 * 14.0157 + 18.0106 + h;  // arbitrary end groups
    const double k1 = sc::kendrick_mass_defect(a + base.exact, base);
    const double k3 = sc::kendrick_mass_defect(a + 3 * base.exact, base);
    EXPECT_NEAR(k1, k3, 1e-9);
    EXPECT_NEAR(sc::kendrick_mass(base.exact * 4, base), 400.0, 1e-9);
    EXPECT_NEAR(sc::kmd_distance(0.49, -0.49), 0.02, 1e-12);
}

TEST(Kendrick, FindsConsecutiveSeriesOnly) {
    const auto base = sc::kendrick_base(sc::Formula("C5H12N2"));
    const double start = 101.1073;  // diazepane [M+H]+
    std::vector<double> masses;
    for (int k = 0; k < 4; ++k) masses.push_back(start + k * base.exact + (k % 2 ? 0.0008 : -0.0005));
    masses.push_back(250.0);                         // unrelated
    masses.push_back(start + 6 * base.exact);        // gap: k = 6 is not consecutive with k = 3
    masses.push_back(start + 7 * base.exact);
    masses.push_back(start + base.exact + 0.05);      // off by 50 mDa: not a member
    const auto series = sc::find_series(masses, base);
    ASSERT_EQ(series.size(), 1u);
    EXPECT_EQ(series[0].members, (std::vector<std::size_t>{0, 1, 2, 3}));
    EXPECT_LT(series[0].max_kmd_spread, 0.003);
}

TEST(Kendrick, PegLadderIsNotADiazepaneSeries) {
    const auto diaz = sc::kendrick_base(sc::Formula("C5H12N2"));
    const auto peg = sc::kendrick_base(sc::Formula("C2H4O"));
    std::vector<double> masses;
    for (int k = 5; k < 12; ++k) masses.push_back(18.0106 + k * peg.exact + 1.00727646688);
    EXPECT_TRUE(sc::find_series(masses, diaz).empty());
    const auto s = sc::find_series(masses, peg);
    ASSERT_EQ(s.size(), 1u);
    EXPECT_EQ(s[0].members.size(), 7u);
}

TEST(Kendrick, RejectsBadBase) {
    EXPECT_THROW(sc::kendrick_base(sc::Formula()), sidepeak::UsageError);
    EXPECT_THROW(sc::kendrick_base(sc::Formula("CH2+")), sidepeak::UsageError);
}

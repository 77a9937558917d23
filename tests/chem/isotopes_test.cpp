#include "sidepeak/chem/isotopes.hpp"

#include <cmath>
#include <vector>

#include <gtest/gtest.h>

#include "sidepeak/chem/constants.hpp"

namespace sc = sidepeak::chem;

TEST(Isotopes, BenzylDiazepaneMPlusOne) {
    // 12 C x 1.0816 % + 18 H x 0.0115 % + 2 N x 0.365 % = 13.9 % (first-order estimate).
    const auto p = sc::isotope_pattern(sc::Formula("C12H18N2"));
    ASSERT_GE(p.size(), 3u);
    EXPECT_EQ(p[0].shift, 0);
    EXPECT_NEAR(p[0].mass, sc::Formula("C12H18N2").monoisotopic_mass(), 1e-9);
    EXPECT_NEAR(sc::relative_abundance(p, 1), 0.139, 0.003);
    EXPECT_NEAR(sc::relative_abundance(p, 2), 0.0083, 0.002);
    // The M+1 centroid sits about one 13C shift above M (15N pulls it down by < 1 mDa).
    EXPECT_NEAR(p[1].mass - p[0].mass, sc::kC13Shift, 0.001);
}

TEST(Isotopes, ChlorineAndBromineMPlusTwo) {
    const auto cl = sc::isotope_pattern(sc::Formula("C6H5Cl"));
    EXPECT_NEAR(sc::relative_abundance(cl, 2), 0.32 + 0.003, 0.01);
    // 37Cl - 35Cl = 1.99705 Da
    EXPECT_NEAR(cl[2].mass - cl[0].mass, 1.997, 0.002);
    const auto br = sc::isotope_pattern(sc::Formula("C6H5Br"));
    EXPECT_NEAR(sc::relative_abundance(br, 2), 0.4931 / 0.5069 + 0.002, 0.01);
    const auto br2 = sc::isotope_pattern(sc::Formula("CH2Br2"));
    EXPECT_NEAR(sc::relative_abundance(br2, 2), 2 * 0.4931 / 0.5069, 0.02);
    EXPECT_NEAR(sc::relative_abundance(br2, 4), std::pow(0.4931 / 0.5069, 2), 0.02);
}

TEST(Isotopes, SulfurSiliconPotassium) {
    const auto s = sc::isotope_pattern(sc::Formula("C10H16N2S"));
    // 34S 4.47 % + 13C2 and 18O-free contributions about 0.6 %.
    EXPECT_NEAR(sc::relative_abundance(s, 2), 0.0447 + 0.006, 0.004);
    const auto si = sc::isotope_pattern(sc::Formula("C2H6OSi"));
    EXPECT_NEAR(sc::relative_abundance(si, 1), 2 * 0.0108 + 0.0508 + 6 * 0.000115 + 0.0004, 0.003);
    EXPECT_NEAR(sc::relative_abundance(si, 2), 0.0335 + 0.0021, 0.003);
    const auto k = sc::isotope_pattern(sc::Formula("K"));
    EXPECT_NEAR(sc::relative_abundance(k, 2), 0.067302 / 0.932581, 1e-4);
    const auto na = sc::isotope_pattern(sc::Formula("NaCl"));
    EXPECT_NEAR(sc::relative_abundance(na, 2), 0.32, 0.005);
}

TEST(Isotopes, ProbabilitiesSumToOneAndChargeDividesMz) {
    const auto p = sc::isotope_pattern(sc::Formula("C26H31N2+"));
    double sum = 0.0;
    for (const auto& pk : p) sum += pk.abundance;
    EXPECT_NEAR(sum, 1.0, 1e-5);
    const auto p2 = sc::isotope_pattern(sc::Formula("[C5H14N2]2+"));
    EXPECT_NEAR(p2[1].mz - p2[0].mz, sc::kC13Shift / 2, 0.001);
}

TEST(Isotopes, LargeFormulaStaysCheapAndBounded) {
    sc::IsotopeOptions opt;
    opt.max_peaks = 5;
    const auto p = sc::isotope_pattern(sc::Formula("C500H1000N200O100"), opt);
    ASSERT_FALSE(p.empty());
    EXPECT_LE(p.back().shift, 4);
    // For 500 C the M+1 is larger than M.
    EXPECT_GT(sc::relative_abundance(p, 1), 1.0);
}

TEST(Isotopes, ScoreSeparatesRightFromWrong) {
    const auto pred = sc::isotope_pattern(sc::Formula("C12H18N2"));
    const std::vector<double> good{0.135, 0.010};
    const std::vector<double> chlorine_like{0.14, 0.32};
    const auto g = sc::score_isotopes(good, pred);
    const auto b = sc::score_isotopes(chlorine_like, pred);
    EXPECT_GT(g.score, 0.9);
    EXPECT_LT(b.score, 0.01);
    EXPECT_EQ(g.compared, 2);  // M+2 is below min_predicted but was observed, so it is compared
    // Nothing observed: no information.
    EXPECT_DOUBLE_EQ(sc::score_isotopes({}, pred).score, 0.5);
    // A predicted M+1 of 14 % that is missing is a miss.
    const std::vector<double> missing{0.0};
    EXPECT_LT(sc::score_isotopes(missing, pred).score, 0.2);
}

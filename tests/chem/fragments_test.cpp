// Fragment annotation: exact losses, combinations, fragment ions, charge and isotope handling, on
// m/z values computed from formulas (the real spectra are in tests/signal/ms2_massbank_test.cpp).
#include <gtest/gtest.h>

#include "sidepeak/chem/fragments.hpp"
#include "sidepeak/core/error.hpp"

namespace {
using namespace sidepeak;
using namespace sidepeak::chem;

double mz_of(const char* f) { return Formula(f).mz(); }

TEST(Fragments, ListedLossMassesMatchTheLiterature) {
    auto mass = [](std::string_view name) {
        for (const auto& l : diagnostic_losses()) {
            if (l.name == name) return l.formula.monoisotopic_mass();
        }
        return 0.0;
    };
    EXPECT_NEAR(mass("O"), 15.9949, 1e-4);
    EXPECT_NEAR(mass("OH*"), 17.0027, 1e-4);
    EXPECT_NEAR(mass("H2O"), 18.0106, 1e-4);
    EXPECT_NEAR(mass("Me2NOH"), 61.0528, 1e-4);
    EXPECT_NEAR(mass("CH3SOH"), 63.9983, 1e-4);
    EXPECT_NEAR(mass("SO"), 47.9670, 1e-4);
    EXPECT_NEAR(mass("C2H4"), 28.0313, 1e-4);
    EXPECT_GT(mass("C7H6"), 0.0);  // benzyl increment from the reagent table
    EXPECT_NEAR(Formula("C7H7+").mz(), 91.0542, 1e-4);
}

TEST(Fragments, NOxideLossesAndPrecursor) {
    const Formula prec("C12H19N2O+");  // [M+H]+ of an N-benzyl diazepane N-oxide
    const std::vector<double> mz{mz_of("C12H18N2+"), mz_of("C12H17N2+"), mz_of("C12H19N2O+"), mz_of("C7H7+")};
    const std::vector<double> in{300, 50, 1000, 400};
    const auto a = annotate_fragments(prec, mz, in);
    ASSERT_EQ(a.size(), 4u);
    EXPECT_EQ(a[0].kind, FragmentKind::loss);
    EXPECT_EQ(a[0].loss_name, "OH*");
    EXPECT_EQ(a[1].loss_name, "H2O");
    EXPECT_EQ(a[2].kind, FragmentKind::precursor);
    EXPECT_EQ(a[3].kind, FragmentKind::ion);
    EXPECT_EQ(a[3].formula, Formula("C7H7+"));
    EXPECT_NEAR(a[3].relative_intensity, 0.4, 1e-12);
    EXPECT_EQ(find_loss(a, "OH*").size(), 1u);
    EXPECT_EQ(find_loss(a, "O").size(), 0u);
    EXPECT_NE(find_ion(a, Formula("C7H7+")), nullptr);
}

TEST(Fragments, ToleranceAndPpmError) {
    const Formula prec("C12H19N2O+");
    const double exact = mz_of("C12H17N2+");
    const auto a = annotate_fragments(prec, {exact * (1 + 4e-6), exact * (1 + 30e-6)}, {100, 100});
    EXPECT_EQ(a[0].loss_name, "H2O");
    EXPECT_NEAR(a[0].ppm_error, 4.0, 0.01);
    EXPECT_EQ(a[1].kind, FragmentKind::unassigned);
}

TEST(Fragments, CombinedLossesAndNoNegativeCounts) {
    const Formula prec("C13H23N4O4S+");  // ranitidine S-oxide [M+H]+
    const auto a = annotate_fragments(prec, {mz_of("C11H14N3O3S+")}, {100});
    EXPECT_EQ(a[0].kind, FragmentKind::loss);
    EXPECT_EQ(a[0].loss_name, "H2O + Me2NH");
    // A sulfur-free precursor cannot lose SO or CH3SOH.
    const auto b = annotate_fragments(Formula("C12H19N2+"), {Formula("C12H19N2+").mz() - 47.9670}, {10});
    EXPECT_EQ(b[0].kind, FragmentKind::unassigned);
}

TEST(Fragments, ChargeAwareDoublyChargedPrecursor) {
    const Formula prec("C24H38N4O2+2");  // a doubly protonated dimer with one O
    const double frag = (prec.monoisotopic_mass() - Formula("H2O").monoisotopic_mass()) / 2;
    const auto a = annotate_fragments(prec, {frag}, {1});
    EXPECT_EQ(a[0].loss_name, "H2O");
    EXPECT_EQ(a[0].charge, 2);
}

TEST(Fragments, IsotopePeakIsNotASeparateLoss) {
    // [M+H-H2O]+ and its 13C peak 1.00336 above; with a wide tolerance the 13C peak would also
    // match the OH* loss (17.0027 vs 18.0106 - 1.0034 = 17.0072), but it is the isotope.
    const Formula prec("C18H21N2O+");
    const double w = mz_of("C18H19N2+");
    FragmentOptions o;
    o.tolerance_ppm = 25;
    const auto a = annotate_fragments(prec, {w, w + 1.0033548378}, {1000, 200}, o);
    EXPECT_EQ(a[0].loss_name, "H2O");
    EXPECT_EQ(a[1].kind, FragmentKind::isotope);
    EXPECT_EQ(a[1].isotope_shift, 1);
    EXPECT_TRUE(find_loss(a, "OH*").empty());
    // An intense peak at that place is not an isotope.
    const auto b = annotate_fragments(prec, {w, w + 1.0033548378}, {1000, 900}, o);
    EXPECT_NE(b[1].kind, FragmentKind::isotope);
}

TEST(Fragments, BadArguments) {
    EXPECT_THROW((void)annotate_fragments(Formula("C12H18N2"), {100}, {1}), UsageError);
    EXPECT_THROW((void)annotate_fragments(Formula("C12H19N2+"), {100, 101}, {1}), UsageError);
    EXPECT_TRUE(annotate_fragments(Formula("C12H19N2+"), {}, {}).empty());
}

}  // namespace

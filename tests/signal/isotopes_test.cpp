#include "sidepeak/signal/isotopes.hpp"

#include <cmath>

#include <gtest/gtest.h>

#include "sidepeak/chem/constants.hpp"
#include "sidepeak/chem/formula.hpp"
#include "sidepeak/chem/isotopes.hpp"
#include "sidepeak/signal/lcms_pipeline.hpp"
#include "synthetic_lcms.hpp"

namespace sidepeak::signal {
namespace {

double ppm(double a, double b) { return (a - b) / b * 1e6; }

const Feature* at(const std::vector<Feature>& fs, double mz, double rt) {
    for (const auto& f : fs) {
        if (std::abs(ppm(f.mz, mz)) <= 3.0 && std::abs(f.rt_s - rt) <= 2.0) return &f;
    }
    return nullptr;
}

TEST(Isotopes, ChargeAndIsotopesOfSyntheticIons) {
    const auto syn = test::make_synthetic_run(test::standard_compounds());
    const auto result = process_lcms(syn.run);
    for (const auto& e : syn.expected) {
        const Feature* f = at(result.features, e.mz, e.rt_s);
        ASSERT_NE(f, nullptr) << e.adduct;
        if (e.apex < 1e5) continue;  // weak ions may show no M+1
        EXPECT_EQ(f->charge, e.charge) << e.adduct << " " << e.mz;
        ASSERT_FALSE(f->isotopes.empty()) << e.adduct << " " << e.mz;
        EXPECT_LT(std::abs(ppm(f->isotopes[0], e.m1_mz)), 5.0);
        ASSERT_EQ(f->isotopes.size(), f->isotope_intensities.size());
        EXPECT_GT(f->isotope_intensities[0], 0.05);
        EXPECT_LT(f->isotope_intensities[0], 0.35);
    }
    // Isotope traces are not reported as features of their own.
    for (const auto& e : syn.expected) EXPECT_EQ(at(result.features, e.m1_mz, e.rt_s), nullptr);
}

TEST(Isotopes, RelativeIntensityMatchesTheFormula) {
    const auto syn = test::make_synthetic_run(test::standard_compounds());
    const auto result = process_lcms(syn.run);
    const Feature* f = at(result.features, syn.expected[0].mz, syn.expected[0].rt_s);
    ASSERT_NE(f, nullptr);
    const auto pattern = chem::isotope_pattern(chem::Formula("C12H19N2+"));
    EXPECT_NEAR(f->isotope_intensities[0], chem::relative_abundance(pattern, 1), 0.02);
    EXPECT_GT(isotope_pattern_score(*f, "C12H19N2+"), 0.8);
    // Wrong composition at the same nominal mass: the m/z check fails.
    EXPECT_EQ(isotope_pattern_score(*f, "C11H15N2O+"), 0.0);
    // Tampered ratios score lower.
    Feature bad = *f;
    bad.isotope_intensities[0] *= 3.0;
    EXPECT_LT(isotope_pattern_score(bad, "C12H19N2+"), isotope_pattern_score(*f, "C12H19N2+"));
}

FeatureCandidate candidate(double mz, double rt, double height) {
    FeatureCandidate c;
    c.feature.mz = mz;
    c.feature.rt_s = rt;
    c.feature.intensity = height;
    for (std::uint32_t s = 0; s < 21; ++s) {
        c.scan.push_back(static_cast<std::uint32_t>(rt) - 10 + s);
        const double d = (static_cast<double>(s) - 10.0) / 3.0;
        c.profile.push_back(height * std::exp(-0.5 * d * d));
    }
    return c;
}

TEST(Isotopes, RatioCheckRejectsImplausibleM1) {
    // An "M+1" ten times the "monoisotopic" peak is not an isotope of a 300 Da ion.
    std::vector<FeatureCandidate> cs{candidate(300.0, 100, 1e4), candidate(300.0 + chem::kC13Shift, 100, 1e5)};
    const auto out = group_isotopes(cs);
    ASSERT_EQ(out.size(), 2u);
    EXPECT_EQ(out[0].feature.charge, 0);
    EXPECT_TRUE(out[0].feature.isotopes.empty());
    // Plausible ratio, co-eluting: grouped.
    std::vector<FeatureCandidate> ok{candidate(300.0, 100, 1e5), candidate(300.0 + chem::kC13Shift, 100, 2e4)};
    const auto grouped = group_isotopes(ok);
    ASSERT_EQ(grouped.size(), 1u);
    EXPECT_EQ(grouped[0].feature.charge, 1);
    // Not co-eluting: not grouped.
    std::vector<FeatureCandidate> apart{candidate(300.0, 100, 1e5), candidate(300.0 + chem::kC13Shift, 130, 2e4)};
    EXPECT_EQ(group_isotopes(apart).size(), 2u);
}

TEST(Isotopes, ChargeThreeFromSpacing) {
    std::vector<FeatureCandidate> cs{candidate(500.0, 100, 1e5), candidate(500.0 + chem::kC13Shift / 3, 100, 6e4),
                                     candidate(500.0 + 2 * chem::kC13Shift / 3, 100, 2e4)};
    const auto out = group_isotopes(cs);
    ASSERT_EQ(out.size(), 1u);
    EXPECT_EQ(out[0].feature.charge, 3);
    EXPECT_EQ(out[0].feature.isotopes.size(), 2u);
}

}  // namespace
}  // namespace sidepeak::signal

// Targeted extraction in the LC-MS pass: a weak elution peak below the untargeted S/N limit is
// kept in the targeted pool and extracted at a target m/z (flagged), dropped off-target; the
// reported features do not depend on the pool.
#include "sidepeak/signal/targeted.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "sidepeak/chem/adducts.hpp"
#include "sidepeak/chem/formula.hpp"
#include "sidepeak/signal/lcms_pipeline.hpp"
#include "synthetic_lcms.hpp"

namespace sidepeak::signal {
namespace {

// The standard compounds plus a weak one whose apex stands at about 5 x the run noise.
constexpr const char* kWeakFormula = "C19H24N2";
constexpr double kWeakRt = 250.0;

double weak_mz() {
    return chem::adduct_mz(chem::Formula(kWeakFormula).monoisotopic_mass(), chem::find_adduct("[M+H]+"));
}

// 20 % intensity scatter on every signal point: the weak ion's chromatographic S/N stays below
// 10 as well (with 5 % it reaches 10 against its clean XIC and is reported untargeted).
test::SyntheticRunOptions scattered() {
    test::SyntheticRunOptions o;
    o.intensity_cv = 0.2;
    return o;
}

test::SyntheticRun run_with_weak_ion(double apex) {
    auto compounds = test::standard_compounds();
    compounds.push_back({kWeakFormula, kWeakRt, 3.0, apex, {{"[M+H]+", 1.0}}});
    return test::make_synthetic_run(compounds, scattered());
}

const Feature* near(const std::vector<Feature>& fs, double mz, double ppm = 10.0) {
    for (const auto& f : fs)
        if (std::abs(f.mz - mz) <= ppm * 1e-6 * mz && std::abs(f.rt_s - kWeakRt) < 5.0) return &f;
    return nullptr;
}

double run_noise() {
    static const double noise = process_lcms(test::make_synthetic_run(test::standard_compounds(), scattered()).run).noise;
    return noise;
}

TEST(TargetedExtraction, WeakIonIsInThePoolNotInTheFeatures) {
    const auto syn = run_with_weak_ion(5.0 * run_noise());
    const auto r = process_lcms(syn.run);
    EXPECT_EQ(near(r.features, weak_mz()), nullptr);
    const Feature* p = near(r.sub_threshold, weak_mz());
    ASSERT_NE(p, nullptr);
    EXPECT_GE(p->snr, kDetectionLimitSnr);
    EXPECT_LT(p->snr, LcmsProcessingOptions{}.min_snr);
    EXPECT_EQ(p->limit_snr, LcmsProcessingOptions{}.min_snr);
    EXPECT_FALSE(p->targeted);
}

TEST(TargetedExtraction, KeptAtATargetDroppedOffTarget) {
    const auto r = process_lcms(run_with_weak_ion(5.0 * run_noise()).run);
    const auto at = extract_targeted(r.sub_threshold, {{weak_mz(), 1, 0.0}}, 10.0);
    const Feature* f = near(at, weak_mz());
    ASSERT_NE(f, nullptr);
    EXPECT_TRUE(f->targeted);
    EXPECT_LT(f->snr, LcmsProcessingOptions{}.min_snr);
    // 0.3 Da away is neither the target nor a whole decoy step from it.
    EXPECT_EQ(near(extract_targeted(r.sub_threshold, {{weak_mz() + 0.3, 1, 0.0}}, 10.0), weak_mz()), nullptr);
    // A whole decoy step away: the decoy position gets the same retention.
    EXPECT_NE(near(extract_targeted(r.sub_threshold, {{weak_mz() + 3 * kDecoyStepDa, 1, 0.0}}, 10.0), weak_mz()), nullptr);
    EXPECT_TRUE(extract_targeted(r.sub_threshold, {}, 10.0).empty());
}

TEST(TargetedExtraction, IsotopeRequiredWhenItsSnrAllowsIt) {
    Feature f;
    f.mz = 300.0;
    f.snr = 9.0;
    // M+1 at 40 % of an S/N 9 ion stands at S/N 3.6: an ion without it is not the target.
    EXPECT_TRUE(extract_targeted({f}, {{300.0, 1, 0.4}}, 10.0).empty());
    EXPECT_EQ(extract_targeted({f}, {{300.0, 1, 0.2}}, 10.0).size(), 1u);
    f.isotopes = {301.0034};
    EXPECT_EQ(extract_targeted({f}, {{300.0, 1, 0.4}}, 10.0).size(), 1u);
}

TEST(TargetedExtraction, ReportedFeaturesDoNotDependOnThePool) {
    const auto syn = run_with_weak_ion(5.0 * run_noise());
    LcmsProcessingOptions none;
    none.target_min_snr = 0.0;
    const auto a = process_lcms(syn.run);
    const auto b = process_lcms(syn.run, none);
    EXPECT_TRUE(b.sub_threshold.empty());
    EXPECT_FALSE(a.sub_threshold.empty());
    ASSERT_EQ(a.features.size(), b.features.size());
    for (std::size_t i = 0; i < a.features.size(); ++i) {
        const Feature& x = a.features[i];
        const Feature& y = b.features[i];
        EXPECT_EQ(x.mz, y.mz);
        EXPECT_EQ(x.rt_s, y.rt_s);
        EXPECT_EQ(x.snr, y.snr);
        EXPECT_EQ(x.intensity, y.intensity);
        EXPECT_EQ(x.charge, y.charge);
        EXPECT_EQ(x.isotopes, y.isotopes);
        EXPECT_EQ(x.adduct, y.adduct);
        EXPECT_EQ(x.group, y.group);
        EXPECT_FALSE(x.targeted);
    }
}

}  // namespace
}  // namespace sidepeak::signal

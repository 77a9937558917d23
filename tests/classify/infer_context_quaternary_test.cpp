// Context inference without a stated context in a run whose scan range starts above the candidate
// products (rule c, infer_context.hpp): the quaternary cation of three increments, extracted
// below the untargeted limit with its decoy steps, stands for the reaction.
#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <string>
#include <vector>

#include "infer_context.hpp"
#include "sidepeak/classify/classifier.hpp"
#include "detectors.hpp"
#include "dda_run.hpp"
#include "ms_ions.hpp"
#include "sidepeak/chem/formula.hpp"
#include "sidepeak/signal/ms2_index.hpp"
#include "synthetic.hpp"

namespace sc = sidepeak::classify;
namespace sg = sidepeak::signal;

namespace {

constexpr double kTribenzylQuat = 371.2482;  // C26H31N2+, 1,1,4-tribenzyl-1,4-diazepan-1-ium

// A matrix run scanned from m/z `lo` to 800: 800 features and 3000 pool candidates at random m/z,
// with the quaternary cation in the pool when `quaternary`.
synth::Ms matrix_run(double lo, bool quaternary) {
    synth::Ms ms;
    std::mt19937 gen(7);
    std::uniform_real_distribution<double> mz(lo, 800.0), rt(60.0, 2400.0), lg(4.0, 6.5);
    for (int i = 0; i < 800; ++i) ms.add(mz(gen), rt(gen), std::pow(10.0, lg(gen)), 1);
    for (int i = 0; i < 3000; ++i) ms.r.sub_threshold.push_back(synth::weak_pool_feature(mz(gen), rt(gen)));
    if (quaternary) ms.r.sub_threshold.push_back(synth::weak_pool_feature(kTribenzylQuat, 1900.0));
    return ms;
}

sc::ClassifierInput no_context(const sg::LcmsResult& r) {
    sc::ClassifierInput in;
    in.lcms.push_back(&r);
    return in;
}

}  // namespace

TEST(InferContextQuaternary, ProductBelowTheScanRangeIsReadFromItsQuaternaryCation) {
    const auto ms = matrix_run(300.0, true);
    const auto in = no_context(ms.r);
    const auto ctx = sc::detail::infer_context_from_quaternary(in, ms.r.features, sc::Ms2Access{});
    EXPECT_EQ(ctx.product, "C12H18N2") << ctx.why;
    ASSERT_NE(ctx.reagent, nullptr);
    EXPECT_EQ(ctx.reagent->increment, "C7H6");
    EXPECT_NE(ctx.why.find("quaternary cation"), std::string::npos) << ctx.why;
    // The classifier writes the inferred context into the sample's context.
    const auto out = sc::classify(in);
    EXPECT_EQ(out.context.source, sc::ContextSource::inferred);
    EXPECT_EQ(out.context.product, "C12H18N2");
    EXPECT_NE(out.context.inferred_from.find("quaternary cation"), std::string::npos) << out.context.inferred_from;
}

TEST(InferContextQuaternary, RunWithoutTheCationStaysWithoutContext) {
    const auto ms = matrix_run(300.0, false);
    const auto in = no_context(ms.r);
    EXPECT_TRUE(sc::detail::infer_context_from_quaternary(in, ms.r.features, sc::Ms2Access{}).product.empty());
    EXPECT_EQ(sc::classify(in).context.source, sc::ContextSource::none);
}

TEST(InferContextQuaternary, NotUsedWhereTheProductItselfCouldShow) {
    // Scanned from m/z 150: the mono- and dibenzyl [M+H]+ (191, 281) lie inside the range.
    const auto ms = matrix_run(150.0, true);
    const auto in = no_context(ms.r);
    EXPECT_TRUE(sc::detail::infer_context_from_quaternary(in, ms.r.features, sc::Ms2Access{}).product.empty());
}

namespace {

// A matrix run scanned from m/z 300 whose features each have a data-dependent MS2 scan at their
// apex, with DDA scans at the tribenzyl cation's m/z at `rts` and no feature there.
synth::DdaRun dda_matrix_run(const std::vector<double>& rts) {
    synth::DdaRun run;
    std::mt19937 gen(11);
    std::uniform_real_distribution<double> mz(300.0, 800.0), rt(60.0, 2400.0), lg(4.0, 6.5);
    run.ms.add(300.1, 600.0, 1e4);
    run.ms.add(799.9, 600.0, 1e4);
    for (int i = 0; i < 800; ++i) {
        const auto& f = run.ms.add(mz(gen), rt(gen), std::pow(10.0, lg(gen)), 1);
        run.scans.push_back(synth::dda_scan(f.rt_s, f.mz, {{f.mz - 92.0626, 1.0}, {f.mz, 0.3}}));
    }
    for (double t : rts) run.scans.push_back(synth::dda_scan(t, kTribenzylQuat, {{91.0542, 0.5}, {279.1856, 1.0}}));
    return run;
}

sc::detail::InferredContext infer_with_ms2(const synth::DdaRun& run) {
    const sg::Ms2Index index(run.scans, sg::Ms2IndexOptions{});
    sc::Ms2Access access;
    access.runs = {&index};
    access.feature_run.assign(run.ms.r.features.size(), 0);
    return sc::detail::infer_context_from_quaternary(no_context(run.ms.r), run.ms.r.features, access);
}

}  // namespace

TEST(InferContextQuaternary, CationAndItsHofmannIsobarAtTwoRetentionTimesNameTheReaction) {
    // No feature at the cation's m/z, but DDA scans there at two retention times 400 s apart: the
    // quaternary salt and its ring-opened Hofmann amine, a pair no decoy position of the run shows.
    const auto ctx = infer_with_ms2(dda_matrix_run({1500.0, 1900.0}));
    EXPECT_EQ(ctx.product, "C12H18N2") << ctx.why;
    ASSERT_NE(ctx.reagent, nullptr);
    EXPECT_EQ(ctx.reagent->increment, "C7H6");
    EXPECT_NE(ctx.why.find("two retention times"), std::string::npos) << ctx.why;
}

TEST(InferContextQuaternary, OneElutionAtTheCationsMzIsNoPair) {
    // Two triggers within one peak width are one elution: no pair, no context.
    EXPECT_TRUE(infer_with_ms2(dda_matrix_run({1500.0, 1503.0})).product.empty());
    EXPECT_TRUE(infer_with_ms2(dda_matrix_run({1500.0})).product.empty());
}

namespace {

constexpr double kTrimethylQuat = 143.1543;  // C8H19N2+, 1,1,4-trimethyl-1,4-diazepan-1-ium

// A matrix run (m/z 80-800, each feature with a DDA scan at its apex) holding 1-methyl-1,4-diazepane
// [M+H]+ with its isotopes at 5x the median feature, below the top 1 %; eight decoy positions of
// that m/z hold ions as strong (isotopes in the same ratios), so the product alone is at chance
// 9/401. `pair_rts`: DDA scans at the trimethyl quaternary's m/z, no feature there.
synth::DdaRun methyl_product_run(const std::vector<double>& pair_rts) {
    synth::DdaRun run;
    std::mt19937 gen(5);
    std::uniform_real_distribution<double> mz(80.0, 800.0), rt(60.0, 1200.0), lg(4.0, 6.5);
    run.ms.add(80.1, 600.0, 1e4);
    run.ms.add(799.9, 600.0, 1e4);
    for (int i = 0; i < 800; ++i) {
        const auto& f = run.ms.add(mz(gen), rt(gen), std::pow(10.0, lg(gen)), 1);
        run.scans.push_back(synth::dda_scan(f.rt_s, f.mz, {{f.mz - 45.0578, 1.0}, {f.mz, 0.3}}));
    }
    const sidepeak::chem::Formula product_ion("C6H15N2+");
    for (int j = 0; j <= 9; ++j) {
        if (j == 1) continue;  // +1: the product's own 13C peak
        auto& f = run.ms.with_isotopes(product_ion, 400.0 + 50.0 * j, 1e6, 0.0);
        f.mz += 1.0005 * j;
        for (double& iso : f.isotopes) iso += 1.0005 * j;
    }
    for (double t : pair_rts) run.scans.push_back(synth::dda_scan(t, kTrimethylQuat, {{58.0651, 1.0}, {98.0964, 0.5}}));
    return run;
}

sc::detail::InferredContext infer_product(const synth::DdaRun& run) {
    const sg::Ms2Index index(run.scans, sg::Ms2IndexOptions{});
    sc::Ms2Access access;
    access.runs = {&index};
    access.feature_run.assign(run.ms.r.features.size(), 0);
    const sc::detail::IonTable table(run.ms.r.features, sc::ClassifierOptions{});
    return sc::detail::infer_context_from_ms(run.ms.r.features, table, &access);
}

}  // namespace

TEST(InferContextQuaternary, ProductAtChanceNamesTheReactionWithItsQuaternaryPair) {
    // The product's ion alone (isotopes, 9 of 401 decoy positions as strong) is below the
    // 0.05/14 level; with the trimethyl quaternary's m/z eluting at two retention times (no decoy
    // position does) Fisher's combination of the two rates passes.
    EXPECT_TRUE(infer_product(methyl_product_run({})).product.empty());
    const auto ctx = infer_product(methyl_product_run({300.0, 700.0}));
    EXPECT_EQ(ctx.product, "C6H14N2") << ctx.why;
    ASSERT_NE(ctx.reagent, nullptr);
    EXPECT_EQ(ctx.reagent->increment, "CH2");
    EXPECT_NE(ctx.why.find("quaternary cation elutes at two retention times"), std::string::npos) << ctx.why;
}

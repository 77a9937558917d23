// Context inference without a stated context in a run whose scan range starts above the candidate
// products (rule c, infer_context.hpp): the quaternary cation of three increments, extracted
// below the untargeted limit with its decoy steps, stands for the reaction.
#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <string>

#include "infer_context.hpp"
#include "sidepeak/classify/classifier.hpp"
#include "detectors.hpp"
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

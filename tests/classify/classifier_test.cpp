#include "sidepeak/classify/classifier.hpp"

#include <gtest/gtest.h>

#include "sidepeak/chem/constants.hpp"
#include "sidepeak/core/error.hpp"
#include "synthetic.hpp"

namespace sc = sidepeak::classify;

TEST(Classifier, FourFindingsInOrderEvenWithoutData) {
    sc::ClassifierInput in;
    const auto f = sc::classify_sample(in);
    ASSERT_EQ(f.size(), 4u);
    for (std::size_t i = 0; i < 4; ++i) {
        EXPECT_EQ(f[i].cls, sc::kAllClasses[i]);
        EXPECT_FALSE(f[i].checked);
        EXPECT_FALSE(f[i].detected);
        EXPECT_FALSE(f[i].summary.empty());
    }
}

TEST(Classifier, BadContextIsAUsageError) {
    sc::ClassifierInput in;
    in.context.product = "C12H18Q";
    EXPECT_THROW(sc::classify_sample(in), sidepeak::UsageError);
}

TEST(Classifier, NmrAndMsAgreeingRaiseConfidence) {
    synth::Nmr n;
    synth::benzyl_diazepane(n);
    synth::benzyl_diazepane(n, 0.4);
    n.multiplet(3.55, 1.6, {}, "s");
    synth::Ms ms;
    ms.protonated("C12H18N2", 300, 1e6);
    ms.protonated("C19H24N2", 420, 3e5);

    sc::ClassifierInput only_ms;
    only_ms.context = {"C12H18N2", "BnBr", ""};
    only_ms.lcms = {&ms.r};
    sc::ClassifierInput both = only_ms;
    both.nmr = {&n.r};
    const auto a = sc::classify_sample(only_ms);
    const auto b = sc::classify_sample(both);
    const auto& fa = a[1];
    const auto& fb = b[1];
    EXPECT_TRUE(fa.detected);
    EXPECT_TRUE(fb.detected);
    EXPECT_GT(fb.confidence, fa.confidence);
    EXPECT_NE(fb.summary.find("NMR"), std::string::npos);
    EXPECT_NE(fb.summary.find("LC-MS"), std::string::npos);
    bool has_ms = false, has_nmr = false;
    for (const auto& e : fb.evidence) {
        has_ms = has_ms || e.kind == "ms_ion";
        has_nmr = has_nmr || e.kind == "nmr_region";
    }
    EXPECT_TRUE(has_ms && has_nmr);
}

TEST(Classifier, DisagreementLowersConfidence) {
    synth::Nmr clean;
    synth::benzyl_diazepane(clean);
    synth::Ms ms;
    ms.protonated("C12H18N2", 300, 1e6);
    ms.protonated("C19H24N2", 420, 3e5);
    sc::ClassifierInput only_ms;
    only_ms.context = {"C12H18N2", "BnBr", ""};
    only_ms.lcms = {&ms.r};
    sc::ClassifierInput both = only_ms;
    both.nmr = {&clean.r};
    EXPECT_LT(sc::classify_sample(both)[1].confidence, sc::classify_sample(only_ms)[1].confidence);
}

TEST(Classifier, CleanSampleNothingDetected) {
    synth::Nmr n;
    synth::benzyl_diazepane(n);
    synth::solvents(n);
    n.multiplet(5.30, 0.3, {}, "s");
    synth::Ms ms;
    ms.protonated("C12H18N2", 300, 1e6);
    ms.add(synth::mh("C12H18N2") + sidepeak::chem::kMassNa - sidepeak::chem::kMassH, 300, 1e5);
    sc::ClassifierInput in;
    in.context = {"C12H18N2", "benzyl", ""};
    in.nmr = {&n.r};
    in.lcms = {&ms.r};
    for (const auto& f : sc::classify_sample(in)) {
        EXPECT_TRUE(f.checked) << f.summary;
        EXPECT_FALSE(f.detected) << f.summary;
        EXPECT_GT(f.confidence, 0.5) << f.summary;
    }
}

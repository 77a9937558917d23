#include "sidepeak/classify/classifier.hpp"

#include <cmath>

#include <gtest/gtest.h>

#include "sidepeak/chem/constants.hpp"
#include "detectors.hpp"
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
    // 40 % 1,4-dibenzyl: its own N-CH2Ph and a symmetric ring with all eight N-CH2 alpha to a
    // benzylated N (C2/C3 singlet, C5/C7 triplet), no NH side.
    n.multiplet(7.30, 10 * 0.4, {7.5, 7.5}, "m");
    n.multiplet(3.55, 1.6, {}, "s");
    n.multiplet(2.70, 4 * 0.4, {}, "s");
    n.multiplet(2.64, 4 * 0.4, {6.0, 6.0}, "t");
    n.multiplet(1.80, 2 * 0.4, {6.0, 6.0, 6.0, 6.0}, "quint");
    synth::Ms ms;
    ms.protonated("C12H18N2", 300, 1e6);
    ms.protonated("C19H24N2", 420, 3e5);

    sc::ClassifierInput only_ms;
    only_ms.context = {"C12H18N2", "BnBr", "", {}, ""};
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
        has_ms = has_ms || e.kind == sc::EvidenceKind::ms_ion;
        has_nmr = has_nmr || e.kind == sc::EvidenceKind::nmr_region;
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
    only_ms.context = {"C12H18N2", "BnBr", "", {}, ""};
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
    in.context = {"C12H18N2", "benzyl", "", {}, ""};
    in.nmr = {&n.r};
    in.lcms = {&ms.r};
    for (const auto& f : sc::classify_sample(in)) {
        EXPECT_TRUE(f.checked) << f.summary;
        EXPECT_FALSE(f.detected) << f.summary;
        EXPECT_GT(f.confidence, 0.5) << f.summary;
    }
}

TEST(Classifier, NonProtonNmrIsSkippedWithANote) {
    synth::Nmr c13;
    c13.r.meta.nucleus = "13C";
    c13.multiplet(128.0, 1, {}, "s");
    sc::ClassifierInput in;
    in.nmr.push_back(&c13.r);
    const auto f = sc::classify_sample(in);
    ASSERT_EQ(f.size(), 4u);
    for (const auto& x : f) {
        EXPECT_FALSE(x.checked);
        EXPECT_FALSE(x.detected);
        EXPECT_NE(x.summary.find("13C"), std::string::npos) << x.summary;
    }
}

TEST(Classifier, EvenOddsAreNotADetection) {
    sc::ModalityResult a, b;
    a.checked = b.checked = true;
    a.llr = 0.6;
    b.llr = -0.6;
    a.note = "for";
    b.note = "against";
    EXPECT_FALSE(sc::merge_findings(sc::ByproductClass::n_oxide, {a, b}).detected);
    // A corroborative-only sign counts beside a specific one.
    sc::ModalityResult weak, specific;
    weak.checked = specific.checked = true;
    weak.corroborative_only = true;
    weak.llr = 0.6;
    specific.llr = 0.5;
    const auto f = sc::merge_findings(sc::ByproductClass::n_oxide, {weak, specific});
    EXPECT_TRUE(f.detected);
    EXPECT_NEAR(f.confidence, 1.0 / (1.0 + std::exp(-1.1)), 1e-9);
}

TEST(Classifier, ProductOnlyContextInfersTheReagentFromTheData) {
    // C7H16N2 is 1-ethyl- or 1,4-dimethyl-1,4-diazepane. Without evidence the fewest alkylations
    // win (ethyl, not "dimethyl"); an LC-MS methyl ladder (C8H18N2, C9H21N2+) turns it to methyl.
    sc::ClassifierInput in;
    in.context.product = "C7H16N2";
    const auto bare = sc::classify(in);
    EXPECT_EQ(bare.context.reagent, "ethyl");
    EXPECT_EQ(bare.context.source, sc::ContextSource::inferred);
    EXPECT_NE(bare.context.inferred_from.find("fewest alkylations"), std::string::npos) << bare.context.inferred_from;

    synth::Ms ms;
    ms.protonated("C7H16N2", 200, 1e6);
    ms.protonated("C6H14N2", 150, 2e5);
    ms.protonated("C8H18N2", 230, 2e5);
    in.lcms = {&ms.r};
    const auto ladder = sc::classify(in);
    EXPECT_EQ(ladder.context.reagent, "methyl") << ladder.context.inferred_from;
    EXPECT_NE(ladder.context.inferred_from.find("C8H18N2"), std::string::npos) << ladder.context.inferred_from;

    sc::ClassifierInput given;
    given.context = {"C12H18N2", "benzyl", "", {}, ""};
    EXPECT_EQ(sc::classify(given).context.source, sc::ContextSource::given);
    EXPECT_EQ(sc::classify(sc::ClassifierInput{}).context.source, sc::ContextSource::none);
}

TEST(Classifier, NoContextTakesTheRunsMajorDiazepaneAsProduct) {
    // A run dominated by 1-benzyl-1,4-diazepane (with its 13C peak) and a dibenzyl ladder member:
    // without any context the product and reagent are read from the data, marked as inferred.
    synth::Ms ms;
    for (int i = 0; i < 40; ++i) ms.add(150.0 + 7.3 * i, 60.0 + 9.0 * i, 1e4 * (1 + i % 5));
    ms.protonated("C12H18N2", 300, 5e6);
    ms.protonated("C19H24N2", 420, 4e5);
    sc::ClassifierInput in;
    in.lcms = {&ms.r};
    const auto c = sc::classify(in);
    EXPECT_EQ(c.context.source, sc::ContextSource::inferred) << c.context.inferred_from;
    EXPECT_EQ(c.context.product, "C12H18N2");
    EXPECT_EQ(c.context.reagent, "benzyl");
    EXPECT_TRUE(c.findings[1].detected) << c.findings[1].summary;

    // A weak candidate (not the major component) names nothing.
    synth::Ms weak;
    for (int i = 0; i < 40; ++i) weak.add(150.0 + 7.3 * i, 60.0 + 9.0 * i, 1e5 * (1 + i % 5));
    weak.protonated("C12H18N2", 300, 5e4);
    sc::ClassifierInput w;
    w.lcms = {&weak.r};
    EXPECT_EQ(sc::classify(w).context.source, sc::ContextSource::none);
}

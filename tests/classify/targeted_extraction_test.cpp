// Targeted extraction in the classifier: features kept below the untargeted S/N limit at the
// reaction's predicted m/z (LcmsResult::sub_threshold) are read by the theoretical-m/z look-ups
// when the context is stated, and the same extraction at the decoy m/z controls chance.
#include <gtest/gtest.h>

#include <string>

#include "sidepeak/classify/classifier.hpp"
#include "ms_ions.hpp"
#include "synthetic.hpp"
#include "targeted_ions.hpp"

namespace sc = sidepeak::classify;
namespace ch = sidepeak::chem;
namespace sg = sidepeak::signal;

namespace {

constexpr double kDibenzylMh = 281.2012;   // [M+H]+ of C19H24N2
constexpr double kTribenzylQuat = 371.2482;  // C26H31N2+

// The product strongly, the dibenzyl amine and the tribenzyl quaternary cation only in the pool.
synth::Ms weak_ladder() {
    synth::Ms ms;
    ms.protonated("C12H18N2", 300, 1e6);
    ms.r.sub_threshold.push_back(synth::weak_pool_feature(kDibenzylMh, 420));
    ms.r.sub_threshold.push_back(synth::weak_pool_feature(kTribenzylQuat, 380));
    return ms;
}

sc::ClassifierInput with_context(const sg::LcmsResult& r) {
    sc::ClassifierInput in;
    in.context = sc::resolve_context("C12H18N2", "BnBr");
    in.lcms.push_back(&r);
    return in;
}

bool evidence_says_targeted(const sc::Finding& f) {
    for (const auto& e : f.evidence)
        if (e.label.find("targeted extraction at m/z") != std::string::npos &&
            e.label.find("below the untargeted limit 10") != std::string::npos)
            return true;
    return false;
}

}  // namespace

TEST(TargetedExtraction, TargetsAreTheReactionSpeciesIons) {
    const auto targets = sc::detail::reaction_targets(synth::benzyl_model());
    auto has = [&](double mz, int z) {
        for (const auto& t : targets)
            if (std::abs(t.mz - mz) < 2e-4 && t.charge == z) return true;
        return false;
    };
    EXPECT_TRUE(has(synth::mh("C12H18N2"), 1));  // product [M+H]+
    EXPECT_TRUE(has(kDibenzylMh, 1));            // over-alkylated amine
    EXPECT_TRUE(has(kTribenzylQuat, 1));         // quaternary cation M+
    EXPECT_TRUE(has(synth::mh("C12H18N2O"), 1)); // N-oxide of the product
    EXPECT_TRUE(has(synth::mh("C10H26N4O"), 1)); // hydrolysed linear dimer H-(C5H12N2)2-OH
}

TEST(TargetedExtraction, WeakLadderAtPredictedMzIsCalledWithAContext) {
    const auto ms = weak_ladder();
    const auto found = sc::classify(with_context(ms.r)).findings;
    const auto& over = found[1];
    ASSERT_EQ(over.cls, sc::ByproductClass::over_alkylation);
    EXPECT_TRUE(over.detected) << over.summary;
    EXPECT_TRUE(evidence_says_targeted(over)) << over.summary;
}

TEST(TargetedExtraction, WithoutTheTargetedPoolTheWeakLadderIsNotSeen) {
    auto ms = weak_ladder();
    ms.r.sub_threshold.clear();
    const auto over = sc::classify(with_context(ms.r)).findings[1];
    EXPECT_FALSE(over.detected) << over.summary;
}

TEST(TargetedExtraction, NoContextNoTargetedFeatures) {
    const auto ms = weak_ladder();
    sc::ClassifierInput in;
    in.lcms.push_back(&ms.r);
    const auto result = sc::classify(in);
    for (const auto& f : result.findings) EXPECT_FALSE(evidence_says_targeted(f)) << f.summary;
}

// The route's oligomers follow from the starting amine alone: their ions are targets without a
// context (and only theirs: the ladder of weak_ladder stays unread, NoContextNoTargetedFeatures).
TEST(TargetedExtraction, OligomerTargetsNeedNoContext) {
    const auto targets = sc::detail::oligomer_targets(ch::build_reaction_model({}));
    auto has = [&](double mz) {
        for (const auto& t : targets)
            if (std::abs(t.mz - mz) < 2e-4) return true;
        return false;
    };
    EXPECT_TRUE(has(synth::mh("C17H44N8")));   // linear ethylenediamine-terminated trimer
    EXPECT_TRUE(has(synth::mh("C10H26N4O")));  // hydrolysed linear dimer
    EXPECT_FALSE(has(synth::mh("C12H18N2")));  // no product without a context
}

TEST(TargetedExtraction, WeakOligomerIonReadWithoutAContext) {
    synth::Ms ms;
    ms.protonated("C6H12O6", 200, 1e6);
    ms.r.sub_threshold.push_back(synth::weak_pool_feature(synth::mh("C17H44N8"), 300));
    sc::ClassifierInput in;
    in.lcms.push_back(&ms.r);
    const auto olig = sc::classify(in).findings[0];
    ASSERT_EQ(olig.cls, sc::ByproductClass::oligomer);
    EXPECT_TRUE(evidence_says_targeted(olig)) << olig.summary;
}

TEST(TargetedExtraction, DecoyRichPoolGivesNoCall) {
    // The same weak peaks at every decoy position of the targets (whole decoy steps of 1.0005 Da
    // away): a low-S/N match at the predicted m/z is then what the run holds anywhere.
    auto ms = weak_ladder();
    for (int k = 2; k <= 60; ++k) {
        for (const double sign : {-1.0, 1.0}) {
            ms.r.sub_threshold.push_back(synth::weak_pool_feature(kDibenzylMh + sign * k * sg::kDecoyStepDa, 420));
            ms.r.sub_threshold.push_back(synth::weak_pool_feature(kTribenzylQuat + sign * k * sg::kDecoyStepDa, 380));
        }
    }
    const auto over = sc::classify(with_context(ms.r)).findings[1];
    EXPECT_FALSE(over.detected) << over.summary;
}

TEST(TargetedExtraction, TargetedIonsOnlyForTheoreticalLookups) {
    synth::Ms ms;
    ms.protonated("C12H18N2", 300, 1e6);
    auto t = synth::weak_pool_feature(kDibenzylMh, 420);
    t.targeted = true;
    ms.r.features.push_back(t);
    const sc::detail::IonTable table(ms.r.features, sc::ClassifierOptions{});
    EXPECT_EQ(table.ions().size(), 1u);                  // series and pair searches: untargeted only
    EXPECT_EQ(table.find(kDibenzylMh).size(), 1u);       // theoretical m/z: found
    EXPECT_TRUE(table.find_related(kDibenzylMh).empty());
    EXPECT_TRUE(table.find_untargeted(kDibenzylMh).empty());
}

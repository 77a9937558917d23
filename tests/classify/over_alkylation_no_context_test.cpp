// Over-alkylation without a reaction context: a salt frame whose C6-H2 band holds another
// compound's lines still fits a reagent when the group and the ring N+-CH2 (8H) agree with one
// substituent per ring, or with more (an over-alkylated salt); a frame whose ring N+-CH2 window is
// the overlapped one does not; and a Hofmann product detected without a context is evidence of
// the quaternary salt, so of over-alkylation, whatever the reagent.
#include <gtest/gtest.h>

#include "sidepeak/classify/classifier.hpp"
#include "detectors.hpp"
#include "synthetic.hpp"

namespace sc = sidepeak::classify;
namespace ch = sidepeak::chem;

namespace {
// 1-methyl-1,4-diazepane dihydrochloride in D2O with its HDO line.
void methyl_salt(synth::Nmr& n) {
    synth::methyl_diazepane_salt(n);
    n.multiplet(4.79, 1.0, {}, "s");  // HDO
}
}  // namespace

TEST(OverAlkylationNoContext, SaltWithAPollutedC6BandFitsByTheRingNch2AndTheGroup) {
    // Another compound's quintet (3H, e.g. a GABA-like CH2) on the salt's C6-H2 band: that
    // reference holds 2.5x its 2H and is set aside; the N+-CH3 (3H) and the ring N+-CH2 (8H) agree
    // with one methyl per ring, so the mono-methyl reading is taken.
    synth::Nmr n("D2O");
    methyl_salt(n);
    n.multiplet(2.26, 3, {6.0, 6.0, 6.0, 6.0}, "quint");
    const auto r = sc::over_alkylation_nmr(n.r, ch::ReactionModel{});
    EXPECT_TRUE(r.checked) << r.note;
    EXPECT_NE(r.note.find("fits a mono-methyl diazepane"), std::string::npos) << r.note;
    EXPECT_LE(r.llr, 0.0) << r.note;
}

TEST(OverAlkylationNoContext, OverAlkylatedSaltStillFitsItsReagent) {
    // 60 : 40 mono : 1,4-dimethyl salt in D2O, their N+-CH3 lines coinciding: 1.4 methyl per ring
    // with both ring references agreeing. Over-alkylation only raises the count, so the reagent
    // still fits (the count is the reading, not a misfit) and the surplus is read.
    synth::Nmr n("D2O");
    methyl_salt(n);
    n.multiplet(2.93, 1.2, {}, "s");  // the bis salt's second N+-CH3 per ring, 0.4 x 3H
    const auto r = sc::over_alkylation_nmr(n.r, ch::ReactionModel{});
    EXPECT_TRUE(r.checked) << r.note;
    EXPECT_NE(r.note.find("fits a mono-methyl diazepane"), std::string::npos) << r.note;
    EXPECT_GT(r.llr, 0.0) << r.note;
}

TEST(OverAlkylationNoContext, SaltWithAPollutedRingNch2WindowGivesNoReading) {
    // Another compound's multiplet (8H) in the ring N+-CH2 window: the 2H C6-H2 band alone would
    // carry the count against the group, too small a reference to name a reagent by; no reading.
    synth::Nmr n("D2O");
    methyl_salt(n);
    n.multiplet(3.52, 8, {6.0, 6.0}, "m");
    const auto r = sc::over_alkylation_nmr(n.r, ch::ReactionModel{});
    EXPECT_FALSE(r.checked) << r.note;
}

TEST(OverAlkylationNoContext, HofmannProductImpliesOverAlkylation) {
    // 1-benzyl-1,4-diazepane with a terminal N-allyl group (=CH- ddt 5.86, =CH2 d 5.19 / 5.13 ppm,
    // J 17 / 10.2 / 6.5 Hz; Pretsch): the ring-opened Hofmann amine forms only from the quaternary
    // salt, so without a context the over-alkylation finding carries that evidence too.
    synth::Nmr n;
    synth::benzyl_diazepane(n);
    synth::solvents(n);
    n.multiplet(5.86, 0.3, {17.0, 10.2, 6.5, 6.5}, "ddt");
    n.multiplet(5.19, 0.3, {17.0}, "d");
    n.multiplet(5.13, 0.3, {10.2}, "d");
    sc::ClassifierInput in;
    in.nmr = {&n.r};
    const auto f = sc::classify_sample(in);
    ASSERT_EQ(f.size(), 4u);
    ASSERT_TRUE(f[3].detected) << f[3].summary;
    EXPECT_TRUE(f[1].detected) << f[1].summary;
    EXPECT_NE(f[1].summary.find("quaternary salt"), std::string::npos) << f[1].summary;
}

TEST(OverAlkylationNoContext, CarbamateContextLendsNoHofmannEvidence) {
    // The same spectrum under a Boc context: a carbamate makes no quaternary salt, so the vinyl
    // lines lend over-alkylation nothing.
    synth::Nmr n;
    synth::benzyl_diazepane(n);
    synth::solvents(n);
    n.multiplet(5.86, 0.3, {17.0, 10.2, 6.5, 6.5}, "ddt");
    n.multiplet(5.19, 0.3, {17.0}, "d");
    n.multiplet(5.13, 0.3, {10.2}, "d");
    sc::ClassifierInput in;
    in.context.reagent = "Boc";
    in.nmr = {&n.r};
    const auto f = sc::classify_sample(in);
    ASSERT_EQ(f.size(), 4u);
    EXPECT_EQ(f[1].summary.find("quaternary salt"), std::string::npos) << f[1].summary;
}

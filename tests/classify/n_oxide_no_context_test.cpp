// The NMR N-oxide reading without a context (src/classify/n_oxide_nmr.cpp, without_context): the
// N-CH2 reagents of the table are tried on their mono-product frames; a copy reading that every
// reagent giving one agrees on counts at half the weight; nothing else changes.
#include <gtest/gtest.h>

#include "detectors.hpp"
#include "synthetic.hpp"

namespace sc = sidepeak::classify;
namespace ch = sidepeak::chem;

namespace {
const ch::ReactionModel& no_context() {
    static const ch::ReactionModel m = ch::build_reaction_model({});
    return m;
}
synth::Nmr benzyl_product() {
    synth::Nmr n;
    synth::benzyl_diazepane(n);
    synth::solvents(n);
    return n;
}
}  // namespace

TEST(NOxideNoContext, ModelCarriesNoContext) {
    EXPECT_EQ(no_context().reagent, nullptr);
    EXPECT_FALSE(no_context().product.has_value());
    EXPECT_FALSE(no_context().increment.has_value());
}

TEST(NOxideNoContext, CopyOfTheBenzylGroupIsReadAtHalfWeight) {
    // 5 % N-oxide of 1-benzyl-1,4-diazepane (N-CH2Ph 3.62 -> 4.42, weak ring lines), as in the
    // alpha-copy tests, without any context.
    auto n = benzyl_product();
    n.multiplet(4.42, 2 * 0.05, {}, "s");
    n.multiplet(3.36, 2 * 0.01, {5.6, 5.6}, "t");
    n.multiplet(3.20, 2 * 0.01, {5.6, 5.6}, "t");
    const auto with = sc::n_oxide_nmr(n.r, synth::benzyl_model());
    const auto without = sc::n_oxide_nmr(n.r, no_context());
    ASSERT_GT(with.llr, 0.0) << with.note;
    EXPECT_DOUBLE_EQ(without.llr, 0.5 * with.llr) << without.note;
    EXPECT_FALSE(without.corroborative_only);
    EXPECT_NE(without.note.find("no context; read as the N-oxide of a mono-benzyl"), std::string::npos) << without.note;
}

TEST(NOxideNoContext, NoCopyKeepsTheReagentFreeReading) {
    // The product alone: no reagent reads a copy, so the ring window is read as before.
    const auto n = benzyl_product();
    const auto r = sc::n_oxide_nmr(n.r, no_context());
    EXPECT_LE(r.llr, 0.0) << r.note;
    EXPECT_EQ(r.note.find("no context; read as"), std::string::npos) << r.note;
}

TEST(NOxideNoContext, QuaternaryIsNoNOxideWithoutContext) {
    auto n = benzyl_product();
    n.multiplet(4.42, 4 * 0.05, {}, "s");
    n.multiplet(3.32, 2 * 0.05, {5.8, 5.8}, "t");
    n.multiplet(3.16, 2 * 0.05, {5.8, 5.8}, "t");
    n.multiplet(3.06, 2 * 0.05, {5.5, 5.5}, "t");
    const auto r = sc::n_oxide_nmr(n.r, no_context());
    EXPECT_FALSE(sc::merge_findings(sc::ByproductClass::n_oxide, {r}).detected) << r.note;
}

TEST(NOxideNoContext, CopyOfTheMethylSingletIsReadAtHalfWeight) {
    // 5 % N-oxide of 1-methyl-1,4-diazepane (N-CH3 2.35 -> 3.20, ring N-CH2 pairs at 3.38 / 3.12 in
    // its amount), without any context: the methyl reagent's N-CH3 singlet is tried as well.
    synth::Nmr n;
    n.multiplet(2.90, 2, {6.0, 6.0}, "t");
    n.multiplet(2.86, 2, {6.0, 6.0}, "t");
    n.multiplet(2.58, 4, {6.0, 6.0}, "m");
    n.multiplet(2.35, 3, {}, "s");
    n.multiplet(1.78, 2, {6.0, 6.0, 6.0, 6.0}, "quint");
    n.multiplet(3.20, 3 * 0.05, {}, "s");
    n.multiplet(3.38, 2 * 0.05, {5.8, 5.8}, "t");
    n.multiplet(3.12, 2 * 0.05, {5.8, 5.8}, "t");
    synth::solvents(n);
    const auto without = sc::n_oxide_nmr(n.r, no_context());
    EXPECT_GT(without.llr, 0.0) << without.note;
    EXPECT_FALSE(without.corroborative_only) << without.note;
    EXPECT_NE(without.note.find("mono-methyl"), std::string::npos) << without.note;
}

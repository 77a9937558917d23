#include <gtest/gtest.h>

#include "sidepeak/classify/detectors.hpp"
#include "synthetic.hpp"

namespace sc = sidepeak::classify;
namespace ch = sidepeak::chem;

namespace {
const ch::ReactionModel& benzyl_model() {
    static const ch::ReactionModel m = ch::build_reaction_model({"C12H18N2", "BnBr"});
    return m;
}
synth::Nmr clean() {
    synth::Nmr n;
    synth::benzyl_diazepane(n);
    synth::solvents(n);
    return n;
}
}  // namespace

TEST(NmrDetectors, CleanProductShowsNothing) {
    const auto n = clean();
    const auto& m = benzyl_model();
    const auto olig = sc::oligomer_nmr(n.r, m);
    EXPECT_TRUE(olig.checked);
    EXPECT_LT(olig.llr, 0) << olig.note;
    const auto over = sc::over_alkylation_nmr(n.r, m);
    EXPECT_TRUE(over.checked);
    EXPECT_LT(over.llr, 0) << over.note;
    EXPECT_LT(sc::hofmann_nmr(n.r, m).llr, 0);
    EXPECT_LE(sc::n_oxide_nmr(n.r, m).llr, 0);
}

TEST(NmrDetectors, BroadHumpIsOligomer) {
    auto n = clean();
    n.hump(2.3, 250.0, 2.5);  // ~14 % of the 1H area, 250 Hz wide, in the polyamine region
    const auto r = sc::oligomer_nmr(n.r, benzyl_model());
    EXPECT_GT(r.llr, 1.0) << r.note;
    ASSERT_FALSE(r.evidence.empty());
    EXPECT_EQ(r.evidence[0].kind, "nmr_region");
    EXPECT_GT(*r.evidence[0].area_fraction, 0.05);
    EXPECT_LT(*r.evidence[0].ppm_from, 2.3);
    EXPECT_GT(*r.evidence[0].ppm_to, 2.3);
}

TEST(NmrDetectors, RollingBaselineIsNotAHump) {
    auto n = clean();
    n.roll(0.3, 6.0);
    const auto r = sc::oligomer_nmr(n.r, benzyl_model());
    EXPECT_LT(r.llr, 0) << r.note;
}

TEST(NmrDetectors, SmallOrMisplacedHumpIsNotOligomer) {
    auto n = clean();
    n.hump(2.3, 250.0, 0.2);  // about 1 %: below what integrals can resolve
    EXPECT_LT(sc::oligomer_nmr(n.r, benzyl_model()).llr, 0);
    auto far = clean();
    far.hump(8.5, 250.0, 2.5);  // broad but where no polyamine proton resonates
    EXPECT_LT(sc::oligomer_nmr(far.r, benzyl_model()).llr, 0);
}

TEST(NmrDetectors, ExtraBenzylIntegralIsOverAlkylation) {
    auto n = clean();
    // 40 % dibenzyl: extra N-CH2Ph (2 per molecule) and aromatic, same ring C6-H2.
    synth::benzyl_diazepane(n, 0.4);
    n.multiplet(3.55, 2 * 0.4 * 2, {}, "s");
    const auto r = sc::over_alkylation_nmr(n.r, benzyl_model());
    EXPECT_GT(r.llr, 1.0) << r.note;
}

TEST(NmrDetectors, VinylPatternIsHofmann) {
    auto n = clean();
    n.multiplet(5.86, 0.3, {17.0, 10.2, 6.5, 6.5}, "ddt");
    n.multiplet(5.19, 0.3, {17.0}, "d");
    n.multiplet(5.13, 0.3, {10.2}, "d");
    const auto r = sc::hofmann_nmr(n.r, benzyl_model());
    EXPECT_GT(r.llr, 2.0) << r.note;
    ASSERT_GE(r.evidence.size(), 2u);
    EXPECT_EQ(r.evidence[0].kind, "nmr_signal");
}

TEST(NmrDetectors, EnamineIsHofmann) {
    auto n = clean();
    n.multiplet(6.38, 0.3, {14.8, 8.9}, "dd");
    EXPECT_GT(sc::hofmann_nmr(n.r, benzyl_model()).llr, 1.0);
}

TEST(NmrDetectors, SolventSingletsAreNotAlkenes) {
    auto n = clean();
    n.multiplet(5.30, 0.8, {}, "s");   // CH2Cl2
    n.multiplet(7.26, 0.5, {}, "s");   // CHCl3
    n.multiplet(1.56, 1.0, {}, "s");   // water
    const auto r = sc::hofmann_nmr(n.r, benzyl_model());
    EXPECT_LT(r.llr, 0) << r.note;
    EXPECT_TRUE(r.evidence.empty());
    // A lone singlet in the vinyl window, even away from 5.30, is no vinyl group either.
    auto s = clean();
    s.multiplet(5.95, 0.5, {}, "s");
    EXPECT_LT(sc::hofmann_nmr(s.r, benzyl_model()).llr, 0);
}

TEST(NmrDetectors, AromaticDoubletsAreNotAlkenes) {
    // 1-[2-(4-fluorophenoxy)ethyl]-1,4-diazepane: AA'XX' aromatic 6.80-7.00 with J_HH 9, J_HF 8.5/4.5.
    const auto m = ch::build_reaction_model({"C13H19FN2O", ""});
    synth::Nmr n;
    n.multiplet(6.96, 2, {9.0, 8.5}, "dd");
    n.multiplet(6.84, 2, {9.0, 4.5}, "dd");
    n.multiplet(4.05, 2, {6.0, 6.0}, "t");
    n.multiplet(2.92, 2, {6.0, 6.0}, "t");
    n.multiplet(2.75, 8, {6.0, 6.0}, "m");
    n.multiplet(1.80, 2, {6.0, 6.0, 6.0, 6.0}, "quint");
    // 2-thienylmethyl aromatic signals as well.
    n.multiplet(7.21, 0.5, {5.1, 1.2}, "dd");
    n.multiplet(6.93, 0.5, {5.1, 3.4}, "dd");
    n.multiplet(6.90, 0.5, {3.4, 1.2}, "dd");
    const auto r = sc::hofmann_nmr(n.r, m);
    EXPECT_LT(r.llr, 0) << r.note;
    EXPECT_LT(sc::over_alkylation_nmr(n.r, m).llr, 0);
}

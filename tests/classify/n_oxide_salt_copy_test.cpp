// The NMR N-oxide fingerprint in a salt frame (src/classify/n_oxide_salt_copy.*): the product's
// N+(H)-CH2Ph reappears 0.10-0.50 ppm downfield at its width beside resolved ring lines holding
// the copy's area per H: a call; the quaternary R2N+ (ring lines at half the copy's area per H),
// a copy without ring lines, a bis-alkylated product's line beside the mono's, another
// compound's width and an N-CH3 group are not.
#include <gtest/gtest.h>

#include "detectors.hpp"
#include "n_oxide_salt_copy.hpp"
#include "synthetic.hpp"

namespace sc = sidepeak::classify;
namespace ch = sidepeak::chem;

namespace {
using synth::benzyl_model;

// 1-benzyl-1,4-diazepane dihydrochloride in D2O: ring protons 0.5-0.8 ppm downfield of the free
// base, N+(H)-CH2Ph 4.38 ppm (benzylammonium salts 4.2-4.4, Pretsch), HDO 4.79.
void benzyl_salt(synth::Nmr& n, double scale = 1.0) {
    n.multiplet(7.48, 5, {7.5, 7.5}, "m", scale);
    n.multiplet(4.38, 2, {}, "s", scale);
    n.multiplet(3.66, 2, {6.0, 6.0}, "t", scale);
    n.multiplet(3.58, 2, {6.0, 6.0}, "t", scale);
    n.multiplet(3.48, 4, {6.0, 6.0}, "m", scale);
    n.multiplet(2.24, 2, {6.0, 6.0, 6.0, 6.0}, "quint", scale);
}
synth::Nmr salt_product() {
    synth::Nmr n("D2O");
    benzyl_salt(n);
    n.multiplet(4.79, 1.0, {}, "s");
    return n;
}
bool called(const sc::ModalityResult& r) { return sc::merge_findings(sc::ByproductClass::n_oxide, {r}).detected; }
sc::detail::SaltCopy read(const synth::Nmr& n, const ch::ReactionModel& m) {
    return sc::detail::n_oxide_salt_copy(n.r, m, sc::detail::ring_frame(n.r, m));
}
}  // namespace

TEST(NOxideSaltCopy, TheSaltFrameIsFound) {
    const auto n = salt_product();
    const auto f = sc::detail::ring_frame(n.r, benzyl_model());
    ASSERT_TRUE(f.found);
    EXPECT_TRUE(f.protonated());
    const auto r = sc::n_oxide_nmr(n.r, benzyl_model());
    EXPECT_FALSE(called(r)) << r.note;
    EXPECT_NE(r.note.find("salt"), std::string::npos) << r.note;
}

TEST(NOxideSaltCopy, CopyBesideRingLinesInItsAmountIsCalled) {
    // 10 % N-oxide (protonated): N-CH2Ph 4.38 -> 4.68 (s, 2H x 0.1) and two ring N-CH2 pairs
    // alpha to the N-oxide (t, 2H x 0.1 each) outside the product's ring lines.
    auto n = salt_product();
    n.multiplet(4.68, 2 * 0.1, {}, "s");
    n.multiplet(3.86, 2 * 0.1, {6.0, 6.0}, "t");
    n.multiplet(3.28, 2 * 0.1, {6.0, 6.0}, "t");
    const auto c = read(n, benzyl_model());
    EXPECT_TRUE(c.found) << c.why;
    EXPECT_EQ(c.noxide_lines, 2);
    const auto r = sc::n_oxide_nmr(n.r, benzyl_model());
    EXPECT_DOUBLE_EQ(r.llr, 1.0) << r.note;
    EXPECT_FALSE(r.corroborative_only);
    EXPECT_TRUE(called(r)) << r.note;
    EXPECT_NE(r.note.find("N-oxide pattern in the salt"), std::string::npos) << r.note;
}

TEST(NOxideSaltCopy, QuaternaryInTheSaltIsNoNOxide) {
    // 1,1-dibenzyl-diazepanium beside the salt: N+(CH2Ph)2 4H x 0.05 at 4.68, its ring N+-CH2
    // pairs (2H x 0.05 each) hold half the copy's area per H.
    auto n = salt_product();
    n.multiplet(4.68, 4 * 0.05, {}, "s");
    n.multiplet(3.86, 2 * 0.05, {6.0, 6.0}, "t");
    n.multiplet(3.28, 2 * 0.05, {6.0, 6.0}, "t");
    const auto c = read(n, benzyl_model());
    EXPECT_TRUE(c.quaternary) << c.why;
    EXPECT_FALSE(c.found);
    const auto r = sc::n_oxide_nmr(n.r, benzyl_model());
    EXPECT_FALSE(called(r)) << r.note;
    EXPECT_NE(r.note.find("quaternary"), std::string::npos) << r.note;
}

TEST(NOxideSaltCopy, CopyWithoutRingLinesIsInconclusive) {
    auto n = salt_product();
    n.multiplet(4.68, 2 * 0.1, {}, "s");
    const auto c = read(n, benzyl_model());
    EXPECT_TRUE(c.group != nullptr);
    EXPECT_FALSE(c.found) << c.why;
    const auto r = sc::n_oxide_nmr(n.r, benzyl_model());
    EXPECT_FALSE(called(r)) << r.note;
    EXPECT_NE(r.note.find("considered: alpha-group copy at 4.68"), std::string::npos) << r.note;
}

TEST(NOxideSaltCopy, BisAlkylatedProductBesideTheMonoIsNoCopy) {
    // The 1,4-dibenzyl salt's N+(H)-CH2Ph lies within 0.05 ppm of the mono's: below the range.
    auto n = salt_product();
    n.multiplet(4.42, 4 * 0.3, {}, "s");
    n.multiplet(3.86, 2 * 0.3, {6.0, 6.0}, "t");
    const auto c = read(n, benzyl_model());
    EXPECT_EQ(c.group, nullptr) << c.why;
    EXPECT_FALSE(called(sc::n_oxide_nmr(n.r, benzyl_model())));
}

TEST(NOxideSaltCopy, CopyOfAnotherWidthIsNoCopy) {
    // The same singlet four times wider than the product's lines: another compound's line.
    auto n = salt_product();
    n.line_hz = 4.0;
    n.multiplet(4.68, 2 * 0.1, {}, "s");
    n.line_hz = 1.0;
    n.multiplet(3.86, 2 * 0.1, {6.0, 6.0}, "t");
    n.multiplet(3.28, 2 * 0.1, {6.0, 6.0}, "t");
    const auto c = read(n, benzyl_model());
    EXPECT_EQ(c.group, nullptr) << c.why;
    EXPECT_FALSE(called(sc::n_oxide_nmr(n.r, benzyl_model())));
}

TEST(NOxideSaltCopy, BroadSingletIsNoRingLine) {
    // The only line at the copy's area per H is one broad singlet (an exchange-broadened N+-H or a
    // matrix line): coupled by its width alone, no ring N-CH2 of the N-oxide.
    auto n = salt_product();
    n.multiplet(4.68, 2 * 0.1, {}, "s");
    n.line_hz = 12.0;
    n.multiplet(3.30, 2 * 0.1, {}, "s");
    const auto c = read(n, benzyl_model());
    EXPECT_EQ(c.noxide_lines, 0);
    EXPECT_FALSE(c.found) << c.why;
}

TEST(NOxideSaltCopy, MethylGroupIsNotRead) {
    // 1-methyl-1,4-diazepane salt: an N-CH3 copy at 3.2-3.5 ppm sits among matrix and solvent
    // singlets and the quaternary N+(CH3)2; not read.
    const auto m = ch::build_reaction_model({"C6H14N2", "MeI"});
    synth::Nmr n("D2O");
    n.multiplet(3.72, 2, {6.0, 6.0}, "t");
    n.multiplet(3.58, 2, {6.0, 6.0}, "t");
    n.multiplet(3.47, 4, {6.0, 6.0}, "m");
    n.multiplet(2.93, 3, {}, "s");
    n.multiplet(2.24, 2, {6.0, 6.0, 6.0, 6.0}, "quint");
    n.multiplet(3.30, 3 * 0.1, {}, "s");
    EXPECT_FALSE(read(n, m).applicable);
    EXPECT_FALSE(called(sc::n_oxide_nmr(n.r, m)));
}

TEST(NOxideSaltCopy, MatrixDoubletIsNoQuaternaryRingLine) {
    // A 10 % N-oxide with one resolved ring triplet in its amount, beside another compound's CH-CH
    // doublet (J 6.3 Hz) at half the copy's area per H: a ring N-CH2 (two vicinal CH2 protons) is a
    // triplet or wider multiplet, never a 1:1 doublet, so the doublet does not veto as an R2N+ line.
    auto n = salt_product();
    n.multiplet(4.68, 2 * 0.1, {}, "s");
    n.multiplet(3.86, 2 * 0.1, {6.0, 6.0}, "t");
    n.multiplet(3.39, 2 * 0.05, {6.3}, "d");
    const auto c = read(n, benzyl_model());
    EXPECT_EQ(c.quaternary_lines, 0) << c.why;
    EXPECT_EQ(c.noxide_lines, 1);
    EXPECT_TRUE(c.found) << c.why;
    EXPECT_TRUE(called(sc::n_oxide_nmr(n.r, benzyl_model())));
}

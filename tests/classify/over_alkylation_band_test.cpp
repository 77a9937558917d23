// Over-alkylation NMR at broad lines: the 1,4-disubstituted ring's group line 0.015 ppm from the
// mono product's merges into one band at 10 Hz lines; two lines of the product's own width (its
// C6-H2 quintet's) explain that band, one does not. With the bis ring's symmetric C2/C3 singlet in
// its amount it is a two-line fingerprint; alone it is no reading (a broad matrix line under the
// product's fits it too); below 5 % of rings no reading.
#include <gtest/gtest.h>

#include "detectors.hpp"
#include "synthetic.hpp"

namespace sc = sidepeak::classify;
namespace ch = sidepeak::chem;

namespace {
using synth::benzyl_model;

// 1-benzyl-1,4-diazepane (x mono) and 1,4-dibenzyl-1,4-diazepane (x bis) in CDCl3 at 10 Hz lines:
// the bis N-CH2Ph 0.015 ppm upfield of the mono's, its C2/C3 singlet at 2.60, C5/C7 triplet at
// 2.68, C6-H2 at 1.80 (literature shifts of the two amines, Pretsch).
synth::Nmr broad_mixture(double mono, double bis, bool bis_ring_singlet, bool bis_group) {
    synth::Nmr n;
    n.line_hz = 10.0;
    synth::benzyl_diazepane(n, mono);
    if (bis_group) n.multiplet(3.605, 4, {}, "s", bis);
    if (bis_ring_singlet) n.multiplet(2.60, 4, {}, "s", bis);
    n.multiplet(2.68, 4, {6.0, 6.0}, "t", bis);
    n.multiplet(1.80, 2, {6.0, 6.0, 6.0, 6.0}, "quint", bis);
    n.line_hz = 1.0;
    synth::solvents(n);
    return n;
}
}  // namespace

TEST(OverAlkylationBand, UnresolvedBisLineWithItsRingSingletIsCalled) {
    const auto n = broad_mixture(0.8, 0.2, true, true);
    const auto r = sc::over_alkylation_nmr(n.r, benzyl_model());
    EXPECT_TRUE(r.checked) << r.note;
    EXPECT_GE(r.llr, 2.0) << r.note;
    EXPECT_NE(r.note.find("inside the product's band"), std::string::npos) << r.note;
}

TEST(OverAlkylationBand, OneLineBandWithAForeignSingletIsNoBisAmine) {
    // The product alone with a singlet of another compound on the alkylated side: its group band
    // is one line of the product's width.
    synth::Nmr n;
    n.line_hz = 10.0;
    synth::benzyl_diazepane(n, 1.0);
    n.multiplet(2.60, 4, {}, "s", 0.2);
    n.line_hz = 1.0;
    synth::solvents(n);
    const auto r = sc::over_alkylation_nmr(n.r, benzyl_model());
    EXPECT_TRUE(r.checked) << r.note;
    EXPECT_EQ(r.note.find("inside the product's band"), std::string::npos) << r.note;
    EXPECT_LE(r.llr, 0.0) << r.note;
}

TEST(OverAlkylationBand, TwoLineBandWithoutTheRingSingletIsNoReading) {
    const auto n = broad_mixture(0.8, 0.2, false, true);
    const auto r = sc::over_alkylation_nmr(n.r, benzyl_model());
    EXPECT_TRUE(r.checked) << r.note;
    EXPECT_EQ(r.note.find("inside the product's band"), std::string::npos) << r.note;
    EXPECT_NE(r.note.find("reads as two lines"), std::string::npos) << r.note;
}

TEST(OverAlkylationBand, SecondLineBelowFivePercentOfRingsIsNotRead) {
    // 2 % bis: its line holds ~4 % of the band, within a real line shape's deviation.
    const auto n = broad_mixture(0.98, 0.02, false, true);
    const auto r = sc::over_alkylation_nmr(n.r, benzyl_model());
    EXPECT_TRUE(r.checked) << r.note;
    EXPECT_EQ(r.note.find("inside the product's band"), std::string::npos) << r.note;
}

// Hofmann NMR, N-vinyl (enamine) by-product: its =CH2 read line by line (a d of the =CH-N's trans J
// and a d of its cis J at 3.8-4.3 ppm, four distinct lines, each about twice as tall as the =CH-N's);
// the window's summed multiplet area says nothing, since other compounds' O-CH2 / N-CH2 lines sit
// there too.
#include <gtest/gtest.h>

#include "detectors.hpp"
#include "synthetic.hpp"

namespace sc = sidepeak::classify;

namespace {
using synth::benzyl_model;
synth::Nmr clean() {
    synth::Nmr n("CDCl3", 500.0);
    synth::benzyl_diazepane(n);
    synth::solvents(n);
    return n;
}
// The enamine =CH-N dd (J 15.0 / 9.5 Hz) of `h` protons per H.
void enamine(synth::Nmr& n, double h) { n.multiplet(6.37, h, {15.0, 9.5}, "dd"); }
bool detected(const sc::ModalityResult& r) { return sc::merge_findings(sc::ByproductClass::hofmann, {r}).detected; }
constexpr const char* kDoublets = "=CH2 read line by line";
}  // namespace

TEST(HofmannEnamine, Ch2DoubletsBesideABackgroundMultipletAreThePartner) {
    // Trans =CH2 d at 4.10 (J 15.0) and cis d at 3.92 (J 9.5); a background multiplet of 40x the
    // by-product's area at 3.84 ppm lies in the same window.
    auto n = clean();
    enamine(n, 0.05);
    n.multiplet(4.10, 0.05, {15.0}, "d");
    n.multiplet(3.92, 0.05, {9.5}, "d");
    n.multiplet(3.84, 2.0, {6.5, 6.5}, "t");
    const auto r = sc::hofmann_nmr(n.r, benzyl_model());
    EXPECT_FALSE(r.corroborative_only) << r.note;
    EXPECT_TRUE(detected(r)) << r.note;
    EXPECT_NE(r.note.find(kDoublets), std::string::npos) << r.note;
}

TEST(HofmannEnamine, DdWithoutDoubletsOfItsCouplingsStaysWeak) {
    // The same =CH-N dd beside the background multiplet only: no d of 15.0 or 9.5 Hz at 3.8-4.3.
    auto n = clean();
    enamine(n, 0.05);
    n.multiplet(3.84, 2.0, {6.5, 6.5}, "t");
    n.multiplet(4.05, 0.05, {7.0}, "d");
    const auto r = sc::hofmann_nmr(n.r, benzyl_model());
    EXPECT_TRUE(r.corroborative_only) << r.note;
    EXPECT_FALSE(detected(r)) << r.note;
    EXPECT_EQ(r.note.find(kDoublets), std::string::npos) << r.note;
}

TEST(HofmannEnamine, DoubletsOfAnotherCompoundsSizeAreNoPartner) {
    // Doublets of the right J but 20x the =CH-N's protons: another compound's lines.
    auto n = clean();
    enamine(n, 0.05);
    n.multiplet(4.10, 1.0, {15.0}, "d");
    n.multiplet(3.92, 1.0, {9.5}, "d");
    n.multiplet(3.84, 2.0, {6.5, 6.5}, "t");
    const auto r = sc::hofmann_nmr(n.r, benzyl_model());
    EXPECT_FALSE(detected(r)) << r.note;
    EXPECT_EQ(r.note.find(kDoublets), std::string::npos) << r.note;
}

TEST(HofmannEnamine, AnotherCompoundsMultipletOfTheRightAreaIsNoPartner) {
    // An ether O-CH2 t (J 6.3 Hz) at 4.05 ppm holding twice the =CH-N's area: the area of the =CH2
    // window matches, but no d of the dd's trans or cis J is there.
    auto n = clean();
    enamine(n, 0.05);
    n.multiplet(4.05, 0.10, {6.3, 6.3}, "t");
    const auto r = sc::hofmann_nmr(n.r, benzyl_model());
    EXPECT_TRUE(r.corroborative_only) << r.note;
    EXPECT_FALSE(detected(r)) << r.note;
}

TEST(HofmannEnamine, OneDoubletAloneIsNoPartner) {
    // Only a d of the cis J (9.5 Hz) at 3.92 ppm: one d of the right J and height is found by
    // chance on real backgrounds, so the dd stays weak.
    auto n = clean();
    enamine(n, 0.05);
    n.multiplet(4.10, 3.0, {}, "s");
    n.multiplet(3.92, 0.05, {9.5}, "d");
    const auto r = sc::hofmann_nmr(n.r, benzyl_model());
    EXPECT_TRUE(r.corroborative_only) << r.note;
    EXPECT_FALSE(detected(r)) << r.note;
}

TEST(HofmannEnamine, DdOfThreeResolvedLinesKeepsItsCouplings) {
    // At broad lines two of the dd's four lines are picked as one and the multiplet carries no
    // analysed J: its couplings come from the separations of its three lines (0, 9.5, 24.5 Hz), and
    // the =CH2 doublets are read with them.
    auto n = clean();
    enamine(n, 0.05);
    auto& en = n.r.multiplets.back();
    en.j_hz.clear();
    en.peaks.erase(en.peaks.begin() + 2);
    n.multiplet(4.10, 0.05, {15.0}, "d");
    n.multiplet(3.92, 0.05, {9.5}, "d");
    const auto r = sc::hofmann_nmr(n.r, benzyl_model());
    EXPECT_TRUE(detected(r)) << r.note;
    EXPECT_NE(r.note.find(kDoublets), std::string::npos) << r.note;
}

TEST(HofmannEnamine, OneMultipletHoldingBothCouplingsIsNoCh2Pair) {
    // A dd of another compound at 4.24 ppm (J 15.0 / 9.5): its lines hold a spacing of each J, but
    // both "d" would share its lines; the =CH2 pair is four transitions of two protons.
    auto n = clean();
    enamine(n, 0.05);
    n.multiplet(4.24, 0.10, {15.0, 9.5}, "dd");
    const auto r = sc::hofmann_nmr(n.r, benzyl_model());
    EXPECT_FALSE(detected(r)) << r.note;
}

// Hofmann NMR, N-vinyl (enamine) by-product: its =CH2 read line by line (a d of the =CH-N's trans J
// and a d of its cis J at 3.8-4.3 ppm, each line about twice as tall as the =CH-N's) when the
// window's multiplets also hold another compound's lines, so their summed area says nothing.
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
constexpr const char* kDoublets = "=CH2 doublets of the trans and cis J";
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

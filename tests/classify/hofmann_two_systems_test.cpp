// Hofmann NMR, two allyl groups in one crude (hofmann_nmr.cpp, refit_beside; olefin_fit.cpp,
// claimed =CH2 lines): a weak N-allyl system beside a stronger C-allyl one is fitted with the
// stronger system's =CH2 lines as columns of their own, so its own =CH2 doublets are read and its
// allylic N-CH2 d decides. And a q/dt band in the alkyl window is no CH2 of a vinyl group whose J 17 Hz
// =CH2 partner lies above an alkyl C-allyl group's (hofmann_allyl.cpp, Pascual increments).
#include <string>

#include <gtest/gtest.h>

#include "detectors.hpp"
#include "synthetic.hpp"

namespace sc = sidepeak::classify;

namespace {
using synth::benzyl_model;

// Terminal vinyl group of `h` protons per H: =CH- ddt and the two =CH2 doublets (trans e, cis z).
void vinyl(synth::Nmr& n, double ch, double e, double z, double h) {
    n.multiplet(ch, h, {17.2, 10.5, 6.0, 6.0}, "ddt");
    n.multiplet(e, h, {17.2}, "d");
    n.multiplet(z, h, {10.5}, "d");
}
bool detected(const sc::ModalityResult& r) {
    return sc::merge_findings(sc::ByproductClass::hofmann, {r}).detected;
}
}  // namespace

TEST(HofmannTwoSystems, WeakNAllylBesideAStrongCAllylIsRead) {
    // 500 MHz CDCl3: an aryl C-allyl compound (=CH- 5.93, =CH2 5.29/5.10, ArCH2 d 3.31 ppm) five
    // times as strong as the N-allyl by-product (=CH- 6.06, =CH2 5.16/5.01, N-CH2 d 3.17 ppm). The
    // by-product's fit over the =CH2 window alone puts its cis =CH2 on the stronger system's 5.10 d.
    synth::Nmr n("CDCl3", 500.0);
    synth::benzyl_diazepane(n);
    synth::solvents(n);
    vinyl(n, 5.93, 5.29, 5.10, 0.5);
    n.multiplet(3.31, 1.0, {6.0}, "d");
    vinyl(n, 6.06, 5.155, 5.012, 0.1);
    n.multiplet(3.17, 0.2, {6.0}, "d");
    const auto r = sc::hofmann_nmr(n.r, benzyl_model());
    EXPECT_TRUE(detected(r)) << r.note;
    EXPECT_NE(r.note.find("=CH- 6.06"), std::string::npos) << r.note;
}

TEST(HofmannTwoSystems, QdtBandIsNoCh2OfAVinylWithNonAlkylCh2Shifts) {
    // One N-allyl system (=CH2 J 17 Hz partner at 5.16 ppm, above an alkyl C-allyl group's <= 5.05)
    // with its N-CH2 d at 3.08 ppm, beside another compound's q at 2.00 ppm (2H : 1H, J 6 Hz).
    synth::Nmr n("CDCl3", 400.0);
    synth::benzyl_diazepane(n);
    synth::solvents(n);
    vinyl(n, 5.88, 5.16, 5.08, 0.1);
    n.multiplet(3.08, 0.2, {6.0}, "d");
    n.multiplet(2.00, 0.2, {6.0, 6.0, 6.0}, "q");
    const auto r = sc::hofmann_nmr(n.r, benzyl_model());
    EXPECT_TRUE(detected(r)) << r.note;
    EXPECT_NE(r.note.find("considered: the q/dt band"), std::string::npos) << r.note;
}

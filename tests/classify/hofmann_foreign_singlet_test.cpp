// Hofmann NMR, the joint vinyl fit beside another compound's tall singlet in the =CH2 window: a
// =CH2 proton is a d, never a lone line, so a lone line far taller than the =CH- ddt could make one
// gets a column of its own and the trans =CH2 d beside it is still read.
#include <gtest/gtest.h>

#include "detectors.hpp"
#include "synthetic.hpp"

namespace sc = sidepeak::classify;

namespace {
using synth::benzyl_model;
bool detected(const sc::ModalityResult& r) { return sc::merge_findings(sc::ByproductClass::hofmann, {r}).detected; }
synth::Nmr with_vinyl() {
    // 300 MHz, 0.9 Hz lines: N-allyl ddt at 5.874, trans =CH2 d at 5.250 (lines 5.278 / 5.222), cis
    // d at 4.976, allylic N-CH2 d at 3.05.
    synth::Nmr n("CDCl3", 300.0);
    n.line_hz = 0.9;
    synth::benzyl_diazepane(n);
    synth::solvents(n);
    n.multiplet(5.874, 0.1, {17.0, 10.3, 6.5, 6.5}, "ddt");
    n.multiplet(5.250, 0.1, {17.0}, "d");
    n.multiplet(4.976, 0.1, {10.3}, "d");
    n.multiplet(3.05, 0.2, {6.5}, "d");
    return n;
}
}  // namespace

TEST(HofmannForeignSinglet, TallSingletBesideATransCh2LineGetsItsOwnColumn) {
    // A lone singlet of 1H (80x the ddt's tallest line) 0.8 Hz from the trans d's lower line.
    auto n = with_vinyl();
    n.multiplet(5.2245, 1.0, {}, "s");
    const auto r = sc::hofmann_nmr(n.r, benzyl_model());
    EXPECT_NE(r.note.find("N-allyl group:"), std::string::npos) << r.note;
    EXPECT_TRUE(detected(r)) << r.note;
}

TEST(HofmannForeignSinglet, WithoutTheSingletTheSystemIsReadAsBefore) {
    const auto n = with_vinyl();
    const auto r = sc::hofmann_nmr(n.r, benzyl_model());
    EXPECT_TRUE(detected(r)) << r.note;
}

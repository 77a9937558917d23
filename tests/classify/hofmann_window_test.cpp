// Hofmann NMR, the =CH2 window of a picked =CH- seed: when only one =CH2 doublet is a picked
// multiplet of the =CH-'s size, the joint fit is repeated over the whole =CH2 window.
#include <gtest/gtest.h>

#include <numbers>

#include "detectors.hpp"
#include "synthetic.hpp"

namespace sc = sidepeak::classify;
namespace ch = sidepeak::chem;

namespace {
using synth::benzyl_model;
synth::Nmr clean() {
    synth::Nmr n("CDCl3", 400.0);
    synth::benzyl_diazepane(n);
    synth::solvents(n);
    return n;
}
// A doublet added to the spectrum only (no picked lines, no multiplet record).
void unpicked_doublet(synth::Nmr& n, double ppm, double protons, double j) {
    const double mhz = n.r.spectrum.spectrometer_mhz, w_ppm = n.line_hz / mhz;
    for (double off : {-j / 2, j / 2})
        n.line(ppm + off / mhz, protons * 0.5 / (std::numbers::pi / 2 * w_ppm), n.line_hz, false);
}
bool detected(const sc::ModalityResult& r) { return sc::merge_findings(sc::ByproductClass::hofmann, {r}).detected; }
}  // namespace

TEST(HofmannWindow, TransCh2OutsideThePickedPartnerIsFoundInTheWholeWindow) {
    // N-allyl by-product: picked ddt at 5.85, picked cis =CH2 d at 5.08, N-CH2 d at 3.05; the trans
    // =CH2 d at 5.20 is in the spectrum but not picked. The partner window (the cis d's lines)
    // ends ~0.03 ppm above 5.08: the trans d lies beyond it.
    auto n = clean();
    n.multiplet(5.85, 0.1, {17.0, 10.2, 6.5, 6.5}, "ddt");
    n.multiplet(5.08, 0.1, {10.2}, "d");
    unpicked_doublet(n, 5.20, 0.1, 17.0);
    n.multiplet(3.05, 0.2, {6.5}, "d");
    const auto r = sc::hofmann_nmr(n.r, benzyl_model());
    EXPECT_TRUE(detected(r)) << r.note;
    EXPECT_NE(r.note.find("N-allyl group:"), std::string::npos) << r.note;
}

TEST(HofmannWindow, DdtWithoutAnyTransCh2StaysUnconfirmed) {
    // The same without the trans =CH2 anywhere: the whole window holds no second doublet.
    auto n = clean();
    n.multiplet(5.85, 0.1, {17.0, 10.2, 6.5, 6.5}, "ddt");
    n.multiplet(5.08, 0.1, {10.2}, "d");
    n.multiplet(3.05, 0.2, {6.5}, "d");
    const auto r = sc::hofmann_nmr(n.r, benzyl_model());
    EXPECT_FALSE(detected(r)) << r.note;
}

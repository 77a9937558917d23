// Over-alkylation NMR: the ring frame's product line width is read from a line, never from a broad
// envelope in the diagnostic window; without a context, a salt whose ring cannot be split fits a
// reagent when both ring references agree with one substituent per ring.
#include <gtest/gtest.h>

#include <numbers>

#include "detectors.hpp"
#include "nmr_tools.hpp"
#include "synthetic.hpp"

namespace sc = sidepeak::classify;
namespace ch = sidepeak::chem;

namespace {
using synth::benzyl_model;

// A broad Lorentzian recorded by the picker as a one-line "s" (an envelope or rolling baseline
// under the product's singlet): `protons` of area at `w_hz` FWHM.
void broad_singlet(synth::Nmr& n, double ppm, double w_hz, double protons) {
    const double w_ppm = w_hz / n.r.spectrum.spectrometer_mhz;
    const double h = protons / (std::numbers::pi / 2 * w_ppm);
    sidepeak::signal::Multiplet m;
    m.ppm = ppm;
    m.multiplicity = sidepeak::signal::Multiplicity::singlet();
    m.peaks.push_back(n.r.peaks.size());
    m.area = n.line(ppm, h, w_hz);
    m.ppm_from = ppm + w_ppm;
    m.ppm_to = ppm - w_ppm;
    n.r.multiplets.push_back(m);
}

// 1-methyl-1,4-diazepane dihydrochloride in D2O with its HDO line.
void methyl_salt(synth::Nmr& n) {
    synth::methyl_diazepane_salt(n);
    n.multiplet(4.79, 1.0, {}, "s");  // HDO
}
}  // namespace

TEST(OverAlkylationFrame, BroadEnvelopeInTheGroupWindowIsNoProductLineWidth) {
    // 1-benzyl-1,4-diazepane at 1 Hz lines with a 600 Hz "singlet" of twice its N-CH2Ph area 0.15 ppm
    // upfield in the group window: the frame reads the product at its own singlet's width.
    synth::Nmr n;
    synth::benzyl_diazepane(n, 1.0);
    synth::solvents(n);
    broad_singlet(n, 3.47, 600.0, 4.0);
    const auto f = sc::detail::ring_frame(n.r, benzyl_model());
    EXPECT_TRUE(f.found);
    EXPECT_LT(f.line_hz, 5.0) << f.line_hz;
}

TEST(OverAlkylationFrame, SaltWithoutContextFitsByItsRingReferences) {
    // No context: the salt's ring cannot be split by side, but C6-H2 (2H), ring N+-CH2 (8H) and the
    // N-CH3 singlet (3H) agree with one methyl per ring: the mono-methyl reading is taken.
    synth::Nmr n("D2O");
    methyl_salt(n);
    const auto r = sc::over_alkylation_nmr(n.r, ch::ReactionModel{});
    EXPECT_TRUE(r.checked) << r.note;
    EXPECT_NE(r.note.find("fits a mono-methyl diazepane"), std::string::npos) << r.note;
    EXPECT_LE(r.llr, 0.0) << r.note;
}

TEST(OverAlkylationFrame, WithoutContextTheAromaticLinesTellThienylmethylFromBenzyl) {
    // A 1-(2-thienylmethyl)-1,4-diazepane whose N-CH2 singlet (3.72 ppm) lies in both the N-CH2Ph
    // and the N-CH2-thienyl window: both reagents fit the ring; the thiophene H3/H4 (2H, 6.92 ppm)
    // and H5 (1H, 7.21 ppm) fit the thienylmethyl group and not a phenyl (5H at 7.2-7.4, none
    // below 7.1), so the thienylmethyl reading is taken.
    synth::Nmr n;
    n.multiplet(7.21, 1, {5.0, 1.2}, "dd");
    n.multiplet(6.92, 2, {5.0, 3.5}, "m");
    n.multiplet(3.72, 2, {}, "s");
    n.multiplet(2.92, 2, {6.0, 6.0}, "t");
    n.multiplet(2.86, 2, {6.0, 6.0}, "t");
    n.multiplet(2.66, 4, {6.0, 6.0}, "m");
    n.multiplet(1.78, 2, {6.0, 6.0, 6.0, 6.0}, "quint");
    synth::solvents(n);
    const auto r = sc::over_alkylation_nmr(n.r, ch::ReactionModel{});
    EXPECT_TRUE(r.checked) << r.note;
    EXPECT_NE(r.note.find("fits a mono-2-thienylmethyl diazepane"), std::string::npos) << r.note;
    EXPECT_NE(r.note.find("aromatic lines"), std::string::npos) << r.note;
}

TEST(OverAlkylationFrame, DisagreeingReferencesNameTheirFiguresAndOpenChainLines) {
    // 1-methyl-1,4-diazepane dihydrochloride in D2O reading 1.5 methyl per ring, and an ethyl
    // compound whose CH2 quartet (J 7.3 Hz, 12H worth) sits in the ring N+-CH2 window: no reference
    // pair agrees, and the note gives each reference's figure and names the quartet.
    const auto model = ch::build_reaction_model({"C6H14N2", "MeI"});
    synth::Nmr n("D2O");
    n.multiplet(3.72, 2, {6.0, 6.0}, "t");
    n.multiplet(3.58, 2, {6.0, 6.0}, "t");
    n.multiplet(3.47, 4, {6.0, 6.0}, "m");
    n.multiplet(2.93, 4.5, {}, "s");
    n.multiplet(2.24, 2, {6.0, 6.0, 6.0, 6.0}, "quint");
    n.multiplet(3.30, 12, {7.3, 7.3, 7.3}, "q");
    n.multiplet(1.25, 18, {7.3, 7.3}, "t");
    n.multiplet(4.79, 1.0, {}, "s");
    const auto r = sc::over_alkylation_nmr(n.r, model);
    EXPECT_FALSE(r.checked) << r.note;
    EXPECT_NE(r.note.find("N-CH3 s as 1 substituent(s) 0.60x"), std::string::npos) << r.note;
    EXPECT_NE(r.note.find("open-chain couplings in the ring N-CH2 window, another compound's: q 3.30 ppm J 7.3 Hz"),
              std::string::npos)
        << r.note;
}

TEST(OverAlkylationFrame, DisagreeingSmallerC6IsNamedAsHoldingLess) {
    // The salt's C6-H2 quintet at a quarter of its area (another compound's band as the only anchor)
    // while the N-CH3 singlet agrees with the ring N+-CH2: a reference is set aside only for extra
    // area, so no count; the note says which pair agrees and what the smaller band lacks.
    const auto model = ch::build_reaction_model({"C6H14N2", "MeI"});
    synth::Nmr n("D2O");
    n.multiplet(3.72, 2, {6.0, 6.0}, "t");
    n.multiplet(3.58, 2, {6.0, 6.0}, "t");
    n.multiplet(3.47, 4, {6.0, 6.0}, "m");
    n.multiplet(2.93, 3, {}, "s");
    n.multiplet(2.24, 0.5, {6.0, 6.0, 6.0, 6.0}, "quint");
    n.multiplet(4.79, 1.0, {}, "s");
    const auto r = sc::over_alkylation_nmr(n.r, model);
    EXPECT_FALSE(r.checked) << r.note;
    EXPECT_NE(r.note.find("the group agrees with the ring N-CH2 but the C6-H2 band holds less"), std::string::npos) << r.note;
}

TEST(OverAlkylationFrame, SaltQuintetBesideEthylAcetatePositionAnchorsTheFrame) {
    // A 1-methyl-1,4-diazepane salt in CDCl3 whose C6-H2 quintet is centred at 2.03 ppm, 0.02 ppm
    // from ethyl acetate's CH3 position (2.05, Fulmer 2010) but with no line on it: the quintet is
    // the ring's own and anchors the frame.
    synth::Nmr n;
    n.multiplet(3.45, 2, {6.0, 6.0}, "t");
    n.multiplet(3.35, 2, {6.0, 6.0}, "t");
    n.multiplet(3.20, 4, {6.0, 6.0}, "m");
    n.multiplet(2.95, 3, {}, "s");
    n.multiplet(2.03, 2, {6.0, 6.0, 6.0, 6.0}, "quint");
    synth::solvents(n);
    const auto r = sc::over_alkylation_nmr(n.r, ch::build_reaction_model({"C6H14N2", "MeI"}));
    EXPECT_TRUE(r.checked) << r.note;
    EXPECT_NE(r.note.find("C6-H2 2.03 ppm"), std::string::npos) << r.note;
}
